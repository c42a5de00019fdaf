import FlowModel
import Testing

/// The parser shares the storage of long strings that repeat, within a document and across the
/// documents parsed after it, and never hands out a string for bytes other than its own.
@Suite struct RepeatedStringsTests {
  /// Where a string's bytes are stored: equal for strings that share their storage.
  func storage(_ value: JSONValue?) -> UnsafeRawPointer? {
    value?.stringValue?.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress!) }
  }

  @Test func aRepeatedLongStringIsStoredOnce() throws {
    let type = "n8n-nodes-base.httpRequest"
    let document = try JSONParser.parse(#"[{"type": "\#(type)"}, {"type": "\#(type)"}, {"other": "\#(type)"}]"#)
    let nodes = try #require(document.arrayValue)
    #expect(nodes.map { $0["type"] ?? $0["other"] } == Array(repeating: .string(type), count: 3))
    #expect(storage(nodes[0]["type"]) == storage(nodes[1]["type"]))
    #expect(storage(nodes[0]["type"]) == storage(nodes[2]["other"]))
    let later = try JSONParser.parse(#"{"type": "\#(type)"}"#)
    #expect(storage(later["type"]) == storage(nodes[0]["type"]), "a later document shares it too")
  }

  @Test func shortAndLongStringsAreNotShared() throws {
    let long = String(repeating: "x", count: 49)
    let document = try JSONParser.parse(#"["\#(long)", "\#(long)"]"#)
    #expect(document.arrayValue?.map(\.stringValue) == [long, long])
    #expect(storage(document.arrayValue?[0]) != storage(document.arrayValue?[1]))
  }

  /// Thousands of distinct strings of the same few lengths collide in the table: each still
  /// reads as its own bytes, in documents parsed at once on both cores.
  @Test func collidingStringsKeepTheirOwnBytes() throws {
    let texts = (0..<4000).map { "id-\(String($0 * 7919, radix: 16))-\(String(repeating: "ab", count: $0 % 17))-end" }
    let documents = (0..<8).map { part in "[" + texts.map { #""\#($0)-\#(part)""# }.joined(separator: ",") + "]" }
    let parsed = documents.concurrentMap { try? JSONParser.parse($0) }
    for (part, document) in parsed.enumerated() {
      let read = try #require(document?.arrayValue).map(\.stringValue)
      let wrong = zip(read, texts).filter { $0 != "\($1)-\(part)" }
      #expect(read.count == texts.count && wrong.isEmpty, "\(wrong.count) strings read wrong, as \(wrong.prefix(3))")
    }
  }

  @Test func invalidUTF8IsRefusedAlsoWhereAValidStringOfTheSameLengthWasKept() {
    let valid = Array(#"["abcdefghijklmnopqrstuvwxyzé", "#.utf8)
    let invalid = Array(#""abcdefghijklmnopqrstuvwxyz"#.utf8) + [0xC3, 0x28] + Array(#""]"#.utf8)
    let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(valid + invalid) }
    #expect(error?.description.hasSuffix("invalid UTF-8 in string (is this a binary file?)") == true)
    #expect(error?.description.hasPrefix("1:35:") == true, "at the string's first byte")
  }
}
