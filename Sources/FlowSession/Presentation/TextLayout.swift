/// Lays help text out in a terminal's 80 columns: prose is re-wrapped at word boundaries, lines
/// indented by two spaces or more (examples, tables) are kept as written, and a table's second
/// column wraps under itself.
enum TextLayout {
  /// The width every help text and overview fits.
  static let width = 80

  /// `text` with its prose paragraphs re-wrapped to `width`; indented lines are kept.
  static func paragraphs(_ text: String, width: Int = width) -> String {
    var lines: [String] = []
    var prose: [Substring] = []
    func flush() {
      guard !prose.isEmpty else { return }
      lines += wrap(prose.joined(separator: " "), width: width)
      prose = []
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmingPrefix(while: { $0 == " " }).isEmpty || line.hasPrefix("  ") {
        flush()
        lines.append(String(line))
      } else {
        prose.append(line)
      }
    }
    flush()
    return lines.joined(separator: "\n")
  }

  /// A two-column row: `label` padded to `column`, then `text` wrapped to `width`, its
  /// continuation lines starting under the first.
  static func row(_ label: String, _ text: String, column: Int, width: Int = width) -> String {
    let indent = String(repeating: " ", count: column)
    let first = label.count <= column ? label + String(repeating: " ", count: column - label.count) : label + "\n" + indent
    return first + wrap(text, width: width - column).joined(separator: "\n" + indent)
  }

  /// Words of `text` in lines of at most `width` characters (a longer word stands alone).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }
}
