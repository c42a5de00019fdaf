/// Text from flow files on its way to a terminal: what the terminal would act on rather than
/// show. An escape sequence in a name would clear or recolour the screen, a carriage return
/// fake a line of output, a right-to-left override (U+202E) turn the rest of a line around so
/// that code in a diff reads other than it is.
public enum TerminalText {
  /// True for a control character (C0, DEL, C1), a line or paragraph separator, or a
  /// bidirectional control.
  public static func actsOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// `text` with each such character written as `\u001b`, the rest as it is.
  public static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: actsOnTerminal) else { return text }
    return text.unicodeScalars.map { scalar in
      guard actsOnTerminal(scalar) else { return String(scalar) }
      let hex = String(scalar.value, radix: 16)
      return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }.joined()
  }
}
