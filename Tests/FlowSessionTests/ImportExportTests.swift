import FlowSession
import FlowTestSupport
import Foundation
import Testing

/// What the five platforms' import and export do, through fps's own commands: file names,
/// versions, credentials, roles, what travels with a flow, and how an import lands.
@Suite(.temporaryFolders) struct ImportExportTests {
  /// test holding notify-fraud-team and fraud-alerts (with its events, forms and rules), committed.
  func testWorkspace() throws -> SessionHarness {
    let harness = try SessionHarness()
    try harness.run(
      "workspace new ${dir}/test.fpsw as test",
      "connection add kafka-test --type kafka --prop bootstrapServers=kafka.test:9092 --secret password=kafka-pw",
      "connection add accounts-db-test --type jdbc --prop url=jdbc:postgresql://db.test/accounts",
      "connection add chat-api-test --type http",
      "load ${examples}/notify-fraud-team.json ${examples}/fraud-alerts.json into test", "match --auto", "commit --yes")
    return harness
  }

  /// A second workspace with connections of the same names, for round trips.
  func prepareCopy(_ harness: SessionHarness) throws {
    try harness.run(
      "workspace new ${dir}/copy.fpsw as copy", "connection add kafka-test --type kafka --prop bootstrapServers=kafka.test:9092 in copy",
      "connection add accounts-db-test --type jdbc --prop url=jdbc:postgresql://db.test/accounts in copy",
      "connection add chat-api-test --type http in copy", "commit --yes in copy")
  }

  /// A flow its export names with nothing is named by its file, as one named not at all, in
  /// FlowPort's JSON and a dialect alike; `--name` refuses an empty name.
  @Test func aFlowNamedWithNothingIsNamedByItsFile() throws {
    let harness = try SessionHarness()
    try harness.prepareProd()
    let native = try String(contentsOf: Corpus.examples.appendingPathComponent("orders-v1.json"), encoding: .utf8)
      .replacingOccurrences(of: #""name": "orders""#, with: #""name": "  ""#)
    #expect(!native.contains(#""name": "orders""#))
    try native.write(toFile: harness.path("unnamed-orders.json"), atomically: true, encoding: .utf8)
    try #"{"name": "", "nodes": [], "connections": {}}"#.write(toFile: harness.path("unnamed-n8n.json"), atomically: true, encoding: .utf8)
    #expect(try harness.output(of: "load ${dir}/unnamed-orders.json into prod").standardOutput.hasPrefix("staged unnamed-orders: new flow"))
    #expect(try harness.output(of: "load ${dir}/unnamed-n8n.json into prod").standardOutput.hasPrefix("staged unnamed-n8n: new flow"))
    #expect(
      harness.failure("load ${dir}/unnamed-n8n.json into prod --name ''").hasPrefix("--name takes the new flow's name, not an empty one"))
  }

  @Test func theDefaultFileNameIsTheFlowsNameAndToOverridesIt() throws {
    let harness = try testWorkspace()
    try harness.run("export fraud-alerts to ${dir}/", "export fraud-alerts to ${dir}/x/renamed.json")
    #expect(FileManager.default.fileExists(atPath: harness.path("fraud-alerts.json")))
    #expect(FileManager.default.fileExists(atPath: harness.path("x/renamed.json")))
    try harness.run("export fraud-alerts --format bundle to ${dir}/", "export fraud-alerts --format sql to ${dir}/")
    #expect(FileManager.default.fileExists(atPath: harness.path("fraud-alerts.zip")))
    #expect(FileManager.default.fileExists(atPath: harness.path("fraud-alerts.sql")))
  }

