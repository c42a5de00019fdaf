/// A change of a text of many lines (a function node's code, a prompt, SQL) shown by its lines,
/// as `diff -u` would without the context: each line removed and added, numbered, in the order
/// they stand; a line replaced by one other shows its edit inline (`~ 10: "…a = [-1-]{+2+}…"`),
/// cut around the edit. As one inline edit, two changes fifty lines apart showed every line
/// between them twice.
struct LineDiff {
  let old: String
  let new: String

  /// Changed lines shown before the rest are counted, unless the diff shows all (`--all`).
  static let shownLines = 24
  /// The most lines compared one by one (both sides' counts multiplied): the comparison grows
  /// with that product when most lines differ (two 20,000-line texts took 17 s), so a larger
  /// text is shown as one inline edit.
  static let comparedLines = 4_000_000

  /// True when both sides hold lines (LF or CRLF), the edit reaches across one (an edit within
  /// a line reads better inline: `…/ 10{+0+};\nreturn msg;`), and they are not too long.
  static func applies(old: String, new: String) -> Bool {
    guard old.contains(where: \.isNewline), new.contains(where: \.isNewline) else { return false }
    let (oldCharacters, newCharacters) = (Array(old), Array(new))
    let (prefix, suffix) = InlineStringDiff.commonEnds(oldCharacters, newCharacters)
    let edited = [oldCharacters[prefix..<(oldCharacters.count - suffix)], newCharacters[prefix..<(newCharacters.count - suffix)]]
    guard edited.contains(where: { $0.contains(where: \.isNewline) }) else { return false }
    return lineCount(old) * lineCount(new) <= comparedLines
  }

  private static func lineCount(_ text: String) -> Int { text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 } }

  /// The heading's summary (`3 of 60 lines changed`) and one line per line removed, added or
  /// replaced, each cut at `width` characters (a replaced one at `context` around its edit);
  /// past `shownLines`, when given, the rest counted.
  func text(palette: Palette, indent: String, width: Int, context: Int, shownLines: Int?) -> (summary: String, lines: [String]) {
    // A CRLF is one character, a line break like LF: only the line endings may have changed.
    let oldLines = old.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    let newLines = new.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    guard oldLines != newLines else { return ("only the line endings changed", []) }
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
      switch (removed.contains(oldIndex), inserted.contains(newIndex)) {
      case (true, true):
        let edit = InlineStringDiff(old: String(oldLines[oldIndex]), new: String(newLines[newIndex]))
          .text(palette: palette, context: context)
        lines.append("\(palette.changed)\(indent)~ \(newIndex + 1): \(edit)\(palette.reset)")
        (oldIndex, newIndex) = (oldIndex + 1, newIndex + 1)
      case (true, false):
        lines.append("\(palette.removed)\(indent)- \(oldIndex + 1): \(Self.quoted(oldLines[oldIndex], width: width))\(palette.reset)")
        oldIndex += 1
      case (false, true):
        lines.append("\(palette.added)\(indent)+ \(newIndex + 1): \(Self.quoted(newLines[newIndex], width: width))\(palette.reset)")
        newIndex += 1
      case (false, false):
        (oldIndex, newIndex) = (oldIndex + 1, newIndex + 1)
      }
    }
    let summary = "\(max(removed.count, inserted.count)) of \(max(oldLines.count, newLines.count)) lines changed"
    guard let shownLines, lines.count > shownLines else { return (summary, lines) }
    return (
      summary,
      Array(lines.prefix(shownLines)) + [
        "\(indent)… and \(lines.count - shownLines) more lines (`diff --all` shows them, with positions and ids)"
      ]
    )
  }

  private static func quoted(_ line: Substring, width: Int) -> String {
    "\"" + String(line).escapedAsInJSON.cut(toWidth: width) + "\""
  }
}
