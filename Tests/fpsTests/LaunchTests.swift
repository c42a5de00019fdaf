import ArgumentParser
import Foundation
import Testing

@testable import fps

/// `Launch(commonArguments:)` reads the common command lines exactly as argument-parser does,
/// and leaves every other line, and every mistake, to argument-parser.
@Suite struct LaunchTests {
  /// What argument-parser makes of a command line, or nil when it rejects it (or prints help).
  private func parsed(_ arguments: [String]) -> Launch? {
    (try? FPS.parseAsRoot(arguments) as? FPS)?.launch
  }

  @Test(arguments: [
    [], ["migrate.fps"], ["run", "migrate.fps"], ["help"], [""], ["-c", "quit"], ["-c", "load a.json", "-c", "show orders"],
    ["--var", "env=prod", "--var", "x=1=2", "-c", "echo ${env}"], ["--workspace", "w.fpsw", "--user", "ann", "migrate.fps"],
    ["migrate.fps", "--restore", "--no-pager"], ["--restore"], ["diff", "a.json", "b.json"],
    ["diff", "flows/o.json", "/tmp/x", "abc", "100644", "/tmp/y", "def", "100644"], ["-c", "quit", "script.fps", "-c", "show"],
    ["--var", "bad", "-c", "quit"], ["a.fps", "b.fps"], ["-c", "load 'a b.json'", "--user", "bob"], ["-c", ""], ["run"],
  ])
  func readsTheCommonLinesAsArgumentParserDoes(arguments: [String]) throws {
    let quick = try #require(Launch(commonArguments: arguments), "a common line is read without argument-parser")
    if let parsed = parsed(arguments) {
      #expect(quick == parsed)
    } else {
      // fps then hands the line to argument-parser, which reports the mistake.
      #expect(throws: (any Error).self) { try quick.validate() }
    }
  }

  @Test(arguments: [
    ["--help"], ["-h"], ["--version"], ["-cquit"], ["-c"], ["-c", "-x"], ["--user=ann"], ["--user", "a", "--user", "b"],
    ["--restore", "--restore"], ["--", "-c"], ["diff", "a.json", "b.json", "--all"], ["-x"], ["--workspace"], ["-"],
    ["-c", "--help"], ["-c", "--version"], ["--user", "--restore"], ["--no-pager", "--no-pager"], ["--experimental-dump-help"],
    ["--generate-completion-script", "bash"],
  ])
  func leavesEveryOtherLineToArgumentParser(arguments: [String]) {
    #expect(Launch(commonArguments: arguments) == nil)
  }

  /// A command typed where a script goes (`fps help`) is said to be one, with the line that
  /// runs it, rather than looked for as a file.
  @Test(arguments: [(["help"], "fps -c 'help'"), (["load", "a.json"], "fps -c 'load a.json'")])
  func aCommandWhereAScriptGoesIsSaidToBeOne(words: [String], line: String) throws {
    let launch = try #require(Launch(commonArguments: words))
    do {
      try launch.validate()
      Issue.record("\(words) was taken for a script")
    } catch {
      #expect("\(error)" == "'\(words[0])' is a command, not a script: run it with \(line), or type it at the fps prompt")
    }
  }

  /// Every option `fps --help` lists, but help and version, is one the quick reader knows: an
  /// option added to `FPS` or `SessionOptions` and not to it would quietly take the slow path.
  @Test func knowsEveryOptionTheHelpLists() {
    let options = FPS.helpMessage().split(separator: "\n").compactMap { line -> (name: String, takesValue: Bool)? in
      let words = line.split(separator: " ")
      guard line.hasPrefix("  -"), let name = words.first, !["-h,", "--version"].contains(name) else { return nil }
      return (String(name), words.count > 1 && words[1].hasPrefix("<"))
    }
    #expect(options.count == 6)
    for option in options {
      #expect(Launch(commonArguments: option.takesValue ? [option.name, "value"] : [option.name]) != nil, "\(option.name)")
    }
  }

  /// A run whose heap grows large starts again on huge pages (`HugePageHeap`): a script, the
  /// shell; never `-c` alone, or a diff, however large its files.
  @Test func aRunThatBuildsALargeHeapIsToldApart() {
    #expect(!Launch(words: ["diff", "large.json", "large.json", "--json"]).buildsLargeHeap)
    #expect(Launch(words: ["migrate.fps"]).buildsLargeHeap)
    #expect(Launch(words: ["run", "migrate.fps"]).buildsLargeHeap)
    #expect(Launch().buildsLargeHeap, "the shell")
    #expect(Launch(commands: ["quit"], words: ["migrate.fps"]).buildsLargeHeap)
    #expect(!Launch(commands: ["load a.json"]).buildsLargeHeap)
  }

}
