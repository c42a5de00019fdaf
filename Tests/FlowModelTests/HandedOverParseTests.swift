import Testing

@testable import FlowModel

/// A parse handed its bytes (`JSONParser.parse(handingOver:)`) returns the memory of the pages
/// it passes and reads exactly what a parse of the same bytes reads: the value, the minified
/// text, and an error's line and column, found after pages were given back.
@Suite struct HandedOverParseTests {
  /// A pretty-printed (or minified) array of `count` nodes, well past `PassedPages.step`, then `tail`.
  static func document(count: Int = 40_000, minified: Bool = false, tail: String = "\n]\n") -> [UInt8] {
    let node =
      "  {\n    \"id\": \"node-%\",\n    \"name\": \"Node % (été)\",\n    \"parameters\": { \"x\": [1, 2.50, -3e2], \"s\": \"a\\nb\" }\n  }"
    let nodes = (0..<count).map { node.replacing("%", with: String($0)) }
    let text =
      minified ? "[" + nodes.joined(separator: ",").filter { $0 != "\n" && $0 != " " } + "]" : "[\n" + nodes.joined(separator: ",\n") + tail
    return Array(text.utf8)
  }

  /// The handed-over parse of `bytes`, from memory of its own, and whether a page in its
  /// first megabyte reads as zeros after it (its memory returned) while its head stays.
  static func handedOver(_ bytes: [UInt8], keepingText: Bool = false) -> (Result<(JSONValue, [UInt8]?), JSONParseError>, gaveBack: Bool) {
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
    defer { buffer.deallocate() }
    _ = buffer.initialize(from: bytes)
    let result = Result { () throws(JSONParseError) in try JSONParser.parse(handingOver: buffer, keepingText: keepingText) }
    let middle = buffer[(PassedPages.step / 2)..<(PassedPages.step / 2 + 4096)]
    let headKept = buffer.prefix(PassedPages.keptHead).elementsEqual(bytes.prefix(PassedPages.keptHead))
    return (result.map { ($0.value, $0.minifiedText) }, middle.allSatisfy { $0 == 0 } && headKept)
  }

  /// The 1-based line and column (in characters: bytes that do not continue one) of `offset`,
  /// counted a byte at a time.
  static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    let before = bytes[..<offset]
    let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
    return (before.filter { $0 == UInt8(ascii: "\n") }.count + 1, before[lineStart...].filter { $0 & 0xC0 != 0x80 }.count + 1)
  }

  @Test(arguments: [false, true])
  func readsTheValueAndTextOfAParseAndReturnsTheMemoryItPassed(minified: Bool) throws {
    let bytes = Self.document(minified: minified)
    #expect(bytes.count > 3 * PassedPages.step)
    let (value, text) = try JSONParser.parseKeepingMinifiedText(bytes)
    for keepingText in [false, true] {
      let (result, gaveBack) = Self.handedOver(bytes, keepingText: keepingText)
      let (handedValue, handedText) = try result.get()
      #expect(handedValue == value)
      #expect(handedText == (keepingText ? text : nil))
      #expect(gaveBack == PassedPages.returnsMemory, "the pages the parse passed read as zeros where the system takes them back")
    }
  }

  /// Each error of the reader, well past the memory returned, at the line and column a byte
  /// at a time finds: every error is placed where the parse ends, from the lines counted.
  @Test(arguments: [
    (",\n]", "expected a value, found ']'", 1), (",\n  {\"a\": tru}\n]", "expected 'true', found 'tru'", 9),
    (",\n  \"unterminated", "unterminated string starting here", 3), (",\n  {\"a\" 1}]", "expected ':' after member name", 8),
    (",\n  \"\u{1}\"]", "control character in string", 4), (",\n  \"\\x\"]", "invalid escape '\\x' in string", 4),
    ("\n] x", "unexpected text after the JSON value", 3), (",\n  [1, 01]", "a number cannot have a leading zero", 8),
  ])
  func saysTheLineAndColumnOfAnErrorPastTheMemoryReturned(tail: String, reason: String, column: Int) throws {
    let bytes = Self.document(tail: tail)
    let (result, gaveBack) = Self.handedOver(bytes)
    let error = try #require(#expect(throws: JSONParseError.self) { try result.get() })
    #expect(error.reason.hasPrefix(reason))
    #expect(error.column == column)
    #expect((error.line, error.column) == Self.position(of: error.offset, in: bytes))
    #expect(gaveBack == PassedPages.returnsMemory)
  }

  @Test func saysTheLineOfInvalidUTF8PastTheMemoryReturned() throws {
    let bytes = Self.document(tail: ",\n") + [UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\""), UInt8(ascii: "]")]
    let error = try #require(#expect(throws: JSONParseError.self) { try Self.handedOver(bytes).0.get() })
    #expect(error.reason.hasPrefix("invalid UTF-8"))
    #expect((error.line, error.column) == Self.position(of: error.offset, in: bytes))
  }

  /// Lines are counted sixteen bytes at a time as one at a time would: line ends at every place
  /// of a vector and in runs long enough for a lane to be summed (255 vectors), counted on from
  /// places on both sides of that.
  @Test func linesAreCountedAsOneAtATimeWould() {
    let short: [UInt8] = Array("ab\ncd\n\néfghij\nk\r\nlmnop🙂qrstu\nvw\n\n\n\nx日本yz".utf8)
    // Line ends alone for 5,000 bytes: every lane counts one in each of more than 255 vectors.
    let long = (0..<9_000).map { $0 < 5_000 || $0 % 7 == 0 ? UInt8(ascii: "\n") : UInt8(ascii: "a") }
    // One line of 6,000 bytes, half of them continuing a character, then short lines.
    let wide = Array(String(repeating: "é", count: 3_000).utf8) + Array(String(repeating: "a\n", count: 10).utf8)
    let places = [0, 15, 16, 4_079, 4_080, 4_081, 4_096, 5_999, 6_000]
    for (text, offsets) in [
      (short, Array(0...short.count)), (long, [0, 15, 16, 4_079, 4_080, 4_081, 4_096, 8_160, 8_999, 9_000]),
      (wide, places + [6_011, 6_020]),
    ] {
      text.withUnsafeBufferPointer { bytes in
        for offset in offsets {
          for from in offsets.filter({ $0 <= offset }) {
            // Counted on in two steps before the place, as a parse giving back pages counts.
            var counted = LineCount()
            counted.count(bytes, upTo: from / 2)
            counted.count(bytes, upTo: from)
            let (line, column) = counted.position(of: offset, in: bytes)
            #expect(
              line == Self.position(of: offset, in: text).line && column == Self.position(of: offset, in: text).column,
              "offset \(offset) from \(from)")
          }
        }
      }
    }
  }
}
