/// The passwords of URLs written in a text (`scheme://user:password@host`), found by hand in one
/// pass from each `://`. What a session prints, the file names `export` makes and the shell's
/// history have them masked: names are identities, shown by every command, and a flow, node or
/// connection may be named by a URL that holds its password.
///
/// Not the scanner's expression: run over a whole diff or plan as one text it took 0.3 s a
/// megabyte, and where text has no spaces it matched across fields
/// (`"url":"https://h:8443","owner":"ops@x.io"`).
public enum URLPassword {
  /// `text` with the password of each URL in it replaced by `mask` (by default as `export
  /// --redact` replaces it in a file).
  public static func masking(in text: String, with mask: String = redacted) -> String {
    let found = StringBytes.bytes(of: text) { Self.ranges(in: $0) }
    guard !found.isEmpty else { return text }
    var bytes = Array(text.utf8)
    for range in found.reversed() { bytes.replaceSubrange(range, with: mask.utf8) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// True when a URL in `text` holds a password.
  public static func isFound(in text: String) -> Bool {
    StringBytes.bytes(of: text) { !Self.ranges(in: $0).isEmpty }
  }

  /// What output puts in a password's place, as `export --redact` does in a file.
  public static let redacted = "<redacted:password in URL>"

  /// What a name written into a file name, a bundle or Flink SQL holds in a password's place:
  /// a word, where `redacted`'s brackets, colon and spaces need quoting in a shell.
  public static let redactedWord = "redacted"

  /// The longest scheme looked back for, as the scanner's expression allows.
  private static let longestScheme = 32

  /// The byte ranges of the passwords in `bytes`. A URL's authority runs from `://` to the first
  /// byte no authority holds (a slash, a space, a quote, a bracket); its user information, up
  /// to its last `@` (`p@ss` written unencoded is masked whole), holds a password after its
  /// first `:`.
  static func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var index = 0
    while index + 3 <= bytes.count {
      guard bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") else {
        index += 1
        continue
      }
      let authority = index + 3
      var end = authority
      while end < bytes.count, !endsAuthority(bytes[end]) { end += 1 }
      defer { index = max(end, index + 3) }
      guard hasScheme(before: index, in: bytes),
        let at = (authority..<end).last(where: { bytes[$0] == UInt8(ascii: "@") }),
        let colon = (authority..<at).first(where: { bytes[$0] == UInt8(ascii: ":") }), colon + 1 < at
      else { continue }
      ranges.append((colon + 1)..<at)
    }
    return ranges
  }

  /// True when a scheme (a letter, then letters, digits, `+`, `.`, `-`, 32 bytes at most) ends
  /// at `end`.
  private static func hasScheme(before end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var start = end
    while start > 0, end - start < longestScheme, isSchemeByte(bytes[start - 1]) { start -= 1 }
    return start < end && isLetter(bytes[start])
  }

  private static func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) }

  private static func isSchemeByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
      || byte == UInt8(ascii: "-")
  }

  /// A byte no authority holds: a space or control character, a path's, query's or fragment's
  /// start, a quote or a bracket that ends the text around it.
  private static func endsAuthority(_ byte: UInt8) -> Bool {
    byte <= 0x20 || byte == 0x7F || Self.authorityEnds.contains(byte)
  }

  private static let authorityEnds = Set(#"/?#"<>\{}`|^[]"#.utf8)
}