  @Test func flowsWhoseNamesCannotBeFileNamesEachGetAFileOfTheirOwn() throws {
    let harness = try SessionHarness()
    let long = String(repeating: "x", count: 250)
    let names = ["..", " spaced ", "a/b", "a_b", long + "1", long + "2", "ok"]
    try FileManager.default.createDirectory(atPath: harness.path("in"), withIntermediateDirectories: true)
    for (index, name) in names.enumerated() {
      let json = String(
        decoding: try JSONSerialization.data(withJSONObject: ["format": "flowport/1", "flow": ["name": name], "nodes": []]), as: UTF8.self)
      try json.write(toFile: harness.path("in/\(index).json"), atomically: true, encoding: .utf8)
    }
    try harness.run("workspace new ${dir}/w.fpsw as w", "load ${dir}/in/*.json into w", "commit --yes")
    for name in names { try harness.run("export '\(name)' to ${dir}/out/") }
    let files = try FileManager.default.contentsOfDirectory(atPath: harness.path("out"))
    #expect(files.count == names.count, "no two flows share a file: \(files)")
    #expect(files.contains("a_b.json") && files.contains("ok.json"), "a name that can be a file name is used as it is")
    #expect(files.allSatisfy { !$0.hasPrefix(".") && $0.utf8.count < 255 })
    try harness.run("export a/b to ${dir}/again/")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: harness.path("again")) == files.filter { $0.hasPrefix("a_b-") },
      "the same file at every run")
    #expect(files.contains("a_b-c14cddc0.json"), "and in every release: eight hex digits of SHA-256 of the name")
  }

  /// A copy of an example export with one node renamed, as `name` in the harness's folder: an
  /// export that differs from what a workspace has.
  func changedCopy(of example: String, as name: String, in harness: SessionHarness) throws {
    let text = try String(contentsOf: Corpus.examples.appendingPathComponent(example), encoding: .utf8)
    let changed = text.replacingOccurrences(of: "Per account per minute", with: "Per account each minute")
    #expect(changed != text)
    try changed.write(toFile: harness.path(name), atomically: true, encoding: .utf8)
  }

  @Test func aChosenVersionOrTheCurrentOneIsExported() throws {
    let harness = try testWorkspace()
    let firstBefore = try harness.output(of: "show fraud-alerts@1 --json").standardOutput
    #expect(firstBefore.contains(#""number": 1"#))
    try changedCopy(of: "fraud-alerts.json", as: "changed.json", in: harness)
    try harness.run(
      "load ${dir}/changed.json into test --as-version-of fraud-alerts", "match --auto", "commit --yes",
      "export fraud-alerts@1 to ${dir}/v1.json")
    #expect(
      try harness.output(of: "export fraud-alerts to ${dir}/current.json").standardOutput
        == "wrote \(harness.path("current.json")) (test:fraud-alerts@2 as FlowPort JSON (flowport/1), 7 nodes, 6 edges, with 1 subflow)\n")
    let first = try String(contentsOfFile: harness.path("v1.json"), encoding: .utf8)
    let current = try String(contentsOfFile: harness.path("current.json"), encoding: .utf8)
    #expect(first.contains(#""number": 1"#) && current.contains(#""number": 2"#))
    let firstAfter = try harness.output(of: "show fraud-alerts@1 --json").standardOutput
    #expect(firstAfter == firstBefore, "the first version stays as it was")
  }

  /// Exporting again what a file already holds writes nothing: only the time in its stamp
  /// would differ. A flow that changed since is written anew.
  @Test func anExportOfAnUnchangedFlowLeavesTheFileAsItWas() throws {
    let harness = try testWorkspace()
    try harness.run("export fraud-alerts to ${dir}/fa.json")
    let written = try Data(contentsOf: URL(fileURLWithPath: harness.path("fa.json")))
    Thread.sleep(forTimeInterval: 1.1)
    #expect(
      try harness.output(of: "export fraud-alerts to ${dir}/fa.json").standardOutput
        == "unchanged \(harness.path("fa.json")) (test:fraud-alerts@1 as FlowPort JSON (flowport/1)): it holds this flow already\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: harness.path("fa.json"))) == written)
    try changedCopy(of: "fraud-alerts.json", as: "changed.json", in: harness)
    try harness.run("load ${dir}/changed.json into test --as-version-of fraud-alerts", "match --auto", "commit --yes")
    // A file made private is replaced and stays private.
    #expect(chmod(harness.path("fa.json"), 0o600) == 0)
    #expect(try harness.output(of: "export fraud-alerts to ${dir}/fa.json").standardOutput.hasPrefix("wrote "))
    #expect(try FileManager.default.attributesOfItem(atPath: harness.path("fa.json"))[.posixPermissions] as? Int == 0o600)
  }

  /// A file that holds another flow, or no flow at all, is not replaced without a word (an
  /// empty one is), and a file standing where a folder must be is named.
  @Test func anExportReplacesNoOtherFlowsFile() throws {
    let harness = try testWorkspace()
    try harness.run("export fraud-alerts to ${dir}/fa.json")
    let written = try Data(contentsOf: URL(fileURLWithPath: harness.path("fa.json")))
    #expect(
      harness.failure("export notify-fraud-team to ${dir}/fa.json")
        == "\(harness.path("fa.json")): cannot be written: it holds another flow, 'fraud-alerts', which this export would replace: "
        + "export to another file, or remove it first")
    #expect(try Data(contentsOf: URL(fileURLWithPath: harness.path("fa.json"))) == written)
    #expect(
      harness.failure("export notify-fraud-team to ${dir}/fa.json/n.json")
        == "\(harness.path("fa.json/n.json")): cannot be written: \(harness.path("fa.json")) is a file, not a folder")
    try #"{"name": "my-app", "version": "1.0.0"}"#.write(toFile: harness.path("package.json"), atomically: true, encoding: .utf8)
    #expect(
      harness.failure("export notify-fraud-team to ${dir}/package.json")
        == "\(harness.path("package.json")): cannot be written: it is not an export of a flow, and this export would replace it: "
        + "export to another file, or remove it first")
    #expect(try String(contentsOfFile: harness.path("package.json"), encoding: .utf8) == #"{"name": "my-app", "version": "1.0.0"}"#)
    try "".write(toFile: harness.path("empty.json"), atomically: true, encoding: .utf8)
    #expect(try harness.output(of: "export notify-fraud-team to ${dir}/empty.json").standardOutput.hasPrefix("wrote "))
    // Flink SQL is not read back: its first line says which flow it is for.
    try harness.run("export fraud-alerts --format sql to ${dir}/fa.sql")
    // Written anew, or left as it was within the second of the first (its stamp is the same).
    let again = try harness.output(of: "export fraud-alerts --format sql to ${dir}/fa.sql").standardOutput
    #expect(again.hasPrefix("wrote ") || again.hasPrefix("unchanged "), "\(again)")
    #expect(harness.failure("export notify-fraud-team to ${dir}/fa.sql").contains("it holds another flow, 'fraud-alerts'"))
  }

  /// A file written with secrets the scanner finds in clear says so, and where; `--redact`
  /// writes none.
  @Test func anExportSaysWhichSecretsItHoldsInClear() throws {
    let harness = try SessionHarness()
    let flow = #"""
      {"name": "backup", "nodes": [{"id": "a", "name": "Dump", "type": "n8n-nodes-base.executeCommand", "typeVersion": 1,
        "position": [0, 0], "parameters": {"command": "sshpass -p S3cretPw9 ssh db pg_dump app"}}], "connections": {}}
      """#
    try flow.write(toFile: harness.path("backup.json"), atomically: true, encoding: .utf8)
    try harness.run("load ${dir}/backup.json")
    #expect(
      try harness.output(of: "export backup to ${dir}/out.json").standardError
        == "warning: \(harness.path("out.json")) holds 1 secret found in clear (nodes[0].parameters.command); export --redact replaces them\n"
    )
    #expect(try harness.output(of: "export backup --redact to ${dir}/redacted.json").standardError == "")
  }

  @Test func thePlanListsEveryFlowNodeDependencyAndBinding() throws {
    let harness = try testWorkspace()
    try prepareCopy(harness)
    try harness.run("export test:fraud-alerts to ${dir}/fa.json", "load ${dir}/fa.json into copy", "match --auto")
    let plan = try harness.output(of: "commit --dry-run --verbose").standardOutput
    for line in [
      "\n  create flow fraud-alerts: 7 nodes, 2 bindings (", "\n      + \"Per account per minute\" (aggregate)\n",
      "binds kafka-test (kafka) -> kafka-test [same name and type]", "create event 'FraudSuspected'", "create form 'fraud-review'",
      "create rule 'review-threshold'", "carries 2 variables, 2 environment variables, 1 guardrail, 1 SLA goal, a schedule, async mode",
      "\n  create flow notify-fraud-team: ", "\ntotal: 2 flows created\ndry run: nothing was written\n",
    ] {
      #expect(plan.contains(line), "the plan lacks: \(line)")
    }
    #expect(try harness.output(of: "show fraud-alerts").standardOutput.contains("conditions on steps: Alert"))
  }

  @Test func credentialsOnlyWhenAskedForWithAWarningAndAPrivateFile() throws {
    let harness = try testWorkspace()
    #expect(try harness.output(of: "export fraud-alerts to ${dir}/plain.json").standardError == "")
    let plain = try String(contentsOfFile: harness.path("plain.json"), encoding: .utf8)
    #expect(!plain.contains("kafka-pw") && !plain.contains("test-token-not-real"))
    let written = try harness.output(of: "export fraud-alerts to ${dir}/secret.json --with-credentials")
    let secret = try String(contentsOfFile: harness.path("secret.json"), encoding: .utf8)
    #expect(secret.contains(#""password": "kafka-pw""#) && secret.contains("test-token-not-real"))
    let mode = try FileManager.default.attributesOfItem(atPath: harness.path("secret.json"))[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(written.standardError.contains("secret.json holds credentials in clear"))
    // Exported again, the private file already holds it; made readable by others, it is written anew, private.
    #expect(
      try harness.output(of: "export fraud-alerts to ${dir}/secret.json --with-credentials").standardOutput.hasPrefix("unchanged"))
    #expect(chmod(harness.path("secret.json"), 0o644) == 0)
    #expect(try harness.output(of: "export fraud-alerts to ${dir}/secret.json --with-credentials").standardOutput.hasPrefix("wrote"))
    #expect(try FileManager.default.attributesOfItem(atPath: harness.path("secret.json"))[.posixPermissions] as? Int == 0o600)
    #expect(harness.failure("export fraud-alerts --format bundle --with-credentials").contains("never carries credentials"))
  }

  @Test func viewersCannotExportOrCommitAndAreToldSo() throws {
    let owner = try testWorkspace()
    try owner.run("member add vera viewer", "member add ed editor", "commit --yes")
    #expect(try owner.output(of: "member list").standardOutput == "ed\teditor\ntester\towner\nvera\tviewer\n")
    let viewer = try SessionHarness(user: "vera", in: owner.folder)
    try viewer.run("load ${dir}/test.fpsw", "show fraud-alerts", "diff fraud-alerts@1 fraud-alerts")
    #expect(
      viewer.failure("export fraud-alerts to ${dir}/v.json")
        == "vera is a viewer of test: a viewer cannot export it; ask an owner (tester)")
    try viewer.run("load ${examples}/fraud-alerts.json into test --name copy", "match --auto")
    #expect(viewer.failure("commit --yes") == "vera is a viewer of test: a viewer cannot commit it; ask an owner (tester)")
    #expect(
      viewer.failure("member add vera owner") == "vera is a viewer of test: a viewer cannot change the members of it; ask an owner (tester)"
    )
    let stranger = try SessionHarness(user: "mallory", in: owner.folder)
    try stranger.run("load ${dir}/test.fpsw")
    #expect(stranger.failure("export fraud-alerts").hasPrefix("mallory is not a member of test"))
    let editor = try SessionHarness(user: "ed", in: owner.folder)
    try editor.run("load ${dir}/test.fpsw", "load ${examples}/fraud-alerts.json into test --name copy", "match --auto")
    #expect(try editor.output(of: "commit --yes").standardOutput.hasSuffix("  created flow copy@1\ncommitted #3 to test: 1 created flow\n"))

    #expect(owner.failure("member add tester editor").hasPrefix("tester is the last owner of test"))
    #expect(owner.failure("member remove tester").hasPrefix("tester is the last owner of test"))
    // The editor committed since this session opened the workspace: its commit is refused, and
    // a session that opens it now can write.
    try owner.run("member remove vera")
    #expect(
      owner.failure("commit --yes").hasSuffix(
        "was changed by another process since it was opened; nothing was written (run the command again: it plans against what is there now)"
      ))
    let fresh = try SessionHarness(in: owner.folder)
    try fresh.run("load ${dir}/test.fpsw", "member remove vera", "commit --yes")
    #expect(try fresh.output(of: "member list").standardOutput == "ed\teditor\ntester\towner\n")
  }

  @Test func subflowsTravelRecursivelyOnceEachAndCyclesAreReported() throws {
    let harness = try testWorkspace()
    try harness.run("export fraud-alerts to ${dir}/fa.json")
    let exported = try String(contentsOfFile: harness.path("fa.json"), encoding: .utf8)
    #expect(exported.contains(#""subflowDefinitions""#) && exported.contains(#""name": "notify-fraud-team""#))
    try prepareCopy(harness)
    #expect(
      try harness.output(of: "load ${dir}/fa.json into copy").standardOutput.contains(
        "staged notify-fraud-team: new flow in copy"))
    try harness.run("match --auto")
    #expect(
      try harness.output(of: "commit --yes in copy").standardOutput.hasSuffix(
        """
          created flow fraud-alerts@1
          created flow notify-fraud-team@1
          added event FraudSuspected
          added form fraud-review
          added rule review-threshold
        committed #2 to copy: 2 created flows, 1 added event, 1 added form, 1 added rule

        """))
    // Again, changed, into a target that has the subflow: reused, not staged.
    let changed = try String(contentsOfFile: harness.path("fa.json"), encoding: .utf8)
      .replacingOccurrences(of: "Per account per minute", with: "Per account each minute")
    try changed.write(toFile: harness.path("fa2.json"), atomically: true, encoding: .utf8)
    try harness.run("load ${dir}/fa2.json into copy --as-version-of fraud-alerts", "match --auto")
    let again = try harness.output(of: "commit --dry-run in copy").standardOutput
    #expect(again.contains("    reuse subflow 'notify-fraud-team'\n"))
    #expect(again.contains("    reuse event 'FraudSuspected'\n"))
    #expect(!again.contains("create flow \"notify-fraud-team\""))

    // A cycle: a calls b, b calls a.
    let folder = harness.folder
    for (name, calls) in [("a", "b"), ("b", "a")] {
      try #"{"format": "flowport/1", "flow": {"name": "\#(name)"}, "nodes": [], "dependencies": {"subflows": ["\#(calls)"]}}"#
        .write(to: folder.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
    }
    try harness.run("load ${dir}/a.json ${dir}/b.json into test", "commit --yes in test")
    let cyclic = try harness.output(of: "export test:a to ${dir}/a-out.json")
    #expect(cyclic.standardError.contains("subflow cycle a -> b -> a: each flow is exported once"))
    #expect(cyclic.standardOutput.contains("with 1 subflow"))
  }

  @Test func eventsAreReusedWhenIdenticalAndAConflictWhenNot() throws {
    let harness = try testWorkspace()
    let changed = try String(contentsOf: Corpus.examples.appendingPathComponent("fraud-alerts.json"), encoding: .utf8)
      .replacingOccurrences(of: #""action": "string" }"#, with: #""action": "number" }"#)
    try changed.write(toFile: harness.path("changed.json"), atomically: true, encoding: .utf8)
    try harness.run("load ${dir}/changed.json into test --name other", "match --auto")
    #expect(
      harness.failure("commit --yes").contains(
        "other: event 'FraudSuspected' differs from the one of that name in the target; align them or rename one"))
    try harness.run("discard other", "load ${examples}/fraud-alerts.json into test --name same", "match --auto")
    let committed = try harness.output(of: "commit --yes").standardOutput
    #expect(committed.contains("    reuse event 'FraudSuspected'\n"))
    #expect(
      committed.hasSuffix("\n  created flow same@1\ncommitted #2 to test: 1 created flow\n"), "the identical event is not added again")
  }

  @Test func importedNodesKeepTheirNamesGetNewIdsAndTheCommitDate() throws {
    let harness = try testWorkspace()
    let stored = try harness.output(of: "show fraud-alerts --json").standardOutput
    #expect(stored.contains(#""name": "Payments""#) && !stored.contains(#""id": "p1""#))
    #expect(!stored.contains("2026-11-02T10:00:00Z"), "the published date is the commit's, not the export's")
    let diff = try harness.output(of: "diff ${examples}/fraud-alerts.json fraud-alerts --stat").standardOutput
    #expect(diff == " accounts-db-test | 1 property\n1 connection changed\n", "only the bound connection's properties differ: \(diff)")
  }

  @Test func aNameCollisionSuggestsNameOrAsVersionOf() throws {
    let harness = try testWorkspace()
    #expect(
      harness.failure("load ${examples}/fraud-alerts.json into test")
        == "test already has a flow named 'fraud-alerts': load with `--as-version-of fraud-alerts` to add a version, or `--name <new name>` to create another flow"
    )
  }

  @Test func bundlesAndJSONRoundTripIntoASecondWorkspace() throws {
    let harness = try testWorkspace()
    try prepareCopy(harness)
    try harness.run(
      "export test:fraud-alerts to ${dir}/rt.zip --format bundle", "load ${dir}/rt.zip into copy", "match --auto", "commit --yes in copy")
    for flow in ["fraud-alerts", "notify-fraud-team"] {
      let diff = try harness.output(of: "diff test:\(flow) copy:\(flow)").standardOutput
      #expect(diff.hasSuffix("\nno changes\n"), "\(diff)")
    }
  }

  @Test func malformedCallsOfTheNewCommandsAreUsageErrorsThatSayWhatIsExpected() throws {
    let harness = try testWorkspace()
    #expect(
      harness.rendered("member add ana superuser")
        == "member add: unknown role 'superuser'; use owner, editor or viewer (see `help member`)"
    )
    #expect(harness.rendered("member promote ana") == "member: unknown action 'promote'; use list, add or remove (see `help member`)")
    #expect(harness.failure("member add ana").contains("the role (owner, editor or viewer)"))
    #expect(harness.rendered("validate fraud-alerts --for json") == "validate: --for takes bundle or sql, got 'json' (see `help validate`)")
    #expect(harness.failure("validate").contains("the flow to validate"))
    #expect(harness.rendered("export fraud-alerts --format zip").hasPrefix("export: unknown format 'zip'; known: json, n8n"))
  }

  @Test func validateListsEveryFindingAndExportWritesNothing() throws {
    let harness = try SessionHarness()
    let message = harness.failure("validate ${examples}/orders-v1.json --for sql")
    #expect(message.contains("node 'Orders in' (source.kafka) is not configured: missing schema"))
    #expect(message.contains("node 'Finance table' (destination.jdbc) is not configured: missing schema"))
    #expect(harness.failure("export ${examples}/orders-v1.json --format bundle to ${dir}/o.zip").contains("nothing was written"))
    #expect(!FileManager.default.fileExists(atPath: harness.path("o.zip")))
    #expect(
      try harness.output(of: "validate ${examples}/fraud-alerts.json --for sql").standardOutput
        == "\(Corpus.examples.path)/fraud-alerts.json: ready for Flink SQL export (7 nodes, 6 edges)\n")
  }
}
