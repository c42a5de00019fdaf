import FlowFormats
import FlowModel
import Testing

/// How n8n nodes are named and identified when a file repeats names or ids, or leaves a node
/// unnamed: the first node of a name is the one connections reach, a repeated id is replaced by
/// the node's name, and each name used more than once is reported once, with its count.
@Suite struct N8nDecodeTests {
  static let document = #"""
    {"name": "w", "nodes": [
      {"id": "a", "name": "A", "type": "t"},
      {"id": "dup", "name": "A", "type": "t"},
      {"id": "dup", "name": "B", "type": "t"},
      {"id": "c", "type": "t"},
      {"id": 7, "name": "A", "type": "t"},
      {"name": "node 4", "type": "t"},
      {"id": "z", "name": "Z", "type": "t", "credentials": {"httpBasicAuth": {"id": "9", "name": "Basic"}}}
    ], "connections": {"A": {"main": [[{"node": "B", "type": "main", "index": 0}]]}, "Q": {"main": [[{"node": "A"}]]}}}
    """#

  @Test func repeatedNamesAndIdsAreReportedAndResolved() throws {
    let (format, decoded) = try ExportFormat.read(Array(Self.document.utf8), fallbackName: "w")
    #expect(format == ExportFormat(rawValue: "n8n"))
    let nodes = decoded.version.nodes
    #expect(nodes.map(\.id) == ["a", "A", "B", "c", "7", "node 4", "z"])
    #expect(nodes.map(\.name) == ["A", "A", "B", "node 4", "A", "node 4", "Z"])
    #expect(nodes[6].connection == "httpBasicAuth:9")
    #expect(decoded.version.edges.map { "\($0.from)>\($0.to)" } == ["a>B"])
    #expect(
      decoded.findings == [
        "node name 'A' is used by 3 nodes; n8n connections name nodes, so they are ambiguous",
        "connections: source node 'Q' does not exist",
      ])
  }

  /// A credential type named twice in a node is read as n8n reads it, the last: that one is
  /// the node's reference, and binding it writes the member n8n runs with.
  @Test func aCredentialTypeNamedTwiceIsReadAndBoundAsTheLast() throws {
    let text = #"""
      {"name": "w", "connections": {}, "nodes": [{"id": "n", "name": "Call", "type": "t", "credentials": {
        "httpHeaderAuth": {"id": "1", "name": "Stale"}, "httpHeaderAuth": {"id": "2", "name": "Live"}}}]}
      """#
    let (format, decoded) = try ExportFormat.read(Array(text.utf8), fallbackName: "w")
    #expect(decoded.version.connections.map(\.name) == ["Live"])
    #expect(decoded.version.nodes.first?.connection == "httpHeaderAuth:2")
    var bound = decoded.version
    bound.connections[0].name = "Prod header"
    bound.connections[0].properties["id"] = "77"
    let written = try JSONParser.parse(Array(try format.file(for: bound, stamp: nil, options: EncodeOptions())))
    let entries = try #require(written["nodes"]?.arrayValue?.first?["credentials"]?.objectValue)
    #expect(entries.members.map(\.value) == [["id": "1", "name": "Stale"], ["id": "77", "name": "Prod header"]])
  }

  /// A source named twice in `connections`, or a kind twice under it, is read as n8n reads it:
  /// the last, whose wires alone are edges.
  @Test func aRepeatedConnectionSourceIsReadAsTheLast() throws {
    let text = #"""
      {"name": "w", "nodes": [{"id": "s", "name": "Start", "type": "t"}, {"id": "a", "name": "A", "type": "t"},
        {"id": "b", "name": "B", "type": "t"}, {"id": "c", "name": "C", "type": "t"}],
       "connections": {"Start": {"main": [[{"node": "A"}]]}, "Start": {"main": [[{"node": "B"}]], "main": [[{"node": "C"}]]}}}
      """#
    let (_, decoded) = try ExportFormat.read(Array(text.utf8), fallbackName: "w")
    #expect(decoded.version.edges.map { "\($0.from)>\($0.to)" } == ["s>c"])
  }
}
