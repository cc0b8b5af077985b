#!/usr/bin/env python3
"""A realistic Google Cloud organisation as gcloud JSON output and Cloud Asset export NDJSON.

usage: gen-gcp-org.py --out DIR [--projects N] [--seed S] [--format gcloud|asset|both]
                      [--at RFC3339] [--roles PATH] [--service-agent-editor P]

Writes, deterministically for a seed (docs/benchmarks.md):

  DIR/gcloud/   the files `gcloud ... --format=json > FILE` prints for the organisation, named
                by the convention of docs/file-naming.md, in one folder per kind; this is the
                folder to give gwlog (`gwlog query 'canInvoke(X, Y)' DIR/gcloud --at ...`)
  DIR/asset/    (--format asset or both) `gcloud asset export` output: resource.ndjson and
                iam-policy.ndjson (snake_case records), plus supplement/ with what Cloud Asset
                does not export (group memberships, deny policies, service accounts, custom
                roles) as gcloud JSON
  DIR/meta.json written last: counts, sizes, every API Gateway route with the verdict and cause
                the generator intended, and the names the benchmark asks about

The organisation: folders by business unit, environment and team; most projects carry a
handful of bindings of predefined roles (taken from facts/gcp/roles.tsv) to groups, users and
service accounts, some conditional; a few big shared projects carry many; basic roles are rare.
Cloud Run services, 1st and 2nd gen functions and App Engine apps sit in a part of the projects;
groups nest; deny policies and organization policies sit at some nodes; and a few dozen API
gateways route to backends through configs whose routes work or break for every cause the
Google Cloud model knows (docs/google-cloud-model.md, facts/gcp/diagnostics.dl). Coverage is
complete (every allow policy, the deny policies listed at every node, every group read), so
each verdict is yes or no, never unknown. The generator checks every intended verdict against
its own small evaluation of the routes before writing (a disagreement is a generator bug).
"""
import argparse
import base64
import hashlib
import json
import math
import os
import random
import shutil
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ROLES = os.path.join(ROOT, "facts", "gcp", "roles.tsv")
DEFAULT_AT = "2026-11-25T00:00:00Z"

INVOKE_RUN = "run.routes.invoke"
INVOKE_GCF = "cloudfunctions.functions.invoke"
INVOKE_IAP = "iap.webServiceVersions.accessViaIAP"

REGIONS = [("us-central1", "uc", 50), ("europe-west1", "ew", 20), ("us-east1", "ue", 12),
           ("europe-west4", "ez", 8), ("asia-northeast1", "an", 5), ("us-west1", "uw", 5)]
APP_LOCATIONS = [("us-central", "uc"), ("europe-west", "ew"), ("us-east1", "ue")]

FIRST = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
         "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter",
         "yasmin", "zoe", "amir", "bea", "chen", "dara", "emeka", "farah", "gus", "hana", "ines",
         "jonas", "kai", "lena", "mateo", "noor", "omar", "priya", "quinn", "rosa", "sven",
         "tomas", "uma", "vera", "wei", "ximena", "yuki", "zaid"]
LAST = ["smith", "jones", "garcia", "muller", "rossi", "dubois", "silva", "kim", "tanaka",
        "nguyen", "patel", "khan", "novak", "berg", "costa", "lopez", "meyer", "olsen",
        "petrov", "quist", "reyes", "sato", "weber", "young", "zhang", "adeyemi", "bauer",
        "cohen", "diaz", "eriksen", "fischer", "gomez", "horvat", "ivanova", "jansen", "kowalski"]
BUS = ["payments", "retail", "logistics", "identity", "data", "marketing", "finance", "hr",
       "support", "media", "search", "ads", "maps", "devices", "health", "travel", "gaming",
       "security", "research", "legal", "sales", "partners", "mobile", "web", "iot", "risk",
       "fraud", "billing", "catalog", "pricing", "orders", "shipping", "warehouse", "loyalty",
       "content", "growth", "platform-ml", "analytics", "crm", "erp", "procurement", "treasury",
       "tax", "compliance", "audit", "facilities", "recruiting", "learning", "community",
       "events", "voice", "video", "music", "news", "weather", "energy", "auto", "insurance",
       "lending", "wealth"]
TEAMS = ["core", "api", "checkout", "ledger", "search", "reco", "ingest", "etl", "reporting",
         "mobile", "web", "edge", "auth", "notify", "ops", "sre", "infra", "ml", "exp", "growth",
         "billing", "orders", "catalog", "profile", "sync", "batch", "stream", "admin", "tools",
         "portal", "intake", "quotes", "claims", "alerts", "audit", "export", "import", "geo"]
APPS = ["api", "web", "worker", "backend", "frontend", "svc", "jobs", "data", "app", "core",
        "gateway", "pipeline", "db", "cache", "ml", "analytics", "events", "admin"]
SERVICE_NAMES = ["api", "web", "worker", "frontend", "backend", "orders-api", "payments-api",
                 "auth", "profile-api", "search-api", "reports", "admin", "webhook",
                 "notifications", "inventory-api", "pricing", "quotes-api", "catalog-api",
                 "status", "export", "ingest", "events-api", "graphql", "proxy", "renderer"]
FUNCTION_NAMES = ["on-upload", "resize-image", "send-email", "nightly-export", "webhook",
                  "report", "sync", "cleanup", "notify", "audit-log", "thumbnail", "score",
                  "validate", "enrich", "geocode-cache", "invoice-pdf", "sms", "ping"]

# Predefined roles bound by teams, with weights (filtered against the catalog at start).
COMMON_ROLES = [
    ("roles/viewer", 6), ("roles/browser", 3), ("roles/logging.viewer", 8),
    ("roles/logging.logWriter", 6), ("roles/monitoring.viewer", 6),
    ("roles/monitoring.metricWriter", 6), ("roles/cloudtrace.agent", 3),
    ("roles/storage.objectViewer", 7), ("roles/storage.objectAdmin", 4),
    ("roles/storage.admin", 2), ("roles/secretmanager.secretAccessor", 6),
    ("roles/cloudsql.client", 5), ("roles/pubsub.publisher", 5), ("roles/pubsub.subscriber", 5),
    ("roles/pubsub.editor", 1), ("roles/bigquery.dataViewer", 4), ("roles/bigquery.jobUser", 4),
    ("roles/bigquery.dataEditor", 2), ("roles/run.developer", 3), ("roles/run.viewer", 2),
    ("roles/run.admin", 1), ("roles/cloudbuild.builds.editor", 2),
    ("roles/artifactregistry.reader", 5), ("roles/artifactregistry.writer", 2),
    ("roles/iam.serviceAccountUser", 4), ("roles/iam.serviceAccountTokenCreator", 1),
    ("roles/compute.viewer", 2), ("roles/compute.instanceAdmin.v1", 1),
    ("roles/container.developer", 2), ("roles/container.viewer", 2),
    ("roles/cloudfunctions.viewer", 1), ("roles/cloudfunctions.developer", 1),
    ("roles/datastore.user", 2), ("roles/firebase.viewer", 1), ("roles/errorreporting.writer", 2),
    ("roles/cloudkms.cryptoKeyEncrypterDecrypter", 2), ("roles/dns.reader", 1),
    ("roles/spanner.databaseUser", 1), ("roles/redis.editor", 1),
    ("roles/appengine.appViewer", 1), ("roles/iap.httpsResourceAccessor", 1),
    ("roles/cloudscheduler.jobRunner", 1), ("roles/workflows.invoker", 1),
]
FOLDER_ROLES = [("roles/resourcemanager.folderAdmin", 3), ("roles/resourcemanager.folderViewer", 3),
                ("roles/resourcemanager.projectCreator", 2), ("roles/browser", 2),
                ("roles/logging.viewer", 2), ("roles/monitoring.viewer", 2),
                ("roles/iam.securityReviewer", 1), ("roles/billing.projectManager", 1)]
ORG_ROLES = ["roles/resourcemanager.organizationAdmin", "roles/billing.admin",
             "roles/billing.creator", "roles/iam.securityAdmin", "roles/iam.securityReviewer",
             "roles/orgpolicy.policyAdmin", "roles/iam.organizationRoleAdmin",
             "roles/logging.configWriter", "roles/securitycenter.admin",
             "roles/resourcemanager.folderAdmin", "roles/cloudasset.viewer", "roles/browser"]
# Service agents per API: (role, email template with {n} for the project number).
SERVICE_AGENTS = {
    "run": ("roles/run.serviceAgent", "service-{n}@serverless-robot-prod.iam.gserviceaccount.com"),
    "functions": ("roles/cloudfunctions.serviceAgent",
                  "service-{n}@gcf-admin-robot.iam.gserviceaccount.com"),
    "compute": ("roles/compute.serviceAgent", "service-{n}@compute-system.iam.gserviceaccount.com"),
    "pubsub": ("roles/pubsub.serviceAgent", "service-{n}@gcp-sa-pubsub.iam.gserviceaccount.com"),
    "build": ("roles/cloudbuild.serviceAgent",
              "service-{n}@gcp-sa-cloudbuild.iam.gserviceaccount.com"),
    "artifacts": ("roles/artifactregistry.serviceAgent",
                  "service-{n}@gcp-sa-artifactregistry.iam.gserviceaccount.com"),
}
BACKGROUND_CONDITIONS = [
    ("temporary access", "request.time < timestamp(\"2027-03-31T00:00:00Z\")"),
    ("logs buckets only", "resource.name.startsWith(\"projects/_/buckets/acme-logs\")"),
    ("buckets only", "resource.type == \"storage.googleapis.com/Bucket\""),
    ("office hours", "request.time.getHours(\"UTC\") >= 7 && request.time.getHours(\"UTC\") < 19"),
    ("dev resources", "resource.matchTag(\"{org}/env\", \"dev\")"),
    ("secrets of the team", "resource.name.startsWith(\"projects/{project}/secrets/\")"),
]

# Route scenarios: name -> (weight, intended verdict, layer, cause code, further codes the
# current rules give with it). The weights make most routes work, as in a real organisation.
SCENARIOS = {
    "works-direct": (20, "yes", "", "", []),
    "works-project": (6, "yes", "", "", []),
    "works-folder-group": (6, "yes", "", "", []),
    "works-condition": (3, "yes", "", "", []),
    "works-gen1": (5, "yes", "", "", []),
    "works-gen2": (5, "yes", "", "", []),
    "works-appengine-iap": (2, "yes", "", "", []),
    "works-appengine-no-iap": (1, "yes", "", "", []),
    "works-invoker-check-off": (2, "yes", "", "", []),
    "works-all-users": (1, "yes", "", "", []),
    "works-custom-role": (2, "yes", "", "", []),
    "works-basic-role": (1, "yes", "", "", []),
    "works-jwt-audience": (3, "yes", "", "", []),
    "works-custom-audience": (1, "yes", "", "", []),
    "works-deny-exception": (1, "yes", "", "", []),
    "works-shared": (8, "yes", "", "", []),
    "missing-permission": (6, "no", "L6", "missing-permission", []),
    "granted-to-another-account": (3, "no", "L6", "granted-to-another-account",
                                   ["missing-permission"]),
    "group-without-account": (2, "no", "L6", "group-without-account", ["missing-permission"]),
    "granted-elsewhere": (2, "no", "L6", "granted-elsewhere", ["missing-permission"]),
    "condition-false": (2, "no", "L6", "condition-false", ["missing-permission"]),
    "deleted-principal": (1, "no", "L6", "deleted-principal", ["missing-permission"]),
    "inactive-role": (1, "no", "L6", "inactive-role", ["missing-permission"]),
    "gen2-needs-run-invoker": (2, "no", "L6", "gen2-needs-run-invoker", ["missing-permission"]),
    "gen1-needs-functions-invoker": (1, "no", "L6", "gen1-needs-functions-invoker",
                                     ["missing-permission"]),
    "denied": (3, "no", "L7", "denied", []),
    "denied-to-everyone": (1, "no", "L7", "denied-to-everyone", ["disable-auth"]),
    "ingress": (3, "no", "L5", "ingress", []),
    "audience": (2, "no", "L4", "audience", []),
    "disable-auth": (1, "no", "L3", "disable-auth", []),
    "google-api": (1, "no", "L2", "google-api", []),
    "backend-not-loaded": (1, "no", "L1", "backend-not-loaded", []),
    "event-function": (1, "no", "L1", "event-function", []),
    "default-url-disabled": (1, "no", "L1", "default-url-disabled", []),
    # Whole gateways: the account of the config is disabled, or the config has none.
    "service-account-disabled": (0, "no", "L3", "service-account-disabled", []),
    "no-service-account": (0, "no", "L3", "no-service-account", []),
}
# Scenarios whose backend the gateway's account must not hold the permission on otherwise.
NEEDS_NO_GRANT = {"missing-permission", "granted-to-another-account", "group-without-account",
                  "granted-elsewhere", "condition-false", "deleted-principal", "inactive-role",
                  "gen2-needs-run-invoker", "gen1-needs-functions-invoker"}


