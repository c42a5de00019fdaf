import FlowModel
import FlowStore

/// The reviewed summary of what a commit will write: per import, the flow and version it
/// creates, every node by name, and every connection binding with its reason.
struct CommitPlan {
  let imports: [PendingImport]
  let flows: [FlowSummary]
  let dependencies: DependencyPlan

  func text(workspace: String) -> String {
    var lines = ["plan for \(workspace): \(Describe.count(imports.count, "import"))"]
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

  /// The journal message when none is given: `import orders, payments`.
  var defaultMessage: String {
    "import " + imports.map(\.mode.flowName).joined(separator: ", ")
  }
}
