import FlowModel
import FlowStore

/// The reviewed summary of what a commit will write: per import, the flow and version it
/// creates, every node by name, and every connection binding with its reason.
struct CommitPlan {
  let imports: [PendingImport]
  /// Connection, member and flow-removal changes staged for the workspace.
  let changes: [WorkspaceChange]
  let flows: [FlowSummary]
  let dependencies: DependencyPlan

  func text(workspace: String) -> String {
    var lines = ["plan for \(workspace): \(summary)"]
    lines += changes.map { "  " + Session.describe($0) }
    var nextVersion = Dictionary(flows.map { ($0.name, $0.versionCount + 1) }, uniquingKeysWith: max)
    for pending in imports {
      let version = pending.version
      switch pending.mode {
      case .newFlow(let name):
        lines.append("  create flow \"\(name)\" (version 1) from \(pending.path)")
      case .newVersion(of: let name):
        let number = nextVersion[name] ?? 1
        nextVersion[name] = number + 1
        lines.append("  add version \(number) to flow \"\(name)\" from \(pending.path)")
      }
      lines.append("    \(Describe.count(version.nodes.count, "node")):")
      for node in version.nodes { lines.append("      + \"\(node.name)\" (\(node.type))") }
      for ref in version.connections {
        if let binding = pending.bindings[ref.key] {
          lines.append("    binds \(ref.key) (\(ref.type)) -> \(binding.connection) [\(binding.reason)]")
        } else {
          lines.append("    unmatched \(ref.key) (\(ref.type))")
        }
      }
      lines += dependencies.lines(for: pending.name).map { "    \($0)" }
      let carried = DependencyListing.carried(version)
      if !carried.isEmpty { lines.append("    carries \(carried.joined(separator: ", "))") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `2 imports and 3 changes`: what the commit writes, in a few words.
  var summary: String {
    [imports.isEmpty ? nil : Describe.count(imports.count, "import"), changes.isEmpty ? nil : Describe.count(changes.count, "change")]
      .compactMap { $0 }.joined(separator: " and ")
  }

  /// The journal message when none is given: `import orders, payments`, `connection add kafka-prod`.
  var defaultMessage: String {
    let flows = imports.isEmpty ? [] : ["import " + imports.map(\.mode.flowName).joined(separator: ", ")]
    return (flows + changes.map(Session.describe)).joined(separator: "; ")
  }
}