def fail(message):
    print(f"gen-gcp-org.py: {message}", file=sys.stderr)
    sys.exit(2)


def parse_time(text):
    """Seconds since 1970 of an RFC 3339 UTC time `YYYY-MM-DDTHH:MM:SSZ`."""
    import calendar
    try:
        return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))
    except ValueError:
        fail(f"`--at {text}` is not an RFC 3339 UTC time like {DEFAULT_AT}")


def load_roles(path):
    """role -> list of permissions, from the catalog's `role<TAB>permission` lines."""
    roles = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                role, perm = line.rstrip("\n").split("\t", 1)
                roles.setdefault(role, []).append(perm)
    except OSError as e:
        fail(f"cannot read the role catalog `{path}`: {e.strerror}; pass --roles PATH")
    return roles


def v2_principal(member):
    """An allow-policy member in the IAM v2 spelling deny policies use."""
    kind, email = member.split(":", 1)
    if kind == "group":
        return f"principalSet://goog/group/{email}"
    if kind == "serviceAccount":
        return f"principal://iam.googleapis.com/projects/-/serviceAccounts/{email}"
    return f"principal://goog/subject/{email}"


def dumps(obj):
    """gcloud's --format=json: two-space indent, keys sorted."""
    return json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Rand:
    """The seeded source of every choice (one stream, so the output depends only on the seed)."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.r.random() * total
        for item, w in pairs:
            x -= w
            if x < 0:
                return item
        return pairs[-1][0]

    def int(self, lo, hi):
        return self.r.randint(lo, hi)

    def geometric(self, mean, lo=1, hi=10**9):
        """An integer >= lo with roughly the given mean, a long tail."""
        if mean <= lo:
            return lo
        p = 1.0 / (mean - lo + 1)
        n = lo + int(math.log(1.0 - self.r.random()) / math.log(1.0 - p)) if p < 1 else lo
        return max(lo, min(hi, n))

    def token(self, n, alphabet="abcdefghijklmnopqrstuvwxyz0123456789"):
        return "".join(alphabet[self.r.randrange(len(alphabet))] for _ in range(n))

    def digits(self, n):
        return str(self.r.randrange(1, 10)) + "".join(str(self.r.randrange(10)) for _ in range(n - 1))

    def sample(self, seq, k):
        return self.r.sample(seq, min(k, len(seq)))

    def shuffle(self, seq):
        self.r.shuffle(seq)


def etag(rng):
    return "BwY" + base64.b64encode(bytes(rng.r.randrange(256) for _ in range(5))).decode()


def stamp(rng, year_lo=2021, year_hi=2026):
    return (f"{rng.int(year_lo, year_hi)}-{rng.int(1, 12):02d}-{rng.int(1, 28):02d}"
            f"T{rng.int(0, 23):02d}:{rng.int(0, 59):02d}:{rng.int(0, 59):02d}.{rng.digits(6)}Z")


class Org:
    """The organisation in memory: hierarchy, policies, identities, resources and gateways."""

    def __init__(self, args, roles):
        self.args = args
        self.rng = Rand(args.seed)
        self.roles = roles
        self.at = parse_time(args.at)
        self.numbers = set()
        self.org_number = self.number()
        self.org = f"organizations/{self.org_number}"
        self.domain = "acme.example"
        self.customer = "C0" + self.rng.token(7)
        self.nodes = {}          # name -> dict(kind, parent, ...); org, folders, projects
        self.children = {}       # name -> [child names]
        self.policies = {}       # resource -> [binding dict] (allow policies, in order)
        self.policy_targets = []  # (resource, kind, extra) every allow policy written
        self.conditions = {}     # (resource, role, member) -> intended value (scenario grants)
        self.groups = {}         # email -> [(type, id)]
        self.group_order = []
        self.users = []
        self.service_accounts = {}  # email -> dict(project, disabled, display, unique)
        self.services = []       # Cloud Run services (dicts)
        self.functions = []      # functions (dicts)
        self.apps = []           # App Engine apps (dicts)
        self.deny = []           # deny policies (dicts)
        self.deny_at = {}        # node -> [deny policy]
        self.org_policies = []   # (node, constraint, spec dict, v1)
        self.custom_roles = []   # dicts
        self.tags = {}           # resource -> [tag dicts]
        self.gateways = []
        self.routes = []
        self.projects = []       # project names in creation order
        self.route_projects = set()
        self.exclusive_folders = set()

    # ---- names --------------------------------------------------------------------------------
    def number(self):
        while True:
            n = self.rng.digits(12)
            if n not in self.numbers:
                self.numbers.add(n)
                return n

    def region(self):
        return self.rng.weighted([((r, c), w) for r, c, w in REGIONS])

    def add_node(self, name, kind, parent, **extra):
        node = dict(kind=kind, parent=parent, **extra)
        self.nodes[name] = node
        self.children.setdefault(name, [])
        if parent:
            self.children.setdefault(parent, []).append(name)
        self.policies.setdefault(name, [])
        return node

    def ancestors(self, name):
        """`name` and every node above it, nearest first (resources: their project first)."""
        chain = [name]
        while True:
            parent = self.parent_of(chain[-1])
            if not parent:
                return chain
            chain.append(parent)

    def parent_of(self, name):
        if name in self.nodes:
            return self.nodes[name]["parent"]
        if name.startswith("apps/"):
            return "projects/" + name[len("apps/"):]
        if "/iap_web/" in name:
            return self.iap_parent[name]
        if name.startswith("projects/") and name.count("/") >= 3:
            return "/".join(name.split("/")[:2])
        return None

    def add_binding(self, resource, role, member, condition=None):
        policy = self.policies.setdefault(resource, [])
        for b in policy:
            if b["role"] == role and b.get("condition") == condition:
                if member not in b["members"]:
                    b["members"].append(member)
                return
        b = {"role": role, "members": [member]}
        if condition:
            b["condition"] = condition
        policy.append(b)

    def add_group(self, email, members=None):
        self.__dict__.pop("_containers", None)
        if email not in self.groups:
            self.groups[email] = []
            self.group_order.append(email)
        for m in members or []:
            if m not in self.groups[email]:
                self.groups[email].append(m)
        return "group:" + email

    def add_sa(self, email, project, display, disabled=False):
        self.service_accounts.setdefault(email, dict(
            project=project, display=display, disabled=disabled,
            unique="10" + self.rng.digits(19)))
        return "serviceAccount:" + email

    # ---- the hierarchy ------------------------------------------------------------------------
    def build_hierarchy(self):
        n = self.args.projects
        rng = self.rng
        self.add_node(self.org, "organization", None, display=self.domain)
        self.bu_count = max(2, min(60, round(math.sqrt(n) / 3)))
        self.gateway_count = max(4, min(48, round(6 * (n / 1000) ** 0.4)))
        gw_projects = max(1, min(8, round(self.gateway_count / 6)))
        folder = lambda display, parent, **kw: self.add_folder(display, parent, **kw)
        platform = folder("platform", self.org, role="platform")
        gw_folder = folder("gateways", platform, role="gateways")
        shared = folder("shared-services", platform, role="shared")
        security = folder("security", self.org, role="security")
        sandbox = folder("sandbox", self.org, role="sandbox")
        self.sandbox_folder = sandbox
        bus = BUS[:self.bu_count] if self.bu_count <= len(BUS) else BUS
        team_folders = []
        self.prod_folders = []
        for bu in bus:
            bf = folder(bu, self.org, role="bu", bu=bu)
            for env in ["prod", "nonprod"]:
                ef = folder(env, bf, role="env", bu=bu, env=env)
                if env == "prod":
                    self.prod_folders.append(ef)
                teams = max(1, round(n * 0.9 / (20 * len(bus) * 2) * (0.5 + rng.r.random())))
                for t in rng.sample(TEAMS, teams) if teams <= len(TEAMS) else \
                        [f"{TEAMS[i % len(TEAMS)]}{i // len(TEAMS) or ''}" for i in range(teams)]:
                    tf = folder(t, ef, role="team", bu=bu, env=env, team=t)
                    team_folders.append(tf)
                    if rng.chance(0.08):
                        sub = folder(f"{t}-legacy", tf, role="team", bu=bu, env=env, team=t)
                        team_folders.append(sub)
        # Project slots: team folders take most, sized unevenly; a few sit elsewhere.
        remaining = n - gw_projects
        placements = []
        for i in range(gw_projects):
            placements.append((gw_folder, "gateways", None))
        extra = [(shared, 0.03), (security, 0.01), (sandbox, 0.05), (self.org, 0.005)]
        for f, share in extra:
            for _ in range(int(remaining * share)):
                placements.append((f, self.nodes[f].get("role", "org"), None))
        rest = remaining - (len(placements) - gw_projects)
        weights = [rng.r.lognormvariate(0, 0.8) for _ in team_folders]
        total = sum(weights)
        counts = [int(rest * w / total) for w in weights]
        i = 0
        while sum(counts) < rest:
            counts[i % len(counts)] += 1
            i += 1
        for tf, c in zip(team_folders, counts):
            placements.extend([(tf, "team", None)] * c)
        used = set()
        for f, role, _ in placements:
            self.add_project(f, role, used)
        self.team_folders = team_folders
        self.gateway_folder = gw_folder

    def add_folder(self, display, parent, **extra):
        name = f"folders/{self.number()}"
        self.add_node(name, "folder", parent, display=display, **extra)
        self.deny_at.setdefault(name, [])
        return name

    def add_project(self, folder, role, used):
        rng = self.rng
        info = self.nodes[folder]
        if role == "gateways":
            base = f"gw-{rng.pick(['prod', 'edge', 'public', 'partner', 'internal'])}"
        elif role == "team":
            env = "prod" if info.get("env") == "prod" else rng.pick(["dev", "stg", "test", "qa"])
            base = f"{info['bu'][:10]}-{info['team']}-{rng.pick(APPS)}-{env}"
        elif role == "sandbox":
            base = f"sbx-{rng.pick(FIRST)}-{rng.pick(LAST)}"
        elif role == "shared":
            base = f"shared-{rng.pick(['network', 'logging', 'secrets', 'ci', 'registry', 'dns', 'monitoring', 'kms', 'billing-export'])}"
        elif role == "security":
            base = f"sec-{rng.pick(['scc', 'audit', 'siem', 'forensics', 'keys'])}"
        else:
            base = f"legacy-{rng.pick(APPS)}"
        base = base.replace("_", "-")[:26].rstrip("-")
        pid = base
        k = 2
        while pid in used:
            pid = f"{base}-{k}"
            k += 1
        used.add(pid)
        name = f"projects/{pid}"
        self.add_node(name, "project", folder, id=pid, number=self.number(), role=role,
                      created=stamp(rng), hash=rng.token(10), apis=[])
        self.deny_at.setdefault(name, [])
        self.projects.append(name)
        return name

    # ---- people -------------------------------------------------------------------------------
    def build_people(self):
        rng = self.rng
        n = self.args.projects
        seen = set()
        for _ in range(max(20, int(n * 0.35))):
            base = f"{rng.pick(FIRST)}.{rng.pick(LAST)}"
            email = base
            k = 2
            while email in seen:
                email = f"{base}{k}"
                k += 1
            seen.add(email)
            self.users.append(f"{email}@{self.domain}")
        d = self.domain
        self.org_admins = self.add_group(f"org-admins@{d}", [("USER", u) for u in rng.sample(self.users, 4)])
        self.security_team = self.add_group(f"security-team@{d}", [("USER", u) for u in rng.sample(self.users, 6)])
        self.billing_admins = self.add_group(f"billing-admins@{d}", [("USER", u) for u in rng.sample(self.users, 3)])
        self.platform_team = self.add_group(f"platform-team@{d}", [("USER", u) for u in rng.sample(self.users, 8)])
        self.eng_all = self.add_group(f"engineering@{d}")
        # Business-unit and team groups: BU-all holds its teams' dev groups (nested).
        self.team_groups = {}
        for f in self.team_folders:
            info = self.nodes[f]
            key = (info["bu"], info["team"])
            if key in self.team_groups:
                continue
            slug = f"{info['bu']}-{info['team']}"
            people = rng.sample(self.users, rng.int(3, 14))
            devs = self.add_group(f"{slug}-devs@{d}", [("USER", u) for u in people])
            admins = self.add_group(f"{slug}-admins@{d}", [("USER", u) for u in people[:2]])
            oncall = self.add_group(f"{slug}-oncall@{d}", [("USER", u) for u in people[-3:]])
            self.add_group(f"{info['bu']}-all@{d}", [("GROUP", devs[len('group:'):])])
            self.team_groups[key] = (devs, admins, oncall)
        for bu in sorted({k[0] for k in self.team_groups}):
            self.add_group(self.eng_all[len("group:"):], [("GROUP", f"{bu}-all@{d}")])
        self.add_group(f"all-staff@{d}", [("GROUP", self.eng_all[len('group:'):])] +
                       [("USER", u) for u in rng.sample(self.users, min(30, len(self.users)))])
        # A handful of empty groups (created, never filled): read as [].
        for k in range(max(2, n // 2000)):
            self.add_group(f"unused-{k}@{d}")

    # ---- background policies ------------------------------------------------------------------
    def build_policies(self):
        rng = self.rng
        d = self.domain
        roles_ok = [(r, w) for r, w in COMMON_ROLES if r in self.roles]
        missing = [r for r, _ in COMMON_ROLES if r not in self.roles]
        if missing:
            print(f"gen-gcp-org.py: roles not in the catalog, skipped: {', '.join(missing)}",
                  file=sys.stderr)
        # The long tail: predefined roles of many services, small enough for a team grant.
        tail = sorted(r for r, perms in self.roles.items()
                      if r.startswith("roles/") and "serviceAgent" not in r and len(perms) <= 400
                      and r not in ("roles/owner", "roles/editor", "roles/viewer")
                      and INVOKE_RUN not in perms and INVOKE_GCF not in perms
                      and INVOKE_IAP not in perms)
        self.role_tail = tail
        self.common_roles = roles_ok
        # The organisation.
        org = self.org
        self.add_binding(org, "roles/resourcemanager.organizationAdmin", self.org_admins)
        self.add_binding(org, "roles/billing.admin", self.billing_admins)
        self.add_binding(org, "roles/billing.creator", self.billing_admins)
        self.add_binding(org, "roles/iam.securityReviewer", self.security_team)
        self.add_binding(org, "roles/iam.securityAdmin", self.security_team)
        self.add_binding(org, "roles/orgpolicy.policyAdmin", self.org_admins)
        self.add_binding(org, "roles/browser", f"domain:{d}")
        self.add_binding(org, "roles/cloudasset.viewer", self.security_team)
        self.add_binding(org, "roles/resourcemanager.folderAdmin", self.platform_team)
        self.add_binding(org, "roles/logging.configWriter", self.platform_team)
        self.add_binding(org, "roles/resourcemanager.organizationViewer", f"domain:{d}")
        for u in rng.sample(self.users, 2):
            self.add_binding(org, "roles/owner", f"user:{u}")
        # Folders.
        for name, node in self.nodes.items():
            if node["kind"] != "folder":
                continue
            for _ in range(rng.int(1, 4)):
                role = rng.weighted(FOLDER_ROLES)
                member = self.team_member(name) if rng.chance(0.7) else rng.pick(
                    [self.platform_team, self.security_team, self.org_admins])
                self.add_binding(name, role, member)
        # Projects.
        for name in self.projects:
            self.project_policy(name)

    def team_member(self, node):
        """A group or user of the team that owns `node` (or of some team)."""
        rng = self.rng
        info = self.nodes.get(node, {})
        while info and "team" not in info and info.get("parent"):
            info = self.nodes.get(info["parent"], {})
        key = (info.get("bu"), info.get("team"))
        groups = self.team_groups.get(key) or rng.pick(list(self.team_groups.values()))
        if rng.chance(0.8):
            return rng.pick(list(groups))
        return f"user:{rng.pick(self.users)}"

    def project_policy(self, name):
        rng = self.rng
        node = self.nodes[name]
        num = node["number"]
        pid = node["id"]
        role = node["role"]
        # Enabled APIs decide the service agents bound on the project.
        apis = ["compute"] if rng.chance(0.5) else []
        if rng.chance(0.3):
            apis.append("pubsub")
        if rng.chance(0.25):
            apis += ["build", "artifacts"]
        node["apis"] = apis
        runtime = self.add_sa(f"{num}-compute@developer.gserviceaccount.com", name,
                              "Default compute service account")
        node["runtime"] = runtime
        app_sa = f"{pid[:20].rstrip('-')}-sa@{pid}.iam.gserviceaccount.com"
        node["app_sa"] = self.add_sa(app_sa, name, "application runtime")
        if rng.chance(self.args.service_agent_editor):
            self.add_binding(name, "roles/editor", f"serviceAccount:{num}@cloudservices.gserviceaccount.com")
        if role == "sandbox":
            owner = f"user:{rng.pick(self.users)}"
            self.add_binding(name, "roles/owner", owner)
            return
        big = rng.chance(0.012) or role == "shared"
        count = rng.geometric(60 if big else 4.5, lo=1, hi=220 if big else 18)
        for _ in range(count):
            if rng.chance(0.12):
                r = rng.pick(self.role_tail)
            else:
                r = rng.weighted(self.common_roles)
            x = rng.r.random()
            if x < 0.45:
                member = self.team_member(name)
            elif x < 0.75:
                member = node["app_sa"] if rng.chance(0.6) else runtime
            elif x < 0.9:
                other = self.nodes[rng.pick(self.projects)]
                member = other.get("app_sa") or f"serviceAccount:{other['number']}-compute@developer.gserviceaccount.com"
            else:
                member = f"user:{rng.pick(self.users)}"
            cond = None
            if rng.chance(0.025):
                title, expr = rng.pick(BACKGROUND_CONDITIONS)
                expr = expr.replace("{org}", self.org_number).replace("{project}", pid)
                cond = {"title": title, "expression": expr}
                if rng.chance(0.5):
                    cond["description"] = f"{title} ({rng.pick(['JIRA-', 'SEC-', 'OPS-'])}{rng.int(100, 9999)})"
            self.add_binding(name, r, member, cond)
        if rng.chance(0.025):  # basic roles, rarely
            self.add_binding(name, rng.pick(["roles/editor", "roles/viewer", "roles/owner"]),
                             self.team_member(name))

    def agents(self, project, api):
        node = self.nodes[project]
        if api in node["apis"]:
            return
        node["apis"].append(api)

    def bind_agents(self):
        for name in self.projects:
            node = self.nodes[name]
            for api in node["apis"]:
                role, tmpl = SERVICE_AGENTS[api]
                if role in self.roles:
                    self.add_binding(name, role, "serviceAccount:" + tmpl.format(n=node["number"]))

    # ---- backends -----------------------------------------------------------------------------
    def run_service(self, project, name=None, region=None, **kw):
        rng = self.rng
        region = region or self.region()
        node = self.nodes[project]
        name = name or rng.pick(SERVICE_NAMES)
        base = name
        k = 2
        while any(s["project"] == project and s["short"] == name for s in self.services):
            name = f"{base}-{k}"
            k += 1
        r, code = region
        svc = dict(
            project=project, short=name, region=r,
            canonical=f"{project}/locations/{r}/services/{name}",
            url=f"https://{name}-{node['hash']}-{code}.a.run.app",
            url2=f"https://{name}-{node['number']}.{r}.run.app",
            ingress="all", invoker_off=False, default_url_off=False, audiences=[],
            runtime=node["app_sa"] if rng.chance(0.7) else node["runtime"],
            v2=rng.chance(0.12), created=stamp(rng), gen2_of=None)
        svc.update(kw)
        self.services.append(svc)
        self.agents(project, "run")
        return svc

    def function(self, project, gen, name=None, event=False, ingress="ALLOW_ALL", region=None):
        rng = self.rng
        r, code = region or self.region()
        node = self.nodes[project]
        name = name or rng.pick(FUNCTION_NAMES)
        base = name
        k = 2
        while any(f["project"] == project and f["short"] == name for f in self.functions):
            name = f"{base}-{k}"
            k += 1
        fn = dict(project=project, short=name, region=r, gen=gen, event=event, ingress=ingress,
                  canonical=f"{project}/locations/{r}/functions/{name}",
                  url=f"https://{r}-{node['id']}.cloudfunctions.net/{name}",
                  runtime=node["app_sa"], v2_api=gen == 2 or rng.chance(0.3),
                  created=stamp(rng), service=None)
        if gen == 2:
            svc = self.run_service(project, name=name.lower(), region=(r, code),
                                   gen2_of=fn["canonical"], v2=False)
            svc["ingress"] = {"ALLOW_ALL": "all", "ALLOW_INTERNAL_ONLY": "internal",
                              "ALLOW_INTERNAL_AND_GCLB": "internal-and-cloud-load-balancing"}[ingress]
            fn["service"] = svc
            fn["uri"] = svc["url"]
        self.functions.append(fn)
        self.agents(project, "functions")
        return fn

    def app(self, project, iap=True):
        rng = self.rng
        node = self.nodes[project]
        loc, code = rng.pick(APP_LOCATIONS)
        app = dict(project=project, canonical=f"apps/{node['id']}", location=loc,
                   host=f"{node['id']}.{code}.r.appspot.com", iap=iap,
                   client=f"{node['number']}-{rng.token(32)}.apps.googleusercontent.com",
                   iap_resource=f"projects/{node['number']}/iap_web/appengine-{node['id']}")
        self.apps.append(app)
        self.iap_parent[app["iap_resource"]] = project
        return app

    def build_backends(self):
        """Background services, functions and apps (the routed ones come with the routes)."""
        rng = self.rng
        self.iap_parent = {}
        for name in self.projects:
            role = self.nodes[name]["role"]
            if role not in ("team", "shared", "sandbox", "org"):
                continue
            if rng.chance(0.16):
                for _ in range(rng.geometric(1.6, lo=1, hi=8)):
                    svc = self.run_service(name)
                    if rng.chance(0.06):
                        svc["ingress"] = rng.pick(["internal", "internal-and-cloud-load-balancing"])
                    if role == "sandbox" and rng.chance(0.3):
                        svc["invoker_off"] = True
            if rng.chance(0.08):
                for _ in range(rng.geometric(1.5, lo=1, hi=6)):
                    gen = 2 if rng.chance(0.6) else 1
                    self.function(name, gen, event=gen == 1 and rng.chance(0.4),
                                  ingress=rng.weighted([("ALLOW_ALL", 8), ("ALLOW_INTERNAL_ONLY", 2)]))
            if rng.chance(0.015):
                self.app(name, iap=rng.chance(0.6))

    def resource_policies(self):
        """Resource-level allow policies of every background service, function and app."""
        rng = self.rng
        for svc in self.services:
            if svc.get("routed"):
                continue
            p = self.nodes[svc["project"]]
            if rng.chance(0.35):
                other = self.nodes[rng.pick(self.projects)]
                self.add_binding(svc["canonical"], "roles/run.invoker",
                                 other.get("app_sa") or p["app_sa"])
            if rng.chance(0.15):
                self.add_binding(svc["canonical"], "roles/run.developer", self.team_member(svc["project"]))
            if svc["invoker_off"] and rng.chance(0.5):
                pass
        for fn in self.functions:
            if fn.get("routed"):
                continue
            if rng.chance(0.3):
                self.add_binding(fn["canonical"], "roles/cloudfunctions.invoker",
                                 self.nodes[fn["project"]]["app_sa"])
        for app in self.apps:
            if app.get("routed"):
                continue
            if app["iap"]:
                self.add_binding(app["iap_resource"], "roles/iap.httpsResourceAccessor",
                                 self.team_member(app["project"]))

    # ---- deny and organization policies -------------------------------------------------------
    def add_deny(self, node, policy_id, display, rules):
        num = self.node_number(node)
        kind = node.split("/")[0]
        name = f"policies/cloudresourcemanager.googleapis.com%2F{kind}%2F{num}/denypolicies/{policy_id}"
        policy = dict(node=node, id=policy_id, name=name, display=display, rules=rules,
                      created=stamp(self.rng), uid=self.uuid())
        self.deny.append(policy)
        self.deny_at.setdefault(node, []).append(policy)
        return policy

    def node_number(self, node):
        n = self.nodes[node]
        return n["number"] if n["kind"] == "project" else node.split("/")[1]

    def uuid(self):
        h = self.rng.token(32, "0123456789abcdef")
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{h[16:20]}-{h[20:32]}"

    def build_policies_at_nodes(self):
        rng = self.rng
        d = self.domain
        self.deny_at.setdefault(self.org, [])
        self.add_deny(self.org, "no-sa-keys", "no service account keys", [dict(
            description="only the security team creates service account keys",
            deniedPrincipals=["principalSet://goog/public:all"],
            exceptionPrincipals=[f"principalSet://goog/group/{self.security_team[6:]}"],
            deniedPermissions=["iam.googleapis.com/serviceAccountKeys.create",
                               "iam.googleapis.com/serviceAccountKeys.upload"])])
        for f in self.prod_folders[:max(1, len(self.prod_folders) // 4)]:
            self.add_deny(f, "protect-prod-data", "protect production data", [dict(
                description="nobody deletes production datasets or buckets",
                deniedPrincipals=["principalSet://goog/public:all"],
                exceptionPrincipals=[f"principalSet://goog/group/{self.platform_team[6:]}"],
                deniedPermissions=["bigquery.googleapis.com/datasets.delete",
                                   "storage.googleapis.com/buckets.delete"])])
        # Organization policies the model reads, and a few it does not.
        o = self.org
        self.org_policies += [
            (o, "iam.allowedPolicyMemberDomains", {"rules": [{"values": {"allowedValues": [self.customer]}}]}, False),
            (o, "run.managed.requireInvokerIam", {"rules": [{"enforce": True}]}, False),
            (o, "iam.disableServiceAccountKeyCreation", {"rules": [{"enforce": True}]}, False),
            (o, "compute.vmExternalIpAccess", {"rules": [{"denyAll": True}]}, False),
            (self.sandbox_folder, "run.managed.requireInvokerIam", {"reset": True}, False),
        ]
        eu = [f for f in self.prod_folders if self.nodes[self.nodes[f]["parent"]]["display"] in ("payments", "identity")]
        for f in eu or self.prod_folders[:1]:
            self.org_policies.append((f, "run.allowedIngress", {"inheritFromParent": True, "rules": [
                {"values": {"allowedValues": ["all", "internal"]}}]}, False))
            self.org_policies.append((f, "gcp.resourceLocations", {"rules": [
                {"values": {"allowedValues": ["in:eu-locations", "in:us-locations"]}}]}, False))
        # A folder that forbids ingress `all`: API Gateway cannot reach a backend there.
        locked = self.team_folders[len(self.team_folders) // 3]
        self.ingress_locked = locked
        self.org_policies.append((locked, "run.allowedIngress", {"rules": [
            {"values": {"allowedValues": ["internal", "internal-and-cloud-load-balancing"]}}]}, False))
        self.exclusive_folders.add(locked)
        # Legacy v1 policies on a few projects.
        for p in rng.sample(self.projects, max(1, len(self.projects) // 500)):
            self.org_policies.append((p, "compute.requireOsLogin", {"booleanPolicy": {"enforced": True}}, True))

    # ---- the evaluation the intended verdicts rest on (docs/google-cloud-model.md) ---------------
    def groups_of(self, member):
        """Every group (as `group:EMAIL`) that contains `member`, directly or nested."""
        if not hasattr(self, "_containers"):
            inv = {}
            for g, members in self.groups.items():
                for t, mid in members:
                    key = ("group:" if t == "GROUP" else "serviceAccount:" if t == "SERVICE_ACCOUNT" else "user:") + mid
                    inv.setdefault(key, []).append("group:" + g)
            self._containers = inv
        out, todo = set(), [member]
        while todo:
            m = todo.pop()
            for g in self._containers.get(m, []):
                if g not in out:
                    out.add(g)
                    todo.append(g)
        return out

    def covers(self, member, sa, groups, deny=False):
        if member == sa or member in groups:
            return True
        if member in ("allUsers", "allAuthenticatedUsers") and not deny:
            return True
        if deny and member == "principalSet://goog/public:all":
            return True
        if member.startswith("principalSet://cloudresourcemanager.googleapis.com/"):
            info = self.service_accounts.get(sa[len("serviceAccount:"):])
            if info:
                for x in self.ancestors(info["project"]):
                    num = self.node_number(x)
                    kind = x.split("/")[0]
                    if member == f"principalSet://cloudresourcemanager.googleapis.com/{kind}/{num}/type/ServiceAccount":
                        return True
        return False

    def role_grants(self, role, perm, at):
        for c in self.custom_roles:
            if c["name"] == role:
                return c["state"] == "active" and perm in c["perms"] and c["scope"] in self.ancestors(at)
        return perm in self.roles.get(role, ())

    def allows(self, sa, perm, gate):
        groups = self.groups_of(sa)
        for x in self.ancestors(gate):
            for b in self.policies.get(x, []):
                if not any(self.covers(m, sa, groups) for m in b["members"]):
                    continue
                if not self.role_grants(b["role"], perm, x):
                    continue
                if b.get("condition") and not self.condition_holds(b["condition"], gate):
                    continue
                return True
        return False

    def public(self, perm, gate):
        for x in self.ancestors(gate):
            for b in self.policies.get(x, []):
                if "allUsers" in b["members"] and self.role_grants(b["role"], perm, x) and \
                        (not b.get("condition") or self.condition_holds(b["condition"], gate)):
                    return True
        return False

    def condition_holds(self, condition, gate):
        value = condition.get("_value")
        if value is None:  # a background condition: never on a gateway's path (see build_routes)
            raise AssertionError(f"condition `{condition['title']}` reached a gateway's path at {gate}")
        return value(gate) if callable(value) else value

    @staticmethod
    def perm_matches(perm, patterns):
        for p in patterns:
            v1 = p
            if "/" in p:
                service, rest = p.split("/", 1)
                v1 = service.replace(".googleapis.com", "") + "." + rest
            if v1 == "*" or v1 == perm or (v1.endswith(".*") and perm.startswith(v1[:-1])):
                return True
        return False

    @staticmethod
    def v1_principal(p):
        if p.startswith("principalSet://goog/group/"):
            return "group:" + p[len("principalSet://goog/group/"):]
        if p.startswith("principal://iam.googleapis.com/projects/") and "/serviceAccounts/" in p:
            return "serviceAccount:" + p.split("/serviceAccounts/", 1)[1]
        if p.startswith("principal://goog/subject/"):
            return "user:" + p[len("principal://goog/subject/"):]
        return p

    def denied(self, sa, perm, gate, everyone=False):
        groups = self.groups_of(sa) if sa else set()
        for x in self.ancestors(gate):
            for policy in self.deny_at.get(x, []):
                for rule in policy["rules"]:
                    if not self.perm_matches(perm, rule["deniedPermissions"]) or \
                            self.perm_matches(perm, rule.get("exceptionPermissions", [])):
                        continue
                    principals = [self.v1_principal(p) for p in rule["deniedPrincipals"]]
                    if everyone:
                        if "principalSet://goog/public:all" in principals:
                            return True
                        continue
                    if not any(self.covers(p, sa, groups, deny=True) for p in principals):
                        continue
                    if any(self.covers(self.v1_principal(p), sa, groups, deny=True)
                           for p in rule.get("exceptionPrincipals", [])):
                        continue
                    return True
        return False

    def gate(self, backend):
        kind = backend["kind"]
        obj = backend["obj"]
        if kind == "run":
            return INVOKE_RUN, obj["canonical"]
        if kind == "gcf2":
            return INVOKE_RUN, obj["service"]["canonical"]
        if kind == "gcf1":
            return INVOKE_GCF, obj["canonical"]
        return INVOKE_IAP, obj["iap_resource"]

    def accepted_audiences(self, backend):
        kind, obj = backend["kind"], backend["obj"]
        if kind == "run":
            return {obj["url"], obj["url2"]} | set(obj["audiences"])
        if kind == "gcf2":
            s = obj["service"]
            return {s["url"], obj["url"]} | set(s["audiences"])
        if kind == "gcf1":
            return {obj["url"]}
        return {obj["client"]} if obj["iap"] else set()

    def route_works(self, route):
        """Whether a route works, by the rules of docs/google-cloud-model.md (its reference)."""
        b = route["backend"]
        if b is None:
            return False
        kind, obj = b["kind"], b["obj"]
        host = route["address"].split("/")[2]
        if kind == "gcf1" and obj["event"]:
            return False
        if kind == "run" and obj["default_url_off"] and host.endswith(".run.app"):
            return False
        ingress = obj["ingress"] if kind == "run" else obj["service"]["ingress"] if kind == "gcf2" \
            else {"ALLOW_ALL": "all"}.get(obj["ingress"], "internal") if kind == "gcf1" else "all"
        if ingress != "all":
            return False
        if kind == "run" and obj["invoker_off"]:
            return True
        if kind == "gcf2" and obj["service"]["invoker_off"]:
            return True
        if kind == "appengine" and not obj["iap"]:
            return True
        perm, gate = self.gate(b)
        gw = route["gateway"]
        sa = gw["sa"]
        public = self.public(perm, gate) and not self.denied(None, perm, gate, everyone=True)
        if route["disable_auth"]:
            return public
        if not sa:
            return False
        if public and not self.denied(sa, perm, gate):
            return True
        usable = not self.service_accounts[sa[len("serviceAccount:"):]]["disabled"]
        audience = route["jwt_audience"] or route["address"]
        return usable and audience in self.accepted_audiences(b) and \
            self.allows(sa, perm, gate) and not self.denied(sa, perm, gate)

    # ---- gateways and routes ------------------------------------------------------------------
    def build_gateways(self):
        rng = self.rng
        d = self.domain
        gw_projects = [p for p in self.projects if self.nodes[p]["role"] == "gateways"]
        self.gateway_projects = gw_projects
        self.platform_invokers = self.add_group(f"platform-invokers@{d}",
                                                [("USER", u) for u in rng.sample(self.users, 2)])
        names = set()
        for i in range(self.gateway_count):
            special = ["service-account-disabled", "no-service-account"][i] if i < 2 else None
            bu = BUS[(i * 7) % len(BUS)]
            base = rng.pick(["shop", "partner", "mobile", "public", "internal", "admin", "b2b",
                             "checkout", "edge", "api", "web", "ops", "data", "legacy"])
            name = f"{bu[:10]}-{base}".rstrip("-")
            k = 2
            while name in names:
                name = f"{bu[:10]}-{base}{k}"
                k += 1
            names.add(name)
            project = gw_projects[i % len(gw_projects)]
            pid = self.nodes[project]["id"]
            region = self.region()
            sa_email = f"{name[:24].rstrip('-')}-gw@{pid}.iam.gserviceaccount.com"
            sa = None
            if special != "no-service-account":
                sa = self.add_sa(sa_email, project, f"{name} gateway backend auth",
                                 disabled=special == "service-account-disabled")
            callers = self.add_group(f"{name}-gw-callers@{d}", [("SERVICE_ACCOUNT", sa_email)] if sa else [])
            self.add_group(self.platform_invokers[6:], [("GROUP", callers[6:])])
            api = f"{name}-api"
            version = rng.int(1, 9)
            gw = dict(name=name, project=project, region=region[0], code=region[1], sa=sa,
                      sa_email=sa_email, special=special, callers=callers, api=api,
                      config=f"{api}-v{version}", older=f"{api}-v{version - 1}" if version > 1 and rng.chance(0.3) else None,
                      canonical=f"{project}/locations/{region[0]}/gateways/{name}-gw",
                      host=f"{name}-gw-{rng.token(8)}.{region[1]}.gateway.dev",
                      by_number=rng.chance(0.3), yaml=rng.chance(0.6), routes=[],
                      created=stamp(rng, 2024, 2026))
            self.gateways.append(gw)

    def free_project(self, sa, scenario, kinds=("team",)):
        """A project no route uses yet, where the scenario's intent cannot be spoiled by a grant
        or deny the gateway's account already has on the ancestry."""
        rng = self.rng
        for _ in range(200):
            p = rng.pick(self.projects)
            node = self.nodes[p]
            if p in self.route_projects or node["role"] not in kinds:
                continue
            if any(x in self.exclusive_folders for x in self.ancestors(p)) and scenario != "ingress-locked":
                continue
            if sa and scenario in NEEDS_NO_GRANT and any(
                    self.allows(sa, perm, p) for perm in (INVOKE_RUN, INVOKE_GCF, INVOKE_IAP)):
                continue
            if sa and self.denied(sa, INVOKE_RUN, p) or self.denied(None, INVOKE_RUN, p, everyone=True):
                continue
            self.route_projects.add(p)
            return p
        for p in self.projects:  # small organisations: take any unused project
            if p not in self.route_projects and self.nodes[p]["role"] in kinds + ("shared", "org", "security"):
                self.route_projects.add(p)
                return p
        fail("too few projects for the routes; pass a larger --projects")

    def folder_for_grant(self, project, sa):
        """The team folder of `project` when no other route of `sa` lies below it."""
        folder = self.nodes[project]["parent"]
        for r in self.routes:
            if r["gateway"]["sa"] == sa and r["backend"] and folder in self.ancestors(r["gate"]):
                return None
        if folder in self.exclusive_folders or self.nodes[folder]["kind"] != "folder":
            return None
        return folder

    def build_routes(self):
        rng = self.rng
        scenarios = [s for s, v in SCENARIOS.items() if v[0] > 0]
        weighted = [(s, SCENARIOS[s][0]) for s in scenarios]
        per_gateway = []
        for gw in self.gateways:
            if gw["special"]:
                per_gateway.append(rng.int(2, 3))
            else:
                per_gateway.append(max(4, min(40, int(rng.r.lognormvariate(math.log(11), 0.5)))))
        # Every scenario at least once (first on the ordinary gateways), then by weight.
        order = list(scenarios)
        rng.shuffle(order)
        self.popular = None
        k = 0
        for gw, count in zip(self.gateways, per_gateway):
            for i in range(count):
                if gw["special"]:
                    scenario = gw["special"]
                elif k < len(order):
                    scenario = order[k]
                    k += 1
                else:
                    scenario = rng.weighted(weighted)
                if scenario == "works-shared" and not self.shared_candidates(gw):
                    scenario = "works-direct"
                self.add_route(gw, scenario, top_level=(i == 0))
        while k < len(order):  # small organisations with few gateways: the rest on gateway 3+
            gw = self.gateways[2 + k % max(1, len(self.gateways) - 2)]
            scenario = order[k]
            if scenario == "works-shared" and not self.shared_candidates(gw):
                scenario = "works-direct"
            self.add_route(gw, scenario)
            k += 1

    def shared_candidates(self, gw):
        mine = {id(r["backend"]["obj"]) for r in gw["routes"] if r["backend"]}
        out = []
        for r in self.routes:
            b = r["backend"]
            if r["scenario"] in ("works-direct", "works-shared") and b and b["kind"] == "run" \
                    and id(b["obj"]) not in mine and not self.denied(gw["sa"], INVOKE_RUN, b["obj"]["canonical"]):
                out.append(r)
        return out

    def add_route(self, gw, scenario, top_level=False):
        rng = self.rng
        sa = gw["sa"]
        d = self.domain
        route = dict(gateway=gw, scenario=scenario, backend=None, disable_auth=False,
                     jwt_audience="", top_level=top_level, extra={})
        op_names = ["list", "get", "create", "update", "search", "status", "submit", "report",
                    "lookup", "sync", "export", "notify", "quote", "pay", "track", "score"]

        def grant(resource, role="roles/run.invoker", member=None, condition=None):
            self.add_binding(resource, role, member or sa, condition)

        def run_backend(project=None, **kw):
            project = project or self.free_project(sa, scenario)
            svc = self.run_service(project, **kw)
            svc["routed"] = True
            route["backend"] = dict(kind="run", obj=svc)
            route["address"] = svc["url"]
            return svc

        if scenario in ("works-direct", "service-account-disabled"):
            svc = run_backend()
            if sa:
                grant(svc["canonical"])
        elif scenario == "no-service-account":
            run_backend()
        elif scenario == "works-shared":
            cands = self.shared_candidates(gw)
            if self.popular and any(c["backend"]["obj"] is self.popular for c in cands) and rng.chance(0.5):
                svc = self.popular
            else:
                svc = rng.pick(cands)["backend"]["obj"]
            self.popular = self.popular or svc
            route["backend"] = dict(kind="run", obj=svc)
            route["address"] = svc["url"]
            grant(svc["canonical"])
        elif scenario == "works-project":
            svc = run_backend()
            grant(svc["project"])
        elif scenario == "works-folder-group":
            svc = run_backend()
            folder = self.folder_for_grant(svc["project"], sa)
            group = self.add_group(f"{gw['name']}-invokers@{d}",
                                   [("GROUP", gw["callers"][6:])] +
                                   [("USER", u) for u in rng.sample(self.users, 2)])
            grant(folder or svc["project"], member=group)
            route["extra"]["grantedAt"] = folder or svc["project"]
        elif scenario == "works-condition":
            svc = run_backend()
            if rng.chance(0.5):
                cond = {"title": "gateway access until mid 2027",
                        "expression": "request.time < timestamp(\"2027-06-30T00:00:00Z\")"}
            else:
                cond = {"title": "services of this project",
                        "expression": f"resource.name.startsWith(\"{svc['project']}/locations/\")"}
            cond["_value"] = True
            grant(svc["canonical"] if rng.chance(0.5) else svc["project"], condition=cond)
        elif scenario in ("works-gen1", "gen1-needs-functions-invoker", "event-function"):
            project = self.free_project(sa, scenario)
            fn = self.function(project, 1, event=scenario == "event-function")
            fn["routed"] = True
            route["backend"] = dict(kind="gcf1", obj=fn)
            route["address"] = fn["url"]
            if scenario == "works-gen1":
                grant(fn["canonical"], "roles/cloudfunctions.invoker")
            elif scenario == "gen1-needs-functions-invoker":
                grant(project, "roles/run.invoker")
            else:
                grant(fn["canonical"], "roles/cloudfunctions.invoker")
        elif scenario in ("works-gen2", "gen2-needs-run-invoker"):
            project = self.free_project(sa, scenario)
            fn = self.function(project, 2)
            fn["routed"] = fn["service"]["routed"] = True
            route["backend"] = dict(kind="gcf2", obj=fn)
            route["address"] = fn["url"] if rng.chance(0.5) else fn["uri"]
            if scenario == "works-gen2":
                grant(fn["service"]["canonical"])
            else:
                grant(fn["canonical"], "roles/cloudfunctions.invoker")
        elif scenario in ("works-appengine-iap", "works-appengine-no-iap"):
            project = self.free_project(sa, scenario)
            app = self.app(project, iap=scenario == "works-appengine-iap")
            app["routed"] = True
            route["backend"] = dict(kind="appengine", obj=app)
            route["address"] = f"https://{app['host']}"
            if app["iap"]:
                route["jwt_audience"] = app["client"]
                grant(app["iap_resource"], "roles/iap.httpsResourceAccessor")
        elif scenario == "works-invoker-check-off":
            project = self.free_project(sa, scenario, kinds=("sandbox", "team"))
            svc = run_backend(project)
            svc["invoker_off"] = True
        elif scenario == "works-all-users":
            svc = run_backend()
            grant(svc["canonical"], member="allUsers")
            route["disable_auth"] = rng.chance(0.5)
        elif scenario == "works-custom-role":
            svc = run_backend()
            role = self.custom_role("organization", self.org, "apiGatewayInvoker", "active",
                                    [INVOKE_RUN, INVOKE_GCF])
            grant(svc["project"], role)
        elif scenario == "works-basic-role":
            svc = run_backend()
            grant(svc["project"], "roles/editor")
        elif scenario == "works-jwt-audience":
            svc = run_backend()
            route["address"] = svc["url"] + rng.pick(["/v1", "/api", "/v2/items"])
            route["jwt_audience"] = svc["url"]
            grant(svc["canonical"])
        elif scenario == "works-custom-audience":
            svc = run_backend()
            aud = f"https://{svc['short']}.{self.domain}"
            svc["audiences"].append(aud)
            route["jwt_audience"] = aud
            grant(svc["canonical"])
        elif scenario == "works-deny-exception":
            svc = run_backend()
            grant(svc["canonical"])
            self.add_deny(svc["project"], "gateways-only", "only gateways invoke", [dict(
                description="services here are called through the API gateways only",
                deniedPrincipals=["principalSet://goog/public:all"],
                exceptionPrincipals=[f"principalSet://goog/group/{self.platform_invokers[6:]}"],
                deniedPermissions=["run.googleapis.com/routes.invoke"])])
        elif scenario == "missing-permission":
            if rng.chance(0.2):
                project = self.free_project(sa, scenario)
                app = self.app(project, iap=True)
                app["routed"] = True
                route["backend"] = dict(kind="appengine", obj=app)
                route["address"] = f"https://{app['host']}"
                route["jwt_audience"] = app["client"]
            else:
                run_backend()
        elif scenario == "granted-to-another-account":
            svc = run_backend()
            grant(svc["canonical"], member=svc["runtime"])
        elif scenario == "group-without-account":
            svc = run_backend()
            info = self.nodes[self.nodes[svc["project"]]["parent"]]
            groups = self.team_groups.get((info.get("bu"), info.get("team"))) or \
                self.team_groups[rng.pick(sorted(self.team_groups))]
            grant(svc["canonical"], member=rng.pick(list(groups)))
        elif scenario == "granted-elsewhere":
            svc = run_backend()
            other = self.run_service(self.free_project(sa, "works-direct"), name=svc["short"])
            other["routed_elsewhere"] = True
            grant(other["canonical"])
            route["extra"]["grantedOn"] = other["canonical"]
        elif scenario == "condition-false":
            svc = run_backend()
            if rng.chance(0.5):
                cond = {"title": "trial until June 2026",
                        "expression": "request.time < timestamp(\"2026-06-30T00:00:00Z\")"}
            else:
                cond = {"title": "staging services only",
                        "expression": "resource.name.endsWith(\"-staging\")"}
            cond["_value"] = False
            grant(svc["canonical"], condition=cond)
        elif scenario == "deleted-principal":
            svc = run_backend()
            uid = self.service_accounts[sa[len("serviceAccount:"):]]["unique"]
            old = str(int(uid) - 7)
            grant(svc["canonical"], member=f"deleted:{sa}?uid={old}")
        elif scenario == "inactive-role":
            svc = run_backend()
            role = self.custom_role("project", svc["project"], "legacyInvoker",
                                    rng.pick(["deleted", "disabled"]), [INVOKE_RUN])
            grant(svc["canonical"], role)
        elif scenario == "denied":
            svc = run_backend()
            grant(svc["canonical"])
            variant = rng.pick(["account", "group", "project-accounts"])
            if variant == "account":
                principal = f"principal://iam.googleapis.com/projects/-/serviceAccounts/{gw['sa_email']}"
            elif variant == "group":
                principal = f"principalSet://goog/group/{gw['callers'][6:]}"
            else:
                num = self.nodes[gw["project"]]["number"]
                principal = f"principalSet://cloudresourcemanager.googleapis.com/projects/{num}/type/ServiceAccount"
            at = svc["project"]
            folder = self.folder_for_grant(svc["project"], sa)
            if variant == "group" and folder and not any(
                    r["backend"] and folder in self.ancestors(r["gate"]) for r in self.routes):
                at = folder
                self.exclusive_folders.add(folder)
            self.add_deny(at, f"lockdown-{rng.token(6)}", f"{self.nodes[svc['project']]['id']} lockdown", [dict(
                description="only the owning team invokes these services",
                deniedPrincipals=[principal],
                exceptionPrincipals=[v2_principal(self.team_member(svc["project"]))
                                     if rng.chance(0.5) else f"principalSet://goog/group/{self.security_team[6:]}"],
                deniedPermissions=["run.googleapis.com/routes.invoke"])])
            route["extra"]["deniedAt"] = at
        elif scenario == "denied-to-everyone":
            svc = run_backend()
            grant(svc["canonical"], member="allUsers")
            route["disable_auth"] = True
            self.add_deny(svc["project"], "no-public-invoke", "no anonymous calls", [dict(
                description="public services are not allowed here",
                deniedPrincipals=["principalSet://goog/public:all"],
                deniedPermissions=["run.googleapis.com/routes.invoke"])])
        elif scenario == "ingress":
            variant = rng.pick(["internal", "lb", "gen1", "gen2", "locked"])
            if variant in ("internal", "lb"):
                svc = run_backend()
                svc["ingress"] = "internal" if variant == "internal" else "internal-and-cloud-load-balancing"
                grant(svc["canonical"])
            elif variant == "locked":
                project = None
                kids = [p for p in self.projects if self.nodes[p]["parent"] == self.ingress_locked
                        and p not in self.route_projects]
                if kids:
                    project = kids[0]
                    self.route_projects.add(project)
                svc = run_backend(project)
                svc["ingress"] = "internal"
                grant(svc["canonical"])
            else:
                project = self.free_project(sa, scenario)
                if variant == "gen1":
                    fn = self.function(project, 1, ingress="ALLOW_INTERNAL_ONLY")
                    route["backend"] = dict(kind="gcf1", obj=fn)
                    route["address"] = fn["url"]
                    grant(fn["canonical"], "roles/cloudfunctions.invoker")
                else:
                    fn = self.function(project, 2, ingress="ALLOW_INTERNAL_AND_GCLB")
                    fn["service"]["routed"] = True
                    route["backend"] = dict(kind="gcf2", obj=fn)
                    route["address"] = fn["uri"]
                    grant(fn["service"]["canonical"])
                fn["routed"] = True
            route["extra"]["variant"] = variant
        elif scenario == "audience":
            variant = rng.pick(["path", "appengine", "gen1"])
            if variant == "path":
                svc = run_backend()
                route["address"] = svc["url"] + "/v1"
                grant(svc["canonical"])
            elif variant == "appengine":
                app = self.app(self.free_project(sa, scenario), iap=True)
                app["routed"] = True
                route["backend"] = dict(kind="appengine", obj=app)
                route["address"] = f"https://{app['host']}"
                grant(app["iap_resource"], "roles/iap.httpsResourceAccessor")
            else:
                fn = self.function(self.free_project(sa, scenario), 1)
                fn["routed"] = True
                route["backend"] = dict(kind="gcf1", obj=fn)
                route["address"] = fn["url"]
                route["jwt_audience"] = f"https://{fn['short']}.{self.domain}"
                grant(fn["canonical"], "roles/cloudfunctions.invoker")
            route["extra"]["variant"] = variant
        elif scenario == "disable-auth":
            svc = run_backend()
            route["disable_auth"] = True
            grant(svc["canonical"])
        elif scenario == "google-api":
            used = {r["address"] for r in gw["routes"]}
            apis = [a for a in ["https://maps.googleapis.com/maps/api/geocode/json",
                                "https://translation.googleapis.com/language/translate/v2",
                                "https://vision.googleapis.com/v1/images:annotate",
                                "https://storage.googleapis.com/upload/storage/v1/b"] if a not in used]
            api = rng.pick(apis) if apis else f"https://language.googleapis.com/v1/{rng.token(8)}"
            route["address"] = api
            route["backend_name"] = api
        elif scenario == "backend-not-loaded":
            p = self.nodes[rng.pick(self.projects)]
            route["address"] = f"https://{rng.pick(SERVICE_NAMES)}-{rng.token(4)}-{p['hash']}-uc.a.run.app"
            route["backend_name"] = route["address"]
        elif scenario == "default-url-disabled":
            svc = run_backend()
            svc["default_url_off"] = True
            grant(svc["canonical"])
        else:
            raise AssertionError(scenario)
        b = route["backend"]
        if b:
            perm, gate = self.gate(b)
            route["gate"] = gate
            route["backend_name"] = b["obj"]["canonical"]
        else:
            route["gate"] = None
        used = {r["operation"] for r in gw["routes"]}
        op = f"{rng.pick(op_names)}{rng.pick(['Orders', 'Items', 'Users', 'Reports', 'Status', 'Quotes', 'Events', 'Invoices', 'Profiles', 'Files'])}"
        while op in used:
            op = op + str(len(used))
        route["operation"] = op
        route["path"] = "/" + op.lower()
        gw["routes"].append(route)
        self.routes.append(route)

    def custom_role(self, level, parent, role_id, state, perms):
        name = f"{parent}/roles/{role_id}"
        for c in self.custom_roles:
            if c["name"] == name:
                return name
        self.custom_roles.append(dict(name=name, scope=parent, state=state, perms=perms,
                                      level=level, id=role_id, etag=etag(self.rng)))
        return name

    def verify(self):
        """Every route's intended verdict against the reference evaluation; stops on a mismatch."""
        problems = []
        for r in self.routes:
            intended = SCENARIOS[r["scenario"]][1]
            works = self.route_works(r)
            if (intended == "yes") != works:
                problems.append(f"{r['gateway']['name']} -> {r['backend_name']} ({r['scenario']}): "
                                f"intended {intended}, the reference says {'yes' if works else 'no'}")
        pairs = {}
        for r in self.routes:
            key = (r["gateway"]["canonical"], r["backend_name"])
            if key in pairs:
                problems.append(f"two routes for the pair {key}")
            pairs[key] = r
        if problems:
            fail("generator bug, intended verdicts disagree:\n  " + "\n  ".join(problems))


