import FlowFormats
import FlowModel
import FlowSession
import FlowStore
import FlowTestSupport
import Foundation
import Testing

/// Promotion with an environment file and what the workspace remembers.
@Suite(.temporaryFolders) struct EnvironmentCommandTests {
  func prepare() throws -> SessionHarness {
    let harness = try SessionHarness()
    try DialectCommandTests.n8n.write(toFile: harness.path("leads.json"), atomically: true, encoding: .utf8)
    try """
    connections:
      - from: "* (test)"
        to: "* prod"
      - from: { type: kafka }
        to: kafka-prod
    values:
      - node: { type: n8n-nodes-base.httpRequest }
        set: { "parameters.url": "${env:LEADS_URL}" }
    """.write(toFile: harness.path("prod.yaml"), atomically: true, encoding: .utf8)
    try harness.run(
      "workspace new ${dir}/prod.fpsw as prod", "connection add 'Sheets prod' --type googleSheetsOAuth2Api --prop id=PRODsheets",
      "connection add 'Slack prod' --type slackApi --prop id=PRODslack", "commit --yes")
    return harness
  }

  @Test func rulesBindEveryReferenceAndValuesReachTheExportedFile() throws {
    let harness = try SessionHarness(environment: ["LEADS_URL": "https://api.prod/leads"])
    try DialectCommandTests.n8n.write(toFile: harness.path("leads.json"), atomically: true, encoding: .utf8)
    let base = try prepare()
    try FileManager.default.copyItem(atPath: base.path("prod.yaml"), toPath: harness.path("prod.yaml"))
    try harness.run("load \(base.path("prod.fpsw"))")
    let staged = try harness.output(of: "load ${dir}/leads.json into prod --env ${dir}/prod.yaml")
    #expect(staged.standardOutput.contains("2 of 2 references bound"))
    let listing = try harness.output(of: "match").standardOutput
    #expect(listing.contains("\"Sheets (test)\" (googleSheetsOAuth2Api) -> Sheets prod [rule * (test) -> * prod, prod.yaml:2]"))
    #expect(try harness.output(of: "status").standardOutput.contains("line 4: type kafka\n"), "an entry that bound nothing is listed")
    #expect(harness.failure("match load ${dir}/prod.yaml --strict").hasSuffix("the entry at line 4 matched no reference (--strict)"))
    let firstPlan = try harness.output(of: "commit --dry-run").standardOutput
    #expect(
      firstPlan.contains("    keeps parameters.url = \"https://api.prod/leads\" on n8n-nodes-base.httpRequest [prod.yaml:7]\n"),
      "\(firstPlan)")
    try harness.run("commit --yes", "export Leads to ${dir}/out/")
    let exported = try String(contentsOfFile: harness.path("out/Leads.json"), encoding: .utf8)
    #expect(exported.contains(#""url": "https://api.prod/leads""#))
    #expect(exported.contains(#""id": "PRODsheets""#) && exported.contains(#""name": "Sheets prod""#))

