/// What must travel with a flow so that it works in the target: subflows, events, forms, rules,
/// variables, environment variables, guardrails, schedule and SLA goals. Each entry is kept as the
/// exported JSON so nothing is lost; an empty value means the flow has none. Conditions on steps
/// are not here: they belong to their step, in the node's `config.condition`.
public struct Dependencies: Hashable, Sendable {
  /// Names of the flows this flow calls.
  public var subflows: [String]
  /// Event definitions the flow uses (events registry entries).
  public var events: [JSONValue]
  /// Forms the flow uses.
  public var forms: [JSONValue]
  /// Rules (rulestore entries) the flow relies on.
  public var rules: [JSONValue]
  /// Input/output variables: `{"name", "direction": "input"|"output", "type"}`.
  public var variables: [JSONValue]
  /// Environment variables: `{"name", "value", "secret": true|false}`; a secret's value never
  /// leaves the workspace unless credentials are asked for.
  public var environment: [JSONValue]
  /// Guardrails on the flow's inputs and outputs (AI workflows), as exported.
  public var guardrails: [JSONValue]
  /// The schedule, if the flow runs on one.
  public var schedule: JSONValue?
  /// Service-level goals, if any.
  public var slaGoals: [JSONValue]

  /// Dependencies with the given entries; the defaults describe a flow that needs nothing.
  public init(
    subflows: [String] = [], events: [JSONValue] = [], forms: [JSONValue] = [], rules: [JSONValue] = [],
    variables: [JSONValue] = [], environment: [JSONValue] = [], guardrails: [JSONValue] = [], schedule: JSONValue? = nil,
    slaGoals: [JSONValue] = []
  ) {
    self.subflows = subflows
    self.events = events
    self.forms = forms
    self.rules = rules
    self.variables = variables
    self.environment = environment
    self.guardrails = guardrails
    self.schedule = schedule
    self.slaGoals = slaGoals
  }

  /// True when the flow needs nothing beyond its own nodes.
  public var isEmpty: Bool { self == Dependencies() }

  /// The name of a registry-like entry (event, form, rule, variable): its `name` member.
  public static func name(of entry: JSONValue) -> String? { entry["name"]?.stringValue }

  /// True for a variable (of the environment or the flow) marked `"secret": true`.
  public static func isSecret(_ entry: JSONValue) -> Bool { entry["secret"] == .bool(true) }

  /// The entry as exports, bundles and diffs show it: a secret variable without its value.
  public static func withoutSecretValue(_ entry: JSONValue) -> JSONValue {
    guard isSecret(entry), var object = entry.objectValue else { return entry }
    object["value"] = nil
    return .object(object)
  }
}
