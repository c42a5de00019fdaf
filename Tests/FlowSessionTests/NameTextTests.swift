import FlowModel
import FlowTestSupport
import Foundation
import Testing

@testable import FlowSession

/// Names with a NUL or a lone surrogate are refused, naming file and position, wherever they come
/// from: an export, a command line, a script; never kept changed.
@Suite(.temporaryFolders) struct NameTextTests {
  @Test func anExportWhoseFlowNameHoldsANULIsRefusedAtTheName() throws {
    let harness = try SessionHarness()
    try "{\n  \"name\": \"ord\\u0000ers\", \"nodes\": [], \"connections\": {}\n}".write(
      toFile: harness.path("nul.json"), atomically: true, encoding: .utf8)
    try harness.run("workspace new ${dir}/w.fpsw as w")
    #expect(
      harness.failure("load ${dir}/nul.json into w")
        == harness.path("nul.json")
        + #":2:11: the flow name "ord\u0000ers" holds a NUL character (\u0000), which a workspace cannot keep: change it in the file"#)
    #expect(harness.session.imports.isEmpty)
  }

  /// A flow named with an escape sequence is kept as it is, but printed with its control
  /// characters escaped, in the lines of load, commit and list: the terminal never acts on them.
  @Test func controlCharactersInANameArePrintedEscaped() throws {
    let harness = try SessionHarness()
    try #"{"name": "lamp\u001b[2J\r", "nodes": [], "connections": {}}"#.write(
      toFile: harness.path("escape.json"), atomically: true, encoding: .utf8)
    try harness.run("workspace new ${dir}/w.fpsw as w")
    let loaded = try harness.output(of: "load ${dir}/escape.json into w")
    try harness.run("commit --yes")
    let listed = try harness.output(of: "list")
    let printed = Printed(standardOutput: loaded.standardOutput + listed.standardOutput)
    #expect(!printed.standardOutput.contains("\u{1B}") && !printed.standardOutput.contains("\r"), "\(printed.standardOutput)")
    #expect(printed.standardOutput.contains(#"staged lamp\u001b[2J\u000d: new flow in w"#), "\(printed.standardOutput)")
    #expect(printed.standardOutput.contains(#"lamp\u001b[2J\u000d  v1 (1 version"#), "\(printed.standardOutput)")
    #expect(TerminalText.visible("\u{202E}evil.json\t") == #"\u202eevil.json\u0009"#, "a right-to-left override, a tab")
  }

  @Test func anExportWithALoneSurrogateIsRefusedWhereItStands() throws {
    let harness = try SessionHarness()
    try #"[{"id": "t1", "type": "tab", "label": "Sensors \ud800"}]"#.write(
      toFile: harness.path("lone.json"), atomically: true, encoding: .utf8)
    #expect(harness.failure("load ${dir}/lone.json").hasPrefix(harness.path("lone.json") + #":1:48: lone surrogate \ud800 in string"#))
  }

  @Test func aCommandLineWithANULIsRefusedAtItsColumn() throws {
    let harness = try SessionHarness()
    try harness.run("workspace new ${dir}/w.fpsw as w")
    // Columns count characters: `ä` is one, as it is two bytes.
    #expect(harness.failure("connection add 'käfka\u{0}prod' --type kafka") == "a NUL character at column 22: a command cannot hold one")
    #expect(harness.session.changes.values.allSatisfy { $0.isEmpty })
  }

  @Test func aScriptLineThatIsNotUTF8IsRefusedAtItsLineAndColumn() throws {
    let harness = try SessionHarness()
    // U+D800 written as UTF-8 would be (CESU-8): ED A0 80, which UTF-8 forbids.
    let script = Array("workspace new ${dir}/w.fpsw as w\nconnection add kafka-".utf8) + [0xED, 0xA0, 0x80] + Array(" --type kafka\n".utf8)
    try Data(script).write(to: URL(fileURLWithPath: harness.path("lone.fps")))
    let (printed, error) = harness.output(ofScript: harness.path("lone.fps"))
    #expect(
      printed.standardError
        == harness.path("lone.fps")
        + ":2: invalid UTF-8 at column 22 (a lone surrogate, or text in another encoding): commands are read as UTF-8\n")
    #expect(error.map { "\($0)" } == harness.path("lone.fps") + ": nothing was run, since the line above is malformed")
    #expect(!FileManager.default.fileExists(atPath: harness.path("w.fpsw")))
  }
}
