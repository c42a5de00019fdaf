import FlowModel

/// The human view of a diff: flow changes, then one block per node, then edges, connections and
/// dependencies, then a summary line.
struct TerminalDiffView {
  let diff: FlowDiff
  let palette: Palette

  /// Values longer than this are cut with an ellipsis, so one huge config cannot flood the screen.
  static let valueWidth = 120
  /// Two strings longer than this together are shown as one string with the edit marked.
  static let inlineThreshold = 80

  var text: String {
    var lines = ["\(palette.heading)--- \(diff.left)\(palette.reset)", "\(palette.heading)+++ \(diff.right)\(palette.reset)"]
    if diff.isEmpty { return (lines + ["no changes"]).joined(separator: "\n") + "\n" }
    if !diff.flow.isEmpty {
      lines.append("flow")
      lines += diff.flow.map(propertyLine)
    }
    for node in diff.nodes {
      switch node.kind {
      case .added: lines.append("\(palette.added)+ node \(quoted(node.name)) (\(node.type))\(palette.reset)")
      case .removed: lines.append("\(palette.removed)- node \(quoted(node.name)) (\(node.type))\(palette.reset)")
      case .changed:
        let rename = node.oldName.map { " (renamed from \(quoted($0)))" } ?? ""
        lines.append("\(palette.changed)~ node \(quoted(node.name))\(rename)\(palette.reset)")
        lines += node.changes.map(propertyLine)
      }
    }
    if !diff.edges.isEmpty {
      lines.append("edges")
      for edge in diff.edges {
        let (sign, colour) = edge.isAdded ? ("+", palette.added) : ("-", palette.removed)
        lines.append("  \(colour)\(sign) \(endpoint(edge.from, edge.fromPort)) -> \(endpoint(edge.to, edge.toPort))\(palette.reset)")
      }
    }
    if !diff.connections.isEmpty {
      lines.append("connections")
      lines += diff.connections.map(propertyLine)
    }
    if !diff.dependencies.isEmpty {
      lines.append("dependencies")
      lines += diff.dependencies.map(propertyLine)
    }
    lines.append(diff.stat.summary)
    return lines.joined(separator: "\n") + "\n"
  }

  private func endpoint(_ name: String, _ port: String) -> String {
    port == "0" ? quoted(name) : "\(quoted(name)):\(port)"
  }

  private func quoted(_ name: String) -> String {
    JSONWriter(layout: .minified).string(.string(name))
  }

  private func propertyLine(_ change: PropertyChange) -> String {
    switch (change.old, change.new) {
    case (nil, let new?): return "  \(palette.added)+ \(change.path): \(short(new))\(palette.reset)"
    case (let old?, nil): return "  \(palette.removed)- \(change.path): \(short(old))\(palette.reset)"
    case (.string(let old)?, .string(let new)?) where old.count + new.count > Self.inlineThreshold:
      return "  \(palette.changed)~ \(change.path): \(InlineStringDiff(old: old, new: new).text(palette: palette))\(palette.reset)"
    case (let old?, let new?): return "  \(palette.changed)~ \(change.path): \(short(old)) -> \(short(new))\(palette.reset)"
    case (nil, nil): return "  \(change.path)"
    }
  }

  private func short(_ value: JSONValue) -> String {
    let text = JSONWriter(layout: .minified).string(value)
    guard text.count > Self.valueWidth else { return text }
    return String(text.prefix(Self.valueWidth - 1)) + "…"
  }
}
