import FlowModel
import FlowSession
import FlowTestSupport
import Foundation
import Testing

@Suite(.temporaryFolders) struct DiffCommandTests {
  /// What a person runs: `diff` of two files whose secrets changed says so, never the value.
  @Test(arguments: ["node-red", "ibm-ep", "nifi"])
  func aChangedSecretShowsAsSuchThroughTheCommand(dialect: String) throws {
    let fixtures = Corpus.repositoryRoot.appendingPathComponent("Tests/FlowDiffTests/Fixtures")
    let before = fixtures.appendingPathComponent("\(dialect)-before.json").path
    let after = fixtures.appendingPathComponent("\(dialect)-after.json").path
    let printed = try SessionHarness().output(of: "diff '\(before)' '\(after)'").standardOutput
    #expect(printed.contains(": changed (secret)"), "\(printed)")
    #expect(!printed.contains("\u{FFFF}"), "no stand-in is printed")
  }

  /// A token written into a node's code, found by scanning, shows as a changed secret in every
  /// way `diff` compares two exports (as text, as JSON, three-way), and its value never: the
  /// views leave nodes unscanned, and the differ scans the nodes it shows.
  @Test(arguments: ["diff", "diff --json", "diff --base ${dir}/a.json"])
  func aTokenInCodeChangedShowsAsASecret(command: String) throws {
    let harness = try SessionHarness()
    for (file, token) in [("a", "abcdefghijklmnop0123OLD"), ("b", "abcdefghijklmnop0123NEW")] {
      let code = #"const auth = 'Bearer \#(token)';"#
      let export =
        #"{"name": "calls", "nodes": [{"id": "1", "name": "Call", "type": "n8n-nodes-base.code", "parameters": {"jsCode": "\#(code)"}}], "connections": {}}"#
      try export.write(toFile: harness.path("\(file).json"), atomically: true, encoding: .utf8)
    }
    let printed = try harness.output(of: "\(command) ${dir}/a.json ${dir}/b.json").standardOutput
    #expect(printed.contains(command.contains("--json") ? #""secret": true"# : "changed (secret)"), "\(printed)")
    #expect(!printed.contains("0123OLD") && !printed.contains("0123NEW") && !printed.contains("\u{FFFF}"), "\(printed)")
  }

