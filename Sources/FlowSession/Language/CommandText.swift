import FlowModel

/// A command line's bytes as text. Bytes that are not UTF-8 (a lone surrogate written as
/// CESU-8, text in another encoding, a binary file) are refused at their column rather than read
/// as U+FFFD: a name taken from them would be changed without a word.
enum CommandText {
  /// The line as text, or a usage error naming the column (in characters, as JSON errors count
  /// them) of the first byte that is not UTF-8, or of a NUL (`refuseNUL`).
  static func decode(_ bytes: [UInt8]) throws(UsageError) -> String {
    if let offset = UTF8Text.firstInvalidByte(in: bytes) {
      throw UsageError(
        "invalid UTF-8 at column \(UTF8Text.column(of: offset, in: bytes)) (a lone surrogate, or text in another encoding): commands are read as UTF-8"
      )
    }
    let text = String(decoding: bytes, as: UTF8.self)
    try refuseNUL(text)
    return text
  }

  /// True for a line that runs nothing: blank, or a comment (its first byte past spaces and
  /// tabs is `#`).
  static func isBlankOrComment(_ bytes: some Collection<UInt8>) -> Bool {
    bytes.first { $0 != 0x20 && $0 != 0x09 }.map { $0 == UInt8(ascii: "#") } ?? true
  }

  /// Refuses a NUL character, at its column (counted as for invalid UTF-8): no name may hold
  /// one (a workspace would keep it cut short), and no option or path needs one.
  static func refuseNUL(_ line: String) throws(UsageError) {
    guard let nul = line.utf8.firstIndex(of: 0) else { return }
    let column = UTF8Text.column(of: line.utf8.distance(from: line.utf8.startIndex, to: nul), in: line.utf8)
    throw UsageError("a NUL character at column \(column): a command cannot hold one")
  }
}