# ---- writing gcloud output -------------------------------------------------------------------
class Writer:
    """Writes files under one folder and counts them."""

    def __init__(self, root):
        self.root = root
        self.files = 0
        self.bytes = 0
        self.kinds = {}
        self.made = set()

    def write(self, sub, name, text):
        folder = os.path.join(self.root, sub)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        data = text.encode("utf-8")
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        self.files += 1
        self.bytes += len(data)
        self.kinds[sub] = self.kinds.get(sub, 0) + 1

    def json(self, sub, name, obj):
        self.write(sub, name, dumps(obj))


def policy_json(org, resource, rng):
    bindings = []
    version = 1
    for b in org.policies.get(resource, []):
        out = {"members": sorted(b["members"]), "role": b["role"]}
        if b.get("condition"):
            out["condition"] = {k: v for k, v in b["condition"].items() if not k.startswith("_")}
            version = 3
        bindings.append(out)
    if not bindings:
        return {"etag": etag(rng)} if rng.chance(0.5) else {"etag": etag(rng), "version": 1}
    return {"bindings": bindings, "etag": etag(rng), "version": version}


def knative(org, svc):
    p = org.nodes[svc["project"]]
    ann = {
        "run.googleapis.com/client-name": "gcloud",
        "run.googleapis.com/client-version": "520.0.0",
        "run.googleapis.com/ingress": svc["ingress"],
        "run.googleapis.com/ingress-status": svc["ingress"],
        "run.googleapis.com/urls": json.dumps([svc["url2"], svc["url"]], separators=(",", ":")),
        "serving.knative.dev/creator": f"{org.rng.pick(org.users)}",
        "serving.knative.dev/lastModifier": f"{org.rng.pick(org.users)}",
    }
    if svc["invoker_off"]:
        ann["run.googleapis.com/invoker-iam-disabled"] = "true"
    if svc["default_url_off"]:
        ann["run.googleapis.com/default-url-disabled"] = "true"
    if svc["audiences"]:
        ann["run.googleapis.com/custom-audiences"] = json.dumps(svc["audiences"], separators=(",", ":"))
    gen = org.rng.int(1, 30)
    rev = f"{svc['short']}-{gen:05d}-{org.rng.token(3)}"
    return {
        "apiVersion": "serving.knative.dev/v1", "kind": "Service",
        "metadata": {
            "annotations": ann, "creationTimestamp": svc["created"], "generation": gen,
            "labels": {"cloud.googleapis.com/location": svc["region"]},
            "name": svc["short"], "namespace": p["number"], "resourceVersion": "AAY" + org.rng.token(8),
            "selfLink": f"/apis/serving.knative.dev/v1/namespaces/{p['number']}/services/{svc['short']}",
            "uid": org.uuid()},
        "spec": {"template": {"spec": {
            "containerConcurrency": 80,
            "containers": [{"image": f"{svc['region'].split('-')[0]}-docker.pkg.dev/{p['id']}/apps/{svc['short']}:1.{gen}.0",
                            "ports": [{"containerPort": 8080, "name": "http1"}]}],
            "serviceAccountName": svc["runtime"][len("serviceAccount:"):], "timeoutSeconds": 300}},
            "traffic": [{"latestRevision": True, "percent": 100}]},
        "status": {
            "address": {"url": svc["url"]},
            "conditions": [{"lastTransitionTime": svc["created"], "status": "True", "type": "Ready"}],
            "latestCreatedRevisionName": rev, "latestReadyRevisionName": rev, "observedGeneration": gen,
            "traffic": [{"latestRevision": True, "percent": 100, "revisionName": rev}],
            "url": svc["url"]},
    }