    // The next version comes from test with the test URL and a change elsewhere: the workspace
    // keeps its URL, with no environment file loaded.
    let fresh = try SessionHarness(in: harness.folder)
    let changed = DialectCommandTests.n8n.replacingOccurrences(of: "\"Notify\"", with: "\"Tell the team\"")
      .replacingOccurrences(of: "$node[\\\"Notify\\\"]", with: "$node[\\\"Tell the team\\\"]")
    try changed.write(toFile: harness.path("leads2.json"), atomically: true, encoding: .utf8)
    try fresh.run("load \(base.path("prod.fpsw"))", "load ${dir}/leads2.json into prod --on-conflict version")
    let plan = try fresh.output(of: "commit --dry-run").standardOutput
    #expect(plan.contains("keeps parameters.url = \"https://api.prod/leads\" on n8n-nodes-base.httpRequest [kept since commit #2]"))
    #expect(plan.contains("add version 2 to Leads: 1 node changed"), "the kept value is no change: \(plan)")
    let incoming = try fresh.output(of: "diff Leads").standardOutput
    #expect(incoming.contains("Notify") && !incoming.contains("parameters.url"), "the kept URL is no change: \(incoming)")
    try fresh.run("commit --yes", "export Leads to ${dir}/out2/")
    #expect(try String(contentsOfFile: harness.path("out2/Leads.json"), encoding: .utf8).contains(#""url": "https://api.prod/leads""#))
  }

  @Test func theNextVersionIsBoundAsTheWorkspaceRemembersWithoutMatch() throws {
    let harness = try prepare()
    try harness.run(
      "load ${dir}/leads.json into prod", "match 'googleSheetsOAuth2Api:TESTcred0000001' 'Sheets prod'", "match --auto", "commit --yes")
    let changed = DialectCommandTests.n8n.replacingOccurrences(
      of: "https://api.example.com/leads", with: "https://api.example.com/v2/leads")
    try changed.write(toFile: harness.path("leads.json"), atomically: true, encoding: .utf8)
    let staged = try harness.output(of: "load ${dir}/leads.json into prod --on-conflict version").standardOutput
    #expect(staged.contains("2 of 2 references bound"))
    let plan = try harness.output(of: "commit --dry-run").standardOutput
    #expect(!plan.contains("binds "), "remembered bindings are counted, not listed: \(plan)")
    #expect(plan.contains("bindings not listed: 2 as in commit #2 (commit --verbose lists them)"))
    #expect(plan.contains("total: 1 version added"))
    let verbose = try harness.output(of: "commit --dry-run --verbose").standardOutput
    #expect(verbose.contains("binds googleSheetsOAuth2Api:TESTcred0000001 (googleSheetsOAuth2Api) -> Sheets prod [as in commit #2]"))
    #expect(!verbose.contains("bindings not listed"))
    try harness.run("commit --yes")
    #expect(try harness.output(of: "match --forget googleSheetsOAuth2Api:TESTcred0000001").standardOutput.hasPrefix("staged: forget"))
    try harness.run("commit --yes", "load ${dir}/leads.json into prod --on-conflict version --name again")
    #expect(try harness.output(of: "status").standardOutput.contains("1/2 references matched"), "the forgotten one is unmatched again")
  }

  /// A reference that several imports of one commit bind is remembered once, as the last of
  /// them has it (here: its name in the second export).
  @Test func aReferenceBoundByManyImportsIsRememberedAsTheLastHasIt() throws {
    let harness = try prepare()
    let renamed = DialectCommandTests.n8n.replacingOccurrences(of: #""name":"Sheets (test)""#, with: #""name":"Sheets (renamed)""#)
    try renamed.write(toFile: harness.path("leads2.json"), atomically: true, encoding: .utf8)
    try harness.run(
      "load ${dir}/leads.json into prod", "load ${dir}/leads2.json into prod --name 'Leads again'",
      "match 'googleSheetsOAuth2Api:TESTcred0000001' 'Sheets prod'", "match --auto", "commit --yes")
    let remembered = try WorkspaceStores.open(harness.path("prod.fpsw")).snapshot().remembered
    #expect(remembered.map(\.key).sorted() == ["googleSheetsOAuth2Api:TESTcred0000001", "slackApi:Slack (test)"].sorted(), "\(remembered)")
    #expect(remembered.first { $0.type == "googleSheetsOAuth2Api" }?.name == "Sheets (renamed)")
  }

  /// `match save` writes the bindings made by hand or remembered as entries, merged into the
  /// file as written: its rules, values and `${env:NAME}` stay as they were, and what its rules
  /// already bind is not written again.
  @Test func matchSaveMergesBindingsIntoTheFileAsWritten() throws {
    let harness = try SessionHarness(environment: ["LEADS_URL": "https://api.prod/leads"])
    let base = try prepare()
    try FileManager.default.copyItem(atPath: base.path("prod.yaml"), toPath: harness.path("prod.yaml"))
    try DialectCommandTests.n8n.write(toFile: harness.path("leads.json"), atomically: true, encoding: .utf8)
    try harness.run(
      "load \(base.path("prod.fpsw"))", "connection add 'Other slack' --type slackApi", "commit --yes",
      "load ${dir}/leads.json into prod --env ${dir}/prod.yaml", "match 'slackApi:Slack (test)' 'Other slack'")
    let saved = try harness.output(of: "match save ${dir}/prod.yaml").standardOutput
    #expect(saved.hasPrefix("wrote \(harness.path("prod.yaml")): 1 binding of prod, 3 connection entries in all"), "\(saved)")
    let text = try String(contentsOfFile: harness.path("prod.yaml"), encoding: .utf8)
    #expect(text.contains(#"- from: "Slack (test)""#) && text.contains(#"to: "Other slack""#))
    #expect(text.contains("${env:LEADS_URL}") && !text.contains("https://api.prod/leads"), "never a variable's value: \(text)")
    #expect(!text.contains(#"from: "Sheets (test)""#), "bound by the file's rule already")
    #expect(try EnvironmentFile(text: text, path: "prod.yaml").connections.count == 3)
  }

  @Test func matchLoadAndSaveRefuseWhatTheyCannotDo() throws {
    let harness = try prepare()
    try harness.run("load ${dir}/leads.json into prod")
    #expect(harness.failure("match load").hasSuffix("`match load` takes one environment file: `match load <env.yaml>` (see `help match`)"))
    #expect(
      harness.failure("match save a.yaml b.yaml").hasSuffix(
        "`match save` takes one environment file: `match save <env.yaml>` (see `help match`)"))
    #expect(harness.failure("match --strict").hasSuffix("--strict is for `match load <env.yaml> --strict` (see `help match`)"))
    #expect(harness.failure("match load ${dir}/prod.yaml --import nosuch").contains("nosuch"))
    try Data([0x63, 0x6F, 0x6E, 0x6E, 0x65, 0x63, 0x74, 0x69, 0x6F, 0x6E, 0x73, 0x3A, 0x0A, 0x20, 0xFF]).write(
      to: harness.folder.appendingPathComponent("latin1.env"))
    #expect(
      harness.failure("match load ${dir}/latin1.env").hasSuffix("latin1.env:2:2: not UTF-8 text (a lone surrogate, or another encoding)"))
  }

  /// A second environment file replaces the first one's values: they are set as the flow is
  /// bound, not written into the staged flow on top of each other.
  @Test func anotherEnvironmentFileReplacesTheValuesOfTheFirst() throws {
    let harness = try SessionHarness(environment: ["LEADS_URL": "https://api.prod/leads"])
    let base = try prepare()
    try FileManager.default.copyItem(atPath: base.path("prod.yaml"), toPath: harness.path("prod.yaml"))
    try DialectCommandTests.n8n.write(toFile: harness.path("leads.json"), atomically: true, encoding: .utf8)
    try "connections: []\n".write(toFile: harness.path("plain.yaml"), atomically: true, encoding: .utf8)
    try harness.run(
      "load \(base.path("prod.fpsw"))", "load ${dir}/leads.json into prod --env ${dir}/prod.yaml", "match load ${dir}/plain.yaml")
    let plan = try harness.output(of: "commit --dry-run").standardOutput
    #expect(!plan.contains("keeps parameters.url"), "\(plan)")
    try harness.run("match --auto", "commit --yes", "export Leads to ${dir}/out/")
    let exported = try String(contentsOfFile: harness.path("out/Leads.json"), encoding: .utf8)
    #expect(exported.contains(#""url": "https://api.example.com/leads""#), "the export's own value, not the first file's")
  }

  /// A restored session reads its environment file again: the values are not in the imports'
  /// records, and without them a restored import would commit the test values.
  @Test func aRestoredSessionKeepsItsEnvironmentsValues() throws {
    let first = try SessionHarness(environment: ["LEADS_URL": "https://api.prod/leads"])
    let base = try prepare()
    try FileManager.default.copyItem(atPath: base.path("prod.yaml"), toPath: first.path("prod.yaml"))
    try DialectCommandTests.n8n.write(toFile: first.path("leads.json"), atomically: true, encoding: .utf8)
    first.session.keeper = SessionKeeper(folder: first.path("sessions"))
    try first.run("load \(base.path("prod.fpsw"))", "load ${dir}/leads.json into prod --env ${dir}/prod.yaml")
    let data = try #require(FileManager.default.contents(atPath: first.path("sessions/\(getpid()).json")))
    let record = try JSONDecoder().decode(SessionRecord.self, from: data)

    let second = try SessionHarness(environment: ["LEADS_URL": "https://api.prod/leads"], in: first.folder)
    second.session.restore(record)
    let plan = try second.output(of: "commit --dry-run").standardOutput
    #expect(plan.contains("keeps parameters.url = \"https://api.prod/leads\""), "\(plan)")
    #expect(plan.contains("[rule * (test) -> * prod, prod.yaml:2]"))
  }

  /// Node-RED and Make exports written after a commit carry the target's connection identity
  /// (config node id, `__IMTCONN__`) and the environment's values, in their own dialect.
  @Test func nodeRedAndMakeExportsCarryTheTargetsConnectionsAndTheEnvironmentsValues() throws {
    let harness = try SessionHarness()
    try DialectCommandTests.nodeRed.write(toFile: harness.path("sensors.json"), atomically: true, encoding: .utf8)
    try DialectCommandTests.make.write(toFile: harness.path("digest.json"), atomically: true, encoding: .utf8)
    try """
    connections:
      - from: "test *"
        to: "* prod"
      - from: { type: "google-*" }
        to: "*-prod"
    values:
      - flow: Sensors
        node: { type: mqtt in }
        set: { topic: "plant/prod/t" }
      - flow: "Mail*"
        node: { name: "util:*" }
        set: { "mapper.value": "{{1.from}}" }
    """.write(toFile: harness.path("prod.yaml"), atomically: true, encoding: .utf8)
    try harness.run(
      "workspace new ${dir}/prod.fpsw as prod", "connection add 'broker prod' --type mqtt-broker --prop id=prodbroker",
      "connection add email-prod --type google-email --prop id=7654321",
      "load ${dir}/sensors.json ${dir}/digest.json into prod --env ${dir}/prod.yaml", "commit --yes",
      "export Sensors to ${dir}/out/sensors.json", "export 'Mail digest' to ${dir}/out/digest.json")
    let sensors = try #require(
      try JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: harness.path("out/sensors.json"))))).arrayValue)
    let input = sensors.first { $0["type"] == "mqtt in" }
    #expect(input?["topic"] == "plant/prod/t")
    #expect(input?["broker"] == "prodbroker")
    #expect(sensors.first { $0["type"] == "mqtt-broker" }?["id"] == "prodbroker")
    let digest = try JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: harness.path("out/digest.json")))))
    let modules = try #require(digest["flow"]?.arrayValue)
    #expect(modules.first?["parameters"]?["__IMTCONN__"] == .number(JSONNumber(7654321)))
    #expect(modules.first?["metadata"]?["restore"]?["parameters"]?["__IMTCONN__"]?["label"] == "email-prod")
    let variable = modules.last?["routes"]?.arrayValue?.first?["flow"]?.arrayValue?.first
    #expect(variable?["mapper"]?["value"] == "{{1.from}}")
    #expect(variable?["mapper"]?["name"] == "x", "only the path set changes")
  }

  @Test func exportingWithAConnectionWithoutIdWarnsThatTheSourceIdStays() throws {
    let harness = try SessionHarness()
    try DialectCommandTests.n8n.write(toFile: harness.path("leads.json"), atomically: true, encoding: .utf8)
    try harness.run(
      "workspace new ${dir}/prod.fpsw as prod", "connection add sheets-prod --type googleSheetsOAuth2Api",
      "connection add slack-prod --type slackApi --prop id=PRODslack", "load ${dir}/leads.json into prod", "match --auto", "commit --yes")
    let written = try harness.output(of: "export Leads to ${dir}/out/")
    #expect(
      written.standardError
        == "warning: Leads: connection sheets-prod has no `id` property, so googleSheetsOAuth2Api:TESTcred0000001 keeps the source's id in the file; `connection set sheets-prod --prop id=<its id in the target platform>` fixes it\n"
    )
  }
}
