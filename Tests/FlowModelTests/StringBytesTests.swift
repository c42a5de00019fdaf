import Testing

@testable import FlowModel

/// The word-at-a-time scan finds exactly what a byte-at-a-time scan finds: every byte value, at
/// every place within a word and in the tail, and which runs held bytes above 0x7F.
@Suite struct StringBytesTests {
  static func naive(_ bytes: [UInt8], from start: Int) -> (index: Int, sawNonASCII: Bool) {
    var sawNonASCII = false
    for index in start..<bytes.count {
      if StringBytes.isSpecial(bytes[index]) { return (index, sawNonASCII) }
      if bytes[index] >= 0x80 { sawNonASCII = true }
    }
    return (bytes.count, sawNonASCII)
  }

  static func scanned(_ bytes: [UInt8], from start: Int) -> (index: Int, sawNonASCII: Bool) {
    bytes.withUnsafeBufferPointer { buffer in
      var sawNonASCII = false
      let index = StringBytes.firstSpecial(in: buffer, from: start, sawNonASCII: &sawNonASCII)
      return (index, sawNonASCII)
    }
  }

  @Test func everyByteAtEveryPlaceIsFoundAsOneAtATimeWould() {
    for value in 0...255 {
      for place in 0..<19 {
        for filler: UInt8 in [UInt8(ascii: "a"), 0xC3] {
          var bytes = [UInt8](repeating: filler, count: 19)
          bytes[place] = UInt8(value)
          for start in [0, 1, 5] where start <= place {
            let (expected, found) = (Self.naive(bytes, from: start), Self.scanned(bytes, from: start))
            #expect(found == expected, "byte \(value) at \(place) from \(start), filler \(filler)")
          }
        }
      }
    }
  }

  /// Two bytes that borrow and compare near each other within a word (a control byte before a
  /// space or a quote, a byte beyond ASCII before or after one) are told apart as one at a time.
  @Test func neighbouringBytesAreFoundAsOneAtATimeWould() {
    let values: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xC3, 0xFF]
    for first in values {
      for second in values {
        for place in 0..<17 {
          var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 19)
          (bytes[place], bytes[place + 1]) = (first, second)
          let (expected, found) = (Self.naive(bytes, from: 0), Self.scanned(bytes, from: 0))
          #expect(found == expected, "bytes \(first), \(second) at \(place)")
        }
      }
    }
  }

  @Test func aSoughtByteIsFoundWhereverItStandsAndNowhereElse() {
    for sought: UInt8 in [0x00, UInt8(ascii: "L"), 0x7F, 0x80, 0xFF] {
      for place in 0..<19 {
        for filler: UInt8 in [sought &+ 1, sought &- 1, 0xC3] where filler != sought {
          var bytes = [UInt8](repeating: filler, count: 19)
          bytes[place] = sought
          for start in [0, 1, 5, 18] {
            let expected = bytes[start...].firstIndex(of: sought) ?? bytes.count
            let found = bytes.withUnsafeBufferPointer { StringBytes.firstIndex(of: sought, in: $0, from: start) }
            #expect(found == expected, "byte \(sought) at \(place) from \(start), filler \(filler)")
          }
        }
      }
    }
  }

  @Test func aStringWithoutSpecialBytesRunsToTheEnd() {
    let bytes = Array("plain text of some length, ünïcödé too".utf8)
    let (index, sawNonASCII) = Self.scanned(bytes, from: 0)
    #expect(index == bytes.count && sawNonASCII)
    #expect(Self.scanned([], from: 0) == (0, false))
  }

  @Test func escapesBetweenLongPlainRunsReadBackExactly() throws {
    let run = String(repeating: "plain ünï ", count: 3)
    for text in [run + "\n" + run + "\"" + run, "\t" + run, run + "\\", "\u{1F600}" + run + "\u{1}"] {
      #expect(try JSONParser.parse(JSONWriter(layout: .minified).string(.string(text))) == .string(text))
    }
    #expect(try JSONParser.parse(#""a\u00e9\nb""#) == .string("aé\nb"))
  }

  @Test func everyControlCharacterIsWrittenEscapedAndReadBack() throws {
    let text = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\"\\/é plain"
    let written = JSONWriter(layout: .minified).string(.string(text))
    #expect(!written.utf8.dropFirst().dropLast().contains { $0 < 0x20 })
    #expect(try JSONParser.parse(written) == .string(text))
  }
}