def run_v2(org, svc):
    p = org.nodes[svc["project"]]
    out = {
        "createTime": svc["created"], "creator": org.rng.pick(org.users),
        "etag": f"\"{org.rng.token(20)}\"", "generation": str(org.rng.int(1, 20)),
        "ingress": {"all": "INGRESS_TRAFFIC_ALL", "internal": "INGRESS_TRAFFIC_INTERNAL_ONLY",
                    "internal-and-cloud-load-balancing": "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"}[svc["ingress"]],
        "launchStage": "GA", "name": svc["canonical"],
        "template": {"containers": [{"image": f"us-docker.pkg.dev/{p['id']}/apps/{svc['short']}:2.0.0",
                                     "ports": [{"containerPort": 8080, "name": "http1"}]}],
                     "maxInstanceRequestConcurrency": 80,
                     "serviceAccount": svc["runtime"][len("serviceAccount:"):], "timeout": "60s"},
        "terminalCondition": {"lastTransitionTime": svc["created"], "state": "CONDITION_SUCCEEDED", "type": "Ready"},
        "traffic": [{"percent": 100, "type": "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"}],
        "uid": org.uuid(), "updateTime": svc["created"], "uri": svc["url"], "urls": [svc["url2"], svc["url"]],
    }
    if svc["invoker_off"]:
        out["invokerIamDisabled"] = True
    if svc["default_url_off"]:
        out["defaultUriDisabled"] = True
    if svc["audiences"]:
        out["customAudiences"] = svc["audiences"]
    return out


