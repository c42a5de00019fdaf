import FlowTestSupport
import Foundation
import Testing

@testable import FlowSession

@Suite(.temporaryFolders) struct TokenizerAndParserTests {
  @Test func quotingVariablesAndComments() throws {
    let harness = try SessionHarness(variables: ["who": "world"], environment: ["HOME_REGION": "eu"])
    #expect(
      try harness.output(of: #"echo 'single $quoted' "double ${who}" plain\ space ${env:HOME_REGION} # a comment"#)
        == Printed(standardOutput: "single $quoted double world plain space eu\n"))
  }

  /// A name a message puts in a command (`show 'Flow 1'`) reads back as that one name, whatever
  /// it holds; a plain name stays bare.
  @Test(arguments: ["Flow 1", "it's", "a\"b", "$HOME", "~", "~/x", "~x", "#4", "a\\b", "", "x;y", "émoji 🚀", "plain"])
  func aSuggestedNameReadsBackAsOneWord(name: String) throws {
    let tokenizer = Tokenizer(variable: { _ in "v" }, environment: { $0 == "HOME" ? "/home/u" : nil })
    #expect(try tokenizer.words("show \(Tokenizer.word(name))") == ["show", name])
    if name == "plain" { #expect(Tokenizer.word(name) == "plain") }
  }

  /// `echo` takes a word that begins with a dash as it is; other commands without options
  /// still refuse one (`member add --role x` is no member named `--role`).
  @Test func echoPrintsDashesAsTheyAre() throws {
    let harness = try SessionHarness()
    #expect(try harness.output(of: "echo --- x -n -- y") == Printed(standardOutput: "--- x -n -- y\n"))
    #expect(harness.failure("quit --force") == "unknown option '--force' (see `help quit`)")
  }

  /// `undo #4` names commit 4: a `#` before a digit is a word, not a comment, which would
  /// leave `undo` to take back the latest commit instead.
  @Test func aCommitNumberIsAWordNotAComment() throws {
    let harness = try SessionHarness()
    #expect(try harness.output(of: "echo #4 and#5 # a comment #6") == Printed(standardOutput: "#4 and#5\n"))
    #expect(try harness.output(of: "echo kept #no #4x") == Printed(standardOutput: "kept\n"))
    #expect(try harness.output(of: "#1 a comment line, whatever follows") == Printed())
  }

  /// `help workspace` shows `--from ~/.config/...`: a `~` that begins a word is the home
  /// folder, as in a shell; quoted, inside a word, or before a user name it stays.
  @Test func aTildeThatBeginsAWordIsTheHomeFolder() throws {
    let harness = try SessionHarness(environment: ["HOME": "/home/ana"])
    #expect(
      try harness.output(of: #"echo ~ ~/x/y.json a~/b '~/q' "~/d" \~/e ~ana"#)
        == Printed(standardOutput: "/home/ana /home/ana/x/y.json a~/b ~/q ~/d ~/e ~ana\n"))
  }

  @Test func scriptDirIsTheFolderOfTheScriptBeingRun() throws {
    let harness = try SessionHarness()
    let folder = harness.path("sub")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try "echo ${script_dir}\n".write(toFile: harness.path("sub/inner.fps"), atomically: true, encoding: .utf8)
    #expect(try harness.output(of: "source \(folder)/inner.fps") == Printed(standardOutput: "\(folder)\n"))
    #expect(try harness.output(of: "echo ${script_dir}") == Printed(standardOutput: FileManager.default.currentDirectoryPath + "\n"))
    #expect(try harness.output(of: "set script_dir mine") == Printed())
    #expect(try harness.output(of: "echo ${script_dir}") == Printed(standardOutput: "mine\n"), "a variable of the user's wins")
  }

  @Test func optionsAreLookedUpByTheirSpec() throws {
    let verbose = OptionSpec("--verbose", help: "")
    let spec = CommandSpec(name: "t", synopsis: "", summary: "", options: [verbose])
    #expect(try ParsedArguments(["--verbose"], spec: spec).flag(verbose))
    #expect(try !ParsedArguments([], spec: spec).flag(verbose))
  }

  /// `--` ends options, not keywords: a flow named `-dash` is exported `to` a folder.
  @Test func aDoubleDashEndsOptionsOnly() throws {
    let destination = OptionSpec("to", value: "path", help: "")
    let spec = CommandSpec(name: "t", synopsis: "", summary: "", options: [OptionSpec("--verbose", help: "")], keywords: [destination])
    let arguments = try ParsedArguments(["--", "-dash", "--verbose", "to", "out/"], spec: spec)
    #expect(arguments.positionals == ["-dash", "--verbose"])
    #expect(arguments.value(destination) == "out/")
  }

  #if DEBUG
    @Test func askingForAnOptionTheSpecDoesNotDeclareStopsADebugBuild() async {
      await #expect(processExitsWith: .failure) {
        let spec = CommandSpec(name: "t", synopsis: "", summary: "", options: [OptionSpec("--verbose", help: "")])
        _ = try ParsedArguments(["--verbose"], spec: spec).flag(OptionSpec("--verbos", help: ""))
      }
    }
  #endif