  /// A change below a key that holds a secret (a URL's password or token, a JDBC URL's
  /// password) shows, under the key with the secret as `(secret)`: the view rewrites such a
  /// key, and the change found under the key as it was must be found again under the key as
  /// shown (it read "no changes", exit 0), whose stand-in is never printed.
  @Test(arguments: ["diff", "diff --json", "diff --base ${dir}/a.json"])
  func aChangeBelowAKeyHoldingASecretShows(command: String) throws {
    let harness = try SessionHarness()
    let keys = [
      "https://u:s3cr3tPW@example.com/x", "https://api.example.com/v1?api_key=s3cr3tPWabcd1234",
      "jdbc:oracle:thin:scott/s3cr3tPW@db:1521:orcl",
    ]
    for (file, mode) in [("a", "mode-before"), ("b", "mode-after")] {
      let members = keys.map { #""\#($0)": {"mode": "\#(mode)"}"# }.joined(separator: ", ")
      let export =
        #"{"name": "calls", "nodes": [{"id": "1", "name": "Call", "type": "n8n-nodes-base.httpRequest", "parameters": {"map": {\#(members)}}}], "connections": {}}"#
      try export.write(toFile: harness.path("\(file).json"), atomically: true, encoding: .utf8)
    }
    let printed = try harness.output(of: "\(command) ${dir}/a.json ${dir}/b.json").standardOutput
    #expect(printed.components(separatedBy: "mode-after").count == keys.count + 1, "\(printed)")
    #expect(!printed.contains("s3cr3tPW") && !printed.contains("\u{FFFF}") && !printed.contains(#"\uffff"#), "\(printed)")
  }

  /// A token pasted into a name (a node's, a Node-RED tab's label, a config node's, a Make
  /// module's designer name) or a password in a flow's name shows as `(secret)` in every view
  /// of a diff, never its value: names were printed as they were (a tester's find), though load
  /// warned of them.
  @Test(arguments: ["diff", "diff --json", "diff --all", "diff --stat", "diff --base ${dir}/a.json", "diff --dot"])
  func aSecretInANameShowsAsASecret(command: String) throws {
    let harness = try SessionHarness()
    let token = "Bearer abcdEFGH1234567890abcdefXYZ"
    let flows = [
      "n8n": { (name: String) in
        #"{"name": "\#(name == "Call" ? "w" : "w https://admin:S3cretPw99@db.example.com")", "nodes": [{"id": "1", "name": "Start", "type": "n8n-nodes-base.manualTrigger", "parameters": {}}, {"id": "2", "name": "\#(name)", "type": "n8n-nodes-base.httpRequest", "parameters": {"url": "https://x"}}], "connections": {"Start": {"main": [[{"node": "\#(name)", "type": "main", "index": 0}]]}}}"#
      },
      "node-red": { (name: String) in
        #"[{"id": "t1", "type": "tab", "label": "\#(name)"}, {"id": "b1", "type": "mqtt-broker", "name": "\#(name)", "broker": "mqtt.example.com"}, {"id": "n1", "type": "mqtt in", "z": "t1", "name": "\#(name)", "broker": "b1", "x": 1, "y": 1, "wires": [["n2"]]}, {"id": "n2", "type": "debug", "z": "t1", "x": 2, "y": 1, "wires": []}]"#
      },
      "make": { (name: String) in
        #"{"name": "S", "flow": [{"id": 1, "module": "http:ActionSendData", "version": 3, "parameters": {"url": "https://x"}, "metadata": {"designer": {"x": 0, "y": 0, "name": "\#(name)"}}}], "metadata": {"version": 1}}"#
      },
    ]
    for (dialect, flow) in flows {
      try flow("Call").write(toFile: harness.path("a.json"), atomically: true, encoding: .utf8)
      try flow(token).write(toFile: harness.path("b.json"), atomically: true, encoding: .utf8)
      let printed = try harness.output(of: "\(command) ${dir}/a.json ${dir}/b.json").standardOutput
      #expect(printed.contains("(secret)"), "\(dialect): \(printed)")
      #expect(!printed.contains("abcdEFGH") && !printed.contains("S3cretPw99") && !printed.contains("\u{FFFF}"), "\(dialect): \(printed)")
      #expect(!printed.contains(#"\uffff"#), "\(dialect): \(printed)")
    }
  }

  /// `show` prints names redacted as a view shows values: it printed a token pasted into a
  /// node's name, and a connection reference's, just below the warning that load found one.
  @Test(arguments: ["show", "show --json"])
  func showRedactsASecretInAName(command: String) throws {
    let harness = try SessionHarness()
    let token = "Bearer abcdEFGH1234567890abcdefXYZ"
    let flow =
      #"[{"id": "t1", "type": "tab", "label": "Flow"}, {"id": "b1", "type": "mqtt-broker", "name": "\#(token)", "broker": "mqtt.example.com"}, {"id": "n1", "type": "mqtt in", "z": "t1", "name": "\#(token)", "broker": "b1", "x": 1, "y": 1, "wires": [["n2"]]}, {"id": "n2", "type": "debug", "z": "t1", "x": 2, "y": 1, "wires": []}]"#
    try flow.write(toFile: harness.path("f.json"), atomically: true, encoding: .utf8)
    try harness.run("load ${dir}/f.json as f")
    let printed = try harness.output(of: "\(command) f").standardOutput
    #expect(printed.contains("<redacted:bearer token>"), "\(printed)")
    #expect(!printed.contains("abcdEFGH"), "\(printed)")
  }

  /// A token in a flow's name is not printed by the lines about the flow: `load`'s, `status`,
  /// a commit's plan and report, `list`, `log`, the headers of `show` and `diff`, `validate`,
  /// a workspace diff, `discard`, load's refusal of a name taken, a near miss's "did you mean"
  /// and list of names, and `flow remove`'s lines and journal message.
  @Test func theLinesAboutAFlowRedactASecretInItsName() throws {
    let harness = try SessionHarness()
    let token = "Bearer abcdEFGH1234567890abcdefXYZ"
    let flow =
      #"{"name": "orders \#(token)", "nodes": [{"id": "1", "name": "Start", "type": "n8n-nodes-base.manualTrigger", "parameters": {}}], "connections": {}}"#
    try flow.write(toFile: harness.path("f.json"), atomically: true, encoding: .utf8)
    var printed = ""
    let commands = [
      "workspace new ${dir}/w.fpsw as w", "load ${dir}/f.json into w", "status", "commit --yes", "list", "log",
      "show 'w:orders \(token)'", "diff ${dir}/f.json 'w:orders \(token)'", "validate 'w:orders \(token)'",
      "validate 'w:orders \(token)' --json", "workspace new ${dir}/v.fpsw as v", "diff w v", "load ${dir}/f.json into v",
      "discard --all",
    ]
    for command in commands {
      let result = try harness.output(of: command)
      printed += result.standardOutput + result.standardError
    }
    printed += harness.failure("load ${dir}/f.json into w")
    printed += harness.failure("flow remove 'orders Bearer abcdEFGH1234567890abcdefXYY' in w")
    for command in ["use w", "flow remove 'orders \(token)' in w", "status", "commit --yes", "log"] {
      let result = try harness.output(of: command)
      printed += result.standardOutput + result.standardError
    }
    #expect(printed.contains("<redacted:bearer token>"), "\(printed)")
    #expect(!printed.contains("abcdEFGH"), "\(printed)")
  }

  /// Nor is it printed by the `--json` of those commands, for scripts and CI logs: `status`,
  /// `match`, a commit's plan, `list` (flows, versions, imports, exports), `log`, undo's plan
  /// and a workspace diff, where the flow is on one side only and where it differs. A
  /// reference or a connection named with a token is redacted there too, as in `match`'s and
  /// `show`'s lines, an unbinding's, a rename's, and the errors that repeat such a name.
  @Test func theJSONAboutAFlowRedactsASecretInItsName() throws {
    let harness = try SessionHarness()
    let token = "Bearer abcdEFGH1234567890abcdefXYZ"
    let flow = { (url: String) in
      #"{"name": "orders \#(token)", "nodes": [{"id": "1", "name": "Call", "type": "n8n-nodes-base.httpRequest", "parameters": {"url": "\#(url)"}, "credentials": {"httpHeaderAuth": {"name": "key \#(token)"}}}], "connections": {}}"#
    }
    try flow("https://a").write(toFile: harness.path("f.json"), atomically: true, encoding: .utf8)
    try flow("https://b").write(toFile: harness.path("g.json"), atomically: true, encoding: .utf8)
    try harness.run("workspace new ${dir}/w.fpsw as w")
    try harness.run("workspace new ${dir}/v.fpsw as v")
    try harness.run("use w")
    try harness.run("load ${dir}/f.json as f")
    var printed = ""
    let connection = "connection add 'key \(token)' --type httpHeaderAuth"
    let commands = [
      connection, "load ${dir}/f.json into w", "match --auto", "status --json", "match --json", "commit --dry-run --json",
      "commit --yes", "diff w v --json", "use v", connection, "load ${dir}/g.json into v", "match --auto", "commit --yes",
      "diff w v --json", "list flows in w --json", "list versions 'orders \(token)' in w --json", "list connections in w --json",
      "use w", "load ${dir}/g.json into w --on-conflict version", "list imports --json", "list exports --json", "log in w --json",
      "undo --dry-run in v --json", "match", "show 'w:orders \(token)'", "match --unbind 'key \(token)'", "match",
      "rename f Call Call2",
    ]
    for command in commands {
      let result = try harness.output(of: command)
      printed += result.standardOutput + result.standardError
    }
    // Errors that repeat a name: a connection that differs or is in use, a flow that is not there.
    for command in [
      "\(connection) --prop host=x", "connection remove 'key \(token)'", "list versions 'orders \(token)X' in w",
    ] {
      printed += harness.failure(command)
    }
    #expect(printed.contains("<redacted:bearer token>"), "\(printed)")
    #expect(!printed.contains("abcdEFGH"), "\(printed)")
  }

  /// A secret added to a node shows as one added, never its value, where the platform's
  /// exports keep every member (n8n's parameters, a Make module's): it read "no changes", exit
  /// 0. Node-RED's exports drop `credentials`, so one there on one side only is one left out.
  @Test func aSecretAddedShowsWhereExportsKeepEveryMember() throws {
    let harness = try SessionHarness()
    let flows = [
      "n8n": { (extra: String) in
        #"{"name": "w", "nodes": [{"id": "1", "name": "HTTP", "type": "n8n-nodes-base.httpRequest", "parameters": {"url": "https://x"\#(extra)}}], "connections": {}}"#
      },
      "make": { (extra: String) in
        #"{"name": "S", "flow": [{"id": 1, "module": "http:ActionSendData", "version": 3, "parameters": {"url": "https://x"\#(extra)}}], "metadata": {"version": 1}}"#
      },
      "node-red": { (extra: String) in
        #"[{"id": "t1", "type": "tab", "label": "T"}, {"id": "n1", "type": "http request", "z": "t1", "name": "HTTP", "url": "https://x", "x": 1, "y": 1, "wires": [[]]\#(extra.isEmpty ? "" : #", "credentials": {"password": "S3cretPw123"}"#)}]"#
      },
    ]
    for (dialect, flow) in flows {
      try flow("").write(toFile: harness.path("\(dialect)-a.json"), atomically: true, encoding: .utf8)
      try flow(#", "password": "S3cretPw123""#).write(toFile: harness.path("\(dialect)-b.json"), atomically: true, encoding: .utf8)
      for (left, right, sign) in [("a", "b", "+"), ("b", "a", "-")] {
        let printed = try harness.output(of: "diff ${dir}/\(dialect)-\(left).json ${dir}/\(dialect)-\(right).json").standardOutput
        let shown =
          dialect == "node-red" ? printed.contains("no changes") : printed.contains("\(sign) config.parameters.password: (secret)")
        #expect(shown, "\(dialect): \(printed)")
        #expect(!printed.contains("S3cretPw123"), "\(printed)")
      }
    }
  }

  /// A secret by the dialect's own rule in a node's configuration (credential data in an n8n
  /// parameter, a secret-named option of a FlowPort node), which scanning alone would not
  /// find, shows as a changed secret, and its value never: these views leave nodes as
  /// decoded, and the differ stands in for secrets in the nodes it shows.
  @Test(arguments: ["diff", "diff --json", "diff --base ${dir}/a.json"])
  func aSecretByRuleInANodeChangedShowsAsASecret(command: String) throws {
    let harness = try SessionHarness()
    // The scanner takes no value of fewer than four characters for a secret by its name alone.
    for (file, password) in [("a", "s3cr3tOLD"), ("b", "s3cr3tNEW")] {
      let n8n =
        #"{"name": "calls", "nodes": [{"id": "1", "name": "Send", "type": "n8n-nodes-base.httpRequest", "parameters": {"credentials": {"api": {"data": "\#(password)"}}}}], "connections": {}}"#
      try n8n.write(toFile: harness.path("\(file).json"), atomically: true, encoding: .utf8)
      let native =
        #"{"format": "flowport/1", "flow": {"name": "calls"}, "nodes": [{"id": "1", "name": "Send", "type": "sink.http", "config": {"url": "https://api.example.com", "password": "s3\#(file)"}}], "edges": []}"#
      try native.write(toFile: harness.path("native-\(file).json"), atomically: true, encoding: .utf8)
    }
    for prefix in ["", "native-"] {
      let line = command.replacingOccurrences(of: "${dir}/a.json", with: "${dir}/\(prefix)a.json")
      let printed = try harness.output(of: "\(line) ${dir}/\(prefix)a.json ${dir}/\(prefix)b.json").standardOutput
      #expect(printed.contains(command.contains("--json") ? #""secret": true"# : "changed (secret)"), "\(printed)")
      #expect(!printed.contains("s3") && !printed.contains("\u{FFFF}"), "\(printed)")
    }
  }

  /// Credential material an export carries beside its references (n8n's
  /// `credentials.<type>.data` and `oauthTokenData`, a Make connection's `metadata.restore`
  /// data) changed alone shows as a secret change, never its value. Before, the diff said
  /// `no changes`: the references were compared, what they carried was not.
  @Test(arguments: [
    (CanaryFixtures.n8n, "CNRYn8nData02"), (CanaryFixtures.n8n, "CNRYn8nOAuth01"), (CanaryFixtures.make, "CNRYmkConn01"),
  ])
  func credentialMaterialChangedAloneShowsAsASecret(fixture: CanaryFixtures.Fixture, canary: String) throws {
    let harness = try SessionHarness()
    try fixture.text.write(toFile: harness.path("a.json"), atomically: true, encoding: .utf8)
    try fixture.text.replacingOccurrences(of: canary, with: canary + "x").write(
      toFile: harness.path("b.json"), atomically: true, encoding: .utf8)
    for command in ["diff", "diff --json"] {
      let result = try harness.output(of: "\(command) ${dir}/a.json ${dir}/b.json")
      #expect(result.standardOutput.contains(command == "diff" ? "changed (secret)" : #""secret": true"#), "\(result.standardOutput)")
      #expect(!result.standardOutput.contains(canary), "\(result.standardOutput)")
    }
  }

  /// An inline workflow written as a text (n8n's `workflowJson`) carries its credentials' data
  /// as JSON in a string: neither a diff nor an export shows it, as they do not when it is
  /// an object. Before, only its members named as secrets were found.
  @Test func credentialDataInAnInlineWorkflowTextIsASecret() throws {
    let harness = try SessionHarness()
    for (file, token) in [("a", "CNRYinline01"), ("b", "CNRYinline02")] {
      let inner: JSONValue = [
        "nodes": [
          [
            "id": "i1", "name": "Inner", "type": "n8n-nodes-base.httpRequest",
            "credentials": [
              "httpHeaderAuth": ["id": "c1", "name": "hdr", "data": ["name": "Authorization", "value": .string("Token \(token)")]]
            ],
          ]
        ],
        "connections": [:],
      ]
      let outer: JSONValue = [
        "name": "outer", "connections": [:],
        "nodes": [
          [
            "id": "1", "name": "Exec", "type": "n8n-nodes-base.executeWorkflow",
            "parameters": ["workflowJson": .string(JSONWriter().string(inner))],
          ]
        ],
      ]
      try JSONWriter().string(outer).write(toFile: harness.path("\(file).json"), atomically: true, encoding: .utf8)
    }
    for command in ["diff ${dir}/a.json ${dir}/b.json", "diff ${dir}/a.json ${dir}/b.json --json"] {
      let printed = try harness.output(of: command).standardOutput
      #expect(printed.contains("changed (secret)") || printed.contains(#""secret": true"#), "\(printed)")
      #expect(!printed.contains("CNRYinline"), "\(printed)")
    }
    try harness.run("load ${dir}/a.json as a")
    try harness.run("export a to ${dir}/out.json")
    let exported = try String(contentsOfFile: harness.path("out.json"), encoding: .utf8)
    #expect(!exported.contains("CNRYinline") && exported.contains("Exec"), "\(exported)")
  }

  /// A subflow both exports carry, changed on its own, shows under its name, counted with the
  /// flow's nodes; its secrets stand in as the flow's do. Before, such a diff said `no changes`.
  @Test(arguments: ["diff", "diff --json", "diff --stat"])
  func aChangedCarriedSubflowShows(command: String) throws {
    let harness = try SessionHarness()
    for (file, table, password) in [("a", "customers", "pwOLD1"), ("b", "clients", "pwNEW2")] {
      let export = #"""
        {"format": "flowport/1", "flow": {"name": "orders"},
         "nodes": [{"id": "1", "name": "Enrich", "type": "subflow", "config": {"flow": "enrich"}}], "edges": [],
         "dependencies": {"subflows": ["enrich"]},
         "subflowDefinitions": [{"format": "flowport/1", "flow": {"name": "enrich"},
           "nodes": [{"id": "s1", "name": "Lookup", "type": "source.jdbc", "config": {"table": "\#(table)", "password": "\#(password)"}}],
           "edges": []}]}
        """#
      try export.write(toFile: harness.path("\(file).json"), atomically: true, encoding: .utf8)
    }
    let result = try harness.output(of: "\(command) ${dir}/a.json ${dir}/b.json")
    let printed = result.standardOutput
    switch command {
    case "diff":
      #expect(
        printed.contains("~ subflow \"enrich\"\n  ~ node \"Lookup\"\n    ~ config.table: \"customers\" -> \"clients\"\n"), "\(printed)")
      #expect(printed.contains("~ config.password: changed (secret)") && printed.hasSuffix("1 node changed\n"), "\(printed)")
    case "diff --json": #expect(printed.contains(#""subflows": ["#) && printed.contains(#""clients""#), "\(printed)")
    default: #expect(printed.contains(" subflow enrich | 1 node changed\n"), "\(printed)")
    }
    #expect(!printed.contains("pwOLD") && !printed.contains("pwNEW"), "\(printed)")
  }

  /// A side that does not exist (`/dev/null`: a new or deleted file) is an empty flow of the
  /// other side's format: the diff shows what the flow has, not a change of format.
  @Test func aNewFileShowsNoChangeOfFormat() throws {
    let harness = try SessionHarness()
    let export =
      #"{"name": "calls", "nodes": [{"id": "1", "name": "Call", "type": "n8n-nodes-base.httpRequest", "parameters": {}}], "connections": {}}"#
    try export.write(toFile: harness.path("a.json"), atomically: true, encoding: .utf8)
    for command in ["diff /dev/null ${dir}/a.json", "diff ${dir}/a.json /dev/null", "diff --base /dev/null /dev/null ${dir}/a.json"] {
      let printed = try harness.output(of: command).standardOutput
      #expect(printed.contains("Call") && !printed.contains("format"), "\(command): \(printed)")
    }
  }

  /// An export that names no flow is named by its file, so two copies of it under other file
  /// names differ in nothing; one that names its flow against one that does not does differ.
  @Test func aNameTakenFromTheFileIsNoChange() throws {
    let harness = try SessionHarness()
    let unnamed = #"{"nodes": [{"id": "1", "name": "Start", "type": "n8n-nodes-base.manualTrigger", "parameters": {}}], "connections": {}}"#
    try unnamed.write(toFile: harness.path("orders-v1.json"), atomically: true, encoding: .utf8)
    try unnamed.write(toFile: harness.path("orders-v2.json"), atomically: true, encoding: .utf8)
    let named = unnamed.replacingOccurrences(of: #""connections""#, with: #""name": "orders", "connections""#)
    try named.write(toFile: harness.path("named.json"), atomically: true, encoding: .utf8)
    #expect(try harness.output(of: "diff ${dir}/orders-v1.json ${dir}/orders-v2.json").standardOutput.hasSuffix("no changes\n"))
    #expect(harness.failure("diff ${dir}/orders-v1.json").hasPrefix("one side alone is a pending import, compared with its target"))
    #expect(
      try harness.output(of: "diff ${dir}/orders-v1.json ${dir}/named.json").standardOutput.contains(#"name: "orders-v1" -> "orders""#))
  }

  /// An IBM Event Processing node moved on the canvas (its place is in the Elyra pipeline,
  /// `pipelineState`) is no change by default and shows with `--all`, as in the other dialects.
  @Test func anEventProcessingNodeMovedShowsWithAll() throws {
    try #require(Corpus.missingReason == nil, "\(Corpus.missingReason ?? "")")
    let harness = try SessionHarness()
    let original = try #require(
      Corpus.files(withExtension: "json").first { $0.path.contains("/ibm-ep/") && $0.path.hasSuffix("event-processing-flow.json") })
    let text = try String(contentsOf: original, encoding: .utf8)
    let moved = try #require(text.firstRange(of: /"x_pos": -?[0-9.]+/))
    try text.replacingCharacters(in: moved, with: #""x_pos": 12.5"#).write(
      toFile: harness.path("moved.json"), atomically: true, encoding: .utf8)
    #expect(try harness.output(of: "diff '\(original.path)' ${dir}/moved.json").standardOutput.hasSuffix("no changes\n"))
    let all = try harness.output(of: "diff '\(original.path)' ${dir}/moved.json --all").standardOutput
    #expect(all.contains(" -> 12.5\n") && all.contains("~ position.x: "), "\(all)")
  }

  /// A side may be a pipe (`<(git show main:flow.json)`), and so may a file `load` reads: it has
  /// no size, and is read once, to its end.
  @Test func aSideReadFromAPipe() throws {
    let harness = try SessionHarness()
    let printed = try harness.output(of: "diff ${examples}/orders-v1.json '\(try Self.pipe(of: "orders-v2.json", in: harness))'")
    #expect(printed.standardOutput.hasSuffix("2 nodes changed, 1 node added, 1 edge added, 1 other change\n"), "\(printed)")
    try harness.run("workspace new ${dir}/prod.fpsw as prod")
    let loaded = try harness.output(of: "load '\(try Self.pipe(of: "orders-v1.json", in: harness))' into prod")
    #expect(loaded.standardOutput.hasPrefix("staged orders: new flow in prod, 4 nodes"), "\(loaded)")
  }

  /// An export read from a pipe that holds a name a workspace cannot keep is refused at once:
  /// the file is read again to place the name only when it is a file (a named pipe opened
  /// again waited for a writer that never came).
  @Test(.timeLimit(.minutes(1))) func aNameRefusedInAPipeIsNotWaitedFor() throws {
    let harness = try SessionHarness()
    let export = #"{"nodes": [{"name": "B\u0000", "type": "n8n-nodes-base.set", "parameters": {}}], "connections": {}}"#
    let fifo = try Self.pipe(holding: Data(export.utf8), named: "nul.json", in: harness)
    let failure = harness.failure("diff '\(fifo)' ${examples}/orders-v1.json")
    #expect(failure.contains("holds a NUL character"), "\(failure)")
  }

  /// A named pipe in the harness's folder that an example's bytes are written into once.
  private static func pipe(of example: String, in harness: SessionHarness) throws -> String {
    try pipe(holding: Data(contentsOf: Corpus.examples.appendingPathComponent(example)), named: example, in: harness)
  }

  /// A named pipe in the harness's folder that `bytes` are written into once.
  private static func pipe(holding bytes: Data, named name: String, in harness: SessionHarness) throws -> String {
    let fifo = harness.path(name + ".fifo")
    #expect(mkfifo(fifo, 0o600) == 0)
    Thread {
      guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
      handle.write(bytes)
      try? handle.close()
    }.start()
    return fifo
  }

  /// `--label` names the sides in order, two of them or, with `--base`, three; more is a usage
  /// error that says how many.
  @Test func labelsNameTheSidesInOrder() throws {
    let harness = try SessionHarness()
    let files = "${examples}/orders-v1.json ${examples}/orders-v2.json"
    let two = try harness.output(of: "diff \(files) --label test --label prod").standardOutput
    #expect(two.hasPrefix("--- test\n+++ prod\n"), "\(two)")
    let one = try harness.output(of: "diff \(files) --label test").standardOutput
    let header = one.split(separator: "\n").prefix(2)
    #expect(header.first == "--- test" && header.last?.hasSuffix("orders-v2.json") == true, "one label names the left side: \(one)")
    let three = try harness.output(of: "diff --base \(files) ${examples}/orders-v2.json --label b --label t --label n").standardOutput
    #expect(three.hasPrefix("base:   b\ntarget: t\nnew:    n\n"), "\(three)")
    #expect(harness.rendered("diff \(files) --label a --label b --label c") == "diff: --label names two sides at most (see `help diff`)")
    #expect(
      harness.rendered("diff --base \(files) ${examples}/orders-v2.json --label a --label b --label c --label d")
        == "diff: --label names three sides at most: base, target, new (see `help diff`)")
  }

  @Test func aPendingImportAgainstItsTarget() throws {
    let harness = try SessionHarness()
    try harness.commitOrders()
    try harness.run(
      "load ${examples}/orders-v2.json into prod --as-version-of orders", "match --auto", "match finance-db-test finance-db-prod")
    #expect(
      try harness.output(of: "diff orders --stat").standardOutput.hasSuffix(
        "\n2 nodes changed, 1 node added, 1 edge added, 1 other change\n"))
    try harness.run("load ${examples}/payments.json into prod")
    let payments = try harness.output(of: "diff payments --stat").standardOutput
    #expect(payments.hasSuffix("\n4 nodes added, 3 edges added, 3 connections added, 5 other changes\n"), "\(payments)")
  }

  @Test func twoWholeWorkspaces() throws {
    let harness = try SessionHarness()
    try harness.commitOrders()
    try harness.run(
      "workspace new ${dir}/test.fpsw as test", "connection add kafka-prod --type kafka", "connection add finance-db-prod --type jdbc",
      "connection add crm-db --type jdbc", "connection add ledger-api --type http",
      "load ${examples}/orders-v2.json ${examples}/payments.json into test", "match --auto", "match finance-db-test finance-db-prod",
      "commit --yes")
    let workspaces = try harness.output(of: "diff prod test").standardOutput
    #expect(
      workspaces
        == ("""
        --- prod
        +++ test
        + payments (only in test)
        ~ orders: 2 nodes changed, 1 node added, 1 edge added, 1 connection changed
        0 only in prod, 1 only in test, 1 differ, 0 the same

        """))
    #expect(try harness.output(of: "diff prod test --json").standardOutput.contains(#""onlyRight": ["#))
  }

  @Test(.enabled(if: ExternalTool.dot.isInstalled, ExternalTool.dot.missing))
  func anSVGPicture() throws {
    let harness = try SessionHarness()
    try harness.run("diff ${examples}/orders-v1.json ${examples}/orders-v2.json --svg ${dir}/orders.svg")
    let svg = try String(contentsOfFile: harness.path("orders.svg"), encoding: .utf8)
    #expect(svg.contains("<svg") && svg.contains("Audit trail") && svg.contains("#c8f7c5"))
    #expect(
      harness.failure("diff ${examples}/orders-v1.json ${examples}/orders-v2.json --svg ${dir}/nowhere/orders.svg")
        == "\(harness.path("nowhere/orders.svg")): cannot be written: there is no folder \(harness.path("nowhere"))")
  }

  @Test func oneViewAtATime() throws {
    #expect(try SessionHarness().rendered("diff a b --stat --json") == "diff: choose one of --stat, --json (see `help diff`)")
  }

  /// Promotion: prod was built from test's first export and got a hotfix of its own since; the
  /// three-way diff of test's next export lists the hotfix's clash first, then what is whose.
  @Test func threeWayAgainstTheBaseTheTargetWasBuiltFrom() throws {
    let harness = try SessionHarness()
    try harness.commitOrders()
    try Self.write(harness.path("hotfix.json"), from: "orders-v1.json") {
      $0.replacing(#""condition": "amount > 100""#, with: #""condition": "amount > 1000""#)
        .replacing(#""table": "big_orders""#, with: #""table": "big_orders_fixed""#)
    }
    try harness.run("load ${dir}/hotfix.json into prod --as-version-of orders")
    try harness.commitStaged()
    let printed = try harness.output(of: "diff --base ${examples}/orders-v1.json prod:orders ${examples}/orders-v2.json")
      .standardOutput
    let conflicts = try #require(printed.firstRange(of: "conflicts"))
    let targetOnly = try #require(printed.firstRange(of: "changed in the target only"))
    let incoming = try #require(printed.firstRange(of: "incoming"))
    #expect(conflicts.lowerBound < targetOnly.lowerBound && targetOnly.lowerBound < incoming.lowerBound, "\(printed)")
    #expect(printed.contains(#"target ~ config.condition: "amount > 100" -> "amount > 1000""#), "\(printed)")
    #expect(printed.contains(#"new    ~ config.condition: "amount > 100" -> "amount > 500""#), "\(printed)")
    #expect(printed.contains(#"~ config.table: "big_orders" -> "big_orders_fixed""#), "\(printed)")
    #expect(printed.contains(#"+ node "Audit trail" (destination.kafka)"#), "\(printed)")
    #expect(harness.session.lastDiffDiffered == true)
    let json = try JSONParser.parse(
      try harness.output(of: "diff --base ${examples}/orders-v1.json prod:orders ${examples}/orders-v2.json --json").standardOutput)
    #expect(json["conflicts"]?.arrayValue?.first?["target"]?["changes"]?.arrayValue?.first?["path"] == ["config", "condition"])
    try harness.run("diff --base ${examples}/orders-v1.json ${examples}/orders-v1.json ${examples}/orders-v1.json")
    #expect(harness.session.lastDiffDiffered == false)
  }

  @Test func threeWayNeedsBothSidesAndATextView() throws {
    let harness = try SessionHarness()
    #expect(
      harness.rendered("diff --base a.json b.json")
        == "diff: --base compares a target and a new export: diff --base <export> <target> <new> (see `help diff`)")
    #expect(
      harness.rendered("diff --base a.json b.json c.json --stat")
        == "diff: a three-way diff shows as text or --json, not --stat (see `help diff`)")
  }

  /// An import from the file prod's flow was last imported from, after a version came from
  /// elsewhere: the plan and `status` say so and give the three-way diff to run.
  @Test func aPlanSaysWhenTheTargetChangedSinceTheLastImportFromTheSameFile() throws {
    let harness = try SessionHarness()
    try harness.prepareProd()
    let file = harness.path("orders.json")
    try Self.write(file, from: "orders-v1.json") { $0 }
    try harness.run("load ${dir}/orders.json into prod")
    try harness.commitStaged()
    try Self.write(file, from: "orders-v2.json") { $0 }
    try harness.run("load ${dir}/orders.json into prod --as-version-of orders")
    #expect(!(try harness.output(of: "commit --dry-run").standardOutput.contains("changed since")))
    try harness.commitStaged()

    try Self.write(harness.path("hotfix.json"), from: "orders-v2.json") {
      $0.replacing(#""table": "big_orders""#, with: #""table": "big_orders_fixed""#)
    }
    try harness.run("load ${dir}/hotfix.json into prod --as-version-of orders")
    try harness.commitStaged()
    try Self.write(file, from: "orders-v2.json") { $0.replacing(#""amount > 500""#, with: #""amount > 700""#) }
    try harness.run("load ${dir}/orders.json into prod --as-version-of orders")
    let plan = try harness.output(of: "commit --dry-run").standardOutput
    #expect(
      plan.contains(
        "\n    target changed since version 2 was imported from this file: diff --base prod:orders@2 prod:orders orders\n"),
      "\(plan)")
    #expect(
      try harness.output(of: "status").standardOutput.contains("; target changed since version 2 was imported from this file\n"))
    let json = try JSONParser.parse(try harness.output(of: "commit --dry-run --json").standardOutput)
    #expect(json["flows"]?.arrayValue?.first?["changedSince"] == 2)
    let merge = try harness.output(of: "diff --base prod:orders@2 prod:orders orders").standardOutput
    #expect(merge.contains(#"~ config.table: "big_orders" -> "big_orders_fixed""#), "\(merge)")
    #expect(merge.contains(#"~ config.condition: "amount > 500" -> "amount > 700""#), "\(merge)")
  }

  /// Writes the example `name`, edited by `edit`, to `path`.
  private static func write(_ path: String, from name: String, _ edit: (String) -> String) throws {
    let text = String(decoding: try Fixtures.example(name), as: UTF8.self)
    try edit(text).write(toFile: path, atomically: true, encoding: .utf8)
  }
}
