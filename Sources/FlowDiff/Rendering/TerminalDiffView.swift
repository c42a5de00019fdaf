import FlowModel

/// The human view of a diff: flow changes, then one block per node, then edges, connections and
/// dependencies, then a summary line.
struct TerminalDiffView {
  let diff: FlowDiff
  let palette: Palette
  /// Every value and every changed line of a text shown, none cut (`diff --all`).
  var whole = false

  /// Values longer than this are cut with an ellipsis, so one huge config cannot flood the
  /// screen, unless the view is `whole`.
  static let valueWidth = 120
  private var valueWidth: Int { whole ? .max : Self.valueWidth }
  /// Unchanged characters shown each side of an edit inside a string.
  private var context: Int { whole ? .max : InlineStringDiff.context }
  /// Two strings longer than this together are shown as one string with the edit marked.
  static let inlineThreshold = 80

  var text: String {
    let lines = ["\(palette.heading)--- \(diff.left)\(palette.reset)", "\(palette.heading)+++ \(diff.right)\(palette.reset)"]
    if diff.isEmpty { return (lines + ["no changes"]).joined(separator: "\n") + "\n" }
    return (lines + body + [diff.stat.summary]).joined(separator: "\n") + "\n"
  }

  /// The changes without the heading and the summary: flow, nodes, edges, connections,
  /// dependencies; also each part of a three-way diff.
  var body: [String] {
    var lines: [String] = []
    if !diff.flow.isEmpty {
      lines.append("flow")
      lines += diff.flow.map(propertyLine)
    }
    for node in diff.nodes {
      lines += block(node, noun: "node")
    }
    if !diff.edges.isEmpty {
      lines.append("edges")
      for edge in diff.edges {
        let (sign, colour) = edge.isAdded ? ("+", palette.added) : ("-", palette.removed)
        let (from, to) = (endpoint(edge.from, edge.fromID, edge.fromPort), endpoint(edge.to, edge.toID, edge.toPort))
        lines.append("  \(colour)\(sign) \(from) -> \(to)\(palette.reset)")
      }
    }
    for connection in diff.connections {
      lines += block(connection, noun: "connection")
    }
    if !diff.dependencies.isEmpty {
      lines.append("dependencies")
      lines += diff.dependencies.map(propertyLine)
    }
    for subflow in diff.subflows {
      lines.append("\(palette.changed)~ subflow \(quoted(subflow.right))\(palette.reset)")
      lines += TerminalDiffView(diff: subflow, palette: palette, whole: whole).body.map { "  " + $0 }
    }
    return lines
  }

  /// A node or connection: one line when added or removed, a heading and its changes when changed.
  private func block(_ change: NodeChange, noun: String) -> [String] {
    let kind = noun == "connection" ? " (\(change.type))" : ""
    switch change.kind {
    case .added: return ["\(palette.added)+ \(noun) \(quoted(change.name)) (\(change.type))\(palette.reset)"]
    case .removed: return ["\(palette.removed)- \(noun) \(quoted(change.name)) (\(change.type))\(palette.reset)"]
    case .changed:
      let rename = change.oldName.map { " (renamed from \(quoted($0)))" } ?? ""
      return ["\(palette.changed)~ \(noun) \(quoted(change.name))\(kind)\(rename)\(palette.reset)"] + change.changes.map(propertyLine)
    }
  }

  /// `"Send"`, `"Route":1` for another port than the first, `"debug" [4f2a9c1e]` where another
  /// node has the same name.
  private func endpoint(_ name: String, _ id: String?, _ port: String) -> String {
    let node = id.map { "\(quoted(name)) [\(TerminalText.visible($0))]" } ?? quoted(name)
    return port == "0" ? node : "\(node):\(port)"
  }

  func quoted(_ name: String) -> String {
    JSONWriter(layout: .minified).string(.string(name))
  }

  /// One property change, indented under its node: `  ~ config.query: "a" -> "b"`.
  func propertyLine(_ change: PropertyChange) -> String {
    if change.isSecret {
      switch (change.old, change.new) {
      case (nil, _): return "  \(palette.added)+ \(change.path): (secret)\(palette.reset)"
      case (_, nil): return "  \(palette.removed)- \(change.path): (secret)\(palette.reset)"
      default: return "  \(palette.changed)~ \(change.path): changed (secret)\(palette.reset)"
      }
    }
    switch (change.old, change.new) {
    case (nil, let new?): return "  \(palette.added)+ \(change.path): \(short(new))\(palette.reset)"
    case (let old?, nil): return "  \(palette.removed)- \(change.path): \(short(old))\(palette.reset)"
    case (.string(let old)?, .string(let new)?) where LineDiff.applies(old: old, new: new):
      let (summary, lines) = LineDiff(old: old, new: new).text(
        palette: palette, indent: "      ", width: valueWidth, context: context, shownLines: whole ? nil : LineDiff.shownLines)
      return (["  \(palette.changed)~ \(change.path): \(summary)\(secretNote(change))\(palette.reset)"] + lines).joined(separator: "\n")
    case (.string(let old)?, .string(let new)?) where old.count + new.count > Self.inlineThreshold:
      let edit = InlineStringDiff(old: old, new: new).text(palette: palette, context: context)
      return "  \(palette.changed)~ \(change.path): \(edit)\(secretNote(change))\(palette.reset)"
    case (let old?, let new?):
      return "  \(palette.changed)~ \(change.path): \(short(old)) -> \(short(new))\(secretNote(change))\(palette.reset)"
    case (nil, nil): return "  \(change.path)"
    }
  }

  /// What a change whose masked lines hide a secret's change says after them.
  private func secretNote(_ change: PropertyChange) -> String {
    change.secretChangedWithin ? " (and a secret in it changed)" : ""
  }

  private func short(_ value: JSONValue) -> String {
    JSONWriter(layout: .minified).string(value).cut(toWidth: valueWidth)
  }
}