  @Test func setThenUse() throws {
    let harness = try SessionHarness()
    try harness.run("set greeting hello there")
    #expect(try harness.output(of: "echo ${greeting}!") == Printed(standardOutput: "hello there!\n"))
  }

  /// `set` lists a secret's value as a secret; the history's mask, run again, is refused.
  @Test func aSecretVariableIsNotShown() throws {
    let harness = try SessionHarness()
    try harness.run("set db_password S3cretPw9", "set PGPASSWORD S3cretPw8", "set region eu", "set author Ana", "set mark ***")
    let listed = try harness.output(of: "set").standardOutput
    let lines = listed.split(separator: "\n")
    for line in ["db_password=(secret)", "PGPASSWORD=(secret)", "region=eu", "author=Ana", "mark=***"] {
      #expect(lines.contains(Substring(line)), "\(listed)")
    }
    #expect(!listed.contains("S3cret"), "\(listed)")
    #expect(
      harness.failure("set db_password ***") == "'***' is what the shell's history keeps of a secret: type the value again (see `help set`)"
    )
  }

  @Test(arguments: [
    ("echo ${nope}", "undefined variable ${nope} (define it with `set nope <value>` or `--var nope=<value>`)"),
    ("echo ${env:FLOWPORT_SURELY_UNSET}", "environment variable FLOWPORT_SURELY_UNSET is not set"),
    ("echo 'open", "unterminated ' quote in: echo 'open"),
    ("lod x", "unknown command 'lod'; did you mean 'load'? (type `help` for the list)"),
    ("commit --dryrun", "commit: unknown option '--dryrun'; did you mean '--dry-run'? (see `help commit`)"),
    ("diff", "diff: missing the flows to compare (see `help diff`)"),
    ("diff onlyone", "diff: no pending import named 'onlyone'; there are none"),
    ("commit -m", "commit: --message needs a value <message> (see `help commit`)"),
    ("load x.json into", "load: `into` needs <workspace> (see `help load`)"),
    ("list everything", "list: cannot list 'everything' (see `help list`)"),
    ("connection add k", "connection add: --type <type> is required (see `help connection`)"),
    (
      "workspace open x",
      "workspace: unknown action 'open'; try `workspace new <file.fpsw>`, `workspace copy <from> <to>` or `workspace rekey` (see `help workspace`)"
    ),
    ("workspace", "workspace: missing an action (new, copy or rekey) (see `help workspace`)"),
    ("workspace copy a.fpsw", "workspace copy: missing where to copy it (a new file or postgres:// URL) (see `help workspace`)"),
    ("workspace copy a.fpsw b.fpsw --if-missing", "workspace copy: --if-missing does not apply to this action (see `help workspace`)"),
    ("workspace new a.fpsw --from old.key", "workspace new: --from does not apply to this action (see `help workspace`)"),
    ("workspace rekey as prod", "workspace rekey: as does not apply to this action (see `help workspace`)"),
  ])
  func errorsSayWhatToDo(line: String, message: String) throws {
    #expect(try SessionHarness().rendered(line) == message)
  }

  @Test func everyCommandHasHelp() throws {
    let harness = try SessionHarness()
    for name in CommandRegistry.names {
      #expect(try harness.output(of: "help \(name)").standardOutput.hasPrefix("usage: \(name)"))
    }
    #expect(try harness.output(of: "help").standardOutput.contains("commands:\n  load"))
  }

  @Test func everyHelpTextFitsEightyColumns() throws {
    let harness = try SessionHarness()
    for line in ["help"] + CommandRegistry.names.map({ "help \($0)" }) {
      let long = try harness.output(of: line).standardOutput.split(separator: "\n").filter { $0.count > 80 }
      #expect(long.isEmpty, "\(line): \(long)")
    }
  }
}

@Suite(.temporaryFolders) struct CompletionTests {
  func complete(_ marked: String, in harness: SessionHarness? = nil) throws -> [String] {
    let text = MarkedText(marked)
    return try (harness ?? SessionHarness()).session.completions(line: text.text, cursor: text.cursor).candidates
  }

  @Test func commandsOptionsAndActions() throws {
    #expect(try complete("co|") == ["commit", "connection"])
    #expect(try complete("commit --d|") == ["--dry-run"])
    #expect(try complete("connection |") == ["add", "list", "remove", "set"])
    #expect(try complete("help mat|") == ["match"])
    #expect(try complete("list |x").contains("flows"))
    #expect(try complete("set |") == ["on-error"])
    #expect(try complete("set on-error |") == ["continue", "stop"], "a setting's values, not its name again")
    #expect(try complete("set on-error stop |") == [])
  }

  @Test func namesFromTheSession() throws {
    let harness = try SessionHarness()
    try harness.prepareProd()
    try harness.run("load ${examples}/orders-v1.json into prod")
    #expect(try complete("match kaf|", in: harness) == ["kafka-test"])
    #expect(try complete("match kafka-test |", in: harness) == ["kafka-prod"], "connections of the reference's type")
    #expect(try complete("load x into p|", in: harness) == ["prod"])
    #expect(try complete("discard o|", in: harness) == ["orders"])
    #expect(try complete("connection add x --type k|", in: harness) == ["kafka"])
  }

