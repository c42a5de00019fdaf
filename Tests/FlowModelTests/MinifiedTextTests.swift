import Foundation
import Testing

@testable import FlowModel

/// The minified text a parse keeps of a document is the writer's minified text of its value,
/// byte for byte, whatever the layout it was read in: escapes that fall anywhere within a word,
/// strings of every length, a byte-order mark. And `StringBytes.contains` finds what a
/// byte-at-a-time search finds, wherever the literal stands.
@Suite struct MinifiedTextTests {
  static func minified(_ bytes: [UInt8]) -> [UInt8] {
    (try? JSONParser.parseKeepingMinifiedText(bytes).minifiedText) ?? Array("(not JSON)".utf8)
  }

  /// A value of every kind, with strings made of the bytes a minified copy must step over with care.
  static func value(_ generator: inout some RandomNumberGenerator, depth: Int = 0) -> JSONValue {
    let pieces = ["a", "\"", "\\", " ", "\n", "\t", "é", "😀", "\\\"", "\"\\", "xyz", "{", "}", ":", ",", "\u{1}"]
    func string() -> String {
      (0..<Int.random(in: 0...20, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }
    switch depth > 3 ? Int.random(in: 0...3, using: &generator) : Int.random(in: 0...5, using: &generator) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &generator))
    case 2: return .number(JSONNumber(Int.random(in: -99999...99999, using: &generator)))
    case 3: return .string(string())
    case 4: return .array((0..<Int.random(in: 0...5, using: &generator)).map { _ in value(&generator, depth: depth + 1) })
    default:
      return .object(
        JSONObject((0..<Int.random(in: 0...5, using: &generator)).map { _ in .init(string(), value(&generator, depth: depth + 1)) }))
    }
  }

  /// SplitMix64: values a failure can be reproduced from, by its seed.
  struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  @Test func anyLayoutMinifiesToTheWritersMinifiedText() throws {
    let seed = UInt64.random(in: 0...UInt64.max)
    var generator = SeededGenerator(state: seed)
    for _ in 0..<2000 {
      let value = Self.value(&generator)
      let expected = JSONWriter(layout: .minified).bytes(value)
      for layout in [JSONWriter.Layout.indented(2), .indented(8), .minified] {
        let text = JSONWriter(layout: layout).bytes(value)
        #expect(Self.minified(text) == expected, "seed \(seed): \(String(decoding: text, as: UTF8.self))")
      }
    }
  }

  @Test func whitespaceOfEveryKindGoesAndStringsStayAsWritten() throws {
    let text = Array("\u{FEFF} {\r\n\t\"a b\" :\t[ 1 ,  \"\\u0041\\\" \" ,\n        true ] ,\"\\\\\":  null }\n".utf8)
    let expected = Array(#"{"a b":[1,"\u0041\" ",true],"\\":null}"#.utf8)
    #expect(Self.minified(text) == expected)
    #expect(try JSONParser.parse(Self.minified(text)) == (try JSONParser.parse(text)))
  }

  @Test func aLiteralIsFoundWhereverItStandsAndNowhereElse() {
    let literals = ["\"data\"", "\\u", "LoginModule", "ab", "abc", "x"]
    for literal in literals {
      for count in 0..<60 {
        for place in 0...max(0, count - literal.utf8.count) where count >= literal.utf8.count || place == 0 {
          var bytes = [UInt8](repeating: UInt8(ascii: "d"), count: count)
          if count >= literal.utf8.count { bytes.replaceSubrange(place..<place + literal.utf8.count, with: literal.utf8) }
          let expected = count >= literal.utf8.count
          let found = bytes.withUnsafeBufferPointer { haystack in
            Array(literal.utf8).withUnsafeBufferPointer { StringBytes.contains($0, in: haystack) }
          }
          #expect(found == expected, "\(literal) at \(place) of \(count)")
        }
      }
      let nearMiss = Array(String(repeating: "z", count: 9).utf8) + Array(literal.utf8.dropLast()) + Array("zzzzzzzz".utf8)
      let found = nearMiss.withUnsafeBufferPointer { haystack in
        Array(literal.utf8).withUnsafeBufferPointer { StringBytes.contains($0, in: haystack) }
      }
      #expect(!found, "\(literal) in a near miss")
    }
  }

  /// The first quote of either kind is found at every place, across the eight-byte steps,
  /// among bytes that are near a quote's value (`!`, `&`, `\u{A2}`'s bytes) but none.
  @Test func theFirstQuoteIsFoundWhereverItStands() {
    for quote in [UInt8(ascii: "\""), UInt8(ascii: "'")] {
      for count in 1..<40 {
        for place in 0..<count {
          var bytes = (0..<count).map { [UInt8(ascii: "!"), UInt8(ascii: "&"), 0xC2, 0xA2][$0 % 4] }
          bytes[place] = quote
          if place + 1 < count { bytes[place + 1] = quote == UInt8(ascii: "'") ? UInt8(ascii: "\"") : UInt8(ascii: "'") }
          #expect(bytes.withUnsafeBufferPointer { StringBytes.firstQuote(in: $0, from: 0) } == place, "\(place) of \(count)")
          let next = bytes.withUnsafeBufferPointer { StringBytes.firstQuote(in: $0, from: place + 1) }
          #expect(next == min(place + 1, count), "the other quote after \(place) of \(count)")
          let none = bytes.withUnsafeBufferPointer { StringBytes.firstQuote(in: $0, from: min(place + 2, count)) }
          #expect(none == count, "no quote after \(place + 1) of \(count)")
        }
      }
    }
    #expect([UInt8](repeating: 0x41, count: 17).withUnsafeBufferPointer { StringBytes.firstQuote(in: $0, from: 0) } == 17)
  }

  /// In a string, the search is over its UTF-8, letters beyond ASCII and all.
  @Test func aLiteralIsFoundInAString() {
    let text = #"ünïcødé {"token":"fps:sealed:v1:abc"} ✓"#
    #expect(StringBytes.contains("fps:sealed:", in: text))
    #expect(StringBytes.contains("✓", in: text) && StringBytes.contains("ünï", in: text))
    #expect(!StringBytes.contains("fps:sealed:v2", in: text))
    #expect(!StringBytes.contains("unic", in: text))
  }

  /// Near misses that share the pair a search looks for, in the same sixteen bytes as the
  /// literal or alone: each candidate is compared whole.
  @Test func nearMissesBesideALiteralAreSteppedOver() {
    for literal in ["\"data\"", "LoginModule", "abc"] {
      let miss = [UInt8(ascii: "#")] + Array(literal.utf8.dropFirst())
      for place in 0..<40 {
        let decoys = (0..<6).flatMap { _ in miss }
        var bytes = Array(decoys.prefix(place)) + Array(literal.utf8) + decoys
        let found = bytes.withUnsafeBufferPointer { haystack in
          Array(literal.utf8).withUnsafeBufferPointer { StringBytes.contains($0, in: haystack) }
        }
        #expect(found, "\(literal) after \(place) bytes of near misses")
        bytes = decoys
        let missed = bytes.withUnsafeBufferPointer { haystack in
          Array(literal.utf8).withUnsafeBufferPointer { StringBytes.contains($0, in: haystack) }
        }
        #expect(!missed, "\(literal) among near misses only")
      }
    }
  }
}
