extension String {
  /// The text with its control characters (C0 and DEL) written as `\u001b`-style escapes.
  /// Names and values come from flow files and go to a terminal, where an escape sequence
  /// would clear the screen, recolour it or fake a line of output.
  var escapingControlCharacters: String {
    guard unicodeScalars.contains(where: Self.isControl) else { return self }
    var result = ""
    for scalar in unicodeScalars {
      guard Self.isControl(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      let hex = String(scalar.value, radix: 16)
      result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
    return result
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || scalar.value == 0x7F }
}
