import FlowModel
import FlowSession
import FlowTestSupport
import Foundation
import Testing

/// No secret leaves without being asked for: a unique canary sits in every place a secret lives
/// (each dialect's credential fields, native connection secrets and secret variables, a
/// workspace connection's secrets), and every output is searched for them: each export format
/// with and without `--redact`, every view, error messages, and the workspace file's bytes.
@Suite(.temporaryFolders) struct CanarySuiteTests {
  /// Every output of the session, by what produced it.
  final class Outputs {
    var texts: [(name: String, text: String)] = []
    func add(_ name: String, _ text: String) { texts.append((name, text)) }

    /// Output name -> the canaries of `list` it holds, for those that hold any.
    func leaks(of list: [String]) -> [(String, [String])] {
      texts.compactMap { entry in
        let found = CanaryFixtures.found(list, in: entry.text)
        return found.isEmpty ? nil : (entry.name, found)
      }
    }
  }

  /// The connection types the fixtures refer to, so `match --auto` binds every reference.
  static let connectionTypes = [
    "httpHeaderAuth", "postgres", "mqtt-broker", "telegram bot", "google",
    "org.apache.nifi.processors.aws.credentials.provider.service.AWSCredentialsProviderControllerService", "sensitive-parameter",
    "sasl",
  ]

  @Test func noCanaryLeavesWithoutCredentialsAskedFor() throws {
    try CanaryRun().noCanaryLeaves()
  }

  @Test func withCredentialsKeepsEveryCanaryInAPrivateFileWithAWarning() throws {
    try CanaryRun().withCredentialsKeepsEveryCanary()
  }

