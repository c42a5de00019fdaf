/// Line feeds counted over a text up to an offset, sixteen bytes at a time: where a later
/// offset's line starts, for an error's line and column (`JSONParseError`), counted on from
/// where the count stands. A parse that gives back the pages it passed (`PassedPages`) counts
/// them first, and an error found after still says its line.
struct LineCount {
  /// The bytes counted: those below this offset.
  private(set) var upTo = 0
  /// The line feeds among them.
  private(set) var lineFeeds = 0
  /// The offset just past the last of them: the start of the line `upTo` stands on.
  private(set) var lineStart = 0

  /// Counts on over `bytes` up to `end` (at or past `upTo`): sixteen bytes at a time, compared
  /// as a vector and summed in lanes (a word at a time, counting a 10,000-node diff's given-back
  /// pages was a twentieth of its instructions). The last line feed is found afterwards, from
  /// the end back, when the bytes hold one.
  mutating func count(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) {
    let (start, counted) = (upTo, lineFeeds)
    var index = start
    if let base = bytes.baseAddress {
      let lineFeed = SIMD16<UInt8>(repeating: UInt8(ascii: "\n"))
      while index + 16 <= end {
        // Lanes count to 255 at most before they are added up.
        var lanes = SIMD16<UInt8>()
        let stop = min(end, index + 255 * 16)
        while index + 16 <= stop {
          let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
          lanes &-= unsafeBitCast(chunk .== lineFeed, to: SIMD16<UInt8>.self)
          index += 16
        }
        lineFeeds += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
      }
    }
    while index < end {
      if bytes[index] == UInt8(ascii: "\n") { lineFeeds += 1 }
      index += 1
    }
    // Only where there is one: a minified text has none to find.
    if lineFeeds > counted, let last = bytes[start..<end].lastIndex(of: UInt8(ascii: "\n")) { lineStart = last + 1 }
    upTo = end
  }

  /// The 1-based line and column (in bytes) of `offset`, at or past `upTo`.
  func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
    assert(offset >= upTo, "a line is counted on, never back")
    var counted = self
    counted.count(bytes, upTo: offset)
    return (counted.lineFeeds + 1, offset - counted.lineStart + 1)
  }
}
