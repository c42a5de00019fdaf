/// Line feeds counted over a text up to an offset, sixteen bytes at a time: where a later
/// offset's line starts, for an error's line and column (`JSONParseError`), counted on from
/// where the count stands. A parse that gives back the pages it passed (`PassedPages`) counts
/// them first, and an error found after still says its line. A column counts characters
/// (Unicode scalars, as Python's `json` counts them), not bytes: the UTF-8 continuation bytes
/// of the line so far are counted too, only over the part of each count after its last line
/// feed (all of a minified text, a line's tail in a pretty-printed one). A byte order mark,
/// which the reader passes over, is no character of the first line.
struct LineCount {
  /// The bytes counted: those below this offset.
  private(set) var upTo = 0
  /// The line feeds among them.
  private(set) var lineFeeds = 0
  /// The offset just past the last of them: the start of the line `upTo` stands on.
  private(set) var lineStart = 0
  /// The UTF-8 continuation bytes from `lineStart` to `upTo`: bytes of a character that is
  /// counted at its first.
  private(set) var continuationBytes = 0

  /// Counts on over `bytes` up to `end` (at or past `upTo`). The last line feed is found
  /// afterwards, from the end back, when the bytes hold one.
  mutating func count(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) {
    let (start, counted) = (upTo, lineFeeds)
    lineFeeds += Self.bytes(in: bytes, from: start, to: end, masked: 0xFF, equalTo: UInt8(ascii: "\n"))
    // Only where there is one: a minified text has none to find.
    if lineFeeds > counted, let last = bytes[start..<end].lastIndex(of: UInt8(ascii: "\n")) {
      lineStart = last + 1
      continuationBytes = 0
    }
    continuationBytes += Self.bytes(in: bytes, from: max(start, lineStart), to: end, masked: 0xC0, equalTo: 0x80)
    upTo = end
  }

  /// The bytes from `start` to `end` that are `value` under `mask`: sixteen at a time,
  /// compared as a vector and summed in lanes (a word at a time, counting a 10,000-node diff's
  /// given-back pages was a twentieth of its instructions).
  @inline(__always) private static func bytes(
    in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, masked mask: UInt8, equalTo value: UInt8
  )
    -> Int
  {
    var index = start
    var count = 0
    if let base = bytes.baseAddress {
      let (masks, values) = (SIMD16<UInt8>(repeating: mask), SIMD16<UInt8>(repeating: value))
      while index + 16 <= end {
        // Lanes count to 255 at most before they are added up.
        var lanes = SIMD16<UInt8>()
        let stop = min(end, index + 255 * 16)
        while index + 16 <= stop {
          let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
          lanes &-= unsafeBitCast(chunk & masks .== values, to: SIMD16<UInt8>.self)
          index += 16
        }
        count += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
      }
    }
    while index < end {
      if bytes[index] & mask == value { count += 1 }
      index += 1
    }
    return count
  }

  /// The 1-based line and column (in characters) of `offset`, at or past `upTo`.
  func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
    assert(offset >= upTo, "a line is counted on, never back")
    var counted = self
    counted.count(bytes, upTo: offset)
    let byteOrderMark = counted.lineStart == 0 && offset >= 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 1 : 0
    return (counted.lineFeeds + 1, offset - counted.lineStart - counted.continuationBytes - byteOrderMark + 1)
  }
}