  /// `~/` completes from the home folder the session was started with, as it is run.
  @Test func aPathFromTheHomeFolder() throws {
    let home = try SessionHarness()
    try Data("[]".utf8).write(to: URL(fileURLWithPath: home.path("exported.json")))
    let harness = try SessionHarness(environment: ["HOME": home.folder.path])
    #expect(try complete("load ~/exp|", in: harness) == ["~/exported.json"])
  }

  @Test func namesWithSpacesAreCompletedQuotedAlsoInsideAnOpenQuote() throws {
    let harness = try SessionHarness()
    for (index, name) in ["Extract spend details (template)", "Extract rows", "it's done"].enumerated() {
      let n8n = #"{"name": "\#(name)", "nodes": [], "connections": {}}"#
      try n8n.write(toFile: harness.path("\(index).json"), atomically: true, encoding: .utf8)
      try harness.run("load ${dir}/\(index).json")
    }
    func replacement(_ marked: String) -> String? {
      let text = MarkedText(marked)
      return harness.session.completions(line: text.text, cursor: text.cursor).replacement
    }
    #expect(try complete("show Extract s|", in: harness).allSatisfy { !$0.hasPrefix("Extract") }, "two words: the second completes alone")
    #expect(replacement("show Extract|") == "'Extract ")
    #expect(replacement("show 'Extract s|") == "'Extract spend details (template)' ")
    #expect(replacement("show \"Extract s|") == "\"Extract spend details (template)\" ")
    #expect(replacement("show Extract\\ r|") == "'Extract rows' ")
    #expect(replacement("show it|") == "\"it's done\" ")
    #expect(try harness.output(of: "show 'Extract spend details (template)'").standardOutput.hasPrefix("Extract spend details (template)"))
  }

  @Test func oneCharacterPathsComplete() throws {
    // Foundation's NSString path methods trap on a one-character path in this toolchain.
    #expect(try complete("load s|").allSatisfy { $0.hasPrefix("s") })
    #expect(try complete("load ~|").allSatisfy { $0.hasPrefix("~") })
    #expect(PathText.folder(of: "s") == "" && PathText.folder(of: "a/b") == "a" && PathText.folder(of: "/b") == "/")
    #expect(PathText.folder(of: "x/") == "" && PathText.name(of: "a/b/") == "b" && PathText.join("", "b") == "b")
    #expect(PathText.join("a/", "b") == "a/b" && PathText.join("a", "b") == "a/b")
  }

  /// A file's absolute path is what `URL.standardizedFileURL.path` says of it, which commit
  /// recorded as each version's source before.
  @Test(arguments: [
    "/a/b/../c.json", "/a/./b.json", "/../x.json", "//a//b.json", "/a/b/..", "/a/b/.", "/a/..b/c.json", "/a/b/...json",
    "/tmp/x y/é.json", "rel/../x.json", "./x.json", "x.json",
  ])
  func anAbsolutePathIsFoundationsStandardizedOne(path: String) {
    let foundation = URL(
      filePath: path, directoryHint: .notDirectory, relativeTo: URL(filePath: "/work/here/", directoryHint: .isDirectory))
    #expect(PathText.absolute(path, from: "/work/here") == foundation.standardizedFileURL.path)
  }

  /// A file's stem is what `URL.deletingPathExtension().lastPathComponent` says of a file.
  @Test(arguments: [
    "a.json", "dir/a.b.json", ".json", "dir/.hidden", "a.", "a", "dir/a.json/", "a..json", "dir.d/a", "x/ y .json", "a.json.",
    "café/é.json", "日本/流れ.json//",
  ])
  func aFilesStemIsURLs(path: String) {
    #expect(PathText.stem(of: path) == URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
  }

  @Test func filePaths() throws {
    let harness = try SessionHarness()
    let examples = Corpus.examples.path
    #expect(try complete("load \(examples)/orders-v|", in: harness) == ["\(examples)/orders-v1.json", "\(examples)/orders-v2.json"])
    #expect(
      try complete("load \(Corpus.repositoryRoot.path)/scripts/ex|", in: harness) == ["\(Corpus.repositoryRoot.path)/scripts/examples/"])
  }
}

/// The command tokenizer on hostile lines: long, unbalanced, full of variables; refused or read,
/// within the suite's time limit (no clock is read: a timed check measures the machine).
@Suite(.timeLimit(.minutes(1))) struct HostileLineTests {
  @Test func hostileLinesAreReadOrRefused() {
    let tokenizer = Tokenizer(variable: { _ in "v" }, environment: { _ in nil })
    for line in [
      String(repeating: "'", count: 1_000_001), String(repeating: "\"${", count: 200_000), String(repeating: "${a}", count: 200_000),
      String(repeating: "\\", count: 1_000_001), String(repeating: "a ", count: 500_000), "${" + String(repeating: "x", count: 1_000_000),
    ] {
      _ = try? tokenizer.words(line)
    }
  }
}
