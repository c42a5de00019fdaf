import FlowModel
import Testing

/// The parser shares the storage of long strings that repeat, within a document and, given a
/// `SharedStrings`, across the documents of one bulk read; it never hands out a string for
/// bytes other than its own.
@Suite struct RepeatedStringsTests {
  let type = "n8n-nodes-base.httpRequest"

  /// Where a string's bytes are stored: equal for strings that share their storage.
  func storage(_ value: JSONValue?) throws -> UnsafeRawPointer {
    let text = try #require(value?.stringValue)
    return try #require(text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress!) })
  }

  @Test func aRepeatedLongStringIsStoredOnceInADocument() throws {
    let document = try JSONParser.parse(#"[{"type": "\#(type)"}, {"type": "\#(type)"}, {"other": "\#(type)"}]"#)
    let nodes = try #require(document.arrayValue)
    #expect(nodes.map { $0["type"] ?? $0["other"] } == Array(repeating: .string(type), count: 3))
    #expect(try storage(nodes[0]["type"]) == storage(nodes[1]["type"]))
    #expect(try storage(nodes[0]["type"]) == storage(nodes[2]["other"]))
  }

  @Test func documentsShareOnlyWithinOneBulkRead() throws {
    let text = Array(#"{"type": "\#(type)"}"#.utf8)
    let sharing = SharedStrings()
    let first = try JSONParser.parse(text, sharing: sharing)
    let second = try JSONParser.parse(text, sharing: sharing)
    #expect(try storage(first["type"]) == storage(second["type"]))
    let alone = try JSONParser.parse(text)
    #expect(try storage(alone["type"]) != storage(first["type"]), "a parse outside the read keeps its own")
  }

  @Test(arguments: [(15, false), (16, true), (48, true), (49, false)])
  func onlyStringsOf16To48BytesAreShared(length: Int, shared: Bool) throws {
    let text = String(repeating: "x", count: length)
    let document = try JSONParser.parse(#"["\#(text)", "\#(text)"]"#)
    #expect(document.arrayValue?.map(\.stringValue) == [text, text])
    guard length > 15 else { return }  // inline: no storage of its own
    #expect(try (storage(document.arrayValue?[0]) == storage(document.arrayValue?[1])) == shared)
  }

  /// Thousands of distinct strings of the same few lengths collide in the tables: each still
  /// reads as its own bytes, in documents of one read parsed at once on both cores.
  @Test func collidingStringsKeepTheirOwnBytes() throws {
    let texts = (0..<4000).map { "id-\(String($0 * 7919, radix: 16))-\(String(repeating: "ab", count: $0 % 17))-end" }
    let documents = (0..<8).map { part in "[" + texts.map { #""\#($0)-\#(part)""# }.joined(separator: ",") + "]" }
    let sharing = SharedStrings()
    let parsed = documents.concurrentMap { try? JSONParser.parse(Array($0.utf8), sharing: sharing) }
    for (part, document) in parsed.enumerated() {
      let read = try #require(document?.arrayValue).map(\.stringValue)
      let wrong = zip(read, texts).filter { $0 != "\($1)-\(part)" }
      #expect(read.count == texts.count && wrong.isEmpty, "\(wrong.count) strings read wrong, as \(wrong.prefix(3))")
    }
  }

  /// Strings of up to 15 bytes are kept by their bytes as two words: every length, prefixes of
  /// one another, non-ASCII, as keys and values, repeated, and at the end of the text (where
  /// fewer than 16 bytes are left to read) each reads as its own.
  @Test func shortStringsOfEveryLengthReadAsTheirOwnBytes() throws {
    let texts = (0...15).map { String("abcdefghijklmnop".prefix($0)) } + ["é", "aé", "ééééééé", "x\u{1F600}y", "0", "00", "true"]
    let members = texts.enumerated().map { #""\#($1)": "\#(texts[texts.count - 1 - $0])""# }.joined(separator: ", ")
    let document = try JSONParser.parse("[{\(members)}, {\(members)}, \"\(texts[15])\", \"\(texts[3])\"]")
    let objects = try #require(document.arrayValue)
    for object in objects.prefix(2) {
      #expect(object.objectValue?.keys == texts)
      #expect(object.objectValue?.members.map(\.value.stringValue) == texts.reversed())
    }
    #expect(objects.suffix(2).map(\.stringValue) == [texts[15], texts[3]])
    #expect(try JSONParser.parse(#""abc""#) == .string("abc"), "a document shorter than two words")
  }

  @Test func invalidShortUTF8IsRefusedAlsoWhereAValidStringOfTheSameLengthWasKept() {
    let valid = Array(#"["abé", "#.utf8)
    let invalid = Array(#""ab"#.utf8) + [0xC3, 0x28] + Array(#"", "padding to read two words past it"]"#.utf8)
    let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(valid + invalid) }
    #expect(error?.description == "1:12: invalid UTF-8 in string (byte 0xC3): is this a binary file, or text in another encoding?")
  }

  @Test func invalidUTF8IsRefusedAlsoWhereAValidStringOfTheSameLengthWasKept() {
    let valid = Array(#"["abcdefghijklmnopqrstuvwxyzé", "#.utf8)
    let invalid = Array(#""abcdefghijklmnopqrstuvwxyz"#.utf8) + [0xC3, 0x28] + Array(#""]"#.utf8)
    let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(valid + invalid) }
    #expect(
      error?.description.hasSuffix("invalid UTF-8 in string (byte 0xC3): is this a binary file, or text in another encoding?") == true)
    #expect(error?.description.hasPrefix("1:60:") == true, "at the bad byte, counted in characters")
  }
}
