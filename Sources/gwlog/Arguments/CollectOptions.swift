import GwlogCloud
import GwlogEngine

/// The options of `gwlog collect` (docs/collect.md), validated into a scope and settings.
struct CollectOptions: Sendable {
  /// What `--gateway` means for `collect` (the option itself is `explain`'s too).
  static let gatewayHelp =
    "collect gateway NAME (an ID with --project and --location, or "
    + "projects/P/locations/L/gateways/G); may be repeated"

  /// The options only `collect` takes, in the order help lists them.
  static let specs: [OptionSpec] = [
    OptionSpec(
      name: "project", short: nil, valueName: "P",
      help: "the project of --gateway, or one whose gateways --all-gateways collects; alone, "
        + "a project read whole from Cloud Asset Inventory",
      commands: [.collect]),
    OptionSpec(
      name: "organization", short: nil, valueName: "O",
      help: "read organization O whole from Cloud Asset Inventory; may be repeated",
      commands: [.collect]),
    OptionSpec(
      name: "folder", short: nil, valueName: "F",
      help: "read folder F whole from Cloud Asset Inventory; may be repeated",
      commands: [.collect]),
    OptionSpec(
      name: "location", short: nil, valueName: "L",
      help: "the region of --gateway (us-central1)", commands: [.collect]),
    OptionSpec(
      name: "all-gateways", short: nil, valueName: nil,
      help: "collect every gateway of each --project", commands: [.collect]),
    OptionSpec(
      name: "backend-project", short: nil, valueName: "P",
      help: "a project to search for backends whose URL names none (*.a.run.app); may be "
        + "repeated",
      commands: [.collect]),
    OptionSpec(
      name: "dry-run", short: nil, valueName: nil,
      help: "print the gcloud commands the collection starts with, and run none",
      commands: [.collect]),
    OptionSpec(
      name: "gcloud", short: nil, valueName: "PATH",
      help: "the gcloud to run (default: $GWLOG_GCLOUD, else gcloud on PATH)",
      commands: [.collect]),
    OptionSpec(
      name: "jobs", short: nil, valueName: "N",
      help: "run at most N gcloud commands at a time (default 4)", commands: [.collect]),
  ]

  /// What to collect.
  var scope = CollectScope()
  /// `-o DIR`.
  var folder = "gcloud-snapshot"
  /// `--dry-run`.
  var dryRun = false
  /// `--gcloud PATH`.
  var gcloud: String?
  /// `--jobs N`.
  var jobs = 4
  /// `--color` / `--no-color`.
  var color = ColorChoice.auto

  /// Validates the split command line; usage errors are appended to `errors`.
  init(_ arguments: SplitArguments, errors: inout [Diagnostic]) {
    var gateways: [String] = []
    var projects: [String] = []
    var location: String?
    var allGateways = false
    for option in arguments.options {
      guard option.spec.commands.contains(.collect) else {
        errors.append(UsageErrors.notApplicable(option.spelling, to: .collect))
        continue
      }
      let value = option.value ?? ""
      switch option.spec.name {
      case "gateway": gateways.append(value)
      case "project": projects.append(value)
      case "organization": scope.assetScopes.append("organizations/\(value)")
      case "folder": scope.assetScopes.append("folders/\(value)")
      case "location": location = value
      case "all-gateways": allGateways = true
      case "backend-project": scope.backendProjects.append(value)
      case "dry-run": dryRun = true
      case "gcloud": gcloud = value
      case "out": folder = value
      case "no-color": color = .never
      case "color":
        guard let choice = ColorChoice(rawValue: value) else {
          errors.append(UsageErrors.unknownColorChoice(value))
          continue
        }
        color = choice
      case "jobs":
        guard let n = Int(value), n >= 1, n <= 64 else {
          errors.append(
            UsageErrors.invalidValue(
              value, for: option.spec, expected: "a whole number from 1 to 64"))
          continue
        }
        jobs = n
      default: break
      }
    }
    if arguments.positionals.count > 1 {
      errors.append(
        .error(
          .usage, "`gwlog collect` takes no PATH; `\(arguments.positionals[1])` is extra",
          help: "name the folder to write with `-o DIR`"))
    }
    if allGateways {
      if projects.isEmpty {
        errors.append(
          .error(
            .usage, "`--all-gateways` needs `--project P`",
            help: "write `gwlog collect --all-gateways --project P`"))
      }
      scope.allGatewaysProjects = projects
    }
    for gateway in gateways {
      let parts = gateway.split(separator: "/").map(String.init)
      if parts.count == 6, parts[0] == "projects", parts[2] == "locations", parts[4] == "gateways" {
        scope.gateways.append(
          GatewayReference(project: parts[1], location: parts[3], name: parts[5]))
        continue
      }
      guard projects.count == 1, let location else {
        errors.append(
          .error(
            .usage, "`--gateway \(gateway)` needs one `--project P` and a `--location L`",
            help: "write `gwlog collect --gateway \(gateway) --project P --location us-central1`, "
              + "or name it as `projects/P/locations/L/gateways/\(gateway)`"))
        continue
      }
      scope.gateways.append(
        GatewayReference(project: projects[0], location: location, name: gateway))
    }
    if gateways.isEmpty && !allGateways {
      // The scope route: `--project P` alone is a project read whole.
      scope.assetScopes += projects.map { "projects/\($0)" }
      if scope.assetScopes.isEmpty {
        errors.append(
          .error(
            .usage,
            "`gwlog collect` needs `--gateway G`, `--all-gateways`, or a scope "
              + "(`--organization O`, `--folder F`, `--project P`)",
            help: "write `gwlog collect --gateway G --project P --location L -o DIR`, or "
              + "`gwlog collect --organization O -o DIR`"))
      }
      if let location {
        errors.append(
          .error(
            .usage, "`--location \(location)` needs `--gateway G`",
            help: "leave it out to read the whole scope"))
      }
    } else if !scope.assetScopes.isEmpty {
      errors.append(
        .error(
          .usage,
          "`--organization` and `--folder` read a whole scope, without `--gateway` or "
            + "`--all-gateways`",
          help: "run one `gwlog collect` per route, into different folders"))
    }
  }
}

/// The help texts of `gwlog collect`.
enum CollectHelp {
  static let synopsis =
    "collect (--gateway G --project P --location L | --all-gateways --project P | "
    + "--organization O | --folder F | --project P) [-o DIR] [options]"
  static let summary = "run gcloud from gateways to everything their routes rest on"
  static let details = """
    Runs gcloud (528 or later, already logged in) along the chain from each gateway to what
    its routes rest on: the gateway, its API config with the OpenAPI documents, the backend
    behind every address, the backends' allow policies, their projects, folders and
    organization with their allow policies, deny policies and the organization policies the
    model reads, the members of every group a policy names, the gateway's service account
    and, when a deny rule has a condition, the backends' effective tags. Each output is
    written into DIR (default gcloud-snapshot) under the naming convention gwlog reads, with
    a log of every command (gwlog-collect.jsonl). A read that fails is logged, never
    written, and the verdicts that rest on it say unknown and why. Running again refreshes
    the folder. Addresses of the form SERVICE-HASH-REGION.a.run.app name no project: name
    the projects to search with --backend-project. Progress is shown on a terminal.

    With --organization O, --folder F or --project P alone, it reads the whole scope from
    Cloud Asset Inventory instead (gcloud asset list, resources and allow policies), then
    what Cloud Asset does not hold: the deny policies at every node, the members of every
    group a policy names, and the nodes above the scope.
    """
}
