import FlowDiff
import FlowFormats
import FlowModel
import FlowTestSupport
import Foundation
import SnapshotTesting
import Testing

/// A pair with known edits: ids all different (another instance), node array reordered,
/// positions moved, webhook id changed (volatile), one node renamed, one removed, one added,
/// one prompt edited (a long string), a switch rule added and rewired, a credential changed.
@Suite struct DiffViewsTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func version(_ name: String) throws -> FlowVersion {
    try ExportFormat.read(try Data(contentsOf: fixtures.appendingPathComponent(name)), fallbackName: name).1.version
  }

  /// The default options for two n8n flows: what the session passes (n8n's volatile paths).
  /// As `diff` compares two n8n views: their volatile paths left out, the configurations of
  /// nodes shown with their secrets as stand-ins.
  static let n8n = {
    var options = DiffOptions(volatilePaths: DiffOptions.commonVolatilePaths + ExportFormat(rawValue: "n8n")!.volatilePaths)
    options.shownConfiguration = Secrets.shownInDiff
    options.shownText = Secrets.shownTextInDiff
    return options
  }()

  func supportDiff(_ options: DiffOptions = Self.n8n) throws -> FlowDiff {
    FlowDiffer.diff(
      try Self.version("support-before.json"), try Self.version("support-after.json"), leftLabel: "before", rightLabel: "after",
      options: options)
  }

  @Test func terminalView() throws {
    assertSnapshot(of: DiffRenderer.terminal(colour: false).render(try supportDiff()), as: .lines)
  }

  @Test func jsonView() throws {
    assertSnapshot(of: DiffRenderer.json.render(try supportDiff()), as: .lines)
  }

  @Test func statView() throws {
    assertSnapshot(of: DiffRenderer.stat.render(try supportDiff()), as: .lines)
  }

  @Test func dotView() throws {
    var options = Self.n8n
    options.includeGraph = true
    assertSnapshot(of: DiffRenderer.dot.render(try supportDiff(options)), as: .lines)
  }

  /// Two edits fifty lines apart in a function's code show as the lines they changed, not as
  /// one block holding every line between them; an edit within a line stays inline.
  @Test func editsFarApartInCodeShowAsTheirLines() {
    func flow(_ code: String) -> FlowVersion {
      FlowVersion(name: "f", nodes: [Node(id: "1", name: "Fn", type: "function", config: ["func": .string(code)])])
    }
    let lines = (1...60).map { "const v\($0) = msg.payload.f\($0);" }
    var edited = lines
    edited[4] = "const v5 = 0;"
    edited[54] = "const v55 = msg.payload.other;"
    let render = { (old: [String], new: [String]) in
      DiffRenderer.terminal(colour: false).render(
        FlowDiffer.diff(
          flow(old.joined(separator: "\n")), flow(new.joined(separator: "\n")), leftLabel: "a", rightLabel: "b",
          options: DiffOptions().showingConfigurationsAsTheyAre))
    }
    #expect(
      render(lines, edited).contains(
        """
          ~ config.func: 2 of 60 lines changed
              ~ 5: "const v5 = [-msg.payload.f5-]{+0+};"
              ~ 55: "const v55 = msg.payload.[-f55-]{+other+};"

        """))
    let windows = { (text: [String]) in text.joined(separator: "\r\n") }
    #expect(
      DiffRenderer.terminal(colour: false).render(
        FlowDiffer.diff(
          flow(windows(lines)), flow(windows(edited)), leftLabel: "a", rightLabel: "b",
          options: DiffOptions().showingConfigurationsAsTheyAre)
      ).contains("~ config.func: 2 of 60 lines changed\n"), "CRLF lines too")
    #expect(
      DiffRenderer.terminal(colour: false).render(
        FlowDiffer.diff(
          flow(lines.joined(separator: "\n")), flow(windows(lines)), leftLabel: "a", rightLabel: "b",
          options: DiffOptions().showingConfigurationsAsTheyAre)
      ).contains("~ config.func: only the line endings changed\n"))
    var oneLine = lines
    oneLine[4] = "const v5 = msg.payload.f5 * 2;"
    #expect(render(lines, oneLine).contains(#"~ config.func: "…onst v5 = msg.payload.f5{+ * 2+};\nconst v6 = msg.payload…""#))
  }

  /// A text with more changed lines than a screen shows 24 and counts the rest, saying how to
  /// see them; the whole view (`diff --all`) shows every line, and long ones uncut.
  @Test func manyChangedLinesAreCountedUnlessAllAreAskedFor() {
    func flow(_ lines: [String]) -> FlowVersion {
      FlowVersion(name: "f", nodes: [Node(id: "1", name: "Fn", type: "function", config: ["func": .string(lines.joined(separator: "\n"))])])
    }
    let old = (1...40).map { "line \($0) " + String(repeating: "a", count: 40) }
    let new = old.map { $0 + " " + String(repeating: "x", count: 150) }
    let diff = FlowDiffer.diff(flow(old), flow(new), leftLabel: "a", rightLabel: "b", options: DiffOptions().showingConfigurationsAsTheyAre)
    let cut = DiffRenderer.terminal(colour: false).render(diff)
    #expect(
      cut.contains("      … and 16 more lines (`diff --all` shows them, with positions and ids)\n") && !cut.contains("~ 25:"), "\(cut)")
    let whole = DiffRenderer.terminal(colour: false, whole: true).render(diff)
    #expect(cut.contains("~ 1: \"…" + String(repeating: "a", count: 24) + "{+ x"), "\(cut)")
    let edit = "~ 40: \"line 40 " + String(repeating: "a", count: 40) + "{+ " + String(repeating: "x", count: 150) + "+}\""
    #expect(!whole.contains("more lines") && whole.contains(edit), "\(whole)")
  }

  @Test func theRenameIsFoundAndTheRestIsExact() throws {
    let diff = try supportDiff()
    #expect(
      diff.nodes.map { "\($0.kind) \($0.name) \($0.oldName ?? "")" } == [
        "changed Classify ", "changed Route ", "changed Notify billing Tell billing",
        "added Page on-call ", "removed File bug ",
      ])
    #expect(
      diff.stat.summary
        == "3 nodes changed, 1 node added, 1 node removed, 1 edge added, 1 edge removed, 1 connection changed, 1 connection removed")
  }

  @Test func anotherInstancesExportOfTheSameFlowIsNoChange() throws {
    var copy = try Self.version("support-before.json")
    copy.nodes = copy.nodes.reversed().map { node in
      var node = node
      node.id = "other-" + node.id
      node.position = Position(x: JSONNumber(7), y: JSONNumber(7))
      node.config["webhookId"] = node.config["webhookId"].map { _ in "wh-other" }
      return node
    }
    copy.edges = copy.edges.reversed().map {
      Edge(from: "other-" + $0.from, fromPort: $0.fromPort, to: "other-" + $0.to, toPort: $0.toPort)
    }
    let diff = FlowDiffer.diff(try Self.version("support-before.json"), copy, leftLabel: "a", rightLabel: "b", options: Self.n8n)
    #expect(diff.isEmpty, "\(DiffRenderer.terminal(colour: false).render(diff))")
    #expect(
      !FlowDiffer.diff(
        try Self.version("support-before.json"), copy, leftLabel: "a", rightLabel: "b", options: DiffOptions(includeVolatile: true)
      ).isEmpty)
  }

  @Test func ignoredPathsAreLeftOut() throws {
    let diff = try supportDiff(DiffOptions(ignoredPaths: ["config.parameters.prompt", "*.rules.*"], volatilePaths: Self.n8n.volatilePaths))
    #expect(!diff.nodes.contains { $0.name == "Classify" || $0.name == "Route" })
  }

  @Test func longStringsShowTheEditInline() throws {
    let text = DiffRenderer.terminal(colour: false).render(try supportDiff())
    #expect(text.contains(#"~ config.parameters.prompt: "…t ticket as billing, bug{+, outage+} or question. Answer wit…""#))
  }

  /// A long name whose URL's password changed: marked up as an edit, the URL was cut in two
  /// and the output's redaction missed it. The password is masked on both sides first.
  @Test func anInlineEditMasksAURLsPassword() {
    let name = { (password: String) in "Nightly sync of every customer table to mqtt://admin:\(password)@broker.local" }
    let diff = FlowDiffer.diff(
      FlowVersion(name: name("Hunter2pw")), FlowVersion(name: name("Hunter3pw")), leftLabel: "a", rightLabel: "b", options: DiffOptions())
    let text = DiffRenderer.terminal(colour: false).render(diff)
    #expect(text.contains("~ name: changed (secret)") && !text.contains("Hunter"), "\(text)")
  }

  /// Text from a flow file reaches the terminal with its control characters escaped: a value
  /// or a name could otherwise clear the screen, recolour it or fake a line.
  @Test func controlCharactersInValuesAndNamesAreEscaped() {
    let code = String(repeating: "let a = 1; ", count: 8)
    let hostile = "lamp\u{1B}[2J\u{1B}[31m\r\n\tx"
    let before = FlowVersion(name: "f", nodes: [Node(id: "1", name: hostile, type: "function", config: ["code": .string(code)])])
    let after = FlowVersion(
      name: "f", nodes: [Node(id: "1", name: hostile, type: "function", config: ["code": .string(code + hostile)])])
    let diff = FlowDiffer.diff(before, after, leftLabel: "a", rightLabel: "b", options: DiffOptions().showingConfigurationsAsTheyAre)
    for text in [DiffRenderer.terminal(colour: false).render(diff), DiffRenderer.stat.render(diff)] {
      #expect(!text.contains("\u{1B}") && !text.contains("\r") && !text.contains("\t"), "\(text)")
      #expect(text.contains(#"lamp\u001b[2J\u001b[31m\r\n\tx"#), "\(text)")
    }
  }

  /// A secret found by scanning inside a value (a password in a URL, a token in code) that
  /// changed shows as `changed (secret)`; the rest of the value still diffs, the secret masked;
  /// no secret and no stand-in is ever printed.
  @Test func aChangedSecretInsideAValueShowsAsSuch() {
    func flow(password: String, host: String, token: String) -> FlowVersion {
      let config: JSONObject = [
        "url": .string("https://admin:\(password)@\(host)/"), "code": .string("var t = \"Bearer \(token)\";"),
        "apiPassword": .string(password),
      ]
      return ExportFormat.diffView(of: FlowVersion(name: "f", nodes: [Node(id: "1", name: "call", type: "http", config: config)]))
    }
    // As `diff` compares views: the configurations of nodes shown scanned for secrets.
    var options = DiffOptions()
    options.shownConfiguration = Secrets.shownInDiff
    options.shownText = Secrets.shownTextInDiff
    let before = flow(password: "pwOLD1234", host: "nas.local", token: "abcdefghijklmnop0123OLD")
    let after = flow(password: "pwNEW5678", host: "nas.local", token: "abcdefghijklmnop0123NEW")
    let text = DiffRenderer.terminal(colour: false).render(
      FlowDiffer.diff(before, after, leftLabel: "a", rightLabel: "b", options: options))
    #expect(text.contains("~ config.url: changed (secret)\n"), "\(text)")
    #expect(text.contains("~ config.code: changed (secret)\n"), "\(text)")
    #expect(text.contains("~ config.apiPassword: changed (secret)\n"), "\(text)")
    let moved = flow(password: "pwOLD1234", host: "nas2.local", token: "abcdefghijklmnop0123OLD")
    let hostOnly = DiffRenderer.terminal(colour: false).render(
      FlowDiffer.diff(before, moved, leftLabel: "a", rightLabel: "b", options: options))
    // Only the password stands in: scheme, user and host stay readable.
    #expect(hostOnly.contains(#"~ config.url: "https://admin:(secret)@nas.local/" -> "https://admin:(secret)@nas2.local/""#), "\(hostOnly)")
    let both = DiffRenderer.terminal(colour: false).render(
      FlowDiffer.diff(
        before, flow(password: "pwNEW5678", host: "nas2.local", token: "abcdefghijklmnop0123OLD"), leftLabel: "a", rightLabel: "b",
        options: options))
    #expect(
      both.contains(
        #"~ config.url: "https://admin:(secret)@nas.local/" -> "https://admin:(secret)@nas2.local/" (and a secret in it changed)"#),
      "\(both)")
    for shown in [text, hostOnly, both] {
      #expect(!shown.contains("pwOLD") && !shown.contains("pwNEW") && !shown.contains("0123OLD") && !shown.contains("\u{FFFF}"))
    }
  }

  /// A value that is a secret on one side hides the other side's value too, in every view:
  /// the rules may not recognize the same secret there (a JWT rotated to an opaque token).
  @Test func aSecretOnOneSideHidesTheOtherSide() throws {
    func flow(_ token: JSONValue) -> FlowVersion {
      FlowVersion(name: "f", nodes: [Node(id: "1", name: "call", type: "http", config: ["token": token])])
    }
    let recognized = SecretStandIn.standIn(for: .string("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl"))
    let secretsAlone: JSONValue = ["user": SecretStandIn.standIn(for: "u"), "password": SecretStandIn.standIn(for: "p")]
    for old in [recognized, secretsAlone] {
      let diff = FlowDiffer.diff(flow(old), flow("opaque-rotated-secret"), leftLabel: "a", rightLabel: "b")
      #expect(diff.nodes.flatMap(\.changes).map(\.isSecret) == [true])
      for renderer in [DiffRenderer.json, .terminal(colour: false)] {
        let text = renderer.render(diff)
        #expect(!text.contains("opaque") && !text.contains("\u{FFFF}"), "\(text)")
      }
    }
  }

  /// A secret-named value that is another node's id, equal once ids are translated (another
  /// instance gave the nodes theirs), is no change, also beside a change of its node: the
  /// shown configurations give the two ids different stand-ins, and only the paths that
  /// differ as the configurations are may show.
  @Test func aTranslatedIDUnderASecretNameIsNoChange() {
    func flow(_ prefix: String, timeout: Int) -> FlowVersion {
      Self.callingFlow(prefix, config: ["apiKey": .string("\(prefix)-target-node"), "timeout": .number(JSONNumber(timeout))])
    }
    let diff = FlowDiffer.diff(flow("left", timeout: 1), flow("right", timeout: 2), leftLabel: "a", rightLabel: "b", options: Self.n8n)
    #expect(diff.nodes.flatMap(\.changes).map(\.path) == ["config.timeout"])
  }

  /// The diff view of an n8n flow of two nodes, `call` of this configuration and `target`,
  /// with ids of `prefix` as an instance mints its own. n8n's own rule hides credential data
  /// alone: the configuration's members are the scanner's to hide.
  static func callingFlow(_ prefix: String, config: JSONObject) -> FlowVersion {
    ExportFormat.diffView(
      of: FlowVersion(
        name: "f",
        nodes: [
          Node(id: "\(prefix)-caller-node", name: "call", type: "http", config: config),
          Node(id: "\(prefix)-target-node", name: "target", type: "http", config: [:]),
        ],
        source: SourceDocument(dialect: "n8n", document: .null)))
  }

  /// A secret in a member keyed by another node's id is shown as a secret on both sides when
  /// the ids differ (another instance): the differ asks each side's view for the places it
  /// shows alone, and the right side's lie under the translated key.
  @Test func aSecretUnderATranslatedKeyIsShownAsASecret() {
    func flow(_ prefix: String, password: String) -> FlowVersion {
      Self.callingFlow(prefix, config: ["services": ["\(prefix)-target-node": ["url": .string("https://admin:\(password)@nas.local/")]]])
    }
    let diff = FlowDiffer.diff(
      flow("left", password: "pwOLD1234"), flow("right", password: "pwNEW5678"), leftLabel: "a", rightLabel: "b", options: Self.n8n)
    #expect(diff.nodes.flatMap(\.changes).map(\.path) == ["config.services.left-target-node.url"])
    for renderer in [DiffRenderer.json, .terminal(colour: false)] {
      let text = renderer.render(diff)
      #expect(!text.contains("pwOLD") && !text.contains("pwNEW") && !text.contains("\u{FFFF}"), "\(text)")
    }
  }

  @Test func aForeignFlowsOwnSettingsAreCompared() throws {
    let text = try String(contentsOf: Self.fixtures.appendingPathComponent("support-before.json"), encoding: .utf8)
    let changed = text.replacingOccurrences(
      of: #""executionOrder": "v1"}"#,
      with: #""executionOrder": "v1", "timezone": "Europe/Berlin"}, "versionId": "v-2", "tags": ["support"]"#)
    let before = try ExportFormat.read(Array(text.utf8), fallbackName: "a").1.version
    let after = try ExportFormat.read(Array(changed.utf8), fallbackName: "b").1.version
    let diff = FlowDiffer.diff(before, after, leftLabel: "a", rightLabel: "b", options: Self.n8n)
    #expect(diff.flow.map(\.path) == ["settings.timezone", "tags"], "versionId is volatile")
    let all = FlowDiffer.diff(before, after, leftLabel: "a", rightLabel: "b", options: DiffOptions(includeVolatile: true))
    #expect(all.flow.map(\.path) == ["settings.timezone", "versionId", "tags"])
    var native = before
    native.source = nil
    native.metadata = [:]
    #expect(
      FlowDiffer.diff(before, native, leftLabel: "a", rightLabel: "b", options: Self.n8n).flow.first
        == PropertyChange(path: "format", old: "n8n", new: "flowport/1"))
  }
}
