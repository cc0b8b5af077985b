/// The input relations of the Google Cloud model that the importers write, as declared in
/// `facts/gcp/inputs.dl`; `InputRelationTests` checks every name and arity against that file.
enum InputRelation: String, CaseIterable, Sendable {
  // hierarchy and names
  case resource
  case parent
  case projectNumber
  case alias
  // principals
  case groupMember
  case serviceAccount
  case memberDomain
  // roles
  case rolePermission
  case customRole
  // allow policies
  case binding
  case condition
  // deny policies
  case denyPolicy
  case denyRule
  case deniedPrincipal
  case exceptionPrincipal
  case deniedPermission
  case exceptionPermission
  case denialCondition
  case denyPolicyUnfetched
  // Cloud Run
  case runService
  case invokerIamDisabled
  case ingress
  case customAudience
  case backendUrl
  // Cloud Functions
  case function
  case functionTrigger
  case functionService
  // App Engine and IAP
  case appEngineApp
  case iapEnabled
  case iapClientId
  case iapResource
  // API Gateway
  case gateway
  case apiConfig
  case operation
  case operationPath
  case backendSpec
  // organization policies
  case orgPolicyBoolean
  case orgPolicyReset
  case orgPolicyList
  case orgPolicyInherit
  // what the snapshot covers
  case allowPolicyRead
  case denyPoliciesListed
  case groupMembersRead
  case tagsRead
  case effectiveTag
  case effectiveTagSet
  case inputUnreadable
  // more backend settings
  case defaultUrlDisabled
  case appEngineService

  /// The relation's name in the model.
  var name: String { rawValue }

  /// The number of columns of the relation's declaration in `facts/gcp/inputs.dl`.
  var arity: Int {
    switch self {
    case .runService, .invokerIamDisabled, .appEngineApp, .iapEnabled, .allowPolicyRead,
      .denyPoliciesListed, .groupMembersRead, .tagsRead, .defaultUrlDisabled:
      return 1
    case .resource, .parent, .projectNumber, .alias, .groupMember, .memberDomain,
      .rolePermission, .deniedPrincipal, .exceptionPrincipal, .deniedPermission,
      .exceptionPermission, .denyPolicyUnfetched, .ingress, .customAudience, .backendUrl,
      .function, .functionTrigger, .functionService, .iapClientId, .iapResource, .gateway,
      .operation, .orgPolicyReset, .effectiveTagSet, .appEngineService:
      return 2
    case .serviceAccount, .customRole, .condition, .denyPolicy, .denyRule, .denialCondition,
      .apiConfig, .orgPolicyBoolean, .orgPolicyInherit, .effectiveTag:
      return 3
    case .binding, .orgPolicyList, .operationPath, .inputUnreadable:
      return 4
    case .backendSpec:
      return 5
    }
  }
}
