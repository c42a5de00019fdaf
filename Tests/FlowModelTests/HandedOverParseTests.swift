import Testing

@testable import FlowModel

/// A parse handed its bytes (`JSONParser.parse(handingOver:)`) gives back the pages it passes
/// and reads exactly what a parse of the same bytes reads: the value, the minified text, and
/// an error's line and column, found after pages were given back.
@Suite struct HandedOverParseTests {
  /// A pretty-printed array of `count` nodes, well past `PassedPages.step`, then `tail`.
  static func document(count: Int = 40_000, tail: String = "\n]\n") -> [UInt8] {
    let node =
      "  {\n    \"id\": \"node-%\",\n    \"name\": \"Node % (été)\",\n    \"parameters\": { \"x\": [1, 2.50, -3e2], \"s\": \"a\\nb\" }\n  }"
    return Array(("[\n" + (0..<count).map { node.replacing("%", with: String($0)) }.joined(separator: ",\n") + tail).utf8)
  }

  /// The handed-over parse of `bytes`, from memory of its own, and whether its first pages read
  /// as zeros after it (given back).
  static func handedOver(_ bytes: [UInt8], keepingText: Bool = false) -> (Result<(JSONValue, [UInt8]?), JSONParseError>, gaveBack: Bool) {
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
    defer { buffer.deallocate() }
    _ = buffer.initialize(from: bytes)
    let result = Result { () throws(JSONParseError) in try JSONParser.parse(handingOver: buffer, keepingText: keepingText) }
    let middle = buffer[(PassedPages.step / 2)..<(PassedPages.step / 2 + 4096)]
    return (result.map { ($0.value, $0.minifiedText) }, middle.allSatisfy { $0 == 0 })
  }

  @Test func readsTheValueAndTextOfAParseAndGivesBackWhatItPassed() throws {
    let bytes = Self.document()
    #expect(bytes.count > 4 * PassedPages.step)
    let (value, text) = try JSONParser.parseKeepingMinifiedText(bytes)
    for keepingText in [false, true] {
      let (result, gaveBack) = Self.handedOver(bytes, keepingText: keepingText)
      let (handedValue, handedText) = try result.get()
      #expect(handedValue == value)
      #expect(handedText == (keepingText ? text : nil))
      #if os(Linux)
        #expect(gaveBack, "the pages the parse passed read as zeros")
      #endif
    }
  }

  @Test(arguments: [
    "\n,]", "\n  {\"a\": tru}\n]", "\n  \"unterminated\n]", "\n  {\"a\" 1}]", "\n  \"\u{1}\"]", "\n  \"\\x\"]", "\n] x",
  ])
  func saysTheLineAndColumnOfAnErrorPastThePagesGivenBack(tail: String) throws {
    let bytes = Self.document(tail: tail)
    let expected = try #require(#expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) })
    let (result, gaveBack) = Self.handedOver(bytes)
    #expect(throws: expected) { try result.get() }
    #expect(expected.line > 100_000)
    #if os(Linux)
      #expect(gaveBack)
    #endif
  }

  @Test func saysTheLineOfInvalidUTF8PastThePagesGivenBack() throws {
    let bytes = Self.document(tail: ",\n") + [UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\""), UInt8(ascii: "]")]
    let expected = try #require(#expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) })
    #expect(expected.reason.hasPrefix("invalid UTF-8"))
    #expect(throws: expected) { try Self.handedOver(bytes).0.get() }
  }

  /// Lines are counted eight bytes at a time as one at a time would: every line end at every
  /// place of a word, counted on from every place before it.
  @Test func linesAreCountedAsOneAtATimeWould() {
    let text: [UInt8] = Array("ab\ncd\n\nefghij\nk\r\nlmnopqrstu\nvw".utf8)
    text.withUnsafeBufferPointer { bytes in
      for offset in 0...bytes.count {
        let before = bytes[..<offset]
        let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let column = offset - ((before.lastIndex(of: UInt8(ascii: "\n"))).map { $0 + 1 } ?? 0) + 1
        for from in 0...offset {
          var counted = LineCount()
          counted.count(bytes, upTo: from)
          #expect(counted.position(of: offset, in: bytes) == (line, column), "offset \(offset) counted on from \(from)")
        }
      }
    }
  }
}
