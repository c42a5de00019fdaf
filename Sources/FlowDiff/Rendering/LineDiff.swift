/// A change of a text of many lines (a function node's code, a prompt, SQL) shown by its lines,
/// as `diff -u` would without the context: each line removed and added, numbered, in the order
/// they stand. As one inline edit, two changes fifty lines apart showed every line between
/// them twice.
struct LineDiff {
  let old: String
  let new: String

  /// Changed lines shown before the rest are counted.
  static let shownLines = 24

  /// True when both sides hold lines and the edit reaches across one: an edit within a line
  /// reads better inline (`…/ 10{+0+};\nreturn msg;`).
  static func applies(old: String, new: String) -> Bool {
    guard old.contains("\n"), new.contains("\n") else { return false }
    let prefix = zip(old, new).prefix { $0 == $1 }.count
    let (oldRest, newRest) = (old.dropFirst(prefix), new.dropFirst(prefix))
    let suffix = zip(oldRest.reversed(), newRest.reversed()).prefix { $0 == $1 }.count
    return oldRest.dropLast(suffix).contains("\n") || newRest.dropLast(suffix).contains("\n")
  }

  /// The heading's summary (`3 of 60 lines changed`) and one line per line removed or added,
  /// each cut at `width` characters.
  func text(palette: Palette, indent: String, width: Int) -> (summary: String, lines: [String]) {
    let oldLines = old.split(separator: "\n", omittingEmptySubsequences: false)
    let newLines = new.split(separator: "\n", omittingEmptySubsequences: false)
    var removed: Set<Int> = []
    var inserted: Set<Int> = []
    for change in newLines.difference(from: oldLines) {
      switch change {
      case .remove(let offset, _, _): removed.insert(offset)
      case .insert(let offset, _, _): inserted.insert(offset)
      }
    }
    var lines: [String] = []
    var (oldIndex, newIndex) = (0, 0)
    while oldIndex < oldLines.count || newIndex < newLines.count {
      if removed.contains(oldIndex) {
        lines.append("\(palette.removed)\(indent)- \(oldIndex + 1): \(Self.quoted(oldLines[oldIndex], width: width))\(palette.reset)")
        oldIndex += 1
      } else if inserted.contains(newIndex) {
        lines.append("\(palette.added)\(indent)+ \(newIndex + 1): \(Self.quoted(newLines[newIndex], width: width))\(palette.reset)")
        newIndex += 1
      } else {
        (oldIndex, newIndex) = (oldIndex + 1, newIndex + 1)
      }
    }
    let changed = max(removed.count, inserted.count)
    let summary = "\(changed) of \(max(oldLines.count, newLines.count)) lines changed"
    guard lines.count > Self.shownLines else { return (summary, lines) }
    return (summary, Array(lines.prefix(Self.shownLines)) + ["\(indent)… and \(lines.count - Self.shownLines) more lines"])
  }

  private static func quoted(_ line: Substring, width: Int) -> String {
    let text = String(line).escapedAsInJSON
    return "\"" + (text.count > width ? String(text.prefix(width - 1)) + "…" : text) + "\""
  }
}
