import CustomDump
import FlowModel
import FlowTestSupport
import Foundation
import Testing

@Suite struct JSONParserTests {
  @Test func keepsKeyOrderDuplicatesAndNumberText() throws {
    let text = #"{"z":1,"a":2.0,"m":1.5e-05,"big":0.30000000000000004,"z":-0}"#
    let value = try JSONParser.parse(text)
    expectNoDifference(value.objectValue?.keys, ["z", "a", "m", "big", "z"])
    #expect(JSONWriter(layout: .minified).string(value) == text)
  }

  /// A repeated key reads as its last member, as JavaScript, Python and Jackson read it: the
  /// platform runs that one. Setting replaces the last in place; removing takes every one.
  @Test func aRepeatedKeyReadsAsItsLastMember() throws {
    var object = try #require(try JSONParser.parse(#"{"mode":"raw","id":1,"mode":"first"}"#).objectValue)
    #expect(object["mode"] == "first")
    object["mode"] = "second"
    #expect(JSONWriter(layout: .minified).string(.object(object)) == #"{"mode":"raw","id":1,"mode":"second"}"#)
    object["mode"] = nil
    #expect(JSONWriter(layout: .minified).string(.object(object)) == #"{"id":1}"#)
  }

  @Test func readsEscapesAndSurrogatePairs() throws {
    let value = try JSONParser.parse(#"["caf\u00e9", "\ud83d\ude00", "日本", "tab\tnew\nline \"q\" \\ \/"]"#)
    expectNoDifference(value, ["café", "😀", "日本", "tab\tnew\nline \"q\" \\ /"])
  }

  /// Escaped strings of every length and mix (runs of backslashes before a quote, escapes
  /// at either end, characters of one to four bytes, `\u` escapes of each) read as the text
  /// they were written from: the string is unescaped straight into storage as long as the
  /// text as written, and a run of backslashes decides where it ends.
  @Test func escapedStringsOfEveryShapeReadAsWritten() throws {
    var generator = MinifiedTextTests.SeededGenerator(state: 7)
    let pieces = ["a", "\\", "\"", "\\\"", "\n", "\u{1}", "é", "日", "😀", "/", "\t", " "]
    for length in [1, 2, 3, 7, 8, 9, 15, 16, 17, 100, 1_000, 70_000] {
      let texts = (0..<8).map { _ in (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined() }
      let written = JSONWriter(layout: .minified).string(.array(texts.map(JSONValue.string)))
      #expect(try JSONParser.parse(written) == .array(texts.map(JSONValue.string)), "length \(length)")
      // Every character as a `\u` escape (pairs beyond the first plane), as Python writes them.
      let escaped = texts.map { text in
        "\"" + text.utf16.map { "\\u" + String(0x10000 + Int($0), radix: 16).dropFirst() }.joined() + "\""
      }
      #expect(try JSONParser.parse("[" + escaped.joined(separator: ",") + "]") == .array(texts.map(JSONValue.string)))
    }
  }

  @Test(
    arguments: [
      ([0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22], "1:4: invalid UTF-8 in string (byte 0xC3)"),
      ([0x22, 0x61, 0xC3, 0x5C, 0x6E, 0x22], "1:3: invalid UTF-8 in string (byte 0xC3)"),
      ([0x22, 0x5C, 0x6E, 0xE6, 0x97, 0x22], "1:4: invalid UTF-8 in string (byte 0xE6)"),
      ([0x22, 0xC3, 0xA9, 0xFF, 0x22], "1:3: invalid UTF-8 in string (byte 0xFF)"),
      ([0x22, 0x5C, 0x6E, 0x61], "1:1: unterminated string starting here"),
      ([0x22, 0x61, 0x5C], "1:1: unterminated string starting here"),
      ([0x22, 0x5C, 0x5C, 0x5C, 0x22], "1:1: unterminated string starting here"),
      ([0x22, 0x5C, 0x6E, 0x01, 0x22], "1:4: control character in string"),
      ([0x22, 0x5C, 0x6E, 0x5C, 0x71, 0x22], "1:4: invalid escape '\\q' in string"),
      ([0x22, 0x5C, 0x6E, 0x5C, 0x75, 0x30, 0x22], "1:7: expected a hex digit after \\u, found '\"'"),
      (Array(#""a\ud83d\u00"#.utf8), "1:13: expected a hex digit after \\u, found the end of the text (is the file truncated?)"),
      (Array(#""a\ud83d"#.utf8), "1:9: expected the second half of the surrogate pair, found the end of the text (is the file truncated?)"),
      (Array(#""a\ud83d""#.utf8), "1:3: lone surrogate \\ud83d in string"),
    ] as [([UInt8], String)])
  func aBadEscapedStringIsRefusedWhereItGoesWrong(bytes: [UInt8], expected: String) {
    let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
    #expect(error?.description.hasPrefix(expected) == true, "\(error.map(String.init(describing:)) ?? "read")")
  }

  /// A column counts characters (Unicode scalars, as Python's `json` does): `é`, `日` and `🙂`
  /// are one each, however many bytes they take; a byte order mark is none.
  @Test(arguments: [
    ("{\"a\": \"ééé\" x}", "1:13: expected ',' or '}' in object, found 'x'"),
    ("\u{FEFF}{\"🙂\": \"日本\" x}", "1:12: expected ',' or '}' in object, found 'x'"),
    ("[\n  \"🙂 日本\",\n  \"\u{7F}é\", tru]", "3:9: expected 'true', found 'tru'"),
  ])
  func aColumnCountsCharacters(text: String, expected: String) {
    let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    #expect(error?.description == expected)
  }

  @Test(arguments: [
    (#"["ok", "a\ud800x"]"#, "1:10: lone surrogate \\ud800 in string"),
    ("{\n  \"name\": \"\\uDC00\"\n}", "2:12: lone surrogate \\uDC00 in string"),
    (#""\ud800\u0041""#, "1:2: lone surrogate \\ud800 in string"),
  ])
  func aLoneSurrogateIsRefusedWhereItStands(text: String, expected: String) throws {
    do {
      let value = try JSONParser.parse(text)
      Issue.record("read as \(value)")
    } catch { #expect(error.description.hasPrefix(expected), "\(error)") }
  }

  @Test func toleratesByteOrderMarkAndCRLF() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\r\n  \"a\": [1,\r\n 2]\r\n}\r\n".utf8)
    #expect(try JSONParser.parse(bytes) == ["a": [1, 2]])
  }

  @Test(arguments: [
    ("", "1:1: the document is empty"),
    ("{\"a\": 1,", "1:9: expected a member name in quotes, found the end of the text (is the file truncated?)"),
    ("{\n  \"a\": tru\n}", "2:8: expected 'true', found 'tru'"),
    ("not json", "1:1: expected 'null', found 'not'"),
    ("[nul", "1:5: expected 'null', found the end of the text (is the file truncated?)"),
    ("[1, 2,]", "1:7: expected a value, found ']'"),
    ("{\"a\" 1}", "1:6: expected ':' after member name \"a\", found '1'"),
    ("01", "1:2: a number cannot have a leading zero"),
    ("1.", "1:3: expected a digit after '.'"),
    ("\"abc", "1:1: unterminated string starting here"),
    ("\"a\u{1}\"", "1:3: control character in string (escape it as \\u0001)"),
    ("\"\\x\"", "1:2: invalid escape '\\x' in string"),
    ("[1] [2]", "1:5: unexpected text after the JSON value"),
    ("// comment\n{}", "1:1: expected a value, found '/'"),
  ])
  func reportsLineAndColumn(input: String, expected: String) {
    let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
    #expect(error?.description == expected)
  }

  @Test func refusesBinaryAndInvalidUTF8() {
    #expect(throws: JSONParseError.self) { try JSONParser.parse([0x00, 0x01, 0x02]) }
    #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
  }

  @Test func refusesHostileNestingWithoutCrashing() throws {
    func nested(_ depth: Int, _ open: String, _ close: String) -> String {
      String(repeating: open, count: depth) + String(repeating: close, count: depth)
    }
    let deep = #expect(throws: JSONParseError.self) { try JSONParser.parse(nested(100_000, "[", "]")) }
    #expect(deep?.description == "1:513: nesting deeper than 512 levels")
    let objects = #expect(throws: JSONParseError.self) { try JSONParser.parse(nested(513, #"{"a":"#, "}")) }
    #expect(objects?.description == "1:2561: nesting deeper than 512 levels")
    var value = try JSONParser.parse(nested(512, "[", "]"))
    var levels = 1
    while case .array(let elements) = value, let inner = elements.first {
      levels += 1
      value = inner
    }
    #expect(levels == 512, "512 levels are allowed")
  }

  @Test func parsesLargeDocuments() throws {
    let element = #"{"id":"n","name":"Node","parameters":{"x":[1,2,3],"s":"text"}}"#
    let text = "[" + Array(repeating: element, count: 50_000).joined(separator: ",") + "]"
    let value = try JSONParser.parse(text)
    #expect(value.arrayValue?.count == 50_000)
    #expect(try JSONParser.parse(JSONWriter().string(value)) == value)
  }

  @Test func writerIndentsLikeJSONStringify() {
    let value: JSONValue = ["a": [1, ["b": nil]], "e": [:], "f": []]
    #expect(
      JSONWriter(layout: .indented(2)).string(value)
        == "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"e\": {},\n  \"f\": []\n}")
  }

  @Test func writerEscapesControlCharacters() {
    #expect(JSONWriter(layout: .minified).string(.string("a\u{1}\u{8}\u{C}\"\\")) == #""a\u0001\b\f\"\\""#)
  }
}

/// Every JSON file of the shared corpus parses, and parse + write + parse gives an equal value,
/// minified and indented.
@Suite struct CorpusRoundTripTests {
  @Test func corpusIsPresent() {
    #expect(Corpus.missingReason == nil, "\(Corpus.missingReason ?? "")")
  }

  @Test func everyJSONFileRoundTrips() throws {
    try #require(Corpus.missingReason == nil, "\(Corpus.missingReason ?? "")")
    let files = Corpus.files(withExtension: "json")
    #expect(files.count >= 570, "expected the corpus's 571 JSON files, found \(files.count)")
    var failures: [String] = []
    for file in files {
      let bytes = try [UInt8](Data(contentsOf: file))
      do {
        let value = try JSONParser.parse(bytes)
        for layout in [JSONWriter.Layout.minified, .indented(2)] {
          if try JSONParser.parse(JSONWriter(layout: layout).bytes(value)) != value {
            failures.append("\(file.lastPathComponent): \(layout) round trip differs")
          }
        }
      } catch {
        failures.append("\(file.lastPathComponent):\(error)")
      }
    }
    #expect(failures.isEmpty, "\(failures.count) corpus files failed:\n\(failures.prefix(20).joined(separator: "\n"))")
  }
}
