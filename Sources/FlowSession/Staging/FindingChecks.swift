import FlowFormats
import FlowModel

extension Finding {
  /// Everything that is wrong with an import against its target's connections and flows.
  static func check(_ pending: PendingImport, in state: WorkspaceState) -> [Finding] {
    var findings: [Finding] = []
    let version = pending.outline
    // The import as its messages name it: a token in its name is not printed with them.
    let label = Secrets.redacted(name: pending.name)
    // Each reference is read once, in place, and the bound ones are taken in order of their
    // keys: looking each binding's reference up by key copied every reference of every flow a
    // bulk commit checks, a seventh of its work on one core.
    var bound: [(key: String, index: Int, binding: Binding)] = []
    for index in version.connections.indices {
      let key = version.connections[index].key
      if let binding = pending.bindings[key] {
        bound.append((key, index, binding))
        continue
      }
      let type = version.connections[index].type
      findings.append(
        Finding(severity: .error, message: "\(label): connection reference '\(Secrets.redacted(name: key))' (\(type)) is unmatched"))
    }
    bound.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
    for (position, (key, index, binding)) in bound.enumerated() where position == 0 || bound[position - 1].key != key {
      let type = version.connections[index].type
      guard let connection = state.connection(named: binding.connection) else {
        findings.append(
          Finding(severity: .error, message: "\(label): '\(key)' is bound to '\(binding.connection)', which no longer exists"))
        continue
      }
      if connection.type != type {
        findings.append(
          Finding(severity: .error, message: "\(label): '\(key)' needs \(type) but '\(connection.name)' is \(connection.type)"))
      }
    }
    switch pending.mode {
    case .newFlow(let name) where state.hasFlow(named: name):
      findings.append(Finding(severity: .error, message: "\(label): \(pending.workspace) already has a flow named '\(name)'"))
    case .newVersion(of: let name) where !state.hasFlow(named: name):
      findings.append(
        Finding(severity: .error, message: "\(label): \(pending.workspace) has no flow named '\(name)' to add a version to"))
    default: break
    }
    let carried = Set(version.subflowDefinitions.map(\.name))
    for name in version.dependencies.subflows
    where !carried.contains(name) && !state.hasFlow(named: name) && !state.pendingFlowNames.contains(name) {
      findings.append(
        .error("\(label): calls subflow '\(name)', which \(pending.workspace) does not have and the export does not carry"))
    }
    findings += state.dependencies.findings(for: pending.name)
    findings += graphFindings(version, label: label)
    findings += pending.notes.map { Finding(severity: .warning, message: "\(label): \($0)") }
    return findings
  }

  /// Structural problems of the flow itself: duplicate ids, dangling edges, undeclared references.
  static func graphFindings(_ version: FlowVersion, label: String) -> [Finding] {
    var findings: [Finding] = []
    var seen: Set<String> = []
    seen.reserveCapacity(version.nodes.count)
    // Ids are read in place: a node copied out is a retain of each of its strings, and a
    // bulk commit asks this of every node of every flow it writes.
    for index in version.nodes.indices where !seen.insert(version.nodes[index].id).inserted {
      let node = version.nodes[index]
      findings.append(Finding(severity: .error, message: "\(label): node id '\(node.id)' is used twice (node '\(node.name)')"))
    }
    // Edges and declared connections are checked in flows with no platform document; a
    // platform's export is taken as its platform wrote it. Asked once, not in each loop's
    // `where`: that copied every edge and node of every flow a bulk commit checks.
    guard version.source == nil else { return findings }
    for edge in version.edges {
      for end in [edge.from, edge.to] where !seen.contains(end) {
        findings.append(Finding(severity: .error, message: "\(label): an edge refers to unknown node id '\(end)'"))
      }
    }
    let keys = Set(version.connections.map(\.key))
    for node in version.nodes {
      if let key = node.connection, !keys.contains(key) {
        findings.append(
          Finding(severity: .error, message: "\(label): node '\(node.name)' uses connection '\(key)', which the export does not declare"))
      }
    }
    return findings
  }
}
