import FlowModel
import FlowSession
import FlowTestSupport
import Foundation
import Testing

@Suite(.temporaryFolders) struct DialectCommandTests {
  static let n8n = #"""
    {"name":"Leads","nodes":[
    {"parameters":{"url":"https://api.example.com/leads","options":{}},"id":"a1","name":"Fetch leads","type":"n8n-nodes-base.httpRequest","typeVersion":4.2,"position":[200,300]},
    {"parameters":{"operation":"append","sheetId":"={{ $('Fetch leads').item.json.sheet }}"},"id":"b2","name":"Save","type":"n8n-nodes-base.googleSheets","typeVersion":4,"position":[400,300],
     "credentials":{"googleSheetsOAuth2Api":{"id":"TESTcred0000001","name":"Sheets (test)"}}},
    {"parameters":{"text":"=Saved {{ $node[\"Save\"].json.count }}"},"id":"c3","name":"Notify","type":"n8n-nodes-base.slack","typeVersion":2.0,"position":[600,300],
     "credentials":{"slackApi":"Slack (test)"}}],
    "connections":{"Fetch leads":{"main":[[{"node":"Save","type":"main","index":0}]]},"Save":{"main":[[{"node":"Notify","type":"main","index":0}],[]]}},
    "pinData":{"Save":[{"json":{"count":1}}]},"settings":{"executionOrder":"v1"}}
    """#

  /// A Make blueprint: a Gmail module with its connection, a router, a variable.
  static let make = #"""
    {"name":"Mail digest","flow":[{"id":1,"module":"google-email:watchEmails","version":2,"parameters":{"__IMTCONN__":1234567},"mapper":{},"metadata":{"designer":{"x":0,"y":0},"restore":{"parameters":{"__IMTCONN__":{"label":"ana@test.example (Gmail)","data":{"scoped":"true","connection":"google-email"}}}}}},
    {"id":2,"module":"builtin:BasicRouter","version":1,"mapper":null,"metadata":{"designer":{"x":300,"y":0}},"routes":[{"flow":[{"id":3,"module":"util:SetVariable2","version":1,"parameters":{},"mapper":{"name":"x","value":"{{1.subject}}"},"metadata":{"designer":{"x":600,"y":0}}}]}]}],
    "metadata":{"version":1,"instant":false,"zone":"eu1.make.com"}}
    """#

  /// A Node-RED tab: an MQTT input using a broker config node, and a function.
  static let nodeRed = #"""
    [{"id":"t1","type":"tab","label":"Sensors"},
     {"id":"in1","type":"mqtt in","z":"t1","name":"temperature","topic":"home/t","broker":"b1","x":100,"y":80,"wires":[["fn1"]]},
     {"id":"fn1","type":"function","z":"t1","name":"to celsius","func":"return msg;","x":300,"y":80,"wires":[[]]},
     {"id":"b1","type":"mqtt-broker","name":"test broker","broker":"mqtt.test","port":"1883"}]
    """#

  func write(_ text: String, as name: String, in harness: SessionHarness) throws {
    try text.write(toFile: harness.path(name), atomically: true, encoding: .utf8)
  }

  func json(_ path: String) throws -> JSONValue { try JSONParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) }

  @Test func matchShowsTheNamesPeopleMapByAndOnlyConnectionsOfTheType() throws {
    let harness = try SessionHarness()
    try write(Self.n8n, as: "leads.json", in: harness)
    try harness.run(
      "workspace new ${dir}/prod.fpsw as prod", "connection add sheets-prod --type googleSheetsOAuth2Api",
      "connection add kafka-prod --type kafka", "load ${dir}/leads.json into prod")
    let listing = try harness.output(of: "match").standardOutput
    let lines = listing.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines.first == "Leads -> prod:")
    #expect(lines.contains { $0.contains("\"Sheets (test)\" (googleSheetsOAuth2Api) unmatched; candidates: sheets-prod") })
    #expect(
      lines.contains {
        $0.contains(
          "\"Slack (test)\" (slackApi) unmatched; no slackApi connection in prod; add one with `connection add <name> --type slackApi`")
      })
    #expect(!listing.contains("kafka-prod"), "a connection of another type is never a candidate")
  }

  /// A reference is named by its key or by the name it had in its export, as `match` shows
  /// both; a name two references share names neither.
  @Test func aReferenceIsBoundAndUnboundByTheNameItHadInItsExport() throws {
    let harness = try SessionHarness()
    try write(Self.n8n, as: "leads.json", in: harness)
    try harness.run(
      "workspace new ${dir}/prod.fpsw as prod", "connection add sheets-prod --type googleSheetsOAuth2Api",
      "load ${dir}/leads.json into prod")
    #expect(
      try harness.output(of: "match 'Sheets (test)' sheets-prod").standardOutput
        == "bound googleSheetsOAuth2Api:TESTcred0000001 -> sheets-prod in Leads\n")
    #expect(
      try harness.output(of: "match --unbind 'Sheets (test)'").standardOutput == "unbound googleSheetsOAuth2Api:TESTcred0000001 in Leads\n")
    let twice = Self.n8n.replacingOccurrences(of: #""slackApi":"Slack (test)""#, with: #""slackApi":"Sheets (test)""#)
    try write(twice, as: "twice.json", in: harness)
    try harness.run("load ${dir}/twice.json into prod --name twice")
    #expect(
      harness.failure("match 'Sheets (test)' sheets-prod").hasPrefix(
        "'Sheets (test)' names 2 references: googleSheetsOAuth2Api:TESTcred0000001, slackApi:Sheets (test); name one by its key"))
  }

  /// A dialect's file keeps the name its export gave the flow: exported again after a change,
  /// a flow staged under another name (`--name`) replaces its own file.
  @Test func aFlowStagedUnderAnotherNameIsExportedAgainToItsFile() throws {
    let harness = try SessionHarness()
    try write(Self.n8n, as: "leads.json", in: harness)
    try write(Self.n8n.replacingOccurrences(of: "api.example.com/leads", with: "api.example.com/v2/leads"), as: "v2.json", in: harness)
    try harness.run(
      "workspace new ${dir}/prod.fpsw as prod", "connection add sheets-prod --type googleSheetsOAuth2Api",
      "connection add slack-prod --type slackApi", "load ${dir}/leads.json into prod --name leads-flow", "match --auto", "commit --yes",
      "export leads-flow to ${dir}/out.json", "load ${dir}/v2.json into prod --as-version-of leads-flow", "match --auto", "commit --yes")
    #expect(try harness.output(of: "export leads-flow to ${dir}/out.json").standardOutput.hasPrefix("wrote "))
    #expect(try String(contentsOfFile: harness.path("out.json"), encoding: .utf8).contains("v2/leads"))
  }

  /// An environment file is kept in git: a reference named by a URL holding its password is
  /// saved by its id, and the password is in no line of it.
  @Test func aReferenceNamedWithAPasswordIsSavedByItsID() throws {
    let harness = try SessionHarness()
    try write(
      Self.nodeRed.replacingOccurrences(of: #""name":"test broker""#, with: #""name":"mqtts://admin:Pw9secret@mqtt.test""#),
      as: "sensors.json", in: harness)
    try harness.run(
      "workspace new ${dir}/prod.fpsw as prod", "connection add broker-prod --type mqtt-broker", "commit --yes",
      "load ${dir}/sensors.json into prod", "match b1 broker-prod", "match save ${dir}/prod.yaml")
    let saved = try String(contentsOfFile: harness.path("prod.yaml"), encoding: .utf8)
    #expect(!saved.contains("Pw9secret") && saved.contains("b1"), "\(saved)")
  }

  /// `export --redact` of an n8n node named by a URL with its password rewrites the name where
  /// `connections` and `pinData` name the node as well: the file keeps no password, and its
  /// wiring still names its nodes.
  @Test func aRedactedN8nExportRewritesTheKeysThatNameANode() throws {
    let harness = try SessionHarness()
    let node = "Get https://bob:Hunter2pw@api.example.com/x"
    let flow = #"""
      {"name":"Keys","nodes":[
      {"parameters":{},"id":"a1","name":"NODE","type":"n8n-nodes-base.httpRequest","typeVersion":4,"position":[0,0]},
      {"parameters":{},"id":"b2","name":"Save","type":"n8n-nodes-base.noOp","typeVersion":1,"position":[200,0]}],
      "connections":{"NODE":{"main":[[{"node":"Save","type":"main","index":0}]]}},"pinData":{"NODE":[{"json":{"n":1}}]}}
      """#.replacingOccurrences(of: "NODE", with: node)
    try write(flow, as: "keys.json", in: harness)
    try harness.run("export ${dir}/keys.json to ${dir}/redacted.json --redact")
    let text = try String(contentsOfFile: harness.path("redacted.json"), encoding: .utf8)
    #expect(!text.contains("Hunter2pw"), "\(text)")
    #expect(try harness.output(of: "load ${dir}/redacted.json").standardOutput.contains("2 nodes, 1 edge"))
  }

  @Test func anN8nFlowIsMatchedCommittedAndExportedWithTheTargetsCredentials() throws {
    let harness = try SessionHarness()
    try write(Self.n8n, as: "leads.json", in: harness)
    try harness.run(
      "workspace new ${dir}/prod.fpsw as prod",
      "connection add sheets-prod --type googleSheetsOAuth2Api --prop id=PRODsheets00001",
      "connection add slack-prod --type slackApi --prop id=PRODslack000001")
    #expect(
      try harness.output(of: "load ${dir}/leads.json into prod")
        == Printed(standardOutput: "staged Leads: new flow in prod, 3 nodes, 2 references to match\n"))
    try harness.run("match --auto", "commit --yes", "export Leads to ${dir}/out/")
    let exported = try json(harness.path("out/Leads.json"))
    let nodes = try #require(exported["nodes"]?.arrayValue)
    #expect(nodes[1]["credentials"] == ["googleSheetsOAuth2Api": ["id": "PRODsheets00001", "name": "sheets-prod"]])
    #expect(nodes[2]["credentials"] == ["slackApi": "slack-prod"])
    var expected = try JSONParser.parse(Self.n8n)
    guard case .object(var root) = expected, case .array(var list) = root["nodes"]!, case .object(var save) = list[1],
      case .object(var notify) = list[2]
    else {
      Issue.record("the n8n fixture is not a workflow with three nodes")
      return
    }
    save["credentials"] = ["googleSheetsOAuth2Api": ["id": "PRODsheets00001", "name": "sheets-prod"]]
    notify["credentials"] = ["slackApi": "slack-prod"]
    list[1] = .object(save)
    list[2] = .object(notify)
    root["nodes"] = .array(list)
    expected = .object(root)
    #expect(exported == expected, "only the credentials change")
  }

  @Test func anUnchangedExportIsWrittenBackAsRead() throws {
    let harness = try SessionHarness()
    try write(Self.n8n, as: "leads.json", in: harness)
    try harness.run("load ${dir}/leads.json", "export Leads to ${dir}/again.json --indent 0")
    #expect(try json(harness.path("again.json")) == (try JSONParser.parse(Self.n8n)))
    #expect(
      try String(contentsOfFile: harness.path("again.json"), encoding: .utf8).hasPrefix(#"{"name":"Leads","nodes":[{"parameters":{"url""#))
    #expect(
      try harness.output(of: "show Leads").standardOutput.hasPrefix("Leads (\(harness.path("leads.json"))), version 1, n8n workflow\n"))
    #expect(
      harness.failure("export Leads --format make")
        == "Leads.json: a flow read as n8n workflow cannot be written as Make blueprint; export it in its own format or as json")
  }

  @Test func renamingAnN8nNodeRewritesEveryReference() throws {
    let harness = try SessionHarness()
    try write(Self.n8n, as: "leads.json", in: harness)
    try harness.run(
      "load ${dir}/leads.json --rename-node 'Fetch leads=Get leads'", "rename Leads Save 'Save rows'", "export Leads to ${dir}/renamed.json"
    )
    let text = try String(contentsOfFile: harness.path("renamed.json"), encoding: .utf8)
    for old in ["\"Fetch leads\"", "$('Fetch leads')", "\"Save\"", #"$node[\"Save\"]"#] {
      #expect(!text.contains(old), "still names \(old)")
    }
    let renamed = try json(harness.path("renamed.json"))
    #expect(renamed["connections"]?.objectValue?.keys == ["Get leads", "Save rows"])
    #expect(renamed["connections"]?["Get leads"]?["main"] == [[["node": "Save rows", "type": "main", "index": 0]]])
    #expect(renamed["pinData"]?.objectValue?.keys == ["Save rows"])
    #expect(renamed["nodes"]?.arrayValue?[1]["parameters"]?["sheetId"] == "={{ $('Get leads').item.json.sheet }}")
    #expect(harness.failure("rename Leads Nope X") == "\(harness.path("leads.json")): no node named 'Nope'")
  }

  @Test func brokenRulesLoadWithFindingsThatNameTheNode() throws {
    let harness = try SessionHarness()
    try write(
      #"{"nodes":[{"id":"1","name":"A","type":"t","position":[0,0]},{"id":"2","name":"A","type":"t","position":[1,1]}],"connections":{"A":{"main":[[{"node":"Ghost","type":"main","index":0}]]}}}"#,
      as: "broken.json", in: harness)
    try write(#"[{"id":"n1","type":"inject","z":"t1","name":"tick","wires":[["missing"]],"x":1,"y":2}]"#, as: "red.json", in: harness)
    let broken = try harness.output(of: "load ${dir}/broken.json").standardError
    #expect(broken.contains("warning: broken: node name 'A' is used by 2 nodes; n8n connections name nodes, so they are ambiguous\n"))
    #expect(broken.contains("warning: broken: node 'A' connects to 'Ghost', which does not exist\n"))
    #expect(
      try harness.output(of: "load ${dir}/red.json").standardError == "warning: red: node 'tick' is wired to unknown id 'missing'\n")
  }

  @Test func secretsInClearAreFoundAndRedacted() throws {
    let harness = try SessionHarness()
    let leaky = Self.n8n.replacingOccurrences(
      of: #""options":{}"#, with: #""options":{},"headers":{"Authorization":"Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"}"#)
    try write(leaky, as: "leaky.json", in: harness)
    try harness.prepareProd()
    try harness.run("load ${dir}/leaky.json into prod")
    #expect(
      try harness.output(of: "status").standardOutput.contains(
        "warning: Leads: bearer token in clear at nodes[0].parameters.headers.Authorization\n"))
    try harness.run("export Leads to ${dir}/clean.json --redact")
    let clean = try String(contentsOfFile: harness.path("clean.json"), encoding: .utf8)
    #expect(!clean.contains("9f8e7d6c5b4a39281706f5e4d3c2b1a0") && clean.contains("<redacted:bearer token>"))
  }

  @Test func makeConnectionsAreRemapped() throws {
    let harness = try SessionHarness()
    try write(Self.make, as: "digest.json", in: harness)
    try harness.run(
      "workspace new ${dir}/prod.fpsw as prod", "connection add gmail-prod --type google-email --prop id=7654321",
      "load ${dir}/digest.json into prod", "match --auto", "export 'Mail digest' to ${dir}/digest-prod.json")
    let exported = try json(harness.path("digest-prod.json"))
    let first = exported["flow"]?.arrayValue?.first
    #expect(first?["parameters"]?["__IMTCONN__"] == .number(JSONNumber(7654321)))
    #expect(first?["metadata"]?["restore"]?["parameters"]?["__IMTCONN__"]?["label"] == "gmail-prod")
    // A Make module has no name of its own: nodes are named by their module, edges follow routes.
    #expect(
      try harness.output(of: "show 'Mail digest'").standardOutput == """
        Mail digest (Mail digest (pending)), version 1, Make blueprint
        3 nodes:
          google-email:watchEmails (google-email:watchEmails) uses connection:1234567
          builtin:BasicRouter (builtin:BasicRouter)
          util:SetVariable2 (util:SetVariable2)
        2 edges:
          google-email:watchEmails -> builtin:BasicRouter
          builtin:BasicRouter -> util:SetVariable2
        connection references:
          connection:1234567 (google-email, gmail-prod) -> gmail-prod