def function_json(org, fn):
    p = org.nodes[fn["project"]]
    rng = org.rng
    runtime = rng.pick(["python312", "nodejs20", "go122", "java21"])
    if fn["gen"] == 2:
        s = fn["service"]
        out = {
            "buildConfig": {"entryPoint": fn["short"].replace("-", "_"), "runtime": runtime},
            "createTime": fn["created"], "environment": "GEN_2", "labels": {"deployment-tool": "cli-gcloud"},
            "name": fn["canonical"],
            "serviceConfig": {"allTrafficOnLatestRevision": True, "availableMemory": "256M",
                              "ingressSettings": fn["ingress"], "maxInstanceCount": 100,
                              "revision": f"{s['short']}-00003-{rng.token(3)}", "service": s["canonical"],
                              "serviceAccountEmail": fn["runtime"][len("serviceAccount:"):],
                              "timeoutSeconds": 60, "uri": s["url"]},
            "state": "ACTIVE", "updateTime": fn["created"], "url": fn["url"]}
        if s["invoker_off"]:
            pass
        return out
    if fn["v2_api"]:
        out = {"buildConfig": {"entryPoint": fn["short"].replace("-", "_"), "runtime": runtime},
               "environment": "GEN_1", "name": fn["canonical"],
               "serviceConfig": {"availableMemory": "256M", "ingressSettings": fn["ingress"],
                                 "serviceAccountEmail": fn["runtime"][len("serviceAccount:"):],
                                 "timeoutSeconds": 60},
               "state": "ACTIVE", "updateTime": fn["created"]}
        if fn["event"]:
            out["eventTrigger"] = {"eventType": "google.cloud.pubsub.topic.v1.messagePublished",
                                   "pubsubTopic": f"projects/{p['id']}/topics/{fn['short']}"}
        else:
            out["serviceConfig"]["securityLevel"] = "SECURE_ALWAYS"
            out["serviceConfig"]["uri"] = fn["url"]
            out["url"] = fn["url"]
        return out
    out = {"availableMemoryMb": 256, "entryPoint": fn["short"].replace("-", "_"),
           "ingressSettings": fn["ingress"], "name": fn["canonical"], "runtime": runtime,
           "serviceAccountEmail": fn["runtime"][len("serviceAccount:"):], "status": "ACTIVE",
           "timeout": "60s", "updateTime": fn["created"], "versionId": str(rng.int(1, 12))}
    if fn["event"]:
        out["eventTrigger"] = {"eventType": "google.pubsub.topic.publish", "failurePolicy": {},
                               "resource": f"projects/{p['id']}/topics/{fn['short']}",
                               "service": "pubsub.googleapis.com"}
    else:
        out["httpsTrigger"] = {"securityLevel": "SECURE_ALWAYS", "url": fn["url"]}
    return out


