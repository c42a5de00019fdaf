import FlowSession
import FlowTestSupport
import Foundation
import Testing

@Suite(.temporaryFolders) struct CommandTests {
  @Test func theWholeLoop() throws {
    let harness = try SessionHarness()
    try harness.prepareProd()
    try harness.run("load ${examples}/orders-v1.json into prod")
    #expect(harness.session.prompt == "fps prod (1 pending)> ")
    #expect(
      harness.failure("commit --yes").hasPrefix(
        "2 problems block the commit to prod; nothing was written:\n  - orders: connection reference 'kafka-test' (kafka) is unmatched\n  - orders: connection reference 'finance-db-test' (jdbc) is unmatched"
      ))
    let matched = try harness.output(of: "match --auto").standardOutput
    #expect(matched.contains("orders: kafka-test -> kafka-prod [only kafka connection]\n"))
    #expect(matched.contains("  unmatched: orders: finance-db-test (jdbc)"))
    try harness.run("match finance-db-test finance-db-prod")
    #expect(
      try harness.output(of: "commit -m first --yes").standardOutput.hasSuffix(
        "\n  created flow orders@1\ncommitted #2 to prod: 1 created flow\n"))
    #expect(harness.session.prompt == "fps prod> ")

    try harness.run(
      "load ${examples}/orders-v2.json into prod --as-version-of orders", "match --auto", "match finance-db-test finance-db-prod",
      "commit --yes")
    #expect(try harness.output(of: "list versions orders --json").standardOutput.contains(#""flow": "orders","#))
    try harness.run("export orders@1 to ${dir}/out/")
    let exported = try String(contentsOfFile: harness.path("out/orders.json"), encoding: .utf8)
    #expect(exported.contains(#""name": "kafka-prod""#))
    #expect(!exported.contains("pw"))
  }

  @Test func matchListsRankedCandidatesOfTheSameTypeFirst() throws {
    let harness = try SessionHarness()
    try harness.stageOrders()
    #expect(
      try harness.output(of: "match").standardOutput.contains(
        "  finance-db-test (jdbc) unmatched; candidates: finance-db-prod, analytics-db"))
  }

  @Test func bindingRefusesTheWrongType() throws {
    let harness = try SessionHarness()
    try harness.stageOrders()
    #expect(harness.failure("match kafka-test analytics-db") == "'kafka-test' needs a kafka connection, but 'analytics-db' is jdbc")
    #expect(
      harness.failure("match kafka-tst kafka-prod").hasPrefix(
        "no connection reference in the pending imports named 'kafka-tst' (did you mean 'kafka-test'?)"))
  }

  /// A line brought back from history has `***` where its secret was: run again, it must not
  /// store `***` as the secret.
  @Test func aSecretMaskedByHistoryIsRefused() throws {
    let harness = try SessionHarness()
    try harness.run("workspace new ${dir}/prod.fpsw as prod")
    #expect(
      harness.failure("connection add k --type kafka --secret password=***")
        == "the value of secret 'password' is ***, as history keeps it: give the secret itself, or `--secret password` to be asked (see `help connection`)"
    )
  }

  @Test func nameCollisionsAreRefused() throws {
    let harness = try SessionHarness()
    try harness.stageOrders()
    #expect(
      harness.failure("load ${examples}/orders-v2.json into prod as other")
        == "the pending import 'orders' already creates flow 'orders' in prod: commit it first and load with `--as-version-of orders`, or use `--name <new name>`"
    )
    try harness.run("load ${examples}/orders-v2.json into prod --name orders2")
    #expect(
      harness.failure("load ${examples}/payments.json into prod as orders2")
        == "an import named 'orders2' is already pending; load with `as <other name>`, or `discard orders2` first")
    try harness.run("discard --all", "load ${examples}/orders-v1.json into prod")
    try harness.commitStaged()
    #expect(
      harness.failure("load ${examples}/orders-v2.json into prod")
        == "prod already has a flow named 'orders': load with `--as-version-of orders` to add a version, or `--name <new name>` to create another flow"
    )
  }

  /// Flows a bulk load finds in the target already are said once, with the option that stages
  /// them, then listed one a line: a migration run again without it met one refusal per flow.
  @Test func flowsInTheTargetAlreadyAreListedUnderOneAdvice() throws {
    let harness = try SessionHarness()
    try harness.commitOrders()
    let again = harness.path("again")
    try FileManager.default.createDirectory(atPath: again, withIntermediateDirectories: true)
    for file in ["orders-v2.json", "payments.json"] {
      try FileManager.default.copyItem(atPath: Corpus.examples.appendingPathComponent(file).path, toPath: "\(again)/\(file)")
    }
    #expect(
      harness.failure("load ${dir}/again into prod")
        == "1 of 2 flows are in prod already; nothing was staged. Load with `--on-conflict version` to stage each as its flow's "
        + "next version (one that has not changed is skipped at commit), `--on-conflict skip` to leave them out, or "
        + "`--on-conflict rename` to create flows named after their files:\n"
        + "  orders (\(again)/orders-v2.json)")
    try harness.run("load ${dir}/again into prod --on-conflict version")
  }

  /// A flow first loaded under a name of its own (`--name`) is unchanged when its export is
  /// loaded again as its next version: the export's name is not the flow's.
  @Test func aFlowLoadedUnderAnotherNameIsUnchangedWhenLoadedAgain() throws {
    let harness = try SessionHarness()
    try harness.prepareProd()
    try harness.run("load ${examples}/orders-v1.json into prod --name orders-eu")
    try harness.commitStaged()
    try harness.run("load ${examples}/orders-v1.json into prod --as-version-of orders-eu", "match --auto")
    try harness.run("match finance-db-test finance-db-prod")
    let commit = try harness.output(of: "commit --yes").standardOutput
    #expect(commit.hasSuffix("nothing to write: 1 unchanged\n"), "\(commit)")
  }

  /// A Node-RED flow whose config node changed (a broker's host) is a new version, not skipped
  /// as unchanged: the plan compares what `diff` does, connection objects too.
  @Test func aChangedConfigNodeIsWrittenAndAnUnchangedOneIsNot() throws {
    let harness = try SessionHarness()
    func write(host: String) throws {
      let flow = """
        [{"id":"t1","type":"tab","label":"Flow 1"},
         {"id":"b1","type":"mqtt-broker","name":"Plant broker","broker":"\(host)","port":"1883"},
         {"id":"n1","type":"mqtt in","z":"t1","name":"in","topic":"a","broker":"b1","wires":[[]]}]
        """
      try Data(flow.utf8).write(to: harness.folder.appendingPathComponent("plant.json"))
    }
    try write(host: "mqtt.test.local")
    try harness.run(
      "workspace new ${dir}/plant.fpsw as plant", "connection add Plant-broker --type mqtt-broker --prop id=b1",
      "load ${dir}/plant.json into plant", "match --auto", "commit --yes")
    try harness.run("load ${dir}/plant.json into plant --on-conflict version", "match --auto")
    #expect(try harness.output(of: "commit --yes").standardOutput.hasSuffix("nothing to write: 1 unchanged\n"))
    try write(host: "mqtt.prod.local")
    try harness.run("load ${dir}/plant.json into plant --on-conflict version", "match --auto")
    let commit = try harness.output(of: "commit --yes").standardOutput
    #expect(commit.contains("add version 2 to Flow 1: 1 connection changed"), "\(commit)")
  }

  @Test func diffBetweenAnExportAndAWorkspaceFlow() throws {
    let harness = try SessionHarness()
    try harness.commitOrders()
    let diff = try harness.output(of: "diff prod:orders ${examples}/orders-v2.json --stat").standardOutput
    #expect(diff.hasSuffix("\n2 nodes changed, 1 node added, 1 edge added, 2 connections changed, 1 other change\n"), "\(diff)")
  }

  @Test func badFilesNameFileAndPosition() throws {
    let harness = try SessionHarness()
    try Data("{\n  \"format\": \"flowport/1\",\n  \"flow\": {\"name\": \"x\"\n".utf8).write(
      to: harness.folder.appendingPathComponent("truncated.json"))
    try Data([0x00, 0xFF, 0x10]).write(to: harness.folder.appendingPathComponent("binary.json"))
    try Data().write(to: harness.folder.appendingPathComponent("empty.json"))
    #expect(
      harness.failure("load ${dir}/truncated.json")
        == "\(harness.path("truncated.json")):4:1: expected ',' or '}' in object, found the end of the text (is the file truncated?)")
    #expect(
      harness.failure("load ${dir}/binary.json")
        == "\(harness.path("binary.json")):1:1: this is a binary file, not a flow export (a NUL byte here)")
    #expect(harness.failure("load ${dir}/empty.json") == "\(harness.path("empty.json")):1:1: the document is empty")
    #expect(harness.failure("load ${dir}/missing.json") == "\(harness.path("missing.json")): no such file or directory")
    #expect(
      harness.failure("load ${dir}/missing.json ${dir}/empty.json ${dir}/nowhere.json ${dir}/*.yaml")
        == """
        3 of the names given find nothing; nothing was staged:
          \(harness.path("missing.json")): no such file or directory
          \(harness.path("nowhere.json")): no such file or directory
          \(harness.path("*.yaml")): no files match
        """)
    #expect(harness.failure("show ${dir}") == "\(harness.folder.path) is a directory; give a file")
  }

  @Test func bulkLoadStagesAllOrNothing() throws {
    let harness = try SessionHarness()
    try harness.prepareProd()
    try Data("not json".utf8).write(to: harness.folder.appendingPathComponent("bad.json"))
    try FileManager.default.copyItem(
      atPath: Corpus.examples.appendingPathComponent("payments.json").path, toPath: harness.path("payments.json"))
    let message = harness.failure("load ${dir} into prod")
    #expect(
      message.hasPrefix(
        "1 of 2 files could not be loaded; nothing was staged:\n  \(harness.path("bad.json")):1:1: expected 'null', found 'not'"))
    #expect(try harness.output(of: "status").standardOutput.hasSuffix("\nnothing pending\n"))
    // A flow name that repeats among the files that did read is said in the same run.
    try FileManager.default.copyItem(atPath: harness.path("payments.json"), toPath: harness.path("payments-copy.json"))
    #expect(
      harness.failure("load ${dir} into prod").hasSuffix(
        "\nand 1 flow name repeats (`--on-conflict rename` names the later ones after their files):\n"
          + "  'payments' in \(harness.path("payments-copy.json")) and \(harness.path("payments.json"))"))
    try harness.run(#"load "${examples}/orders-*.json""#)
    #expect(
      try harness.output(of: "list exports").standardOutput
        == ("orders  \(Corpus.examples.path)/orders-v1.json (json)\norders-v2  \(Corpus.examples.path)/orders-v2.json (json)\n"))
  }

  /// A named pipe in a folder or among a pattern's matches is passed over: reading it would
  /// wait for a writer forever (the time limit fails the test rather than hang it). Named
  /// itself, a pipe is read (`load <(cat x.json)`); a device or a socket is refused.
  @Test(.timeLimit(.minutes(1))) func aFoldersPipesAreNotReadAsExports() throws {
    let harness = try SessionHarness()
    try FileManager.default.createDirectory(atPath: harness.path("in"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Corpus.examples.appendingPathComponent("payments.json").path, toPath: harness.path("in/payments.json"))
    #expect(mkfifo(harness.path("in/stuck.json"), 0o600) == 0)
    let folder = try harness.output(of: "load ${dir}/in")
    #expect(folder.standardError.contains("passed over a named pipe, socket or device, not exports: \(harness.path("in/stuck.json"))"))
    try harness.run(#"load "${dir}/in/*.json""#)
    #expect(try harness.output(of: "list exports").standardOutput == "payments  \(harness.path("in/payments.json")) (json)\n")
    // A socket named itself is said to be one.
    let socketPath = harness.path("in/sock.json")
    let listening = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(listening) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { socketPath.utf8CString.withUnsafeBytes($0.copyMemory) }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listening, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    #expect(bound == 0)
    #expect(harness.failure("load ${dir}/in/sock.json").hasSuffix("cannot be read: it is a socket, not a file or a pipe"))
    // A device is said to be one at once: /dev/zero read to its end took all the memory there was.
    for device in ["/dev/zero", "/dev/urandom"] {
      #expect(harness.failure("load \(device)").hasSuffix("cannot be read: it is a device, not a file or a pipe"))
    }
    // A link back up the tree is not followed round and round.
    try FileManager.default.createSymbolicLink(atPath: harness.path("in/up"), withDestinationPath: "..")
    let loaded = try harness.output(of: "load ${dir}/in").standardOutput
    #expect(loaded.components(separatedBy: "loaded payments").count == 2, "\(loaded)")
  }

  /// A folder reached both by its path and by a link (`latest -> 2024`) is read by its path,
  /// whatever order the folder lists them in; a link back up the tree is not followed.
  @Test func aLinkedFolderIsReadOnceByItsOwnPath() throws {
    let harness = try SessionHarness()
    let root = harness.path("tree")
    try FileManager.default.createDirectory(atPath: root + "/2024/q1", withIntermediateDirectories: true)
    for file in ["2024/a.json", "2024/q1/b.json"] {
      #expect(FileManager.default.createFile(atPath: "\(root)/\(file)", contents: Data("[]".utf8)))
    }
    for (link, target) in [("latest", "2024"), ("0-first", "2024/q1"), ("2024/q1/up", "../..")] {
      try FileManager.default.createSymbolicLink(atPath: "\(root)/\(link)", withDestinationPath: target)
    }
    // The files are no exports: the refusal lists each path read.
    let refusal = harness.failure("load ${dir}/tree")
    #expect(refusal.hasPrefix("2 of 2 files could not be loaded"), "\(refusal)")
    #expect(refusal.contains("\(root)/2024/a.json:") && refusal.contains("\(root)/2024/q1/b.json:"), "\(refusal)")
  }

  @Test func commitWithNothingPendingAndWithoutWorkspace() throws {
    let harness = try SessionHarness()
    #expect(
      harness.failure("commit") == "no workspace is open: create one with `workspace new <file.fpsw>` or open one with `load <file.fpsw>`")
    try harness.prepareProd()
    #expect(harness.failure("commit") == "nothing is pending for prod: stage exports with `load <file> into prod`")
  }

  /// Ctrl-C while a commit's plan is made (seconds, for thousands of flows) stops it before a
  /// write: exit status 130, and the imports still pending.
  @Test func aCommitInterruptedBeforeItWritesWritesNothing() throws {
    let harness = try SessionHarness()
    try harness.stageOrders()
    try harness.run("match --auto", "match finance-db-test finance-db-prod")
    harness.session.isCancelled = { true }
    do {
      try harness.session.execute("commit --yes -m interrupted")
      Issue.record("the commit should have been interrupted")
    } catch {
      #expect(error.message == "interrupted (Ctrl-C): nothing was written to \(harness.path("prod.fpsw"))")
      #expect(error.exitStatus == 130)
    }
    // Ctrl-C once the plan is made, while the versions are written: the store rolls back.
    let asked = Recorder<Int>()
    harness.session.isCancelled = {
      asked.record(1)
      return asked.all.count > 1
    }
    #expect(harness.failure("commit --yes -m interrupted") == "interrupted (Ctrl-C): nothing was written to \(harness.path("prod.fpsw"))")
    #expect(asked.all.count == 2, "asked once of the plan, once after the first version written")
    harness.session.isCancelled = { false }
    #expect(try harness.output(of: "log").standardOutput.contains("interrupted") == false)
    #expect(harness.session.prompt == "fps prod (1 pending)> ")
  }

  /// Ctrl-C while a diff reads or compares its sides ends it before it prints, two sides or
  /// three: only reading a pipe asked, and a large diff ran on to print everything (a script
  /// ending with it exited 0).
  @Test func aDiffInterruptedWhileItRunsPrintsNothing() throws {
    let harness = try SessionHarness()
    let examples = Corpus.examples.path
    harness.session.isCancelled = { true }
    for line in [
      "diff \(examples)/orders-v1.json \(examples)/orders-v2.json",
      "diff --base \(examples)/orders-v1.json \(examples)/orders-v2.json \(examples)/orders-v1.json",
    ] {
      let (printed, error) = harness.capture { try harness.session.execute(line) }
      let failure = error as? CommandFailure
      #expect(failure?.message == "interrupted (Ctrl-C)", "\(line)")
      #expect(failure?.exitStatus == 130)
      #expect(printed.standardOutput == "", "\(line)")
    }
  }

  /// Ctrl-C during a load stops it before the next file, even among the few of one batch, and
  /// stages nothing.
  @Test func aLoadInterruptedReadsNoFurtherFile() throws {
    let harness = try SessionHarness()
    let folder = harness.path("exports")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for index in 1...6 {
      try FileManager.default.copyItem(
        atPath: Corpus.examples.appendingPathComponent("orders-v1.json").path, toPath: folder + "/orders-\(index).json")
    }
    let asked = Recorder<Int>()
    harness.session.isCancelled = {
      asked.record(1)
      return asked.all.count > 1
    }
    #expect(harness.failure("load '\(folder)/*.json'").hasPrefix("interrupted (Ctrl-C)"))
    #expect(asked.all.count == 6, "asked before each of the six files (one batch); the batch interrupted is thrown away")
    harness.session.isCancelled = { false }
    #expect(try harness.output(of: "list exports").standardOutput == "no exports\n")
  }

  /// Ctrl-C once a script's last command has run, before the empty line after its last
  /// newline or a comment, interrupts nothing: the script succeeded.
  @Test func anInterruptAfterAScriptsLastCommandInterruptsNothing() throws {
    let harness = try SessionHarness()
    let asked = Recorder<Int>()
    harness.session.isCancelled = {
      asked.record(1)
      return asked.all.count > 1
    }
    let script = harness.path("s.fps")
    try "echo one\n\n  # done\n".write(toFile: script, atomically: true, encoding: .utf8)
    let (printed, error) = harness.output(ofScript: script)
    #expect(error == nil)
    #expect(printed.standardOutput == "one\n")
    #expect(asked.all.count == 1)
  }

  @Test func scriptsStopAtTheFirstFailureWithFileAndLine() throws {
    let harness = try SessionHarness()
    let script = harness.path("s.fps")
    try "# comment\necho one \\\n  two\nload nowhere.json\necho never\n".write(toFile: script, atomically: true, encoding: .utf8)
    let (printed, error) = harness.output(ofScript: script)
    let failure = try #require(error as? CommandFailure, "the script should fail")
    #expect(failure.description == "\(script):4: load: nowhere.json: no such file or directory")
    #expect(printed == Printed(standardOutput: "one two\n"))
  }

  /// Backslashes at a line's end escape each other as the tokenizer reads them: an odd number
  /// continues the line (`\\\` is a backslash, then a continuation), an even one does not.
  @Test func anOddNumberOfTrailingBackslashesContinuesTheLine() throws {
    let harness = try SessionHarness()
    let script = harness.path("s.fps")
    try "echo a\\\\\\\necho b\necho c\\\\\necho d\n".write(toFile: script, atomically: true, encoding: .utf8)
    let (printed, error) = harness.output(ofScript: script)
    #expect(error == nil)
    #expect(printed.standardOutput == "a\\ echo b\nc\\\nd\n")
  }

  /// A `\` that ends a comment is the comment's, as in a shell: the next line is a command of
  /// its own (it was swallowed into the comment). A `#` in quotes, even in a quote opened on
  /// the line before, or `#4` after the first word, starts none, and the line continues.
  @Test func aBackslashEndingACommentContinuesNothing() throws {
    let harness = try SessionHarness()
    let script = harness.path("s.fps")
    let lines = [
      "echo a  # a note \\", "echo b", "echo \"c # d\" \\", "e", "echo 'f \\", "# g' \\", "h", "echo i #4 \\", "j",
      "# echo k \\", "echo l",
    ]
    try (lines.joined(separator: "\n") + "\n").write(toFile: script, atomically: true, encoding: .utf8)
    let (printed, error) = harness.output(ofScript: script)
    #expect(error == nil)
    #expect(printed.standardOutput == "a\nb\nc # d e\nf  # g h\ni #4 j\nl\n")
  }

  /// A NUL on a line that continues another is said at its own line and column, not at the
  /// column it would have in the joined command.
  @Test func aNULOnAContinuedLineIsSaidWhereItStands() throws {
    let harness = try SessionHarness()
    let script = harness.path("s.fps")
    try "echo one \\\nec\u{0}ho two\n".write(toFile: script, atomically: true, encoding: .utf8)
    let (printed, error) = harness.output(ofScript: script)
    #expect(error != nil)
    #expect(printed.standardError.hasPrefix("\(script):2: a NUL character at column 3: a command cannot hold one\n"))
  }

  @Test func aScriptWithAMalformedLineIsRefusedBeforeAnyLineRuns() throws {
    let harness = try SessionHarness()
    let script = harness.path("s.fps")
    let lines = [
      "workspace new ${dir}/w.fpsw as w", "set file ${dir}/x.json", "load ${file} --nmae copy", "echo 'unclosed",
      "export x --indent 12", "not-a-command", "export ${file} --indent 12", "echo fine \\", "  and continued",
    ]
    try lines.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
    let (printed, error) = harness.output(ofScript: script)
    let failure = try #require(error as? CommandFailure)
    #expect(failure.isUsageError)
    #expect(failure.description == "\(script): nothing was run, since the 4 lines above are malformed")
    #expect(printed.standardOutput == "")
    #expect(
      printed.standardError.split(separator: "\n") == [
        "\(script):3: load: unknown option '--nmae'; did you mean '--name'? (see `help load`)",
        "\(script):4: unterminated ' quote in: echo 'unclosed",
        "\(script):5: export: --indent takes a number of spaces from 0 to 8, got '12' (see `help export`)",
        "\(script):6: unknown command 'not-a-command' (type `help` for the list)",
      ], "a line naming a variable is checked for its command and options only: its values come from the lines before")
    #expect(!FileManager.default.fileExists(atPath: harness.path("w.fpsw")), "the first line did not run")
  }

  /// A script it sources is read before anything runs too; a command named by a variable is
  /// left to the run; a byte order mark (a script saved on Windows) is no part of the first line.
  @Test func aSourcedScriptIsCheckedToo() throws {
    let harness = try SessionHarness()
    try FileManager.default.createDirectory(atPath: harness.path("sub"), withIntermediateDirectories: true)
    try "echo inner\nfrob\n".write(toFile: harness.path("sub/inner.fps"), atomically: true, encoding: .utf8)
    try "\u{FEFF}echo ran\nsource sub/inner.fps\nsource missing.fps\n".write(
      toFile: harness.path("s.fps"), atomically: true, encoding: .utf8)
    let (printed, error) = harness.output(ofScript: harness.path("s.fps"))
    #expect(printed.standardOutput == "")
    #expect(printed.standardError.hasPrefix("\(harness.path("sub/inner.fps")):2: unknown command 'frob'"), "\(printed.standardError)")
    #expect(
      printed.standardError.contains("\(harness.path("s.fps")):3: \(harness.path("missing.fps")): no such file"), "\(printed.standardError)"
    )
    #expect(error.map { "\($0)" } == "\(harness.path("s.fps")): nothing was run, since the 2 lines above are malformed")

    try "\u{FEFF}set c echo\n${c} by variable\n".write(toFile: harness.path("v.fps"), atomically: true, encoding: .utf8)
    let variable = harness.output(ofScript: harness.path("v.fps"))
    #expect(variable.error == nil && variable.printed.standardOutput == "by variable\n", "\(variable)")

    // `~/` is the home folder at the check as at the run; a comment line ending in `\` ends there.
    let fromHome = try SessionHarness(environment: ["HOME": harness.folder.path])
    try "# an old line \\\necho from home\n".write(toFile: harness.path("lib.fps"), atomically: true, encoding: .utf8)
    try "source ~/lib.fps\n".write(toFile: fromHome.path("h.fps"), atomically: true, encoding: .utf8)
    let home = fromHome.output(ofScript: fromHome.path("h.fps"))
    #expect(home.error == nil && home.printed.standardOutput == "from home\n", "\(home)")
  }

  @Test func onErrorContinueGoesOnButStillFails() throws {
    let harness = try SessionHarness()
    let script = harness.path("s.fps")
    try "set on-error continue\nload nowhere.json\necho after\n".write(toFile: script, atomically: true, encoding: .utf8)
    let (printed, error) = harness.output(ofScript: script)
    #expect(error is SessionError)
    #expect(printed.standardOutput == "after\n")
    #expect(printed.standardError == "\(script):2: load: nowhere.json: no such file or directory\n", "reported once")
  }

  @Test func sourceRunsRelativeToTheScriptAndRefusesLoops() throws {
    let harness = try SessionHarness()
    try "echo inner\n".write(toFile: harness.path("inner.fps"), atomically: true, encoding: .utf8)
    try "source inner.fps\n".write(toFile: harness.path("outer.fps"), atomically: true, encoding: .utf8)
    try "source loop.fps\n".write(toFile: harness.path("loop.fps"), atomically: true, encoding: .utf8)
    let outer = harness.output(ofScript: harness.path("outer.fps"))
    #expect(outer.error == nil)
    #expect(outer.printed == Printed(standardOutput: "inner\n"))
    #expect(throws: CommandFailure.self) { try harness.session.runScript(at: harness.path("loop.fps")) }
  }

  @Test func connectionsAreListedWithoutTheirSecrets() throws {
    let harness = try SessionHarness()
    try harness.prepareProd()
    let listed = try harness.output(of: "connection list").standardOutput
    #expect(listed.contains("kafka-prod (kafka) bootstrap=b:9092 password=<secret>\n"))
    let json = try harness.output(of: "list connections --json").standardOutput
    #expect(json.contains(#""secrets": [\#n      "password"\#n    ]"#))
    #expect(!listed.contains("pw") && !json.contains("pw"))
    #expect(harness.failure("connection list in nowhere").hasPrefix("no open workspace named 'nowhere'"))
  }

  @Test func useSwitchesTheTargetAndLogShowsItsJournal() throws {
    let harness = try SessionHarness()
    try harness.prepareProd()
    try harness.run("workspace new ${dir}/test.fpsw as test")
    #expect(harness.session.prompt == "fps test> ")
    try harness.run("use prod")
    #expect(harness.session.prompt == "fps prod> ")
    #expect(
      try harness.output(of: "log").standardOutput.contains(
        "tester  add connection kafka-prod (kafka), secrets password; add connection finance-db-prod (jdbc); add connection analytics-db (jdbc)\n    added connection kafka-prod\n"
      ))
    #expect(try harness.output(of: "log in test").standardOutput == "no commits in test\n")
    #expect(try harness.output(of: "log --json").standardOutput.contains(#""action": "added connection""#))
    #expect(harness.failure("use staging") == "no open workspace named 'staging'; known: prod, test")
  }
}
