import FlowModel

/// The checks a flow passes before it is written as a bundle or as Flink SQL, and on its own by
/// `validate`: every source is connected to the graph, every node is configured, the graph ends
/// in exactly one node and that node is a destination, and no node is of a type that cannot be
/// exported. Every finding is returned at once, so a user fixes them in one pass.
public enum ExportValidation {
  /// Properties a node of a type of FlowPort's vocabulary must have to count as configured.
  /// Keyed by type, or by `source.` / `destination.` for every connector; a dialect adds its
  /// own types' (`DialectCodec.requiredNodeConfig`).
  static let requiredConfig: [String: [String]] = [
    "source.": ["schema"], "destination.": ["schema"],
    "filter": ["condition"], "transform": ["columns"], "join": ["condition"], "aggregate": ["aggregates", "window"],
  ]

  /// Findings for a flow about to be written in `format`, which may add its own (SQL: every
  /// node has a translation).
  public static func check(_ version: FlowVersion, for format: ExportFormat? = nil) -> [Finding] {
    let required = requiredConfig.merging(ExportFormat.natural(for: version).dialect?.requiredNodeConfig ?? [:]) { _, dialect in
      dialect
    }
    var findings = version.nodes.compactMap(unexportable)
    findings += version.nodes.compactMap { unconfigured($0, role: version.role(of: $0), required: required) }
    if version.isEventProcessing { findings += graphFindings(version) }
    findings += format?.codec.exportFindings(version) ?? []
    return findings
  }

  /// Cloud function connectors run code in one tenant's cloud account: they cannot travel.
  private static func unexportable(_ node: Node) -> Finding? {
    let type = node.type.lowercased().filter { $0.isLetter }
    guard type.contains("cloudfunction") else { return nil }
    return .error("node '\(node.name)' (\(node.type)) cannot be exported: cloud function connectors do not travel with a flow")
  }

  private static func unconfigured(_ node: Node, role: NodeRole, required: [String: [String]]) -> Finding? {
    let key = role == .processor || node.connector == nil ? node.type : node.type.prefix { $0 != "." } + "."
    var missing = (required[key] ?? []).filter { node.config[$0] == nil || node.config[$0] == .null }
    if node.connector != nil, node.connection == nil { missing.insert("a connection", at: 0) }
    guard !missing.isEmpty else { return nil }
    return .error("node '\(node.name)' (\(node.type)) is not configured: missing \(missing.joined(separator: ", "))")
  }

  private static func graphFindings(_ version: FlowVersion) -> [Finding] {
    let (outgoing, incoming) = version.adjacency()
    var findings: [Finding] = []
    let connected = version.nodes.filter { outgoing[$0.id] != nil || incoming[$0.id] != nil }
    for node in version.nodes where outgoing[node.id] == nil && incoming[node.id] == nil {
      let what = version.role(of: node) == .source ? "source" : "node"
      findings.append(.error("\(what) '\(node.name)' is not connected to the graph"))
    }
    let ends = connected.filter { outgoing[$0.id] == nil }
    switch ends.count {
    case 0 where !connected.isEmpty:
      findings.append(.error("the graph has no end: its edges form a cycle"))
    case 0:
      findings.append(.error("the flow has no connected nodes"))
    case 1 where version.role(of: ends[0]) != .destination:
      findings.append(.error("the graph ends in '\(ends[0].name)' (\(ends[0].type)), which is not a destination"))
    case 1:
      let end = ends[0].id
      for source in connected where version.role(of: source) == .source && !reaches(source.id, end, outgoing) {
        findings.append(.error("source '\(source.name)' does not reach the destination '\(ends[0].name)'"))
      }
    default:
      let names = ends.map { "'\($0.name)'" }.joined(separator: ", ")
      findings.append(.error("the graph ends in \(ends.count) nodes (\(names)); it must end in exactly one destination"))
    }
    for node in connected where version.role(of: node) == .source && incoming[node.id] != nil {
      findings.append(.error("source '\(node.name)' has incoming edges; a source only sends"))
    }
    return findings
  }

  private static func reaches(_ start: String, _ goal: String, _ outgoing: [String: [String]]) -> Bool {
    var seen: Set<String> = [start]
    var stack = [start]
    while let id = stack.popLast() {
      if id == goal { return true }
      for next in outgoing[id] ?? [] where seen.insert(next).inserted { stack.append(next) }
    }
    return false
  }
}