  @Test func aSecretThatIsANumberIsSealedAndComesBackANumber() throws {
    let harness = try SessionHarness()
    let flow = #"""
      [{"id":"t1","type":"tab","label":"Numbers"},
       {"id":"n1","type":"http request","z":"t1","name":"Post","credentials":{"user":"me","password":73519.25,"pin":4711,"tls":true},"wires":[]}]
      """#
    try flow.write(toFile: harness.path("numbers.json"), atomically: true, encoding: .utf8)
    try harness.run("workspace new ${dir}/n.fpsw as ws", "load ${dir}/numbers.json into ws", "commit -m numbers --yes")
    let raw = String(decoding: try Data(contentsOf: URL(fileURLWithPath: harness.path("n.fpsw"))), as: UTF8.self)
    #expect(!raw.contains("73519") && !raw.contains("4711"), "sealed at rest")

    try harness.run("export ws:Numbers to ${dir}/out.json --with-credentials")
    let exported = try JSONParser.parse(try Data(contentsOf: URL(fileURLWithPath: harness.path("out.json"))))
    let credentials = exported.arrayValue?.last?.objectValue?["credentials"]
    #expect(try credentials == JSONParser.parse(#"{"user":"me","password":73519.25,"pin":4711,"tls":true}"#))
  }

  /// A secret only scanning finds (a token in a header, a password in a URL, a secret-named
  /// parameter holding a number, a token in a node's name, which the wiring repeats), which no
  /// dialect's rule names, is sealed at rest as theirs are, where it stands: the workspace file holds none, and the flow exports again exactly
  /// as the file it was loaded from exports, numbers as numbers, with its key; without it,
  /// the secret reads as one that cannot be opened. A secret by the dialect's rule around one
  /// sealed by scanning (a Node-RED credential holding a URL with its password) opens whole, and
  /// one sealed before text a sealed secret could run on into (`/orders` after a JWT) opens.
  @Test func aSecretFoundByScanningIsSealedAtRestAndExportsAsItWas() throws {
    let harness = try SessionHarness()
    let flows = [
      "n8n.json": #"""
      {"name": "scan-n8n", "nodes": [{"id": "1", "name": "Call", "type": "n8n-nodes-base.httpRequest", "parameters": {
        "url": "https://admin:SCANurl0001x@api.example.com/x", "password": 53915789,
        "jwt": "https://api.example.com/v1/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SCANjwtKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c/orders",
        "headerParameters": {"parameters": [{"name": "Authorization", "value": "Bearer SCANtok0001abcdefghij"}]}}},
        {"id": "2", "name": "Next Bearer SCANnode0001abcdefghij", "type": "n8n-nodes-base.noOp", "parameters": {}}],
       "connections": {"Call": {"main": [[{"node": "Next Bearer SCANnode0001abcdefghij", "type": "main", "index": 0}]]}}}
      """#,
      "node-red.json": #"""
      [{"id": "t1", "type": "tab", "label": "scan-nr"},
       {"id": "n1", "type": "http request", "z": "t1", "name": "Get", "url": "https://u:SCANnr0001x@h.example.com/x",
        "credentials": {"password": "mqtt://u:SCANnr0002x@b.example.com"}, "wires": []}]
      """#,
    ]
    let canaries = ["SCANurl0001x", "53915789", "SCANtok0001", "SCANnr0001x", "SCANnr0002x", "SCANjwt", "SCANnode0001"]
    try harness.run("workspace new ${dir}/s.fpsw as ws")
    for (file, text) in flows {
      try text.write(toFile: harness.path(file), atomically: true, encoding: .utf8)
      try harness.run("load ${dir}/\(file) as \(file.dropLast(5))", "load ${dir}/\(file) into ws")
    }
    try harness.run("commit -m scanned --yes")
    let raw = String(decoding: try Data(contentsOf: URL(fileURLWithPath: harness.path("s.fpsw"))), as: UTF8.self)
    #expect(CanaryFixtures.found(canaries, in: raw).isEmpty, "sealed at rest")

    for (name, flow) in [("n8n", "scan-n8n"), ("node-red", "scan-nr")] {
      try harness.run(
        "export \(name) to ${dir}/\(name)-loaded.json --with-credentials",
        "export ws:\(flow) to ${dir}/\(name)-stored.json --with-credentials")
      let loaded = try Data(contentsOf: URL(fileURLWithPath: harness.path("\(name)-loaded.json")))
      let stored = try Data(contentsOf: URL(fileURLWithPath: harness.path("\(name)-stored.json")))
      #expect(String(decoding: stored, as: UTF8.self) == String(decoding: loaded, as: UTF8.self), "\(name) exports as it was")
    }
    let stored = String(decoding: try Data(contentsOf: URL(fileURLWithPath: harness.path("n8n-stored.json"))), as: UTF8.self)
    #expect(stored.contains(#""password": 53915789"#) && stored.contains("SCANurl0001x"))

    let keyless = try SessionHarness(environment: ["XDG_CONFIG_HOME": harness.path("other-config")], in: harness.folder)
    try keyless.run("load ${dir}/s.fpsw", "export ws:scan-n8n to ${dir}/out.json")
    let unopened = String(decoding: try Data(contentsOf: URL(fileURLWithPath: keyless.path("out.json"))), as: UTF8.self)
    #expect(CanaryFixtures.found(canaries, in: unopened).isEmpty && unopened.contains(SealedSecret.unreadable), "\(unopened)")
  }

  /// Opened without its key, a workspace names the first few places it cannot read and counts
  /// the rest: one with a secret in each of thousands of flows printed all their names at every
  /// open. Found by the key each document names, not by opening every secret.
  @Test func withoutItsKeyAWorkspaceNamesTheFirstFewPlacesItCannotRead() throws {
    let harness = try SessionHarness()
    try harness.run("workspace new ${dir}/s.fpsw as ws")
    for index in 1...7 {
      let flow =
        #"{"name": "f\#(index)", "nodes": [{"id": "1", "name": "Call", "type": "n8n-nodes-base.httpRequest", "parameters": {"h": "Bearer abcdEFGH1234567890abcdef\#(index)"}}], "connections": {}}"#
      try flow.write(toFile: harness.path("f\(index).json"), atomically: true, encoding: .utf8)
      try harness.run("load ${dir}/f\(index).json into ws")
    }
    try harness.run("commit -m seven --yes")
    let keyless = try SessionHarness(environment: ["XDG_CONFIG_HOME": harness.path("other-config")], in: harness.folder)
    let warning = try keyless.output(of: "load ${dir}/s.fpsw").standardError
    #expect(warning.contains("7 sealed secret entries cannot be read"), "\(warning)")
    #expect(
      warning.hasSuffix(
        ": flow f1@1: 1 secret; flow f2@1: 1 secret; flow f3@1: 1 secret; flow f4@1: 1 secret; flow f5@1: 1 secret; and 2 more\n"),
      "\(warning)")
    #expect(try harness.output(of: "load ${dir}/s.fpsw as again").standardError.isEmpty, "its own key reads every one")
  }

  /// A flow, a node and a config node named by a URL with its password: every command prints
  /// names, and `export` names its file by the flow. No command prints the password and no
  /// file is named with it; the file holds it, as it holds everything else that was loaded.
  @Test func aPasswordInANameIsPrintedByNoCommandAndNamesNoFile() throws {
    let harness = try SessionHarness()
    let flow = #"""
      [{"id":"t1","type":"tab","label":"Copy all customer tables every night into mqtt://admin:Canary7Name@db"},
       {"id":"b1","type":"mqtt-broker","name":"mqtts://admin:Canary7Name@broker.example.com","broker":"broker.example.com","port":"1883"},
       {"id":"n1","type":"mqtt in","z":"t1","name":"in https://bob:Canary7Name@api.example.com/x","topic":"a","broker":"b1","x":100,"y":100,"wires":[]}]
      """#
    try flow.write(toFile: harness.path("named.json"), atomically: true, encoding: .utf8)
    let edited = flow.replacingOccurrences(of: #""topic":"a""#, with: #""topic":"b""#)
    try edited.write(toFile: harness.path("edited.json"), atomically: true, encoding: .utf8)
    try harness.run("workspace new ${dir}/w.fpsw as w")
    let name = "'Copy all customer tables every night into mqtt://admin:Canary7Name@db'"
    var printed: [String] = []
    // Names cut short to fit a terminal: the URL cut, its password still went out.
    for width in stride(from: 30, through: 130, by: 5) {
      harness.lineWidth = width
      printed.append(try harness.output(of: "load ${dir}/named.json into w").standardOutput)
      try harness.run("discard --all")
    }
    harness.lineWidth = nil
    for line in [
      "load ${dir}/named.json into w", "status", "match", "list exports", "diff ${dir}/named.json ${dir}/edited.json",
      "diff ${dir}/named.json ${dir}/edited.json --json", "show \(name)", "export \(name) to ${dir}/out/",
    ] {
      let output = try harness.output(of: line)
      printed.append(output.standardOutput + output.standardError)
    }
    #expect(printed.allSatisfy { !$0.contains("Canary7Name") }, "\(printed.filter { $0.contains("Canary7Name") })")
    #expect(printed.last { $0.contains("staged") }?.contains("night into mqtt://admin:<redacted:password in URL>@db") == true)
    let files = try FileManager.default.contentsOfDirectory(atPath: harness.path("out"))
    #expect(files.count == 1 && !files[0].contains("Canary7Name"), "\(files)")
    #expect(try String(contentsOfFile: harness.path("out/\(files[0])"), encoding: .utf8).contains("Canary7Name"))
  }

  @Test func aKeyFileThatHoldsNoKeyIsAnErrorNamingItNotAWorkspaceWithoutAKey() throws {
    let harness = try SessionHarness()
    let keyFile = harness.path("config/flowport/key")
    try FileManager.default.createDirectory(atPath: harness.path("config/flowport"), withIntermediateDirectories: true)
    try "half a key".write(toFile: keyFile, atomically: true, encoding: .utf8)
    #expect(
      harness.failure("workspace new ${dir}/k.fpsw")
        == "key file \(keyFile): it does not hold a key (32 bytes in base64) (or set FLOWPORT_KEY)")
    #expect(!FileManager.default.fileExists(atPath: harness.path("k.fpsw")))
  }

  @Test func withoutItsKeyAWorkspaceShowsAndExportsAndSaysWhatItCannotRead() throws {
    let run = try CanaryRun()
    try run.driveEverything()
    let oldKey = run.harness.path("config/flowport/key")
    let other = try SessionHarness(environment: ["XDG_CONFIG_HOME": run.harness.path("other-config")], in: run.harness.folder)
    let opened = try other.output(of: "load ${dir}/canary.fpsw")
    #expect(opened.standardOutput.contains("opened workspace ws: 6 flows"))
    #expect(opened.standardError.contains("cannot be read with this key"))
    #expect(opened.standardError.contains("connection kafka-prod: secret 'password'"))
    #expect(opened.standardError.contains("flow Canary NiFi@1: "))
    let shown = try other.output(of: "show 'ws:Canary NiFi' --json").standardOutput
    #expect(shown.contains("Put S3") && CanaryFixtures.found(CanaryFixtures.credentialCanaries, in: shown).isEmpty)
    try other.run("export 'ws:Canary n8n' to ${dir}/out/keyless.json")
    #expect(
      other.failure("export ws:canary-native to ${dir}/out/keyless-creds.json --with-credentials")
        .contains("secret 'password' of connection 'kafka-prod' cannot be read: it was sealed with key"))

    let rekeyed = try other.output(of: "workspace rekey ws --from '\(oldKey)'").standardOutput
    #expect(rekeyed.hasPrefix("re-sealed ") && rekeyed.contains(" secrets of ws with key "))
    try other.run("export ws:canary-native to ${dir}/out/rekeyed.json --format json --with-credentials")
    let text = try String(contentsOfFile: other.path("out/rekeyed.json"), encoding: .utf8)
    #expect(text.contains(CanaryFixtures.connectionSecrets[0]) && text.contains("CNRYnatEnv01"))
    let raw = String(decoding: try Data(contentsOf: URL(fileURLWithPath: other.path("canary.fpsw"))), as: UTF8.self)
    #expect(CanaryFixtures.found(CanaryFixtures.credentialCanaries, in: raw).isEmpty)
  }
}

/// One run of the canary suite: a session in a scratch folder holding the fixtures.
final class CanaryRun {
  typealias Outputs = CanarySuiteTests.Outputs
  static let connectionTypes = CanarySuiteTests.connectionTypes
  let harness: SessionHarness
  let outputs = Outputs()

  init() throws {
    let folder = try Fixtures.temporaryDirectory()
    harness = try SessionHarness(
      environment: ["XDG_CONFIG_HOME": folder.appendingPathComponent("config").path], in: folder)
    try CanaryFixtures.write(into: harness.folder)
    try FileManager.default.createDirectory(atPath: harness.path("out"), withIntermediateDirectories: true)
  }

  /// Runs `line`, keeping what it printed (or the failure it rendered) under `name`.
  func record(_ name: String, _ line: String) {
    do {
      let printed = try harness.output(of: line)
      outputs.add(name, printed.standardOutput + printed.standardError)
    } catch {
      outputs.add(name + " (failed)", "\(error)")
    }
  }

  /// Reads a written file into the outputs; a bundle is unzipped first.
  func recordFile(_ name: String, _ path: String) {
    guard let data = FileManager.default.contents(atPath: path) else { return }
    let text = path.hasSuffix(".zip") ? Self.unzippedText(path) : String(decoding: data, as: UTF8.self)
    outputs.add(name, text)
  }

  /// Every entry of a zip archive, decompressed and concatenated (`unzip -p`).
  static func unzippedText(_ path: String) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c", "import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nfor n in z.namelist(): sys.stdout.buffer.write(z.read(n))",
      path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return "(unzip failed)" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// Every export of `source` (an export's or workspace flow's name) in every format, plain and redacted.
  func exportEverything(_ source: String, label: String) {
    for (suffix, options) in [("", ""), (" --redact", " --redact")] {
      for format in ["", "json", "bundle", "sql"] {
        let ext = format == "" ? "own" : format
        let file = harness.path(
          "out/\(label)-\(ext)\(suffix.isEmpty ? "" : "-redacted").\(format == "bundle" ? "zip" : format == "sql" ? "sql" : "json")")
        let formatOption = format.isEmpty ? "" : " --format \(format)"
        record("export \(label) \(ext)\(suffix) (messages)", "export '\(source)' to '\(file)'\(formatOption)\(options)")
        recordFile("export \(label) \(ext)\(suffix)", file)
      }
    }
  }

  /// Drives every output over every fixture, committed into a workspace.
  func driveEverything() throws {
    try harness.run("workspace new ${dir}/canary.fpsw as ws")
    record(
      "connection add",
      "connection add kafka-prod --type kafka --prop bootstrapServers=k:9092 "
        + "--secret password=\(CanaryFixtures.connectionSecrets[0]) --secret token=\(CanaryFixtures.connectionSecrets[1])")
    record(
      "connection add error", "connection add kafka-prod --type kafka --secret password=\(CanaryFixtures.connectionSecrets[0])")
    for (index, type) in Self.connectionTypes.enumerated() {
      try harness.run("connection add c\(index) --type '\(type)'")
    }
    record("connection list", "connection list")
    record("connection list --json", "connection list --json")
    for (index, fixture) in CanaryFixtures.all.enumerated() {
      let label = "e\(index)"
      record("load \(fixture.file)", "load ${dir}/\(fixture.file) as \(label)")
      record("show \(label)", "show \(label)")
      record("show --json \(label)", "show \(label) --json")
      exportEverything(label, label: label)
      // A copy with every canary changed: a diff must not show either side's secret.
      let changed = fixture.text.replacingOccurrences(of: "CNRY", with: "CNRX").replacingOccurrences(of: "SCAN", with: "SCAX")
      try Data(changed.utf8).write(to: harness.folder.appendingPathComponent("changed-\(fixture.file)"))
      record("diff \(label)", "diff ${dir}/changed-\(fixture.file) ${dir}/\(fixture.file)")
      record("diff --json \(label)", "diff ${dir}/changed-\(fixture.file) ${dir}/\(fixture.file) --json")
      // A broken copy: the error names the place, never the secret next to it.
      let broken = String(fixture.text.dropLast(3))
      try Data(broken.utf8).write(to: harness.folder.appendingPathComponent("broken-\(fixture.file)"))
      record("load error \(label)", "load ${dir}/broken-\(fixture.file)")
      try harness.run("load ${dir}/\(fixture.file) into ws")
    }
    try harness.run("match --auto")
    record("status", "status")
    record("match", "match")
    record("commit", "commit --yes -m canaries")
    record("log", "log")
    record("log --json", "log --json")
    record("list flows", "list flows --json")
    for (index, fixture) in CanaryFixtures.all.enumerated() {
      let label = "w\(index)"
      record("show ws \(label)", "show 'ws:\(fixture.flow)'")
      record("show --json ws \(label)", "show 'ws:\(fixture.flow)' --json")
      record("diff ws \(label)", "diff ${dir}/changed-\(fixture.file) 'ws:\(fixture.flow)'")
      exportEverything("ws:\(fixture.flow)", label: label)
    }
    record("diff ws ws", "diff ws ws")
  }

  func noCanaryLeaves() throws {
    try driveEverything()
    let workspace = try Data(contentsOf: URL(fileURLWithPath: harness.path("canary.fpsw")))
    outputs.add("workspace file", String(decoding: workspace, as: UTF8.self))

    let leaks = outputs.leaks(of: CanaryFixtures.credentialCanaries)
    let report = leaks.map { "\($0.0): \($0.1.count) (\($0.1.joined(separator: ", ")))" }.joined(separator: "\n")
    #expect(leaks.isEmpty, "credential canaries found:\n\(report)")

    let scanned = CanaryFixtures.all.flatMap(\.scanned)
    #expect(
      CanaryFixtures.found(scanned, in: String(decoding: workspace, as: UTF8.self)).isEmpty, "secrets found by scanning sealed at rest")
    let redactedLeaks = outputs.texts.filter { $0.name.contains("--redact") || $0.name.contains("bundle") }
      .filter { !CanaryFixtures.found(scanned, in: $0.text).isEmpty }.map(\.name)
    #expect(redactedLeaks.isEmpty, "secrets in clear survive --redact in: \(redactedLeaks)")
    #expect(outputs.texts.count > 150, "the suite searched \(outputs.texts.count) outputs")
  }

  func withCredentialsKeepsEveryCanary() throws {
    try driveEverything()
    for (index, fixture) in CanaryFixtures.all.enumerated() {
      for (source, label) in [("e\(index)", "export"), ("ws:\(fixture.flow)", "workspace")] {
        for format in ["", " --format json"] {
          let path = harness.path("out/with-\(label)-\(index)\(format.isEmpty ? "" : "-json").json")
          let printed = try harness.output(of: "export '\(source)' to '\(path)'\(format) --with-credentials")
          #expect(printed.standardError.contains("holds credentials in clear"))
          let text = try String(contentsOfFile: path, encoding: .utf8)
          // A reference bound to a workspace connection carries that connection's secrets instead.
          let replaced = label == "workspace" ? ["CNRYnatCred01"] : []
          let missing = (fixture.credential + fixture.scanned).filter { !text.contains($0) && !replaced.contains($0) }
          #expect(missing.isEmpty, "\(label) \(fixture.file)\(format) --with-credentials lost \(missing)")
          let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
          #expect(mode == 0o600)
        }
      }
    }
    let path = harness.path("out/with-native-ws.json")
    try harness.run("export ws:canary-native to '\(path)' --format json --with-credentials")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains(CanaryFixtures.connectionSecrets[0]), "the bound workspace connection's secret comes along")
  }
}
