import CustomDump
import FlowFormats
import FlowModel
import FlowTestSupport
import Foundation
import Testing

@Suite struct NativeJSONCodecTests {
  @Test(arguments: ["orders-v1.json", "orders-v2.json", "payments.json"])
  func examplesDecodeAndRoundTrip(name: String) throws {
    let (format, decoded) = try ExportFormat.read(try Fixtures.example(name), fallbackName: "x")
    #expect(format == .json)
    let version = decoded.version
    let again = try NativeJSONCodec.decode(NativeJSONCodec.encode(version, stamp: nil))
    expectNoDifference(again, version)
  }

  /// What a workspace stores for a foreign flow reads back as the flow it was, for every corpus
  /// export: with each node's configuration written once, in the source document (`.configs`),
  /// or its nodes and edges left there whole (`.nodesAndEdges`, what it stores for an outline);
  /// written in full, it reads back the same.
  @Test func everyCorpusExportReadsBackFromItsSourceDocument() throws {
    try #require(Corpus.missingReason == nil, "\(Corpus.missingReason ?? "")")
    var checked = 0
    for file in Corpus.files(withExtension: "json") {
      let version = try ExportFormat.read([UInt8](Data(contentsOf: file)), fallbackName: "x").1.version
      try #require(version.source != nil, "\(file.lastPathComponent) has no source document")
      for left in [NativeJSONCodec.LeftToSource.nothing, .configs, .nodesAndEdges] {
        let text = JSONWriter(layout: .minified).bytes(NativeJSONCodec.encode(version, stamp: nil, leftToSource: left))
        let document = try JSONParser.parse(text)
        let configsInSource = document["nodes"]?.arrayValue?.filter { $0["config"] == .string("source") }.count
        #expect(configsInSource == (left == .configs ? version.nodes.count : left == .nothing ? 0 : nil), "\(file.lastPathComponent)")
        #expect((document["edges"] == .string("source")) == (left == .nodesAndEdges), "\(file.lastPathComponent)")
        // `==`, not a dump of both: some corpus flows are megabytes.
        let readBack = try NativeJSONCodec.decode(document) == version
        #expect(readBack, "\(file.lastPathComponent) read back differs, \(left)")
      }
      checked += 1
    }
    #expect(checked > 0)
  }

