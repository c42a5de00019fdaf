import FlowModel

extension String {
  /// The text as it stands inside a JSON string literal: quotes, backslashes and control
  /// characters escaped (`\n`, `\u001b`, and `\u202e`), as `JSONWriter` writes it and the `old -> new` view
  /// shows it. Names and values come from flow files and go to a terminal, where an escape
  /// sequence would clear the screen, recolour it or fake a line of output.
  var escapedAsInJSON: String {
    // JSON escapes the C0 controls only; DEL, C1 and the bidirectional controls are escaped
    // too, for the terminal (`TerminalText`).
    TerminalText.visible(String(JSONWriter(layout: .minified).string(.string(self)).dropFirst().dropLast()))
  }
}
