import FlowTestSupport
import Foundation
import GRDB
import Testing

/// The built binary on scripts and fixtures: output, exit status, and the workspace afterwards.
/// The demo's and the round trip's whole output is compared in `ScriptTranscriptTests`.
@Suite(.temporaryFolders) struct ScriptEndToEndTests {
  @Test func binaryIsBuilt() {
    #expect(FileManager.default.isExecutableFile(atPath: FPSProcess.executable.path), "build fps first: swift build --build-tests")
  }

  /// A run that builds a large heap (here the shell, reading its commands from a pipe) starts
  /// again with glibc's malloc on huge pages, where the system gives them on request
  /// (`HugePageHeap`): the environment it started again with says what it was first given
  /// (glibc rewrites the tunables' own text as it reads them). Scripts, `-c` and the programs
  /// fps runs see the environment as the user gave it, and a setting of the user's own is kept.
  @Test func aLargeRunStartsAgainWithItsHeapOnHugePagesWhereTheSystemGivesThem() throws {
    let fps = try FPSProcess()
    let own = "glibc.malloc.tcache_count=7"
    let setting = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
    let givenOnRequest = setting?.contains("[madvise]") ?? false

    let shell = Process()
    shell.executableURL = FPSProcess.executable
    shell.environment = fps.environment.merging(["GLIBC_TUNABLES": own]) { $1 }
    shell.currentDirectoryURL = fps.home
    let input = Pipe()
    shell.standardInput = input
    shell.standardOutput = FileHandle.nullDevice
    try shell.run()
    // What the process was started with, as the kernel keeps it: the last start's.
    func startedWith() -> [String] {
      let bytes = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(shell.processIdentifier)/environ"))) ?? Data()
      return bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }
    let restarted = "FLOWPORT_GLIBC_TUNABLES_GIVEN=\(own)"
    for _ in 0..<100 where !startedWith().contains(restarted) { usleep(20_000) }
    #expect(startedWith().contains(restarted) == givenOnRequest, "\(startedWith().filter { $0.contains("TUNABLES") })")
    let name = try? String(contentsOfFile: "/proc/\(shell.processIdentifier)/comm", encoding: .utf8)
    #expect(name == "fps\n")
    try input.fileHandleForWriting.write(contentsOf: Data("quit\n".utf8))
    try input.fileHandleForWriting.close()
    shell.waitUntilExit()
    #expect(shell.terminationStatus == 0)

    let script = fps.home.appendingPathComponent("tunables.fps")
    try "echo [${env:GLIBC_TUNABLES}]\n".write(to: script, atomically: true, encoding: .utf8)
    func printed(_ tunables: String, _ arguments: [String]) throws -> String {
      let result = try fps.run(["GLIBC_TUNABLES=\(tunables)", FPSProcess.executable.path] + arguments, through: [])
      #expect(result.status == 0, "\(result.standardError)")
      return result.standardOutput.trimmingCharacters(in: .newlines)
    }
    #expect(try printed(own, [script.path]) == "[\(own)]")
    #expect(try printed(own, ["-c", "echo [${env:GLIBC_TUNABLES}]"]) == "[\(own)]")
    #expect(try printed("glibc.malloc.hugetlb=0", [script.path]) == "[glibc.malloc.hugetlb=0]")
  }