  @Test func keepsUnknownMembers() throws {
    let document = try JSONParser.parse(#"{"format":"flowport/1","flow":{"name":"x"},"nodes":[],"x-custom":{"a":1.50}}"#)
    let version = try NativeJSONCodec.decode(document)
    #expect(version.extensions["x-custom"] == ["a": .number(try #require(JSONParser.parse("1.50").numberValue))])
    #expect(NativeJSONCodec.encode(version, stamp: nil)["x-custom"] == version.extensions["x-custom"])
  }

  @Test(arguments: [
    (#"{"format":"flowport/1","nodes":[]}"#, "flow: missing"),
    (
      #"{"format":"flowport/1","flow":{"name":"x"},"nodes":[{"id":"a","name":3,"type":"t"}]}"#,
      "nodes[0].name: expected a string, found a number"
    ),
    (#"{"format":"flowport/1","flow":{"name":"x"},"nodes":{}}"#, "nodes: expected an array, found an object"),
    (#"{"format":"flowport/1","flow":{"name":"x"},"edges":[{"from":"a"}]}"#, "edges[0].to: missing"),
    // A stored version whose nodes are not its source document's is refused, rather than read
    // with configurations that belong to other nodes, or none.
    (
      #"{"format":"flowport/1","flow":{"name":"x"},"nodes":[{"id":"a","name":"A","type":"set","config":"source"}]}"#,
      "nodes[0].config: is in a source document the flow does not have"
    ),
    (
      #"{"format":"flowport/1","flow":{"name":"x"},"nodes":[{"id":"a","name":"A","type":"set","config":"source"}],"#
        + #""source":{"dialect":"n8n","document":{"nodes":[{"id":"b","name":"B","type":"set"}],"connections":{}}}}"#,
      "nodes: are not the nodes of the n8n source document their configurations are in"
    ),
    (
      #"{"format":"flowport/1","flow":{"name":"x"},"nodes":"source","edges":"source"}"#,
      "nodes: is in a source document the flow does not have"
    ),
    (
      #"{"format":"flowport/1","flow":{"name":"x"},"nodes":"source","edges":[],"source":{"dialect":"n8n","document":{}}}"#,
      "edges: must be in the source document, as the nodes are"
    ),
    (
      #"{"format":"flowport/1","flow":{"name":"x"},"nodes":[],"edges":"source"}"#,
      "edges: are in the source document, but the nodes are not"
    ),
    (
      #"{"format":"flowport/1","flow":{"name":"x"},"nodes":"source","edges":"source","source":{"dialect":"zapier","document":{}}}"#,
      "nodes: is in a zapier document, which this fps does not read; update fps"
    ),
    // A damaged document, or another dialect's, is refused rather than read as a flow with no nodes.
    (
      #"{"format":"flowport/1","flow":{"name":"x"},"nodes":"source","edges":"source","source":{"dialect":"n8n","document":"hello"}}"#,
      "source.document: n8n does not take it for one of its documents, and the nodes are left to it"
    ),
    (
      #"{"format":"flowport/1","flow":{"name":"x"},"nodes":"source","edges":"source","source":{"dialect":"node-red","document":{"nodes":[],"connections":{}}}}"#,
      "source.document: node-red does not take it for one of its documents, and the nodes are left to it"
    ),
    (
      #"{"format":"flowport/9","flow":{"name":"x"}}"#,
      "format \"flowport/9\" is not supported by this fps (it reads flowport/1); update fps"
    ),
  ])
  func namesThePathOfAProblem(text: String, message: String) throws {
    do {
      _ = try NativeJSONCodec.decode(try JSONParser.parse(text))
      Issue.record("decoding should fail")
    } catch {
      #expect("\(error)" == message)
    }
  }

  @Test func detectsByContentNotName() throws {
    func read(_ text: String) throws(FormatError) { _ = try ExportFormat.read(Array(text.utf8), fallbackName: "x") }
    #expect(throws: FormatError.writeOnly("Flink SQL")) { try read("CREATE TABLE x (a INT);\nINSERT INTO y SELECT * FROM x;") }
    let binary = #expect(throws: FormatError.self) { try ExportFormat.read([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00], fallbackName: "x") }
    #expect(binary?.description == "1:4: this is a binary file, not a flow export (a NUL byte here)")
    let stray = #expect(throws: FormatError.self) { try read("{\n\"é\u{0}\": 1}") }
    #expect(stray?.description == "2:3: this is a binary file, not a flow export (a NUL byte here)")
    // UTF-16 as Windows tools save JSON, with and without a byte order mark, in either order.
    for (text, encoding) in [
      ("\u{FEFF}{\"a\": 1}", String.Encoding.utf16LittleEndian), ("{\"a\": 1}", .utf16LittleEndian), ("{\"a\": 1}", .utf16BigEndian),
    ] {
      let bytes = try #require(text.data(using: encoding))
      #expect(throws: FormatError.utf16) { try ExportFormat.read(Array(bytes), fallbackName: "x") }
    }
    let unknown = "neither flowport/1 nor an n8n, Node-RED, Make, NiFi or IBM Event Processing export"
    #expect(throws: FormatError.unrecognized("it is an object that is \(unknown)")) { try read(#"{"nodes":[]}"#) }
    #expect(throws: FormatError.unrecognized("it is an array that is \(unknown)")) { try read("[]") }
  }

  @Test func encodingCarriesNoSecretsAndStampsTheExport() {
    let version = Fixtures.flow()
    let document = NativeJSONCodec.encode(version, stamp: ExportStamp(at: "2026-11-22T10:00:00Z", from: "prod.fpsw", by: "ana"))
    #expect(document["exported"] == ["at": "2026-11-22T10:00:00Z", "from": "prod.fpsw", "by": "ana"])
    #expect(
      document["connections"] == [["key": "kafka-test", "type": "kafka", "name": "kafka-test", "properties": ["bootstrap": "k:9092"]]])
  }

  /// The schema documents what the encoder writes: every member it writes is described.
  @Test func schemaDescribesEveryMemberTheEncoderWrites() throws {
    let schemaURL = Corpus.repositoryRoot.appendingPathComponent("Sources/FlowFormats/Native/flowport-1.schema.json")
    let schema = try JSONParser.parse([UInt8](Data(contentsOf: schemaURL)))
    let described = try #require(schema["properties"]?.objectValue?.keys)
    var version = Fixtures.flow()
    version.dependencies.subflows = ["child"]
    let written = try #require(NativeJSONCodec.encode(version, stamp: ExportStamp(at: "t", from: "f", by: "b")).objectValue?.keys)
    #expect(Set(written).isSubset(of: Set(described)), "undocumented: \(Set(written).subtracting(described))")
    let nodeKeys = try #require(schema["properties"]?["nodes"]?["oneOf"]?.arrayValue?.last?["items"]?["properties"]?.objectValue?.keys)
    let writtenNode = try #require(NativeJSONCodec.encode(version, stamp: nil)["nodes"]?.arrayValue?.first?.objectValue?.keys)
    #expect(Set(writtenNode).isSubset(of: Set(nodeKeys)))
  }

  /// What a workspace stores for a foreign flow follows the schema too, its nodes and edges left
  /// to the source document or only their configurations.
  @Test(.enabled(if: JSONSchemaCheck.python.path != nil, "needs \(JSONSchemaCheck.python.name)"))
  func storedVersionsFollowTheSchema() throws {
    let schema = Corpus.repositoryRoot.appendingPathComponent("Sources/FlowFormats/Native/flowport-1.schema.json")
    let file = try #require(Corpus.files(withExtension: "json").first { $0.path.contains("/node-red/") })
    let version = try ExportFormat.read([UInt8](Data(contentsOf: file)), fallbackName: "x").1.version
    for left in [NativeJSONCodec.LeftToSource.configs, .nodesAndEdges] {
      let problems = try JSONSchemaCheck.problems(in: NativeJSONCodec.storedText(of: version, leftToSource: left), against: schema)
      #expect(problems == nil, "\(left): \(problems ?? "")")
    }
  }
}

extension JSONValue {
  fileprivate var numberValue: JSONNumber? {
    if case .number(let number) = self { return number }
    return nil
  }
}
