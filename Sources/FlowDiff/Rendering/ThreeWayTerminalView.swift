import FlowModel

/// The human view of a three-way diff: the three sides, the conflicts first, then what only the
/// target changed, what the new export brings, and what both did alike, each part grouped by
/// node like a two-way diff; then a summary line.
struct ThreeWayTerminalView {
  let diff: ThreeWayDiff
  let palette: Palette

  var text: String {
    var lines = [("base:  ", diff.base), ("target:", diff.target), ("new:   ", diff.new)].map { title, label in
      "\(palette.heading)\(title) \(label)\(palette.reset)"
    }
    if !diff.conflicts.isEmpty {
      lines.append("conflicts (changed on both sides since the base)")
      lines += diff.conflicts.flatMap(conflictLines).map { "  " + $0 }
    }
    let parts = [
      ("changed in the target only (importing the new export as it is undoes these)", diff.targetOnly),
      ("incoming (what the new export changes)", diff.incoming),
      ("the same on both sides", diff.agreed),
    ]
    for (title, part) in parts where !part.isEmpty {
      lines.append(title)
      lines += TerminalDiffView(diff: part, palette: palette).body.map { "  " + $0 }
    }
    lines.append(diff.summary)
    return lines.joined(separator: "\n") + "\n"
  }

  /// `! node "Scale" (function)`, then each side's part on lines of its own.
  private func conflictLines(_ conflict: MergeConflict) -> [String] {
    let view = TerminalDiffView(diff: diff.incoming, palette: palette)
    let subject =
      switch conflict.place {
      case .flow, .dependencies: conflict.place.rawValue
      case .node, .connection: "\(conflict.place.rawValue) \(view.quoted(conflict.name)) (\(conflict.type))"
      }
    var lines = ["\(palette.changed)! \(subject)\(palette.reset)"]
    for (side, change) in [("target", conflict.target), ("new   ", conflict.incoming)] {
      switch change.kind {
      case .added: lines.append("  \(side) \(palette.added)+ added\(palette.reset)")
      case .removed: lines.append("  \(side) \(palette.removed)- removed\(palette.reset)")
      case .changed:
        if change.oldName != nil { lines.append("  \(side) \(palette.changed)~ renamed to \(view.quoted(change.name))\(palette.reset)") }
        lines += change.changes.map { "  \(side)" + view.propertyLine($0).dropFirst() }
      }
    }
    return lines
  }
}

extension ThreeWayDiff {
  /// The terminal view, with ANSI colour when `colour` is true; ends with a newline.
  public func text(colour: Bool) -> String {
    ThreeWayTerminalView(diff: self, palette: colour ? .ansi : .plain).text
  }
}
