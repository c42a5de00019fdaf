/// Finds, eight bytes at a time, where a JSON string's plain run ends: at a quote, a backslash
/// or a control character, the bytes the reader must stop at and the writer must escape. Both
/// walk every byte of every string of a document, and a byte-at-a-time loop was the writer's
/// largest cost in a bulk commit; words without any of the three are skipped whole. Also finds
/// one given byte the same way, and a literal sixteen bytes at a time, for the searches of the
/// secret scanners.
public enum StringBytes {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highs: UInt64 = 0x8080_8080_8080_8080

  /// True for a byte that ends a plain run: `"`, `\` or below 0x20.
  @inline(__always) static func isSpecial(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }

  /// The index of the first special byte at or after `start`, or `bytes.count`; `sawNonASCII`
  /// is set when a byte at 0x80 or above was passed on the way. The word that holds the special
  /// byte says where it is: the lowest bit of `specials` lies in it (most strings are keys and
  /// short values, ended in their first or second word, where a byte at a time took a test of
  /// each of their last bytes).
  @inline(__always)
  static func firstSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, sawNonASCII: inout Bool) -> Int {
    var index = start
    if let base = bytes.baseAddress {
      while index + 8 <= bytes.count {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self).littleEndian
        let found = specials(in: word)
        if found != 0 {
          let bitsBefore = UInt64(truncatingIfNeeded: found.trailingZeroBitCount & ~7)
          if word & highs & ((1 &<< bitsBefore) &- 1) != 0 { sawNonASCII = true }
          return index + found.trailingZeroBitCount >> 3
        }
        if word & highs != 0 { sawNonASCII = true }
        index += 8
      }
    }
    while index < bytes.count {
      let byte = bytes[index]
      if isSpecial(byte) { return index }
      if byte >= 0x80 { sawNonASCII = true }
      index += 1
    }
    return index
  }

  /// `firstSpecial(in:from:sawNonASCII:)` for a caller that does not ask about non-ASCII bytes.
  @inline(__always) static func firstSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var ignored = false
    return firstSpecial(in: bytes, from: start, sawNonASCII: &ignored)
  }

  /// The index of the first `byte` at or after `start`, or `bytes.count`.
  @inline(__always)
  public static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    if let base = bytes.baseAddress {
      while index + 8 <= bytes.count {
        if bytesEqual(to: byte, in: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) != 0 { break }
        index += 8
      }
    }
    while index < bytes.count, bytes[index] != byte { index += 1 }
    return index
  }

  /// The index of the quote that ends a JSON string whose text goes on at `start`, or nil when
  /// none does: the first quote after an even run of backslashes (each pair an escaped
  /// backslash; an odd run escapes the quote). `start` must not be inside an escape.
  static func closingQuote(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var quote = firstIndex(of: UInt8(ascii: "\""), in: bytes, from: start)
    while quote < bytes.count {
      var backslashes = 0
      while quote - backslashes > start, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
      if backslashes % 2 == 0 { return quote }
      quote = firstIndex(of: UInt8(ascii: "\""), in: bytes, from: quote + 1)
    }
    return nil
  }

  /// True when `bytes` are well-formed UTF-8, read in place (`String(validating:)` copies
  /// them into a string). ASCII is passed eight bytes at a time.
  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    if let base = bytes.baseAddress {
      while index + 8 <= bytes.count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & highs == 0 { index += 8 }
    }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = UnsafeBufferPointer(rebasing: bytes[index...]).makeIterator()
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }

  /// The index just past the run of JSON whitespace at `start` (or `start` itself when none
  /// stands there). Spaces are counted eight at a time, pretty-printed exports being up to half
  /// indentation: the first byte that is not a space in a word of eight is its lowest that
  /// differs from `eightSpaces` (little-endian), so a line's indentation takes a load or two,
  /// not a test per byte (it was a tenth of parsing a large export). The parser skips
  /// whitespace this way, keeping minified text or not.
  @inline(__always)
  static func endOfWhitespace(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    while index < bytes.count, isWhitespace(bytes[index]) {
      index += 1
      while index + 8 <= bytes.count {
        let differing = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self).littleEndian ^ eightSpaces
        index += differing.trailingZeroBitCount >> 3
        if differing != 0 { break }
        // Past a word of spaces, deep indentation (four spaces a level: nine bytes in ten of
        // a Make blueprint) is passed two words at a time.
        while index + 16 <= bytes.count {
          let words = UnsafeRawPointer(bytes.baseAddress! + index)
          guard (words.loadUnaligned(as: UInt64.self) ^ eightSpaces) | ((words + 8).loadUnaligned(as: UInt64.self) ^ eightSpaces) == 0
          else { break }
          index += 16
        }
      }
    }
    return index
  }

  /// True for the bytes JSON allows between tokens: space, line feed, carriage return, tab.
  @inline(__always) public static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  /// True when the bytes begin, past a byte order mark and JSON's whitespace, as an object or
  /// an array does: a text that may be a document written as JSON, or a file that is JSON even
  /// where it cannot be read.
  public static func beginsAsJSONContainer(_ bytes: some Collection<UInt8>) -> Bool {
    let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    guard let first = text.first(where: { !isWhitespace($0) }) else { return false }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }

  private static let eightSpaces: UInt64 = 0x2020_2020_2020_2020

  /// True when `literal` stands somewhere in `text`: `contains` over their UTF-8. Foundation's
  /// `String.contains(_:)` goes through `NSString`: reading back the 2,000 versions a bulk
  /// migration stored searched their 100 MB at about 100 MB a second. Every string of every
  /// committed document is searched too.
  public static func contains(_ literal: String, in text: String) -> Bool {
    bytes(of: text) { haystack in bytes(of: literal) { contains($0, in: haystack) } }
  }

  /// `body` over `text`'s UTF-8, read in place. `String.withUTF8` is mutating: called on a
  /// copy, it was a retain and a release of every string a scan or a writer looked at (a
  /// bulk load scans every string of every file).
  @inlinable
  public static func bytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
    if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    return try copy.withUTF8(body)
  }

  /// True when `literal` stands somewhere in `bytes`. Candidates are where two of its bytes
  /// stand side by side (its second and third, past a quote that opens most literals asked
  /// for and most JSON strings), found sixteen at a time by comparing a vector of the bytes
  /// and one of the bytes after them, then compared whole: a load searches every file it
  /// outlines for three literals, and seven pairs a word at a time was a tenth of its work.
  public static func contains(_ literal: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard literal.count >= 2 else { return literal.isEmpty || firstIndex(of: literal[0], in: bytes, from: 0) < bytes.count }
    guard literal.count <= bytes.count, let base = bytes.baseAddress else { return false }
    let pair = literal.count >= 3 ? 1 : 0
    let (first, second) = (literal[pair], literal[pair + 1])
    func matches(at start: Int) -> Bool {
      start >= 0 && start + literal.count <= bytes.count && (0..<literal.count).allSatisfy { bytes[start + $0] == literal[$0] }
    }
    let firsts = SIMD16<UInt8>(repeating: first)
    let seconds = SIMD16<UInt8>(repeating: second)
    var index = 0
    // Each step reads bytes [index, index + 16) and, one byte later, [index + 1, index + 17):
    // each byte beside the one after it.
    while index + 17 <= bytes.count {
      let here = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
      let next = UnsafeRawPointer(base + index + 1).loadUnaligned(as: SIMD16<UInt8>.self)
      let candidates = (here .== firsts) .& (next .== seconds)
      if any(candidates) {
        for offset in 0..<16 where candidates[offset] && matches(at: index + offset - pair) { return true }
      }
      index += 16
    }
    while index + 1 < bytes.count {
      if bytes[index] == first, bytes[index + 1] == second, matches(at: index - pair) { return true }
      index += 1
    }
    return false
  }

  /// Nonzero when a byte of `word` (little-endian) is special; its lowest bit set is the high
  /// bit of the first such byte. A byte is below 0x20 when subtracting 0x20 borrows into a high
  /// bit that was clear; a borrow runs upward only, so bits above the first may be off, never
  /// the lowest.
  @inline(__always) private static func specials(in word: UInt64) -> UInt64 {
    let control = (word &- ones &* 0x20) & ~word & highs
    return control | bytesEqual(to: UInt8(ascii: "\""), in: word) | bytesEqual(to: UInt8(ascii: "\\"), in: word)
  }

  /// The index of the first `"` or `'` at or after `start`, or `bytes.count`: one pass for both,
  /// for the secret scanner's quoted options, asked of every string it scans.
  public static func firstQuote(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    if let base = bytes.baseAddress {
      while index + 8 <= bytes.count {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        if bytesEqual(to: UInt8(ascii: "\""), in: word) | bytesEqual(to: UInt8(ascii: "'"), in: word) != 0 { break }
        index += 8
      }
    }
    while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") { index += 1 }
    return index
  }

  /// Nonzero when a byte of `word` is `byte`: exact as a yes or no (the bit set may be off by
  /// one byte after the first match: a caller reads the lowest bit set).
  @inline(__always) private static func bytesEqual(to byte: UInt8, in word: UInt64) -> UInt64 {
    let difference = word ^ (ones &* UInt64(byte))
    return (difference &- ones) & ~difference & highs
  }
}
