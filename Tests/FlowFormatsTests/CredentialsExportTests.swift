import FlowModel
import Testing

@testable import FlowFormats

/// `n8n export:credentials` files are refused as what they are, and a Node-RED flow of config
/// nodes that hold `data` is still a flow.
@Suite struct CredentialsExportTests {
  @Test(arguments: [
    #"[{"id": "c1", "name": "Header", "type": "httpHeaderAuth", "data": {"name": "X-Token", "value": "t0ken"}}]"#,
    #"{"id": "c2", "name": "PG", "type": "postgres", "data": "U2FsdGVkX1+abc"}"#,
    #"[{"id": "c3", "name": "Sheets", "type": "googleSheetsOAuth2Api", "data": "U2FsdGVkX1+def", "createdAt": "2024-01-01"}]"#,
  ])
  func anN8nCredentialsExportIsRefusedAsOne(text: String) {
    #expect(throws: FormatError.credentialsExport(platform: "n8n")) { try ExportFormat.read(Array(text.utf8), fallbackName: "x") }
  }

  @Test(arguments: [
    #"[{"id": "c1", "type": "ui-config", "name": "cfg", "data": {"theme": "dark"}}, {"id": "c2", "type": "server", "name": "HA", "data": ""}]"#,
    #"[{"id": "n1", "type": "server", "name": "HA", "data": {"a": 1}, "z": "t1", "wires": []}]"#,
  ])
  func aNodeREDFlowOfConfigNodesWithDataIsAFlow(text: String) throws {
    let (format, _) = try ExportFormat.read(Array(text.utf8), fallbackName: "x")
    #expect(format.rawValue == NodeRedCodec.formatName)
  }
}
