extension Sequence<UInt8> {
  /// The bytes as lower-case hex digits, two for each (a digest's short name). By hand:
  /// `String(format: "%02x")` set up Foundation's formatting on every call, a million and a
  /// half instructions for the eight bytes of a key's id, on every command that opens a
  /// workspace.
  public var hexDigits: String {
    var text: [UInt8] = []
    text.reserveCapacity(underestimatedCount * 2)
    for byte in self {
      text.append(lowerCaseHexDigits.utf8Start[Int(byte >> 4)])
      text.append(lowerCaseHexDigits.utf8Start[Int(byte & 0xF)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}

/// The sixteen hex digits in lower case, by value: for `hexDigits`, and the `\u00XX` escapes
/// `JSONWriter` writes.
let lowerCaseHexDigits: StaticString = "0123456789abcdef"
