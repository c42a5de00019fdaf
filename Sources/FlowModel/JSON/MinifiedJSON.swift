/// The text of a JSON document without the whitespace between its tokens: how a document held
/// as text (`OutlinedFlow`) is kept and stored. Strings are copied as they are, escapes and all,
/// so the text reads back to the same value; a byte-order mark is dropped. One pass over the
/// bytes, not a parse and a write: no tree is built, and it costs a fraction of either.
public enum MinifiedJSON {
  /// The minified text of `bytes`, which `JSONParser` must have accepted: this does not check
  /// them again, and anything else comes out as garbled as it went in. Exactly as long as it
  /// is: a bulk load holds thousands of these, and exports are often half indentation.
  public static func text(of bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    // Strings are copied a word at a time, never past the end: the text written is never
    // longer than the text read, so a word written at `count` ends where the one read at
    // `index` ends, or before.
    let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
    defer { scratch.deallocate() }
    let count = minify(bytes, into: scratch)
    return Array(UnsafeBufferPointer(rebasing: scratch[..<count]))
  }

  /// Writes the minified text into `output` (as long as `bytes`), and says how long it is.
  private static func minify(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
    guard let source = bytes.baseAddress, let target = output.baseAddress else { return 0 }
    var count = 0
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while index < bytes.count {
      let byte = source[index]
      if byte == UInt8(ascii: "\"") {
        copyString(from: source, count: bytes.count, at: &index, to: target, at: &count)
      } else if StringBytes.isWhitespace(byte) {
        index = StringBytes.endOfWhitespace(in: bytes, from: index)
      } else {
        target[count] = byte
        count += 1
        index += 1
      }
    }
    return count
  }

  /// Copies the string opening at `index`, up to and with its closing quote, and moves both
  /// cursors past it. Eight bytes are copied at once and then looked at: where a quote or a
  /// backslash stands among them, the copy goes on from there (a backslash takes the byte it
  /// escapes along). Control bytes need no care: the parser refused them.
  @inline(__always)
  private static func copyString(
    from source: UnsafePointer<UInt8>, count total: Int, at index: inout Int, to target: UnsafeMutablePointer<UInt8>,
    at count: inout Int
  ) {
    target[count] = source[index]
    index += 1
    count += 1
    while index < total {
      if index + 8 <= total {
        let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
        UnsafeMutableRawPointer(target + count).storeBytes(of: word, as: UInt64.self)
        let stops = StringBytes.quotesOrBackslashes(in: UInt64(littleEndian: word))
        let plain = stops == 0 ? 8 : stops.trailingZeroBitCount / 8
        index += plain
        count += plain
        if plain == 8 { continue }
      }
      let byte = source[index]
      target[count] = byte
      index += 1
      count += 1
      if byte == UInt8(ascii: "\"") { return }
      if byte == UInt8(ascii: "\\"), index < total {
        target[count] = source[index]
        index += 1
        count += 1
      }
    }
  }
}