  @Test func theDemoRunsFromStartToEnd() throws {
    let fps = try FPSProcess()
    let scripts = Corpus.repositoryRoot.appendingPathComponent("scripts")
    let result = try fps.run([
      "--var", "out=\(fps.home.path)", scripts.appendingPathComponent("demo.fps").path,
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let exported = try String(contentsOfFile: fps.home.appendingPathComponent("exports/orders.json").path, encoding: .utf8)
    #expect(exported.contains("\"format\": \"flowport/1\"") && !exported.contains("demo-only-secret"))

    let database = try DatabaseQueue(path: fps.home.appendingPathComponent("prod.fpsw").path)
    let versions = try database.read { db in
      try Row.fetchAll(db, sql: "SELECT f.name, v.number FROM versions v JOIN flows f ON f.id = v.flow_id ORDER BY f.name, v.number")
    }
    #expect(versions.map { "\($0["name"] as String)@\($0["number"] as Int)" } == ["orders@1", "orders@2", "payments@1"])
    let secret = try database.read { db in try Data.fetchOne(db, sql: "SELECT value FROM connection_secrets") }
    let stored = String(decoding: secret ?? Data(), as: UTF8.self)
    #expect(stored.hasPrefix("fps-sealed:v1:") && !stored.contains("demo-only-secret"), "sealed at rest: \(stored)")
    let raw = try Data(contentsOf: fps.home.appendingPathComponent("prod.fpsw"))
    #expect(!String(decoding: raw, as: UTF8.self).contains("demo-only-secret"))
    let properties = try database.read { db in try String.fetchAll(db, sql: "SELECT properties FROM connections") }
    #expect(!properties.joined().contains("demo-only-secret"))
  }

  /// Every format out, JSON and bundle back into fresh workspaces: the diffs are empty.
  @Test func theRoundTripScriptExportsEveryFormatAndReimportsWithoutADifference() throws {
    let fps = try FPSProcess()
    let result = try fps.run([
      "--var", "examples=\(Corpus.examples.path)", "--var", "out=\(fps.home.path)",
      Corpus.examples.appendingPathComponent("round-trip.fps").path,
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let exports = fps.home.appendingPathComponent("exports")
    for name in ["fraud-alerts.json", "fraud-alerts.zip", "fraud-alerts.sql"] {
      #expect(FileManager.default.fileExists(atPath: exports.appendingPathComponent(name).path), "\(name) was not written")
    }
    let json = try String(contentsOf: exports.appendingPathComponent("fraud-alerts.json"), encoding: .utf8)
    #expect(!json.contains("round-trip-secret") && !json.contains("test-token-not-real"))
    let privateFile = fps.home.appendingPathComponent("private/fraud-alerts.json").path
    #expect(try String(contentsOfFile: privateFile, encoding: .utf8).contains("round-trip-secret"))
    #expect(try FileManager.default.attributesOfItem(atPath: privateFile)[.posixPermissions] as? Int == 0o600)

    let database = try DatabaseQueue(path: fps.home.appendingPathComponent("from-bundle.fpsw").path)
    let registry = try database.read { db in try String.fetchAll(db, sql: "SELECT kind || ' ' || name FROM registry ORDER BY kind") }
    #expect(registry == ["event FraudSuspected", "form fraud-review", "rule review-threshold"])
    let published = try database.read { db in try String.fetchAll(db, sql: "SELECT published_at FROM versions") }
    #expect(published.allSatisfy { $0 != "2026-11-02T10:00:00Z" } && published.count == 2)
  }

  @Test func anExportWithoutOrWithAnEmptyFileNameIsNamedAfterTheFlow() throws {
    let fps = try FPSProcess()
    let example = Corpus.examples.appendingPathComponent("fraud-alerts.json").path
    let result = try fps.run(["-c", "export \(example) to ''", "-c", "export \(example) --format sql"], in: fps.home)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(FileManager.default.fileExists(atPath: fps.home.appendingPathComponent("fraud-alerts.json").path))
    #expect(FileManager.default.fileExists(atPath: fps.home.appendingPathComponent("fraud-alerts.sql").path))
  }

  @Test func aNameThatIsAlsoAFileHereIsRefusedUntilWrittenExplicitly() throws {
    let fps = try FPSProcess()
    let v1 = Corpus.examples.appendingPathComponent("orders-v1.json").path
    try FileManager.default.copyItem(
      atPath: Corpus.examples.appendingPathComponent("orders-v2.json").path, toPath: fps.home.appendingPathComponent("orders").path)
    let setup = try fps.run(
      [
        "-c", "workspace new prod.fpsw as prod", "-c", "connection add kafka-prod --type kafka", "-c",
        "connection add finance-db-prod --type jdbc", "-c", "load \(v1) into prod", "-c", "match --auto", "-c", "commit --yes",
      ], in: fps.home)
    #expect(setup.status == 0, "\(setup.standardError)")

    let ambiguous = try fps.run(["-c", "load prod.fpsw", "-c", "show orders"], in: fps.home)
    #expect(ambiguous.status == 1)
    #expect(
      ambiguous.standardError
        == "-c:2: show: 'orders' is both a file in this folder and the flow in prod: write `./orders` for the file or `prod:orders` for the flow in prod\n"
    )
    let file = try fps.run(["-c", "load prod.fpsw", "-c", "show ./orders", "-c", "show prod:orders"], in: fps.home)
    #expect(file.status == 0, "\(file.standardError)")
    #expect(
      file.standardOutput.contains("orders (./orders), version 2") && file.standardOutput.contains("orders (prod:orders@1), version 1"))

    let loaded = try fps.run(["-c", "load \(v1)", "-c", "export orders to out.json"], in: fps.home)
    #expect(loaded.status == 1)
    #expect(loaded.standardError.hasPrefix("-c:2: export: 'orders' is both a file in this folder and the loaded export 'orders': "))
    let sameFile = try fps.run(["-c", "load ./orders", "-c", "diff orders ./orders"], in: fps.home)
    #expect(sameFile.status == 0, "an export loaded from the file named is the same thing: \(sameFile.standardError)")
    let pending = try fps.run(
      ["-c", "load prod.fpsw", "-c", "load \(v1) into prod --as-version-of orders", "-c", "diff orders prod:orders"], in: fps.home)
    #expect(pending.status == 1)
    #expect(pending.standardError.hasPrefix("-c:3: diff: 'orders' is both a file in this folder and the pending import 'orders': "))
  }

  /// `-c` commands are each checked before any runs, as a script's lines are: a typo in the
  /// last leaves no workspace made by the first.
  @Test func aMalformedCommandStopsEveryCommandBeforeAnyRuns() throws {
    let fps = try FPSProcess()
    let result = try fps.run(["-c", "workspace new n1.fpsw", "-c", "match --bogus"], in: fps.home)
    #expect(result.status == 2)
    #expect(
      result.standardError
        == "-c:2: match: unknown option '--bogus' (see `help match`)\nfps: -c: nothing was run, since the line above is malformed\n")
    #expect(!FileManager.default.fileExists(atPath: fps.home.appendingPathComponent("n1.fpsw").path))
  }

  /// Bytes that are not UTF-8 (here U+D800 as CESU-8) in an argument or on standard input are
  /// refused, never read as U+FFFD.
  @Test func aLoneSurrogateInAnArgumentOrOnStandardInputIsRefused() throws {
    let fps = try FPSProcess()
    let argument = try fps.run(["-c", #"exec "$0" -c "$(printf 'echo a\355\240\200')""#, FPSProcess.executable.path], through: ["sh"])
    #expect(argument.status == 2)
    #expect(argument.standardError.contains("argument 2 is not valid UTF-8 (a lone surrogate, or text in another encoding)"))
    let input = try fps.run(["-c", #"printf 'echo ok\necho a\355\240\200\n' | "$0""#, FPSProcess.executable.path], through: ["sh"])
    #expect(input.status == 2)
    #expect(input.standardOutput == "ok\n")
    #expect(
      input.standardError
        == "<stdin>:2: invalid UTF-8 at column 7 (a lone surrogate, or text in another encoding): commands are read as UTF-8\n")
  }

  /// Piped input of many lines, past several reads of the pipe, ends with its last line
  /// whether or not a newline follows it; every line runs once, in order.
  @Test func everyLineOfALongPipedScriptRunsOnceInOrder() throws {
    let fps = try FPSProcess()
    let lines = (1...5_000).map { "echo line \($0)" }
    for input in [lines.joined(separator: "\n"), lines.joined(separator: "\n") + "\n"] {
      let result = try fps.run([], input: input)
      #expect(result.status == 0)
      #expect(result.standardOutput == (1...5_000).map { "line \($0)\n" }.joined())
    }
  }

  @Test func aHostileBundleIsRefusedWithStatusOneAndNothingWritten() throws {
    let fps = try FPSProcess()
    let maker = Process()
    maker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    maker.arguments = [
      "python3", "-c",
      "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); z.writestr('../evil.json','{}'); z.close()",
      fps.home.appendingPathComponent("evil.zip").path,
    ]
    try maker.run()
    maker.waitUntilExit()
    let result = try fps.run(["-c", "workspace new w.fpsw", "-c", "load evil.zip into w"], in: fps.home)
    #expect(result.status == 1)
    #expect(result.standardError.contains("evil.zip: bundle: entry '../evil.json' points outside the bundle's folder; refused"))
    #expect(!FileManager.default.fileExists(atPath: fps.home.deletingLastPathComponent().appendingPathComponent("evil.json").path))
  }

  @Test func aFailingCommandStopsTheScriptAndCommitsNothing() throws {
    let fps = try FPSProcess()
    let script = try fps.script(
      "migrate.fps",
      """
      workspace new prod.fpsw
      connection add kafka-prod --type kafka
      load \(Corpus.examples.path)/orders-v1.json into prod
      match --auto
      commit -m "should not happen" --yes
      echo never
      """)
    let result = try fps.run(["run", script])
    #expect(result.status == 1)
    #expect(
      result.standardError.hasPrefix(
        "\(script):5: commit: 1 problem blocks the commit to prod; nothing was written:\n  - orders: connection reference 'finance-db-test' (jdbc) is unmatched"
      ))
    #expect(!result.standardOutput.contains("never"))
    let flows = try DatabaseQueue(path: fps.home.appendingPathComponent("prod.fpsw").path).read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM flows")
    }
    #expect(flows == 0)
  }

  @Test func usageErrorsExitTwo() throws {
    let fps = try FPSProcess()
    let unknown = try fps.run(["-c", "lod x"])
    #expect(unknown.status == 2)
    #expect(unknown.standardError == "-c:1: unknown command 'lod'; did you mean 'load'? (type `help` for the list)\n")
    let option = try fps.run(["-c", "diff a b --stats"])
    #expect(option.status == 2)
    #expect(
      option.standardError == "-c:1: diff: unknown option '--stats'; did you mean '--stat'? (see `help diff`)\n",
      "the command is named once")
    #expect(try fps.run(["--var", "novalue"]).status == 2)
    #expect(try fps.run(["--bogus"]).status == 2)
    let help = try fps.run(["--help"])
    #expect(help.status == 0)
    #expect(help.standardOutput.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(help.standardOutput)")
    #expect(help.standardOutput.contains("in .fps scripts and with -c;"), "no line broken in the middle of a sentence")
    #expect(try fps.run(["--version"]).standardOutput == "0.3.0\n")
  }

  @Test func commandsRunInOrderLikePsql() throws {
    let fps = try FPSProcess()
    let result = try fps.run(["--var", "x=1", "-c", "echo first ${x}", "-c", "set x 2", "-c", "echo second ${x}"])
    #expect(result.status == 0)
    #expect(result.standardOutput == "first 1\nsecond 2\n")
  }

  /// A line that cannot be read (a NUL) and ends in a continuation fails with the line it
  /// continues on: with `set on-error continue`, that line ran as a command of its own. One
  /// whose `\\` ends its comment continues nothing, as a readable one does.
  @Test func anUnreadableLineTakesTheLineItContinuesOnWithIt() throws {
    let fps = try FPSProcess()
    let result = try fps.run([], input: "set on-error continue\necho start\necho a\u{0}\\\necho SHOULD-NOT-RUN\necho end\n")
    #expect(result.standardOutput == "start\nend\n")
    #expect(
      result.standardError.hasPrefix("<stdin>:3: a NUL character at column 7: a command cannot hold one\n"), "\(result.standardError)")
    #expect(result.status == 1)
    let commented = try fps.run([], input: "set on-error continue\necho a # n\u{0}ote \\\necho b\n")
    #expect(commented.standardOutput == "b\n", "\(commented.standardError)")
  }

