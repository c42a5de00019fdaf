/// Line feeds counted over a text up to an offset, eight bytes at a time: where a later
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

  /// Counts on over `bytes` up to `end` (at or past `upTo`).
  mutating func count(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) {
    var index = upTo
    var lastFeed: Int?
    if let base = bytes.baseAddress {
      while index + 8 <= end {
        let feeds = StringBytes.matches(
          of: UInt8(ascii: "\n"), in: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self).littleEndian)
        if feeds != 0 {
          lineFeeds += feeds.nonzeroBitCount
          lastFeed = index + (63 - feeds.leadingZeroBitCount) >> 3
        }
        index += 8
      }
    }
    while index < end {
      if bytes[index] == UInt8(ascii: "\n") {
        lineFeeds += 1
        lastFeed = index
      }
      index += 1
    }
    if let lastFeed { lineStart = lastFeed + 1 }
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
