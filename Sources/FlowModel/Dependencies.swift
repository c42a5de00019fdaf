/// What must travel with a flow so that it works in the target: subflows, events, forms, rules,
/// variables, schedule and SLA goals. Each entry is kept as the exported JSON so nothing is lost;
/// an empty value means the flow has none.
public struct Dependencies: Hashable, Sendable {
  /// Names of the flows this flow calls.
  public var subflows: [String]
  /// Event definitions the flow uses (events registry entries).
  public var events: [JSONValue]
  /// Forms the flow uses.
  public var forms: [JSONValue]
  /// Rules (rulestore entries) the flow relies on.
  public var rules: [JSONValue]
  /// Environment and input/output variables; secret values are redacted on export.
  public var variables: [JSONValue]
  /// The schedule, if the flow runs on one.
  public var schedule: JSONValue?
  /// Service-level goals, if any.
  public var slaGoals: [JSONValue]

  public init(
    subflows: [String] = [], events: [JSONValue] = [], forms: [JSONValue] = [], rules: [JSONValue] = [],
    variables: [JSONValue] = [], schedule: JSONValue? = nil, slaGoals: [JSONValue] = []
  ) {
    self.subflows = subflows
    self.events = events
    self.forms = forms
    self.rules = rules
    self.variables = variables
    self.schedule = schedule
    self.slaGoals = slaGoals
  }

  /// True when the flow needs nothing beyond its own nodes.
  public var isEmpty: Bool { self == Dependencies() }
}