        """)
  }

  @Test func twoN8nExportsDiffNodeByNodeIgnoringPositions() throws {
    let harness = try SessionHarness()
    try write(Self.n8n, as: "a.json", in: harness)
    let moved = Self.n8n.replacingOccurrences(of: "[600,300]", with: "[650,320]").replacingOccurrences(
      of: #""id":"a1""#, with: #""id":"zz""#
    )
    .replacingOccurrences(of: "https://api.example.com/leads", with: "https://api.example.com/v2/leads")
    try write(moved, as: "b.json", in: harness)
    #expect(
      try harness.output(of: "diff ${dir}/a.json ${dir}/b.json").standardOutput.hasSuffix(
        """
        ~ node "Fetch leads"
          ~ config.parameters.url: "https://api.example.com/leads" -> "https://api.example.com/v2/leads"
        1 node changed

        """))
  }

  @Test func nodeRedConfigNodesAndNiFiServicesTakeTheTargetsIds() throws {
    let harness = try SessionHarness()
    try write(Self.nodeRed, as: "sensors.json", in: harness)
    try write(
      #"""
      {"flowContents":{"identifier":"g","name":"Ingest","processors":[
        {"identifier":"p1","name":"Query","type":"org.apache.nifi.processors.standard.ExecuteSQL","properties":{"Database Connection Pooling Service":"svc-test"},
         "propertyDescriptors":{"Database Connection Pooling Service":{"name":"Database Connection Pooling Service","identifiesControllerService":true,"sensitive":false}},"position":{"x":0.0,"y":0.0}}],
       "connections":[],"controllerServices":[{"identifier":"svc-test","name":"Test DB","type":"org.apache.nifi.dbcp.DBCPConnectionPool","properties":{}}],"processGroups":[]},
       "flowEncodingVersion":"1.0"}
      """#, as: "ingest.json", in: harness)
    try harness.run(
      "workspace new ${dir}/prod.fpsw as prod",
      "connection add broker-prod --type mqtt-broker --prop id=prodbroker",
      "connection add db-prod --type org.apache.nifi.dbcp.DBCPConnectionPool --prop id=svc-prod",
      "load ${dir}/sensors.json ${dir}/ingest.json into prod", "match --auto",
      "export Sensors to ${dir}/out/", "export Ingest to ${dir}/out/")
    let sensors = try #require(try json(harness.path("out/Sensors.json")).arrayValue)
    try #require(sensors.count == 4)
    #expect(sensors[1]["broker"] == "prodbroker")
    #expect(sensors[3]["id"] == "prodbroker")
    #expect(sensors[3]["broker"] == "mqtt.test", "a property that merely equals nothing bound stays")
    let ingest = try json(harness.path("out/Ingest.json"))
    #expect(ingest["flowContents"]?["processors"]?.arrayValue?.first?["properties"]?["Database Connection Pooling Service"] == "svc-prod")
    #expect(ingest["flowContents"]?["controllerServices"]?.arrayValue?.first?["identifier"] == "svc-prod")
    #expect(try String(contentsOfFile: harness.path("out/Ingest.json"), encoding: .utf8).contains(#""x": 0.0"#))
  }
}