  /// A `-c` command is whole: one ending in a `\` that would continue it is refused before any
  /// runs (it went on into the next `-c`).
  @Test func aCommandEndingInAContinuationIsRefused() throws {
    let fps = try FPSProcess()
    let result = try fps.run(["-c", "echo first", "-c", "echo a \\", "-c", "echo b"])
    #expect(result.status == 2)
    #expect(result.standardOutput == "")
    #expect(
      result.standardError
        == "-c:2: this command ends in a `\\` that continues it, and no line follows (write `\\\\` for a backslash); nothing was run\n")
    #expect(try fps.run(["-c", "echo a\\\\"]).standardOutput == "a\\\n", "an escaped backslash ends a command")
    #expect(try fps.run(["-c", "echo a # a note \\", "-c", "echo b"]).standardOutput == "a\nb\n", "a comment's backslash is its own")
  }

  /// A `-c` holding line feeds is that many lines, as `sh -c` reads one (`-c "$(cat steps)"`),
  /// continued and numbered as a script's: each was a single command whose words ran on over
  /// the lines. A malformed one is refused with nothing run, by its line among all the `-c`s.
  @Test func aCommandHoldingLineFeedsIsThatManyLines() throws {
    let fps = try FPSProcess()
    let ran = try fps.run(["-c", "echo a\r\necho b \\\n  c", "-c", "echo d"])
    #expect(ran.status == 0)
    #expect(ran.standardOutput == "a\nb c\nd\n")
    let refused = try fps.run(["-c", "echo a", "-c", "echo b\nlod x.json"])
    #expect(refused.status == 2)
    #expect(refused.standardOutput == "")
    #expect(refused.standardError.hasPrefix("-c:3: unknown command 'lod'"), "\(refused.standardError)")
  }

  @Test func commandsGoOnPastFailuresWhenAsked() throws {
    let fps = try FPSProcess()
    let result = try fps.run(["-c", "set on-error continue", "-c", "load nowhere.json", "-c", "echo after"])
    #expect(result.status == 1)
    #expect(result.standardOutput == "after\n")
    #expect(result.standardError == "-c:2: load: nowhere.json: no such file or directory\nfps: -c: 1 command failed (reported above)\n")
  }

  @Test func aFlowGivenAsAScriptAndAScriptGivenToLoadSayWhatWasMeant() throws {
    let fps = try FPSProcess()
    let flow = fps.home.appendingPathComponent("flow.json").path
    try Data(#"{"name":"x","nodes":[],"connections":{}}"#.utf8).write(to: URL(fileURLWithPath: flow))
    let asScript = try fps.run([flow])
    #expect(asScript.status == 1)
    #expect(
      asScript.standardError
        == "fps: \(flow) is a flow export, not a .fps script: open it with `fps -c 'load \(flow)'`, or `load \(flow)` in the shell\n")
    let mapping = try fps.script("mapping.fps", "echo hi\n")
    let asExport = try fps.run(["-c", "load \(mapping)"])
    #expect(asExport.status == 1)
    #expect(
      asExport.standardError
        == "-c:1: load: \(mapping) is a .fps script, not an export: run it with `source \(mapping)` (or `fps \(mapping)` from a system shell)\n"
    )
    let workspace = fps.home.appendingPathComponent("w.fpsw").path
    let among = try fps.run(["-c", "workspace new \(workspace)", "-c", "load \(flow) \(workspace)"])
    #expect(among.status == 1)
    #expect(
      among.standardError.contains("\(workspace) is a workspace; open it on its own with `load \(workspace)`"), "\(among.standardError)")
  }

  @Test func aWorkspaceNamedByABareFileNameIsUsedHere() throws {
    let fps = try FPSProcess()
    let result = try fps.run(["--workspace", "prod.fpsw", "-c", "connection add k --type kafka", "-c", "commit", "-c", "list connections"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(FileManager.default.fileExists(atPath: fps.home.appendingPathComponent("prod.fpsw").path))
    #expect(result.standardOutput.hasSuffix("\nk (kafka)\n"))
  }

  /// `default:<flow>` names a flow of `--workspace`'s file from the first command on, before
  /// anything else opened it.
  @Test func theDefaultWorkspaceIsNamedBeforeItIsUsed() throws {
    let fps = try FPSProcess()
    try Data(#"{"format": "flowport/1", "flow": {"name": "mini"}, "nodes": []}"#.utf8).write(
      to: fps.home.appendingPathComponent("mini.json"))
    #expect(try fps.run(["-c", "workspace new p.fpsw as p", "-c", "load mini.json into p", "-c", "commit --yes"]).status == 0)
    let exported = try fps.run(["--workspace", "p.fpsw", "-c", "export default:mini to out.json"])
    #expect(exported.status == 0, "\(exported.standardError)")
    #expect(FileManager.default.fileExists(atPath: fps.home.appendingPathComponent("out.json").path))
    let listed = try fps.run(["--workspace", "p.fpsw", "-c", "list workspaces"])
    #expect(listed.standardOutput == "default  p.fpsw (target, opened on first use)\n", "listed before it is used")
    // A server's, without its password (nothing connects to it to list it).
    let server = try fps.run(["--workspace", "postgres://ana:Pgpass99@127.0.0.1:1/prod", "-c", "list workspaces --json"])
    #expect(server.standardOutput.contains("postgres://ana@127.0.0.1:1/prod") && !server.standardOutput.contains("Pgpass99"))
  }

  @Test func aWorkspaceReopensUnderTheNameItWasCreatedAs() throws {
    let fps = try FPSProcess()
    #expect(try fps.run(["-c", "workspace new p.fpsw as prod"]).status == 0)
    let reopened = try fps.run(["-c", "load p.fpsw", "-c", "list workspaces"])
    #expect(reopened.standardOutput == "opened workspace prod: 0 flows\nprod  p.fpsw (target)\n")
    let renamed = try fps.run(["-c", "load p.fpsw as other", "-c", "list workspaces"])
    #expect(renamed.standardOutput.hasPrefix("opened workspace other"))
  }

  @Test func theDefaultWorkspaceIsATargetFromTheFirstCommand() throws {
    let fps = try FPSProcess()
    let orders = Corpus.examples.appendingPathComponent("orders-v1.json").path
    let result = try fps.run(["-c", "load \(orders) into default", "-c", "list imports"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.hasPrefix("staged orders: new flow in default"))
    #expect(FileManager.default.fileExists(atPath: fps.home.appendingPathComponent("data/flowport/default.fpsw").path))
  }

  @Test func plainStdinIsReadWithoutPrompt() throws {
    let fps = try FPSProcess()
    let result = try fps.run([], input: "echo hello\necho ${env:USER}\nquit\necho unreached\n")
    #expect(result.status == 0)
    #expect(result.standardOutput == "hello\ntester\n")
    let failing = try fps.run([], input: "echo a\nload missing.json\necho b\n")
    #expect(failing.status == 1)
    #expect(failing.standardError == "<stdin>:2: load: missing.json: no such file or directory\n")
    let asScript = try fps.run([], input: "echo one \\\n  two\nset on-error continue\nload missing.json\necho three\n")
    #expect(asScript.standardOutput == "one two\nthree\n", "continuations and on-error work on stdin as in files")
    #expect(
      asScript.standardError
        == "<stdin>:4: load: missing.json: no such file or directory\nfps: <stdin>: 1 command failed (reported above)\n")
    #expect(asScript.status == 1)
  }

  @Test(arguments: [
    (
      "{\"format\": \"flowport/1\", \"flow\": {\"name\": \"x\"},\n  \"nodes\": [\n",
      "bad.json:3:1: expected a value, found the end of the text (is the file truncated?)"
    ),
    ("{\"format\": \"flowport/1\", \"flow\": {\"name\": 7}}", "bad.json: flow.name: expected a string, found a number"),
    ("\u{0}\u{1}ELF", "bad.json:1:1: this is a binary file, not a flow export (a NUL byte here)"),
  ])
  func badExportsNameFileAndPosition(content: String, message: String) throws {
    let fps = try FPSProcess()
    try content.write(to: fps.home.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
    let result = try fps.run(["-c", "load bad.json"])
    #expect(result.status == 1)
    #expect(result.standardError == "-c:1: load: \(message)\n")
  }

  @Test func aFileThatIsNotAWorkspaceIsLeftAlone() throws {
    let fps = try FPSProcess()
    let text = fps.home.appendingPathComponent("notes.fpsw")
    try "just notes".write(to: text, atomically: true, encoding: .utf8)
    let result = try fps.run(["-c", "load \(text.path)", "-c", "connection add k --type kafka in notes"])
    #expect(result.status == 1)
    #expect(try String(contentsOf: text, encoding: .utf8) == "just notes")
  }

  @Test func aWorkspaceOpenedReadOnlyIsNotWritten() throws {
    let fps = try FPSProcess()
    #expect(try fps.run(["-c", "workspace new ro.fpsw", "-c", "connection add k --type kafka"]).status == 0)
    let result = try fps.run(["-c", "load ro.fpsw --read-only", "-c", "connection add k2 --type kafka"])
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "-c:2: connection add: ro.fpsw is read-only: nothing was written (opened with `load --read-only`, or the file's permissions)\n")
  }

  /// A file the user may not write: run fps as `nobody` (as root, permissions would not bite).
  @Test func aWorkspaceFileWithoutWritePermissionIsNotWritten() throws {
    let fps = try FPSProcess()
    #expect(try fps.run(["-c", "workspace new ro.fpsw"]).status == 0)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fps.home.path)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: fps.home.appendingPathComponent("ro.fpsw").path)
    let prefix = getuid() == 0 ? ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] : []
    let result = try fps.run(
      [
        "env", "XDG_STATE_HOME=/tmp", "XDG_DATA_HOME=/tmp", "FLOWPORT_KEY=nobody's own", FPSProcess.executable.path, "-c",
        "load ro.fpsw", "-c",
        "connection add k --type kafka",
      ], through: prefix)
    #expect(result.standardOutput == "opened workspace ro (read-only): 0 flows\n")
    #expect(
      result.standardError.hasSuffix(
        "ro.fpsw is read-only: nothing was written (opened with `load --read-only`, or the file's permissions)\n"))
    #expect(result.status == 1)
  }

  /// Ctrl-C ends `fps diff` waiting for a side that is a pipe no one writes to, whichever side
  /// and however many, at once and with 130, as it ends a script.
  @Test func ctrlCEndsADiffWaitingForAPipe() throws {
    let fps = try FPSProcess()
    let fifo = fps.home.appendingPathComponent("never-written.fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let file = Corpus.examples.appendingPathComponent("orders-v1.json").path
    for sides in [[fifo, file], [file, fifo], [fifo, fifo]] {
      let result = try fps.running(["diff"] + sides) { run in
        Thread.sleep(forTimeInterval: 0.5)
        run.send(SIGINT)
        return try run.finish(seconds: 5)
      }
      #expect(result.standardError == "fps: diff: interrupted (Ctrl-C)\n", "\(sides): \(result.standardError)")
      #expect(result.status == 130)
    }
    // A writer that stops half way: Ctrl-C ends the wait for the rest, and says so.
    let half = fps.home.appendingPathComponent("half-written.fifo").path
    #expect(mkfifo(half, 0o600) == 0)
    Thread {
      guard let writer = FileHandle(forWritingAtPath: half) else { return }
      writer.write(Data(#"{"nodes": ["#.utf8))
      Thread.sleep(forTimeInterval: 3)
      try? writer.close()
    }.start()
    let result = try fps.running(["diff", half, file]) { run in
      Thread.sleep(forTimeInterval: 0.5)
      run.send(SIGINT)
      return try run.finish(seconds: 5)
    }
    #expect(result.standardError.hasSuffix("diff: interrupted (Ctrl-C)\n"), "\(result.standardError)")
    #expect(result.status == 130)
  }

  @Test func diffFromTheShellExitsLikeDiff() throws {
    let fps = try FPSProcess()
    let examples = Corpus.examples.path
    let differ = try fps.run(["diff", "\(examples)/orders-v1.json", "\(examples)/orders-v2.json", "--stat"])
    #expect(differ.status == 1)
    #expect(differ.standardOutput.hasSuffix("2 nodes changed, 1 node added, 1 edge added, 1 other change\n"))
    #expect(try fps.run(["diff", "\(examples)/orders-v1.json", "\(examples)/orders-v1.json"]).status == 0)
    let trouble = try fps.run(["diff", "\(examples)/orders-v1.json", "missing.json"])
    #expect(trouble.status == 2)
    #expect(
      !FileManager.default.fileExists(atPath: fps.home.appendingPathComponent("data/flowport/default.fpsw").path),
      "diff leaves no workspace behind")
    // The two files are read at once; the error reported is the left one's, as when read in
    // turn, though the right one, much shorter, fails first; and before a right side not found.
    let nodes = (0..<20_000).map { #"{"id": "n\#($0)", "name": "node \#($0)", "type": "n8n-nodes-base.set", "parameters": {}}"# }
    try Data(("{\"nodes\": [" + nodes.joined(separator: ",")).utf8).write(to: fps.home.appendingPathComponent("broken-left.json"))
    try Data("{\"nodes\": [".utf8).write(to: fps.home.appendingPathComponent("broken-right.json"))
    for right in ["broken-right.json", "no-such-flow"] {
      let broken = try fps.run(["diff", "broken-left.json", right], in: fps.home)
      #expect(broken.status == 2)
      #expect(broken.standardError.contains("broken-left.json:1:"), "\(broken.standardError)")
      #expect(!broken.standardError.contains(right))
    }
  }

  /// Git runs an external diff driver with seven arguments; a difference must not stop git.
  @Test func diffAsGitsExternalDriver() throws {
    let fps = try FPSProcess()
    let examples = Corpus.examples.path
    let result = try fps.run([
      "diff", "flows/orders.json", "\(examples)/orders-v1.json", "abc123", "100644", "\(examples)/orders-v2.json", "def456", "100644",
    ])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("~ node \"Big orders\""))
    let new = try fps.run(["diff", "flows/new.json", "/dev/null", ".", ".", "\(examples)/orders-v2.json", "def456", "100644"])
    #expect(new.status == 0)
    #expect(new.standardOutput.hasPrefix("--- /dev/null\n+++ b/flows/new.json\n"))
    #expect(new.standardOutput.hasSuffix("5 nodes added, 4 edges added, 2 connections added, 4 other changes\n"))
  }

  /// `*.json diff=flowport` in a real repository: a changed flow shows its semantic diff under
  /// the repository path, a new flow all it has, and a `package.json` a plain unified diff; git
  /// never stops with "external diff died".
  @Test(.enabled(if: ExternalTool.git.isInstalled, ExternalTool.git.missing))
  func gitDiffInARepositoryWithFlowsAndAPackageJSON() throws {
    let fps = try FPSProcess()
    let repository = fps.home.appendingPathComponent("repo")
    let flows = repository.appendingPathComponent("flows")
    try FileManager.default.createDirectory(at: flows, withIntermediateDirectories: true)
    func git(_ arguments: String...) throws -> FPSProcess.Result {
      try fps.run(arguments, in: repository, through: ["GIT_CONFIG_NOSYSTEM=1", ExternalTool.git.path!])
    }
    func write(_ text: String, _ path: String) throws {
      try text.write(to: repository.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }
    let examples = Corpus.examples
    _ = try git("init", "-q")
    _ = try git("config", "user.email", "t@example.com")
    _ = try git("config", "user.name", "T")
    _ = try git("config", "diff.flowport.command", "\(FPSProcess.executable.path) diff")
    try write("*.json diff=flowport\n", ".gitattributes")
    try write("{\n  \"name\": \"flows\",\n  \"version\": \"1.0.0\"\n}\n", "package.json")
    try FileManager.default.copyItem(at: examples.appendingPathComponent("orders-v1.json"), to: flows.appendingPathComponent("orders.json"))
    // A flow FlowPort cannot read (a lone surrogate in a note), a header's value on a line of
    // its own: not shown line by line.
    func unreadable(_ token: String) -> String {
      #"{"name": "hook", "notes": "cut \ud83d", "query": "SELECT 1", "nodes": [{"id": "1", "name": "HTTP", "type": "n8n-nodes-base.httpRequest","#
        + "\n" + #""parameters": {"headers": [{"name": "Authorization","# + "\n" + #""value": "Token \#(token)"}]}}], "connections": {}}"#
    }
    try write(unreadable("CNRYgit01"), "flows/hook.json")
    _ = try git("add", ".")
    _ = try git("commit", "-qm", "one")
    try write(unreadable("CNRYgit02"), "flows/hook.json")
    try write("{\n  \"name\": \"flows\",\n  \"version\": \"1.1.0\"\n}\n", "package.json")
    try FileManager.default.removeItem(at: flows.appendingPathComponent("orders.json"))
    try FileManager.default.copyItem(at: examples.appendingPathComponent("orders-v2.json"), to: flows.appendingPathComponent("orders.json"))
    try FileManager.default.copyItem(
      at: examples.appendingPathComponent("payments.json"), to: flows.appendingPathComponent("payments.json"))
    _ = try git("add", ".")
    let diff = try git("diff", "--cached", "--no-color")
    #expect(diff.status == 0, "\(diff.standardError)")
    #expect(!diff.standardError.contains("external diff died"))
    let output = diff.standardOutput
    #expect(output.contains("--- a/flows/orders.json\n+++ b/flows/orders.json\n"), "\(output)")
    #expect(output.contains("~ node \"Big orders\"\n  ~ config.condition: \"amount > 100\" -> \"amount > 500\"\n"))
    #expect(output.contains("--- /dev/null\n+++ b/flows/payments.json\n"))
    #expect(output.contains("4 nodes added, 3 edges added, 3 connections added"))
    #expect(output.contains("--- a/package.json\n+++ b/package.json\n"))
    #expect(
      output.contains("-  \"version\": \"1.0.0\",\n+  \"version\": \"1.1.0\"\n")
        || output.contains("-  \"version\": \"1.0.0\"\n+  \"version\": \"1.1.0\"\n"))
    #expect(!output.contains("/tmp/"), "no temporary file names: \(output)")
    #expect(!output.contains("CNRYgit"), "\(output)")
    #expect(output.contains("fps: b/flows/hook.json: it cannot be read as JSON (1:"), "\(output)")
    #expect(output.contains("lone surrogate"), "the reason, not a guess that it is SQL: \(output)")

    // Renamed and edited: git passes nine arguments, the new path among them.
    _ = try git("commit", "-qm", "two")
    _ = try git("mv", "flows/orders.json", "flows/big-orders.json")
    let moved = flows.appendingPathComponent("big-orders.json")
    try String(contentsOf: moved, encoding: .utf8).replacing("amount > 500", with: "amount > 600").write(
      to: moved, atomically: true, encoding: .utf8)
    _ = try git("add", ".")
    let renamed = try git("diff", "--cached", "--no-color", "-M")
    #expect(renamed.status == 0, "\(renamed.standardError)")
    #expect(renamed.standardOutput.contains("--- a/flows/orders.json\n+++ b/flows/big-orders.json\n"), "\(renamed.standardOutput)")
    #expect(renamed.standardOutput.contains("~ config.condition: \"amount > 500\" -> \"amount > 600\"\n"))

    // A JSON file that becomes a flow is shown as a new flow, never as text with its secrets.
    try write("{\"x\": 1}\n", "flows/notes.json")
    _ = try git("add", ".")
    _ = try git("commit", "-qm", "three")
    try write(
      #"[{"id": "t", "type": "tab", "label": "Notes"}, {"id": "h", "type": "http request", "z": "t", "name": "call", "#
        + #""url": "https://alice:pwTEST123@nas.local/", "wires": [[]]}]"#, "flows/notes.json")
    try write("{\"x\": 2}\n", "settings.json")
    _ = try git("add", "settings.json")
    let newText = try git("diff", "--cached", "--no-color", "--", "settings.json")
    #expect(
      newText.standardOutput.contains("+++ b/settings.json\n@@") && newText.standardOutput.contains("+{\"x\": 2}"),
      "\(newText.standardOutput)")
    let becameFlow = try git("diff", "--no-color", "--", "flows/notes.json")
    #expect(becameFlow.status == 0, "\(becameFlow.standardError)")
    #expect(
      becameFlow.standardOutput.contains("--- a/flows/notes.json (not a flow)\n+++ b/flows/notes.json\n"), "\(becameFlow.standardOutput)")
    #expect(!becameFlow.standardOutput.contains("pwTEST123"), "\(becameFlow.standardOutput)")

    // A new file FlowPort refuses (a lone surrogate): not shown line by line, where a text
    // diff's redaction would miss secrets on lines of their own.
    _ = try git("add", ".")
    _ = try git("commit", "-qm", "four")
    try write(
      #"{"name": "calls", "nodes": [{"id": "1", "name": "Call \ud800", "type": "n8n-nodes-base.httpRequest", "#
        + #""parameters": {"headers": "Authorization: Bearer abcdefghijklmnop0123TOKEN", "body": "{\"password\": \"pwBODY1234\"}"}}], "#
        + #""connections": {}}"#, "flows/refused.json")
    _ = try git("add", ".")
    let refused = try git("diff", "--cached", "--no-color", "--", "flows/refused.json")
    #expect(refused.status == 0, "\(refused.standardError)")
    #expect(
      refused.standardOutput.contains("--- /dev/null\n+++ b/flows/refused.json\nfps: b/flows/refused.json: it cannot be read as JSON"),
      "\(refused.standardOutput)")
    #expect(!refused.standardOutput.contains("0123TOKEN") && !refused.standardOutput.contains("pwBODY"), "\(refused.standardOutput)")

    // JSON with comments (a tsconfig.json) is text, shown as such.
    try write("{\n  // strict\n  \"strict\": true\n}\n", "tsconfig.json")
    _ = try git("add", ".")
    _ = try git("commit", "-qm", "five")
    try write("{\n  // strict\n  \"strict\": false\n}\n", "tsconfig.json")
    let commented = try git("diff", "--no-color", "--", "tsconfig.json")
    #expect(commented.standardOutput.contains("-  \"strict\": true\n+  \"strict\": false\n"), "\(commented.standardOutput)")

    // `n8n export:credentials --decrypted` kept beside the flows: not a flow (Node-RED's
    // detection took it for one), and not shown as text.
    try write(
      #"[{"id": "c1", "name": "Header", "type": "httpHeaderAuth", "data": {"name": "X-Token", "value": "Token CNRYcreds01"}}]"#,
      "flows/credentials.json")
    _ = try git("add", ".")
    let credentials = try git("diff", "--cached", "--no-color", "--", "flows/credentials.json")
    #expect(credentials.standardOutput.contains("fps: b/flows/credentials.json: it holds credentials;"), "\(credentials.standardOutput)")
    #expect(!credentials.standardOutput.contains("CNRYcreds"), "\(credentials.standardOutput)")
    // One credential a file (`--separate`), and a flow of the wrong shape with a header's
    // value on a line of its own: neither shown as text.
    try write(#"{"id": "c2", "name": "PG", "type": "postgres", "data": {"host": "db", "user": "CNRYcreds02"}}"#, "flows/pg.json")
    try write(
      #"{"nodes": [{"id": "1", "name": "HTTP", "type": "n8n-nodes-base.httpRequest", "parameters": {"headers": [{"name": "Authorization","#
        + "\n" + #""value": "Token CNRYcreds03"}]}}, 1], "connections": {}}"#, "flows/broken.json")
    _ = try git("add", ".")
    for (file, reason) in [
      ("pg.json", "it holds credentials;"), ("broken.json", "it cannot be read as a flow (nodes[1]: expected an object"),
    ] {
      let shown = try git("diff", "--cached", "--no-color", "--", "flows/\(file)")
      #expect(shown.standardOutput.contains("fps: b/flows/\(file): \(reason)"), "\(shown.standardOutput)")
      #expect(!shown.standardOutput.contains("CNRYcreds"), "\(shown.standardOutput)")
    }
    let loaded = try fps.run(["-c", "load \(flows.appendingPathComponent("credentials.json").path)"])
    #expect(
      loaded.status == 1 && loaded.standardError.contains("this is an export of n8n credentials, not a flow export"),
      "\(loaded.standardError)")
  }
}
