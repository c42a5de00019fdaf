import FlowModel

/// Turns a diff into text for one audience: people at a terminal, `--stat` readers, or scripts.
public struct DiffRenderer: Sendable {
  /// Renders the diff; the text ends with a newline.
  public let render: @Sendable (FlowDiff) -> String

  init(render: @escaping @Sendable (FlowDiff) -> String) { self.render = render }

  /// Grouped by node with a summary line; ANSI colour when `colour` is true. Long values and
  /// texts of many changed lines are cut, unless `whole` (`diff --all`).
  public static func terminal(colour: Bool, whole: Bool = false) -> DiffRenderer {
    DiffRenderer { TerminalDiffView(diff: $0, palette: colour ? .ansi : .plain, whole: whole).text }
  }

  /// One line per changed node, then the summary.
  public static let stat = DiffRenderer { diff in
    var lines: [String] = []
    for node in diff.nodes + diff.connections {
      let properties = "\(node.changes.count) propert\(node.changes.count == 1 ? "y" : "ies")"
      let detail =
        node.kind != .changed
        ? node.kind.rawValue : node.oldName.map { "renamed from \($0.escapedAsInJSON), \(properties)" } ?? properties
      lines.append(" \(node.name.escapedAsInJSON) | \(detail)")
    }
    for subflow in diff.subflows { lines.append(" subflow \(subflow.right.escapedAsInJSON) | \(subflow.stat.summary)") }
    lines.append(diff.stat.summary)
    return lines.joined(separator: "\n") + "\n"
  }

  /// A Graphviz picture of the whole flow, changes coloured.
  public static let dot = DiffRenderer { DotDiffView(diff: $0).text }

  /// The stable JSON document described in `DiffJSON`.
  public static let json = DiffRenderer { diff in
    JSONWriter(layout: .indented(2)).string(DiffJSON.encode(diff)) + "\n"
  }
}

/// ANSI styles, or none: chosen once by the caller, who knows whether the stream is a terminal.
struct Palette: Sendable {
  let added: String
  let removed: String
  let changed: String
  let heading: String
  let reset: String

  static let plain = Palette(added: "", removed: "", changed: "", heading: "", reset: "")
  static let ansi = Palette(added: "\u{1B}[32m", removed: "\u{1B}[31m", changed: "\u{1B}[33m", heading: "\u{1B}[1m", reset: "\u{1B}[0m")
}
