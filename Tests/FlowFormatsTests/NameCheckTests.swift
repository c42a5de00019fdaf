import FlowModel
import Testing

@testable import FlowFormats

/// A name the workspace could not keep as it is, a NUL in it, is refused where it stands in the
/// file; a lone surrogate never reads at all.
@Suite struct NameCheckTests {
  func failure(_ text: String) -> String {
    do {
      let (format, decoded) = try ExportFormat.read(Array(text.utf8), fallbackName: "f")
      return "read as \(format) \(decoded.version.name)"
    } catch { return error.description }
  }

  @Test func aFlowNameWithANULIsRefusedAtTheName() {
    let n8n = "{\n  \"name\": \"ord\\u0000ers\",\n  \"nodes\": [],\n  \"connections\": {}\n}"
    #expect(
      failure(n8n)
        == #"2:11: the flow name "ord\u0000ers" holds a NUL character (\u0000), which a workspace cannot keep: change it in the file"#)
  }

  @Test func aNodeNameWrittenWithOtherEscapesIsFoundByItsNUL() {
    let n8n = #"""
      {"name": "orders", "nodes": [
        {"id": "1", "name": "ok", "type": "n8n-nodes-base.set", "parameters": {}, "position": [0, 0]},
        {"id": "2", "name": "a\/b\u0000", "type": "n8n-nodes-base.set", "parameters": {}, "position": [0, 0]}],
       "connections": {}}
      """#
    #expect(failure(n8n).hasPrefix(#"3:28: the node name "a/b\u0000" holds a NUL character"#))
  }

  @Test func aConnectionReferenceNameWithANULIsRefused() {
    let n8n = #"""
      {"name": "orders", "nodes": [{"id": "1", "name": "Mail", "type": "n8n-nodes-base.gmail", "parameters": {}, "position": [0, 0],
        "credentials": {"gmailOAuth2": {"id": "7", "name": "mail\u0000 (test)"}}}], "connections": {}}
      """#
    #expect(failure(n8n).hasPrefix(#"2:54: the connection reference name "mail\u0000 (test)" holds a NUL character"#))
  }

  @Test func aLoneSurrogateInANameIsRefusedByTheReader() {
    let nodeRed = #"[{"id": "t1", "type": "tab", "label": "Sensors \udc00"}]"#
    #expect(failure(nodeRed).hasPrefix(#"1:48: lone surrogate \udc00 in string"#))
  }
}
