import FlowFormats
import FlowModel

/// How `show` and the commit plan name what travels with a flow.
enum DependencyListing {
  /// One line per kind of dependency, naming each: `events: FraudSuspected`. Secret values of
  /// environment variables are never shown.
  static func lines(_ version: FlowVersion) -> [String] {
    let dependencies = version.dependencies
    var lines: [String] = []
    func names(_ label: String, _ entries: [JSONValue], detail: (JSONValue) -> String? = { _ in nil }) {
      guard !entries.isEmpty else { return }
      let listed = entries.map { entry in
        (Dependencies.name(of: entry) ?? "(unnamed)") + (detail(entry).map { " (\($0))" } ?? "")
      }
      lines.append("\(label): \(listed.joined(separator: ", "))")
    }
    if let mode = version.mode { lines.append("mode: \(mode)") }
    if !dependencies.subflows.isEmpty { lines.append("subflows: \(dependencies.subflows.joined(separator: ", "))") }
    names("events", dependencies.events)
    names("forms", dependencies.forms)
    names("rules", dependencies.rules)
    names("variables", dependencies.variables) { $0["direction"]?.stringValue }
    names("environment", dependencies.environment) { entry in
      Dependencies.isSecret(entry) ? "secret" : entry["value"].map { JSONWriter(layout: .minified).string($0) }
    }
    names("guardrails", dependencies.guardrails)
    if let schedule = dependencies.schedule { lines.append("schedule: \(JSONWriter(layout: .minified).string(schedule))") }
    names("SLA goals", dependencies.slaGoals)
    let conditions = version.nodes.filter { $0.config["condition"] != nil && !["filter", "join"].contains($0.type) }
    if !conditions.isEmpty { lines.append("conditions on steps: \(conditions.map(\.name).joined(separator: ", "))") }
    return lines
  }

  /// What travels inside the flow's own document, for the plan: `a schedule, 2 SLA goals`.
  static func carried(_ version: FlowVersion) -> [String] {
    let dependencies = version.dependencies
    var parts: [String] = []
    for (noun, count) in [
      ("variable", dependencies.variables.count), ("environment variable", dependencies.environment.count),
      ("guardrail", dependencies.guardrails.count), ("SLA goal", dependencies.slaGoals.count),
    ] where count > 0 {
      parts.append(Describe.count(count, noun))
    }
    if dependencies.schedule != nil { parts.append("a schedule") }
    if let mode = version.mode { parts.append("\(mode) mode") }
    return parts
  }
}
