import FlowFormats
import FlowModel
import FlowTestSupport
import Foundation
import SnapshotTesting
import Testing

@testable import FlowDiff

/// For each dialect, a pair as two instances export one flow (every id the instance mints
/// different, positions moved) with known edits: a connection-level change (a config node's
/// host and port, a controller service's URL, a parameter, a NiFi queue's back pressure, a
/// connection's id and label, SASL connection details), a secret changed, and in Node-RED a
/// rename, an added node and a property change. Snapshots show the terminal view; no secret
/// value is in any view.
@Suite struct DialectDiffTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// What `diff` does for two files of one dialect: each side's diff view, the format's options.
  /// As `diff` compares views: the configurations of nodes shown with their secrets as stand-ins.
  static let shown = {
    var options = DiffOptions()
    options.shownConfiguration = Secrets.shownInDiff
    options.shownText = Secrets.shownTextInDiff
    return options
  }()

  static func diff(_ dialect: String, includeVolatile: Bool = false, ignoring ignoredPaths: [String] = []) throws -> FlowDiff {
    func read(_ name: String) throws -> (ExportFormat, FlowVersion) {
      let (format, decoded) = try ExportFormat.read(
        try Data(contentsOf: fixtures.appendingPathComponent("\(dialect)-\(name).json")), fallbackName: name)
      return (format, ExportFormat.diffView(of: decoded.version))
    }
    let (format, before) = try read("before")
    let (_, after) = try read("after")
    var options = DiffOptions(
      includeVolatile: includeVolatile, ignoredPaths: ignoredPaths, volatilePaths: DiffOptions.commonVolatilePaths + format.volatilePaths)
    options.shownConfiguration = Secrets.shownInDiff
    options.shownText = Secrets.shownTextInDiff
    options.embeddedIDs = format.embeddedIDs.map { [EmbeddedIDs(open: $0.open, close: $0.close, suffix: $0.suffix)] } ?? []
    return FlowDiffer.diff(before, after, leftLabel: "test", rightLabel: "prod", options: options)
  }

  /// The diff view of a document's text, as `diff` reads a file.
  static func view(_ text: String) throws -> FlowVersion {
    ExportFormat.diffView(of: try ExportFormat.read(Array(text.utf8), fallbackName: "f").1.version)
  }

  /// A Node-RED flow of one `mqtt in` node and its broker, the broker's members after its name
  /// written as `broker`.
  static func brokerFlow(_ broker: String) -> String {
    """
    [{"id":"t1","type":"tab","label":"Flow"},
     {"id":"n1","type":"mqtt in","z":"t1","name":"in","topic":"a","broker":"b1","x":10,"y":10,"wires":[]},
     {"id":"b1","type":"mqtt-broker","name":"broker",\(broker)}]
    """
  }

  /// Every view of the diff, for checking that a secret is in none.
  static func allViews(_ diff: FlowDiff) -> String {
    [DiffRenderer.terminal(colour: false), .stat, .json, .dot].map { $0.render(diff) }.joined()
  }

  @Test(arguments: ["node-red", "nifi", "make", "ibm-ep"])
  func aCrossInstancePair(dialect: String) throws {
    let diff = try Self.diff(dialect)
    assertSnapshot(of: DiffRenderer.terminal(colour: false).render(diff), as: .lines, named: dialect)
    let views = Self.allViews(diff) + Self.allViews(try Self.diff(dialect, includeVolatile: true))
    for secret in [
      "test-secret-1", "prod-secret-2", "test-db-pass", "prod-db-pass", "hunter2", "hunter3", "test-token", "prod-token",
      "test-sasl-pass", "prod-sasl-pass",
    ] {
      #expect(!views.contains(secret), "\(dialect): a view shows the secret \(secret)")
    }
  }

  @Test func nodeRedConfigNodeChangesAreListedWithOldAndNewValues() throws {
    let diff = try Self.diff("node-red")
    let broker = try #require(diff.connections.first)
    #expect(broker.kind == .changed && broker.name == "Plant broker")
    #expect(broker.changes.map(\.path) == ["broker", "port", "credentials.password"])
    #expect(broker.changes.map(\.isSecret) == [false, false, true])
    #expect(diff.stat.summary == "2 nodes changed, 1 node added, 1 edge added, 1 connection changed")
  }

  /// `--ignore name` leaves out renames: test and production name their credentials apart.
  @Test func renamesAreLeftOutWithIgnoreName() throws {
    let renamed = try Self.diff("make")
    #expect(renamed.connections.contains { $0.oldName != nil })
    let ignored = try Self.diff("make", ignoring: ["name", "id"])
    #expect(ignored.connections.allSatisfy { $0.oldName == nil }, "\(ignored.connections)")
    #expect(ignored.nodes.allSatisfy { $0.oldName == nil })
  }

  /// `--ignore` takes a connection's property as the diff prints it under the connection, or
  /// with the `connections.` prefix.
  @Test func aConnectionsPropertyIsIgnoredAsPrinted() throws {
    for patterns in [["port", "credentials.*"], ["connections.port", "connections.credentials.password"]] {
      let diff = try Self.diff("node-red", ignoring: patterns)
      #expect(diff.connections.first?.changes.map(\.path) == ["broker"], "\(patterns)")
    }
  }

  @Test func aSecretChangeIsFlaggedInJSONWithoutItsValue() throws {
    let document = try JSONParser.parse(DiffRenderer.json.render(try Self.diff("ibm-ep")))
    let connection = try #require(document["connections"]?.arrayValue?.first)
    #expect(
      connection["changes"] == [
        ["path": ["bootstrapServers", 0], "old": "kafka.test:9095", "new": "kafka.prod:9095"],
        ["path": ["credentials", "data", "password"], "old": "(secret)", "new": "(secret)", "secret": true],
      ])
  }

  @Test func positionsShowOnlyWithAllAndOnce() throws {
    for dialect in ["node-red", "nifi", "make"] {
      let quiet = try Self.diff(dialect).nodes.flatMap(\.changes).map(\.path)
      #expect(!quiet.contains { $0.contains("position") || $0.contains("designer") || $0.hasSuffix(".x") }, "\(dialect): \(quiet)")
      let all = try Self.diff(dialect, includeVolatile: true).nodes.flatMap(\.changes).map(\.path)
      #expect(all.contains("position.x"), "\(dialect): \(all)")
      #expect(!all.contains { $0.contains("designer") }, "\(dialect): \(all)")
    }
  }

  /// A NiFi parameter named like a secret but not marked sensitive is hidden as `--redact`
  /// hides it: its change shows as a secret's, its values in no view.
  @Test func aSecretNamedParameterNotMarkedSensitiveShowsNoValue() throws {
    func view(_ name: String, password: String) throws -> FlowVersion {
      let path = Self.fixtures.appendingPathComponent("nifi-\(name).json")
      var document = try JSONParser.parse(Array(try Data(contentsOf: path)))
      guard case .object(var root) = document, case .object(var contexts)? = root["parameterContexts"],
        case .object(var context)? = contexts["Warehouse"], case .array(var parameters)? = context["parameters"]
      else { throw CocoaError(.fileReadCorruptFile) }
      parameters.append(["name": "Admin Password", "sensitive": false, "value": .string(password)])
      context["parameters"] = .array(parameters)
      contexts["Warehouse"] = .object(context)
      root["parameterContexts"] = .object(contexts)
      document = .object(root)
      return try Self.view(String(decoding: JSONWriter(layout: .minified).bytes(document), as: UTF8.self))
    }
    let diff = FlowDiffer.diff(
      try view("before", password: "param-A-abcdefgh"), try view("after", password: "param-B-abcdefgh"), leftLabel: "test",
      rightLabel: "prod", options: Self.shown)
    let change = try #require(diff.connections.flatMap(\.changes).first { $0.path.contains("Admin Password") })
    #expect(change.isSecret)
    let views = Self.allViews(diff)
    #expect(!views.contains("param-A") && !views.contains("param-B"))
  }

  /// Every secret Node-RED's rule finds in a flow node shows as a secret's change, and its
  /// value in no view: the differ stands in for them where it shows (the view leaves flow
  /// nodes as they are), the view for those of tabs and config nodes, which it shows whole.
  @Test func aNodeRedFlowNodesSecretsByRuleShowAsSecrets() throws {
    func view(_ secret: String) throws -> FlowVersion {
      try Self.view(
        #"""
        [{"id":"t1","type":"tab","label":"Flow","env":[{"name":"TAB_KEY","type":"cred","value":"Tk\#(secret)"}]},
         {"id":"n1","type":"subflow:s1","z":"t1","name":"Call","x":10,"y":20,"wires":[[]],
          "env":[{"name":"API","type":"cred","value":"Ev\#(secret)"},{"name":"MODE","type":"str","value":"fast"}],
          "credentials":{"user":"ops","password":"Cr\#(secret)"},
          "auth":{"id":"a1","type":"basic","password":"Nd\#(secret)"}},
         {"id":"b1","type":"mqtt-broker","name":"Broker","broker":"mq.example.com","password":"Br\#(secret)"},
         {"id":"s1","type":"subflow","name":"Caller","in":[],"out":[]}]
        """#)
    }
    let diff = FlowDiffer.diff(try view("SideOne1"), try view("SideTwo2"), leftLabel: "test", rightLabel: "prod", options: Self.shown)
    let changes = (diff.nodes + diff.connections).flatMap { change in change.changes.map { "\(change.name) \($0.path)" } }
    #expect(
      changes.sorted() == [
        "Broker password", "Call config.auth.password", "Call config.credentials.password", "Call config.env[0].value",
        "Flow config.env[0].value",
      ], "\(changes)")
    #expect((diff.nodes + diff.connections).allSatisfy { $0.changes.allSatisfy { $0.isSecret } })
    let views = Self.allViews(diff)
    #expect(!views.contains("SideOne") && !views.contains("SideTwo"), "\(views)")
  }

  /// A password in a config node's URL is found by the scanner there as in a node: a changed
  /// one shows as a secret's change, its values in no view.
  @Test func aPasswordInAConfigNodesURLShowsNoValue() throws {
    func view(_ password: String) throws -> FlowVersion {
      try Self.view(Self.brokerFlow(#""broker":"mqtt://ops:\#(password)@mq.example.com:1883""#))
    }
    let diff = FlowDiffer.diff(
      try view("Test-Pass-111"), try view("Prod-Pass-222"), leftLabel: "test", rightLabel: "prod", options: Self.shown)
    #expect(diff.connections.flatMap(\.changes).contains { $0.isSecret })
    let views = Self.allViews(diff)
    #expect(!views.contains("Test-Pass") && !views.contains("Prod-Pass"), "\(views)")
  }

  /// An unnamed config node goes by its broker's address, and the password in it is no part
  /// of the name any view prints: the whole URL was the connection's name, in clear, even
  /// when the password had not changed (a tester's find).
  @Test func anUnnamedBrokersPasswordIsNoPartOfItsName() throws {
    func view(_ password: String) throws -> FlowVersion {
      // The later `name` is the one read: empty, so the broker names the node.
      try Self.view(Self.brokerFlow(#""name":"","broker":"mqtts://admin:\#(password)@mq.example.com""#))
    }
    for (left, right) in [("Test-Pass-111", "Prod-Pass-222"), ("Test-Pass-111", "Test-Pass-111")] {
      let diff = FlowDiffer.diff(try view(left), try view(right), leftLabel: "test", rightLabel: "prod", options: Self.shown)
      #expect(try view(left).connections.map(\.name) == ["mqtts://admin:<redacted:password in URL>@mq.example.com"])
      let views = Self.allViews(diff)
      #expect(!views.contains("Test-Pass") && !views.contains("Prod-Pass"), "\(views)")
    }
  }

  /// A FlowPort flow's own parts hide their secrets: its description, a variable marked secret,
  /// an environment variable named like one, a rule's condition, a schedule's callback URL, a
  /// member FlowPort does not know. `load` warned of each, and `diff` printed each in clear (a
  /// tester's find).
  @Test func aFlowPortFlowsOwnPartsHideTheirSecrets() throws {
    func view(_ secret: String) throws -> FlowVersion {
      try Self.view(
        #"""
        {"format": "flowport/1", "flow": {"name": "payments", "description": "token Bearer Ds6Fg1Hj8Kl3\#(secret)"},
         "nodes": [{"id": "p1", "name": "Ledger", "type": "destination.http", "config": {"path": "/entries"}}], "edges": [],
         "dependencies": {"variables": [{"name": "LEDGER_TOKEN", "value": "Lt9Xw2Qp\#(secret)", "secret": true}],
           "environment": [{"name": "DB_PASSWORD", "value": "Pw8Hn3Jv\#(secret)"}],
           "rules": [{"name": "r", "when": "header == 'Bearer Br4Mk9Zt2Wq7\#(secret)'", "then": "allow"}],
           "schedule": {"cron": "*/5 * * * *", "callback": "https://ops:Ur5Ty8Gh\#(secret)@hooks.internal/x"}},
         "x-notes": {"url": "https://ops:Ur5Ty8Gh\#(secret)@hooks.internal/x"}}
        """#)
    }
    let diff = FlowDiffer.diff(try view("SideOne1"), try view("SideTwo2"), leftLabel: "test", rightLabel: "prod", options: Self.shown)
    #expect(diff.flow.count == 2 && diff.dependencies.count == 4, "\(diff.flow.map(\.path)) \(diff.dependencies.map(\.path))")
    #expect((diff.flow + diff.dependencies).allSatisfy { $0.isSecret })
    let views = Self.allViews(diff)
    #expect(!views.contains("SideOne") && !views.contains("SideTwo"), "\(views)")
  }

  /// A NiFi remote process group is compared as a node: a changed timeout shows, the same
  /// group from another instance (every id new, its remote ports in another order) does not.
  @Test func aNiFiRemoteProcessGroupIsCompared() throws {
    func view(timeout: String, ids: String, portsReversed: Bool = false) throws -> FlowVersion {
      var ports = [
        #"{"identifier": "\#(ids)-p1", "groupIdentifier": "\#(ids)-r", "name": "in-a", "targetId": "t-1"}"#,
        #"{"identifier": "\#(ids)-p2", "groupIdentifier": "\#(ids)-r", "name": "in-b", "targetId": "t-2"}"#,
      ]
      if portsReversed { ports.reverse() }
      return try Self.view(
        #"""
        {"flowContents": {"identifier": "\#(ids)-g", "name": "root", "processors": [], "connections": [],
          "remoteProcessGroups": [{"identifier": "\#(ids)-r", "instanceIdentifier": "\#(ids)-i", "name": "To DC2",
            "groupIdentifier": "\#(ids)-g", "targetUris": "https://dc2:8443/nifi", "communicationsTimeout": "\#(timeout)",
            "inputPorts": [\#(ports.joined(separator: ","))], "outputPorts": []}]}}
        """#)
    }
    let before = try view(timeout: "30 sec", ids: "a")
    let changed = FlowDiffer.diff(before, try view(timeout: "60 sec", ids: "a"), leftLabel: "test", rightLabel: "prod", options: Self.shown)
    #expect(changed.nodes.flatMap(\.changes).map(\.path) == ["config.communicationsTimeout"])
    let copy = FlowDiffer.diff(
      before, try view(timeout: "30 sec", ids: "b", portsReversed: true), leftLabel: "a", rightLabel: "b", options: Self.shown)
    #expect(copy.isEmpty, "\(DiffRenderer.terminal(colour: false).render(copy))")
  }

  /// NiFi queues are keyed by what they join; two that read alike (from unnamed funnels) are
  /// paired by their settings, not by the file's order, which follows the ids an instance
  /// minted: the same queues in the other order are no change, a changed threshold is one.
  @Test func niFiQueuesThatReadAlikePairByTheirSettings() throws {
    func view(_ thresholds: [Int]) throws -> FlowVersion {
      let connections = thresholds.enumerated().map { index, threshold in
        """
        {"identifier": "c\(index)", "source": {"id": "f\(index)", "type": "FUNNEL", "name": ""},
         "destination": {"id": "p", "type": "PROCESSOR", "name": "Log"}, "selectedRelationships": [],
         "backPressureObjectThreshold": \(threshold)}
        """
      }
      return try Self.view(
        """
        {"flowContents": {"identifier": "g", "name": "Group", "connections": [\(connections.joined(separator: ","))],
         "funnels": [{"identifier": "f0"}, {"identifier": "f1"}],
         "processors": [{"identifier": "p", "name": "Log", "type": "org.apache.nifi.processors.standard.LogAttribute"}]}}
        """)
    }
    #expect(FlowDiffer.diff(try view([10, 20]), try view([20, 10]), leftLabel: "a", rightLabel: "b", options: Self.shown).isEmpty)
    let changed = DiffRenderer.terminal(colour: false).render(
      FlowDiffer.diff(try view([10, 20]), try view([30, 10]), leftLabel: "a", rightLabel: "b", options: Self.shown))
    #expect(changed.contains(#"config.connections["funnel → Log"].backPressureObjectThreshold: 20 -> 30"#), "\(changed)")
  }

  /// Where a secret's key repeats (credentials twice in a config node, a `cred` variable's
  /// value twice), every copy is hidden, not only the one a lookup reads.
  @Test func everyCopyOfARepeatedSecretIsHidden() throws {
    func view(_ side: String) throws -> FlowVersion {
      try Self.view(
        Self.brokerFlow(
          #""broker":"mq.example.com", "credentials": {"password": "First-Copy-\#(side)"}, "#
            + #""credentials": {"password": "Last-Copy-\#(side)"}, "#
            + #""env": [{"name": "KEY", "type": "cred", "value": "Env-First-\#(side)", "value": "Env-Last-\#(side)"}]"#))
    }
    let diff = FlowDiffer.diff(try view("A"), try view("B"), leftLabel: "test", rightLabel: "prod", options: Self.shown)
    #expect(diff.connections.flatMap(\.changes).contains { $0.isSecret })
    let views = Self.allViews(diff)
    for copy in ["First-Copy", "Last-Copy", "Env-First", "Env-Last"] { #expect(!views.contains(copy), "\(copy): \(views)") }
  }

  /// A secret an export left out, missing or as a placeholder, is no change (as the README
  /// says): Node-RED credentials absent, `<secret removed>` or empty, against credentials
  /// present. A secret changed is still one.
  @Test func aSecretLeftOutIsNoChange() throws {
    func view(_ credentials: String) throws -> FlowVersion {
      try Self.view(Self.brokerFlow(#""broker":"mq.example.com""# + credentials))
    }
    var reading = Self.shown
    reading.oneSidedSecrets.placeholderIsLeftOut = true
    func diff(_ left: FlowVersion, _ right: FlowVersion, options: DiffOptions) -> FlowDiff {
      FlowDiffer.diff(left, right, leftLabel: "a", rightLabel: "b", options: options)
    }
    let present = try view(#", "credentials": {"user": "ops", "password": "Pw-Secret-1"}"#)
    for leftOut in [
      "", #", "credentials": {"user": "<secret removed>", "password": "<secret removed>"}"#,
      #", "credentials": {"user": "", "password": ""}"#, #", "credentials": {}"#,
    ] {
      #expect(diff(present, try view(leftOut), options: reading).isEmpty, "\(leftOut)")
      #expect(diff(try view(leftOut), present, options: reading).isEmpty, "\(leftOut)")
      // A commit plan compares without the option: a secret given where a placeholder was, or
      // blanked, is a change it writes. (A secret member missing altogether, `{}`, is none
      // for it either.)
      guard leftOut != #", "credentials": {}"# else { continue }
      #expect(!diff(present, try view(leftOut), options: Self.shown).isEmpty, "\(leftOut)")
      #expect(!diff(try view(leftOut), present, options: Self.shown).isEmpty, "\(leftOut)")
    }
    let changed = try view(#", "credentials": {"user": "ops", "password": "Pw-Secret-2"}"#)
    #expect(diff(present, changed, options: reading).connections.flatMap(\.changes).map(\.isSecret) == [true])
    // An object of secrets alone added under another name is a change (`+ headers`).
    let headers = try view(#", "headers": {"Authorization": "Bearer Tok-123456"}"#)
    #expect(!diff(try view(""), headers, options: reading).isEmpty)
  }

  /// A Make module's secrets are stood in for by the differ, in the modules it shows; a
  /// header's value the rule knows by the `name` beside it, where the view takes the name out
  /// (`metadata.designer`, the module's canvas label), is stood in for by the view.
  @Test func aMakeModulesSecretsShowAsSecrets() throws {
    func blueprint(_ token: String) -> String {
      #"{"name":"S","flow":[{"id":1,"module":"http:ActionSendData","version":3,"parameters":{"password":"pw-\#(token)"},"#
        + #""mapper":{"headers":[{"name":"Authorization","value":"Bearer \#(token)"}]},"#
        + #""metadata":{"designer":{"x":0,"y":0,"name":"Authorization","value":"\#(token)"}}}],"metadata":{"version":1}}"#
    }
    let compared = FlowDiffer.diff(
      try Self.view(blueprint("s3cr3tTokenA1")), try Self.view(blueprint("s3cr3tTokenB2")), leftLabel: "a", rightLabel: "b",
      options: Self.shown)
    let changes = compared.nodes.flatMap(\.changes)
    #expect(changes.map(\.path) == ["config.parameters.password", "config.mapper.headers[0].value", "config.metadata.designer.value"])
    #expect(changes.allSatisfy { $0.isSecret })
    let text = Self.allViews(compared)
    #expect(!text.contains("s3cr3tToken") && !text.contains("\u{FFFF}"), "\(text)")
  }

  @Test func aMakeConnectionChangeShowsOnceUnderConnections() throws {
    let diff = try Self.diff("make")
    #expect(diff.nodes.flatMap(\.changes).map(\.path) == ["config.mapper.channel"])
    #expect(diff.connections.map(\.name) == ["Sheets (ops@prod.example)", "Slack prod"])
    #expect(diff.connections.flatMap(\.changes).map(\.path) == ["id", "id"])
    #expect(diff.connections.map(\.oldName) == ["Sheets (ops@test.example)", "Slack test"])
  }
}
