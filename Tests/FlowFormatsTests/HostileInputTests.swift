import FlowModel
import Foundation
import Testing

@testable import FlowFormats

/// Input from elsewhere stays bounded: each reader given a hostile document refuses it or reads
/// it, quickly, never crashing or growing without end (the bundle's zip and config.yaml are in
/// `BundleCodecTests`). A reader that loops fails the suite's time limit; no clock is read, as
/// a timed check only measures the machine (they failed under load).
@Suite(.timeLimit(.minutes(1))) struct HostileInputTests {
  @Test(arguments: [(String(repeating: "[", count: 1_000_000), 513), (String(repeating: #"{"a":"#, count: 100_000), 2561)])
  func jsonNestedBeyondItsDepthIsRefusedWithItsPosition(text: String, column: Int) throws {
    // The 513th opening bracket is the first one refused: `[` is one byte a level, `{"a":` five.
    let error = #expect(throws: FormatError.self) { try ExportFormat.read(Array(text.utf8), fallbackName: "x") }
    guard case .syntax(let parse)? = error else {
      Issue.record("not a syntax error: \(String(describing: error))")
      return
    }
    #expect(parse.description == "1:\(column): nesting deeper than 512 levels")
    #expect(parse.isJSONRefusedHere, "JSON other readers take")
  }

  /// Each dialect's decoder on its own shape nested as deep as JSON allows, and on members of
  /// the wrong kinds everywhere: read without a crash.
  @Test(arguments: [
    // NiFi: process groups inside process groups.
    #"{"flowContents":"# + String(repeating: #"{"identifier":"g","processGroups":["#, count: 250) + "{}"
      + String(repeating: "]}", count: 250) + "}",
    // Make: routers inside routers.
    #"{"name":"m","metadata":{},"flow":"# + String(repeating: #"[{"id":1,"module":"builtin:BasicRouter","routes":[{"flow":"#, count: 120)
      + "[]" + String(repeating: "}]}]", count: 120) + "}",
    // n8n, Node-RED, EP: members of the wrong kind where the shape check does not look.
    #"{"nodes":[{"credentials":7,"id":{}},{"credentials":{"a":[1]},"parameters":[]}],"connections":{"a":{"main":[null,[1],[{"node":3}]]}}}"#,
    #"[{"id":"a","type":"x","wires":[[1,null,{}]],"credentials":"s"},{"id":"b","type":"y","links":7}]"#,
    #"{"pipelineState":{"pipelines":[{"nodes":[7]}]},"contextState":{"nodes":[{"nodeId":1,"configuration":{"credentials":{"data":[1]}}}],"edges":[{}]}}"#,
  ])
  func dialectDecodersReadHostileShapesWithoutCrashing(text: String) throws {
    let (format, decoded) = try ExportFormat.read(Array(text.utf8), fallbackName: "x")
    // Writing it back, and the secret rules, walk it too.
    _ = try format.file(for: decoded.version, stamp: nil, options: EncodeOptions(redactSecrets: true))
    _ = Secrets.forViewing(decoded.version)
  }

  /// The decoders read, without a crash, documents no shape check has seen (a value set in a
  /// node, a rename read again) with every member of the wrong kind.
  @Test func decodersReadDocumentsOfTheWrongShapeWithoutCrashing() throws {
    for raw in [
      #"{"nodes":[1,"x",null,{"credentials":7,"name":[],"id":{}}],"connections":{"a":{"main":[null,[1],[{"node":3}]]}}}"#,
      #"{"pipelineState":[],"contextState":{"nodes":[{"nodeId":1,"configuration":{"credentials":{"data":[1]}}}],"edges":[{}]}}"#,
    ] {
      let document = try JSONParser.parse(raw)
      _ = N8nCodec.decode(document, fallbackName: "x")
      _ = IBMEventProcessingCodec.decode(document, fallbackName: "x")
    }
  }

  /// A document a dialect recognizes, whose lists hold what is not the dialect's (a number
  /// for a node, text for a router's routes), is refused at the first such place. Before,
  /// it loaded as nodes of unknown type, or as none, without a word.
  @Test(arguments: [
    (#"{"nodes":[1,2,"x",null],"connections":{}}"#, "nodes[0]: expected an object, found a number"),
    (#"{"nodes":[{"name":[]}],"connections":{}}"#, "nodes[0].name: expected a string, found an array"),
    (#"{"pipelineState":null,"contextState":null,"flowDetails":null}"#, "contextState: expected an object, found null"),
    (#"{"pipelineState":[],"contextState":{"nodes":[]}}"#, "pipelineState: expected an object, found an array"),
    (#"{"flowContents":{"processGroups":"x","processors":[]}}"#, "flowContents.processGroups: expected an array, found a string"),
    (
      #"{"flowContents":{"processGroups":[{"processors":[1]}]}}"#,
      "flowContents.processGroups[0].processors[0]: expected an object, found a number"
    ),
    (#"{"name":"m","flow":[{"id":1,"module":"builtin:BasicRouter","routes":"bad"}]}"#, "flow[0].routes: expected an array, found a string"),
    (
      #"{"name":"m","flow":[{"id":1,"routes":[{"flow":[{"onerror":[2]}]}]}]}"#,
      "flow[0].routes[0].flow[0].onerror[0]: expected an object, found a number"
    ),
  ])
  func aDialectsDocumentOfTheWrongShapeIsRefusedWhereItBreaks(text: String, message: String) {
    #expect(
      throws: FormatError.invalid(path: String(message.prefix { $0 != ":" }), reason: String(message.drop { $0 != ":" }.dropFirst(2)))
    ) {
      try ExportFormat.read(Array(text.utf8), fallbackName: "x")
    }
  }
}