def app_json(org, app):
    p = org.nodes[app["project"]]
    out = {"authDomain": "gmail.com", "codeBucket": f"staging.{p['id']}.appspot.com",
           "databaseType": "CLOUD_DATASTORE_COMPATIBILITY", "defaultBucket": f"{p['id']}.appspot.com",
           "defaultHostname": app["host"], "gcrDomain": "us.gcr.io", "id": p["id"],
           "locationId": app["location"], "name": app["canonical"],
           "serviceAccount": f"{p['id']}@appspot.gserviceaccount.com", "servingStatus": "SERVING"}
    if app["iap"]:
        out["iap"] = {"enabled": True, "oauth2ClientId": app["client"],
                      "oauth2ClientSecretSha256": hashlib.sha256(app["client"].encode()).hexdigest()}
    elif org.rng.chance(0.5):
        out["iap"] = {"enabled": False}
    return out


def openapi(org, gw, routes, as_yaml):
    """The OpenAPI 2.0 document of a gateway's config; the first route may be the top-level
    backend (operations without their own x-google-backend use it)."""
    top = routes[0] if routes and routes[0]["top_level"] and not routes[0]["disable_auth"] \
        and not routes[0]["jwt_audience"] else None

    def backend(r):
        b = {"address": r["address"]}
        if r["jwt_audience"]:
            b["jwt_audience"] = r["jwt_audience"]
        if r["disable_auth"]:
            b["disable_auth"] = True
        if r["address"].count("/") > 2:
            b["path_translation"] = "APPEND_PATH_TO_ADDRESS"
        return b

    doc = {"swagger": "2.0", "info": {"title": gw["api"], "description": f"{gw['name']} API",
                                      "version": "1.0.0"},
           "schemes": ["https"], "produces": ["application/json"], "paths": {}}
    if top:
        doc["x-google-backend"] = dict(backend(top), deadline=30.0)
    for r in routes:
        op = {"operationId": r["operation"], "responses": {"200": {"description": "OK"}}}
        if r is not top:
            op["x-google-backend"] = backend(r)
        doc["paths"][r["path"]] = {"get" if org.rng.chance(0.6) else "post": op}
    if as_yaml:
        return yaml_text(doc, f"# The {gw['api']} API (openapi-{gw['name']}.yaml)\n")
    return json.dumps(doc, indent=2) + "\n"


def yaml_text(value, header=""):
    """A small YAML emitter for the OpenAPI documents (maps, lists, strings, numbers, bools)."""
    lines = [header.rstrip("\n")] if header else []

    def scalar(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return str(v)
        s = str(v)
        if s == "" or s[0] in "\"'&*!|>%@`{}[],#?:-" or ": " in s or s in ("true", "false", "null") \
                or s.replace(".", "", 1).isdigit() or s.startswith("2.0"):
            return json.dumps(s)
        return s

    def emit(v, indent):
        pad = "  " * indent
        if isinstance(v, dict):
            for k, x in v.items():
                key = scalar(k)
                if isinstance(x, (dict, list)) and x:
                    lines.append(f"{pad}{key}:")
                    emit(x, indent + 1)
                else:
                    lines.append(f"{pad}{key}: {scalar(x)}")
        else:
            for x in v:
                if isinstance(x, dict):
                    first = True
                    for k, y in x.items():
                        prefix = f"{pad}- " if first else f"{pad}  "
                        first = False
                        if isinstance(y, (dict, list)) and y:
                            lines.append(f"{prefix}{scalar(k)}:")
                            emit(y, indent + 2)
                        else:
                            lines.append(f"{prefix}{scalar(k)}: {scalar(y)}")
                else:
                    lines.append(f"{pad}- {scalar(x)}")
    emit(value, 0)
    return "\n".join(lines) + "\n"


def deny_listing_entry(policy):
    return {"createTime": policy["created"], "displayName": policy["display"],
            "etag": base64.b64encode(policy["uid"].encode()).decode()[:24], "kind": "DenyPolicy",
            "name": policy["name"], "uid": policy["uid"], "updateTime": policy["created"]}


def deny_policy_json(policy):
    out = deny_listing_entry(policy)
    out["rules"] = [{"denyRule": {k: v for k, v in r.items() if k != "description"},
                     "description": r["description"]} for r in policy["rules"]]
    return out


def node_file_id(org, node):
    kind, rest = node.split("/", 1)
    return f"{kind}-{rest}"


def org_policy_name(org, node, constraint):
    kind = node.split("/")[0]
    ident = org.nodes[node]["number"] if kind == "projects" else node.split("/")[1]
    return f"{kind}/{ident}/policies/{constraint}"


def write_gcloud(org, out):
    """Every gcloud output of the organisation, one folder per kind (docs/file-naming.md)."""
    w = Writer(out)
    rng = Rand(org.args.seed + 1)  # etags and other noise, independent of the structure
    # Names shared by several services or functions get qualified policy file names.
    run_names, fn_names = {}, {}
    for s in org.services:
        run_names[s["short"]] = run_names.get(s["short"], 0) + 1
    for f in org.functions:
        fn_names[f["short"]] = fn_names.get(f["short"], 0) + 1

    def qualified(short, region, project, counts):
        if counts[short] == 1 and rng.chance(0.7):
            return short
        pid = project.split("/", 1)[1]
        return f"{short}--region={region}--project={pid}"

    o = org.org
    w.json("org", "organizations-list.json", [{
        "creationTime": "2019-06-01T09:00:00.000Z", "displayName": org.domain, "lifecycleState": "ACTIVE",
        "name": o, "owner": {"directoryCustomerId": org.customer}}])
    w.json("org", f"organizations-get-iam-policy-{org.org_number}.json", policy_json(org, o, rng))
    for name, node in org.nodes.items():
        if node["kind"] == "folder":
            num = name.split("/")[1]
            w.json("folders", f"folders-describe-{num}.json", {
                "createTime": stamp(rng, 2019, 2024), "displayName": node["display"],
                "lifecycleState": "ACTIVE", "name": name, "parent": node["parent"]})
            prefix = "resource-manager-folders-get-iam-policy" if rng.chance(0.3) else "folders-get-iam-policy"
            w.json("folders", f"{prefix}-{num}.json", policy_json(org, name, rng))
        elif node["kind"] == "project":
            parent = node["parent"]
            w.json("projects", f"projects-describe-{node['id']}.json", {
                "createTime": node["created"], "lifecycleState": "ACTIVE", "name": node["id"],
                "parent": {"id": parent.split("/")[1], "type": parent.split("/")[0][:-1]},
                "projectId": node["id"], "projectNumber": node["number"]})
            arg = node["id"] if rng.chance(0.9) else node["number"]
            w.json("projects", f"projects-get-iam-policy-{arg}.json", policy_json(org, name, rng))
    # Deny policies: a listing at every node, and each listed policy fetched.
    for node in [o] + [n for n, v in org.nodes.items() if v["kind"] in ("folder", "project")]:
        if org.nodes[node]["kind"] == "project":
            ident = f"projects-{org.nodes[node]['id']}"
        else:
            ident = node_file_id(org, node)
        policies = org.deny_at.get(node, [])
        w.json("deny", f"iam-policies-list-denypolicies-{ident}.json",
               [deny_listing_entry(p) for p in policies])
        for p in policies:
            w.json("deny", f"iam-policies-get-{ident}-{p['id']}.json", deny_policy_json(p))
    # Organization policies.
    for node, constraint, spec, v1 in org.org_policies:
        kind = node.split("/")[0]
        if v1:
            pid = org.nodes[node]["id"]
            body = {"constraint": f"constraints/{constraint}", "etag": etag(rng), "version": 2}
            body.update(spec)
            w.json("orgpolicy", f"resource-manager-org-policies-describe-{constraint}-project-{pid}.json", body)
            continue
        tag = etag(rng)
        body = {"etag": tag, "name": org_policy_name(org, node, constraint),
                "spec": dict(spec, etag=tag, updateTime=stamp(rng, 2023, 2026))}
        ident = org.nodes[node]["id"] if kind == "projects" else node.split("/")[1]
        w.json("orgpolicy", f"org-policies-describe-{constraint}-{kind[:-1]}-{ident}.json", body)
    # Cloud Run services (Knative v1 mostly, some Admin API v2) and their policies.
    for s in org.services:
        if s["gen2_of"]:
            w.json("run", f"run-services-get-iam-policy-{qualified(s['short'], s['region'], s['project'], run_names)}.json",
                   policy_json(org, s["canonical"], rng))
            continue
        pid = s["project"].split("/", 1)[1]
        if s["v2"]:
            w.json("run", f"run-v2-services-get-{s['short']}--region={s['region']}--project={pid}.json", run_v2(org, s))
        else:
            w.json("run", f"run-services-describe-{s['short']}--region={s['region']}--project={pid}.json", knative(org, s))
        w.json("run", f"run-services-get-iam-policy-{qualified(s['short'], s['region'], s['project'], run_names)}.json",
               policy_json(org, s["canonical"], rng))
    for f in org.functions:
        pid = f["project"].split("/", 1)[1]
        w.json("functions", f"functions-describe-{f['short']}--region={f['region']}--project={pid}.json", function_json(org, f))
        w.json("functions", f"functions-get-iam-policy-{qualified(f['short'], f['region'], f['project'], fn_names)}.json",
               policy_json(org, f["canonical"], rng))
    for a in org.apps:
        pid = a["project"].split("/", 1)[1]
        w.json("appengine", f"app-describe-{pid}.json", app_json(org, a))
        if a["iap"]:
            w.json("appengine", f"iap-web-get-iam-policy-app-engine-{pid}.json", policy_json(org, a["iap_resource"], rng))
    # Gateways, APIs, configs and their accounts.
    for gw in org.gateways:
        pid = org.nodes[gw["project"]]["id"]
        pnum = org.nodes[gw["project"]]["number"]
        proj = pnum if gw["by_number"] else pid
        cfg_name = f"projects/{proj}/locations/global/apis/{gw['api']}/configs/{gw['config']}"
        w.json("gateways", f"api-gateway-gateways-describe-{gw['name']}-gw--project={pid}.json", {
            "apiConfig": cfg_name, "createTime": gw["created"], "defaultHostname": gw["host"],
            "displayName": f"{gw['name']}-gw", "name": gw["canonical"], "state": "ACTIVE",
            "updateTime": gw["created"]})
        w.json("gateways", f"api-gateway-apis-describe-{gw['api']}--project={pid}.json", {
            "createTime": gw["created"], "displayName": gw["api"],
            "managedService": f"{gw['api']}-{rng.token(13)}.apigateway.{pid}.cloud.goog",
            "name": f"projects/{pid}/locations/global/apis/{gw['api']}", "state": "ACTIVE",
            "updateTime": gw["created"]})
        configs = [(gw["config"], gw["routes"])]
        if gw["older"]:
            configs.append((gw["older"], gw["routes"][: max(1, len(gw["routes"]) // 2)]))
        for cfg, routes in configs:
            as_yaml = gw["yaml"]
            text = openapi(org, gw, routes, as_yaml)
            body = {"createTime": gw["created"], "displayName": cfg,
                    "name": f"projects/{pid}/locations/global/apis/{gw['api']}/configs/{cfg}",
                    "openapiDocuments": [{"document": {
                        "contents": base64.b64encode(text.encode()).decode(),
                        "path": f"openapi-{gw['name']}.{'yaml' if as_yaml else 'json'}"}}],
                    "serviceConfigId": f"{cfg}-2025-06-02r0", "state": "ACTIVE", "updateTime": gw["created"]}
            if gw["sa"]:
                body["gatewayServiceAccount"] = gw["sa_email"] if rng.chance(0.6) else \
                    f"projects/-/serviceAccounts/{gw['sa_email']}"
            w.json("gateways", f"api-gateway-api-configs-describe-{cfg}--api={gw['api']}--project={pid}.json", body)
    # Service accounts: the gateways' and the runtime accounts of routed backends.
    described = set()
    for gw in org.gateways:
        if gw["sa"]:
            described.add(gw["sa_email"])
    for r in org.routes:
        b = r["backend"]
        if b and b["kind"] == "run":
            described.add(b["obj"]["runtime"][len("serviceAccount:"):])
    for email in sorted(described):
        info = org.service_accounts[email]
        pid = org.nodes[info["project"]]["id"]
        body = {"displayName": info["display"], "email": email, "etag": "MDEwMjE5MjA=",
                "name": f"projects/{pid}/serviceAccounts/{email}", "oauth2ClientId": info["unique"],
                "projectId": pid, "uniqueId": info["unique"]}
        if info["disabled"]:
            body["disabled"] = True
        w.json("iam", f"iam-service-accounts-describe-{email}.json", body)
    for c in org.custom_roles:
        body = {"description": f"{c['id']} ({c['level']} custom role)", "etag": c["etag"],
                "includedPermissions": sorted(c["perms"]), "name": c["name"],
                "stage": "DISABLED" if c["state"] == "disabled" else "GA", "title": c["id"]}
        if c["state"] == "deleted":
            body["deleted"] = True
        flag = f"--organization={c['scope'].split('/')[1]}" if c["level"] == "organization" else \
            f"--project={c['scope'].split('/')[1]}"
        w.json("iam", f"iam-roles-describe-{c['id']}{flag}.json", body)
    # Every group any policy names, or that is a member of another: its direct members.
    for g in org.group_order:
        items = []
        for t, mid in org.groups[g]:
            items.append({"name": f"groups/{hashlib.md5(g.encode()).hexdigest()[:15]}/memberships/{hashlib.md5(mid.encode()).hexdigest()[:21]}",
                          "preferredMemberKey": {"id": mid},
                          "roles": [{"name": "MEMBER"}], "type": t})
        w.json("groups", f"identity-groups-memberships-list-{g}.json", items)
    return w


# ---- writing Cloud Asset export records ----------------------------------------------------------
def write_asset(org, out):
    """`gcloud asset export` output (resource and iam-policy content types) and a supplement of
    what Cloud Asset does not export, as gcloud JSON."""
    w = Writer(out)
    rng = Rand(org.args.seed + 2)
    update = "2026-11-20T00:00:00.000000Z"

    def ancestors(node):
        out = []
        for x in org.ancestors(node):
            if x in org.nodes:
                kind = x.split("/")[0]
                out.append(f"{kind}/{org.node_number(x)}")
        return out

    def full(service, name):
        return f"//{service}/{name}"

    def project_of(name):
        return "/".join(name.split("/")[:2])

    resources, policies = [], []

    def record(name, asset_type, node_for_ancestors, data, discovery, version, location=None, parent=None):
        res = {"version": version, "discovery_document_uri": discovery[0], "discovery_name": discovery[1],
               "data": data}
        if parent:
            res["parent"] = parent
        if location:
            res["location"] = location
        resources.append({"name": name, "asset_type": asset_type, "resource": res,
                          "ancestors": ancestors(node_for_ancestors), "update_time": update})

    def policy(name, asset_type, node_for_ancestors, resource):
        p = policy_json(org, resource, rng)
        body = {"version": p.get("version", 1), "etag": p["etag"]}
        if "bindings" in p:
            body["bindings"] = p["bindings"]
        policies.append({"name": name, "asset_type": asset_type, "iam_policy": body,
                         "ancestors": ancestors(node_for_ancestors), "update_time": update})

    crm = "cloudresourcemanager.googleapis.com"
    for name, node in org.nodes.items():
        kind = node["kind"]
        if kind == "organization":
            fn = full(crm, name)
            record(fn, f"{crm}/Organization", name,
                   {"name": name, "displayName": org.domain, "lifecycleState": "ACTIVE",
                    "owner": {"directoryCustomerId": org.customer}, "creationTime": "2019-06-01T09:00:00.000Z"},
                   (f"https://{crm}/$discovery/rest", "Organization"), "v1")
            policy(fn, f"{crm}/Organization", name, name)
        elif kind == "folder":
            fn = full(crm, name)
            parent_full = full(crm, node["parent"])
            record(fn, f"{crm}/Folder", name,
                   {"name": name, "displayName": node["display"], "parent": node["parent"], "state": "ACTIVE"},
                   (f"https://{crm}/$discovery/rest", "Folder"), "v3", parent=parent_full)
            policy(fn, f"{crm}/Folder", name, name)
        else:
            fn = full(crm, f"projects/{node['number']}")
            parent = node["parent"]
            record(fn, f"{crm}/Project", name,
                   {"projectNumber": node["number"], "projectId": node["id"], "lifecycleState": "ACTIVE",
                    "name": node["id"], "createTime": node["created"],
                    "parent": {"type": parent.split("/")[0][:-1], "id": parent.split("/")[1]}},
                   (f"https://{crm}/$discovery/rest", "Project"), "v1", parent=full(crm, parent))
            policy(fn, f"{crm}/Project", name, name)
    for s in org.services:
        fn = full("run.googleapis.com", s["canonical"])
        parent = full(crm, f"projects/{org.nodes[s['project']]['number']}")
        if not s["gen2_of"]:
            record(fn, "run.googleapis.com/Service", s["project"], knative(org, s),
                   ("https://run.googleapis.com/$discovery/rest", "Service"), "v1", location=s["region"], parent=parent)
        policy(fn, "run.googleapis.com/Service", s["project"], s["canonical"])
    for f in org.functions:
        fn = full("cloudfunctions.googleapis.com", f["canonical"])
        parent = full(crm, f"projects/{org.nodes[f['project']]['number']}")
        asset_type = "cloudfunctions.googleapis.com/Function" if f["gen"] == 2 or f["v2_api"] else \
            "cloudfunctions.googleapis.com/CloudFunction"
        record(fn, asset_type, f["project"], function_json(org, f),
               ("https://cloudfunctions.googleapis.com/$discovery/rest", asset_type.split("/")[1]),
               "v2" if asset_type.endswith("/Function") else "v1", location=f["region"], parent=parent)
        policy(fn, asset_type, f["project"], f["canonical"])
    for a in org.apps:
        parent = full(crm, f"projects/{org.nodes[a['project']]['number']}")
        record(full("appengine.googleapis.com", a["canonical"]), "appengine.googleapis.com/Application",
               a["project"], app_json(org, a), ("https://appengine.googleapis.com/$discovery/rest", "Application"),
               "v1", location=a["location"], parent=parent)
        if a["iap"]:
            policy(full("iap.googleapis.com", a["iap_resource"]), "iap.googleapis.com/WebType", a["project"], a["iap_resource"])
    for gw in org.gateways:
        pid = org.nodes[gw["project"]]["id"]
        parent = full(crm, f"projects/{org.nodes[gw['project']]['number']}")
        disc = ("https://apigateway.googleapis.com/$discovery/rest", None)
        record(full("apigateway.googleapis.com", gw["canonical"]), "apigateway.googleapis.com/Gateway",
               gw["project"], {"name": gw["canonical"], "apiConfig": f"projects/{pid}/locations/global/apis/{gw['api']}/configs/{gw['config']}",
                               "defaultHostname": gw["host"], "displayName": f"{gw['name']}-gw", "state": "ACTIVE"},
               (disc[0], "Gateway"), "v1", location=gw["region"], parent=parent)
        api = f"projects/{pid}/locations/global/apis/{gw['api']}"
        record(full("apigateway.googleapis.com", api), "apigateway.googleapis.com/Api", gw["project"],
               {"name": api, "displayName": gw["api"], "state": "ACTIVE"}, (disc[0], "Api"), "v1",
               location="global", parent=parent)
        for cfg, routes in [(gw["config"], gw["routes"])] + ([(gw["older"], gw["routes"][: max(1, len(gw["routes"]) // 2)])] if gw["older"] else []):
            text = openapi(org, gw, routes, gw["yaml"])
            data = {"name": f"{api}/configs/{cfg}", "displayName": cfg, "state": "ACTIVE",
                    "openapiDocuments": [{"document": {"path": f"openapi-{gw['name']}.yaml",
                                                       "contents": base64.b64encode(text.encode()).decode()}}]}
            if gw["sa"]:
                data["gatewayServiceAccount"] = gw["sa_email"]
            record(full("apigateway.googleapis.com", f"{api}/configs/{cfg}"), "apigateway.googleapis.com/ApiConfig",
                   gw["project"], data, (disc[0], "ApiConfig"), "v1", location="global", parent=parent)
    for node, constraint, spec, v1 in org.org_policies:
        if v1:
            continue
        name = org_policy_name(org, node, constraint)
        record(full("orgpolicy.googleapis.com", name), "orgpolicy.googleapis.com/Policy", node,
               {"name": name, "spec": spec}, ("https://orgpolicy.googleapis.com/$discovery/rest", "Policy"), "v2")
    w.write("", "resource.ndjson", "".join(json.dumps(r, separators=(",", ":"), sort_keys=True) + "\n" for r in resources))
    w.write("", "iam-policy.ndjson", "".join(json.dumps(r, separators=(",", ":"), sort_keys=True) + "\n" for r in policies))
    # The supplement: what Cloud Asset does not export, in the gcloud shapes.
    sup = Writer(os.path.join(out, "supplement"))
    for node in [org.org] + [n for n, v in org.nodes.items() if v["kind"] in ("folder", "project")]:
        ident = f"projects-{org.nodes[node]['id']}" if org.nodes[node]["kind"] == "project" else node_file_id(org, node)
        ps = org.deny_at.get(node, [])
        sup.json("deny", f"iam-policies-list-denypolicies-{ident}.json", [deny_listing_entry(p) for p in ps])
        for p in ps:
            sup.json("deny", f"iam-policies-get-{ident}-{p['id']}.json", deny_policy_json(p))
    for g in org.group_order:
        sup.json("groups", f"identity-groups-memberships-list-{g}.json", [
            {"name": f"groups/{hashlib.md5(g.encode()).hexdigest()[:15]}/memberships/{hashlib.md5(m.encode()).hexdigest()[:21]}",
             "preferredMemberKey": {"id": m}, "roles": [{"name": "MEMBER"}], "type": t} for t, m in org.groups[g]])
    for gw in org.gateways:
        if gw["sa"]:
            info = org.service_accounts[gw["sa_email"]]
            pid = org.nodes[info["project"]]["id"]
            body = {"displayName": info["display"], "email": gw["sa_email"], "etag": "MDEwMjE5MjA=",
                    "name": f"projects/{pid}/serviceAccounts/{gw['sa_email']}", "projectId": pid,
                    "oauth2ClientId": info["unique"], "uniqueId": info["unique"]}
            if info["disabled"]:
                body["disabled"] = True
            sup.json("iam", f"iam-service-accounts-describe-{gw['sa_email']}.json", body)
    for c in org.custom_roles:
        body = {"etag": c["etag"], "includedPermissions": sorted(c["perms"]), "name": c["name"],
                "stage": "DISABLED" if c["state"] == "disabled" else "GA", "title": c["id"]}
        if c["state"] == "deleted":
            body["deleted"] = True
        sup.json("iam", f"iam-roles-describe-{c['id']}--{c['level']}={c['scope'].split('/')[1]}.json", body)
    w.files += sup.files
    w.bytes += sup.bytes
    w.kinds.update({"supplement/" + k: v for k, v in sup.kinds.items()})
    w.records = {"resource": len(resources), "iam-policy": len(policies)}
    return w


# ---- meta.json ------------------------------------------------------------------------------------
def meta(org, args, writers, seconds):
    routes = []
    for r in org.routes:
        _, verdict, layer, cause, more = SCENARIOS[r["scenario"]]
        gw = r["gateway"]
        codes = ([cause] if cause else []) + list(more)
        if verdict == "no" and gw["older"]:
            codes.append("older-config")
        routes.append(dict(
            gateway=gw["canonical"], backend=r["backend_name"], operation=r["operation"],
            address=r["address"], scenario=r["scenario"], verdict=verdict, layer=layer, cause=cause,
            codes=codes, kind=r["backend"]["kind"] if r["backend"] else "address",
            **({"detail": r["extra"]} if r["extra"] else {})))
    # The benchmark's questions: a working pair through nested groups on a folder, a broken
    # pair for lack of a grant, and the backend most gateways call.
    def first(pred):
        for x in routes:
            if pred(x):
                return {"gateway": x["gateway"], "backend": x["backend"], "scenario": x["scenario"]}
        return None
    working = first(lambda x: x["scenario"] == "works-folder-group") or first(lambda x: x["verdict"] == "yes")
    broken = first(lambda x: x["cause"] == "missing-permission") or first(lambda x: x["verdict"] == "no")
    callers = {}
    for x in routes:
        if x["verdict"] == "yes" and x["kind"] == "run":
            callers[x["backend"]] = callers.get(x["backend"], 0) + 1
    backend = max(sorted(callers), key=lambda b: callers[b]) if callers else None
    counts = {
        "organizations": 1,
        "folders": sum(1 for v in org.nodes.values() if v["kind"] == "folder"),
        "projects": len(org.projects),
        "bindings": sum(len(b["members"]) for p in org.policies.values() for b in p),
        "conditionalBindings": sum(len(b["members"]) for p in org.policies.values() for b in p if b.get("condition")),
        "distinctRoles": len({b["role"] for p in org.policies.values() for b in p}),
        "users": len(org.users), "groups": len(org.groups),
        "groupMemberships": sum(len(m) for m in org.groups.values()),
        "serviceAccounts": len(org.service_accounts),
        "runServices": sum(1 for s in org.services if not s["gen2_of"]),
        "functionsGen1": sum(1 for f in org.functions if f["gen"] == 1),
        "functionsGen2": sum(1 for f in org.functions if f["gen"] == 2),
        "appEngineApps": len(org.apps), "denyPolicies": len(org.deny),
        "orgPolicies": len(org.org_policies), "customRoles": len(org.custom_roles),
        "gateways": len(org.gateways), "routes": len(routes),
        "routesWorking": sum(1 for x in routes if x["verdict"] == "yes"),
        "routesBroken": sum(1 for x in routes if x["verdict"] == "no"),
    }
    sizes = {}
    for label, w in writers.items():
        sizes[label] = {"files": w.files, "bytes": w.bytes, "byFolder": dict(sorted(w.kinds.items()))}
        if hasattr(w, "records"):
            sizes[label]["records"] = w.records
    return {
        "generator": "Scripts/gen-gcp-org.py", "seed": args.seed, "projects": args.projects,
        "format": args.format, "evaluationTime": args.at,
        "serviceAgentEditor": args.service_agent_editor,
        "gcloudDir": "gcloud" if "gcloud" in writers else None,
        "assetDir": "asset" if "asset" in writers else None,
        "generationSeconds": round(seconds, 2), "counts": counts, "sizes": sizes,
        "benchmark": {"working": working, "broken": broken, "backend": backend,
                      "backendCallers": callers.get(backend, 0)},
        "routes": routes,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="the folder to write (replaced if it holds a meta.json)")
    ap.add_argument("--projects", type=int, default=1000, help="projects in the organisation (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=["gcloud", "asset", "both"], default="gcloud")
    ap.add_argument("--at", default=DEFAULT_AT, help=f"the evaluation time the verdicts hold at (default {DEFAULT_AT})")
    ap.add_argument("--roles", default=DEFAULT_ROLES, help="the predefined-role catalog (role<TAB>permission)")
    ap.add_argument("--service-agent-editor", type=float, default=0.05,
                    help="share of projects whose Google APIs service agent holds roles/editor "
                         "(a real organisation: nearly all; default 0.05)")
    args = ap.parse_args()
    if args.projects < 40:
        fail(f"`--projects {args.projects}` is too small for every route scenario; use 40 or more")
    start = time.monotonic()
    roles = load_roles(args.roles)
    org = Org(args, roles)
    org.build_hierarchy()
    org.build_people()
    org.build_policies()
    org.build_policies_at_nodes()
    org.build_backends()
    org.build_gateways()
    org.build_routes()
    org.resource_policies()
    org.bind_agents()
    org.verify()
    out = os.path.abspath(args.out)
    if os.path.exists(out):
        if os.path.exists(os.path.join(out, "meta.json")) or not os.listdir(out):
            shutil.rmtree(out)
        else:
            fail(f"`{args.out}` exists and is not a generated organisation (no meta.json); choose another --out")
    os.makedirs(out)
    writers = {}
    if args.format in ("gcloud", "both"):
        writers["gcloud"] = write_gcloud(org, os.path.join(out, "gcloud"))
    if args.format in ("asset", "both"):
        writers["asset"] = write_asset(org, os.path.join(out, "asset"))
    seconds = time.monotonic() - start
    m = meta(org, args, writers, seconds)
    with open(os.path.join(out, "meta.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(m, indent=2, sort_keys=True) + "\n")
    c = m["counts"]
    total = sum(s["bytes"] for s in m["sizes"].values())
    print(f"{out}: {c['projects']} projects, {c['folders']} folders, {c['bindings']} bindings, "
          f"{c['gateways']} gateways, {c['routes']} routes ({c['routesWorking']} work); "
          f"{sum(s['files'] for s in m['sizes'].values())} files, {total / 1e6:.1f} MB in {seconds:.1f} s")


if __name__ == "__main__":
    main()
