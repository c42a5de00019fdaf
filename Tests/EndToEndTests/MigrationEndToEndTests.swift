import FlowTestSupport
import Foundation
import GRDB
import Testing

/// A scripted bulk migration of real n8n exports, as CI runs one: again and again, with edits,
/// with a failure, and taken back; the workspace file checked after each run.
@Suite(.serialized, .temporaryFolders, .enabled(if: Corpus.missingReason == nil, Comment(rawValue: Corpus.missingReason ?? "")))
struct MigrationEndToEndTests {
  /// n8n exports of the corpus with a name of their own (repeated names are their own test),
  /// copied into team folders, and the credential types they reference.
  func copyExports(into folder: URL, count: Int) throws -> (files: [URL], types: [String]) {
    var seen: Set<String> = []
    var files: [URL] = []
    var types: Set<String> = []
    for file in Corpus.files(withExtension: "json").filter({ $0.path.contains("/n8n/") }) where files.count < count {
      guard let data = FileManager.default.contents(atPath: file.path),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let name = object["name"] as? String,
        !name.isEmpty, seen.insert(name).inserted, let nodes = object["nodes"] as? [[String: Any]]
      else { continue }
      for node in nodes { types.formUnion((node["credentials"] as? [String: Any])?.keys.map { $0 } ?? []) }
      let team = folder.appendingPathComponent("team-\(files.count % 3)")
      try FileManager.default.createDirectory(at: team, withIntermediateDirectories: true)
      let copy = team.appendingPathComponent(file.lastPathComponent)
      try data.write(to: copy)
      files.append(copy)
    }
    return (files, types.sorted())
  }

  /// The JSON document a command printed after the lines of the commands before it.
  static func json(in output: String) -> String {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { ["{", "[", "{}", "[]"].contains($0) }) else { return output }
    return lines[start...].joined(separator: "\n")
  }

  /// Checks a JSON output against the schema of that name, saying why not.
  static func expectValid(_ json: String, _ schema: String) throws {
    let problems = try JSONSchemaCheck.problems(in: json, against: JSONSchemaCheck.schema(schema))
    #expect(problems == nil, "\(schema): \(problems ?? "")\n\(json.prefix(600))")
  }

  func count(_ sql: String, in workspace: String) throws -> Int {
    try DatabaseQueue(path: workspace).read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
  }

  @Test func aMigrationRunsAgainWritesOnlyWhatChangedFailsWholeAndIsUndone() throws {
    let fps = try FPSProcess()
    let (files, types) = try copyExports(into: fps.home.appendingPathComponent("exports"), count: 40)
    #expect(files.count == 40)
    let workspace = fps.home.appendingPathComponent("prod.fpsw").path
    let connections = types.map { "connection add \($0)-prod --type \($0) --prop id=PROD-\($0)" }
    let stage = try fps.script(
      "stage.fps",
      (["workspace new ${script_dir}/prod.fpsw as prod --if-missing"] + connections + [
        "load ${script_dir}/exports into prod --on-conflict version", "match --auto",
      ]).joined(separator: "\n") + "\n")
    let migrate = try fps.script("migrate.fps", "source ${script_dir}/stage.fps\ncommit -m release\n")

    let plan = try fps.run(["-c", "source \(stage)", "-c", "commit --dry-run --json"])
    #expect(plan.status == 0, "\(plan.standardError)")
    try Self.expectValid(Self.json(in: plan.standardOutput), "plan")
    let first = try fps.run([migrate])
    #expect(first.status == 0, "\(first.standardError)")
    #expect(first.standardOutput.contains("total: 40 flows created, \(types.count) changes\n"))
    #expect(try count("SELECT COUNT(*) FROM flows", in: workspace) == 40)
    #expect(try count("SELECT COUNT(*) FROM connections", in: workspace) == types.count)

    let second = try fps.run([migrate])
    #expect(second.status == 0, "\(second.standardError)")
    #expect(second.standardOutput.hasSuffix("nothing to write: 40 unchanged\n"))
    #expect(second.standardOutput.contains("no change: \(types[0])-prod (\(types[0])) exists in prod as given"))
    #expect(try count("SELECT COUNT(*) FROM commits", in: workspace) == 1, "a re-run writes nothing")

    for file in files.prefix(3) {
      // One new parameter in the first node, as a person editing the flow in n8n would add.
      let text = try String(contentsOf: file, encoding: .utf8)
      let range = try #require(text.range(of: #""parameters"\s*:\s*\{\s*"#, options: .regularExpression))
      let empty = text[range.upperBound...].hasPrefix("}")
      let edited = text.replacingCharacters(in: range, with: #""parameters": {"fpsEdited": true"# + (empty ? "" : ", "))
      #expect(edited != text)
      try edited.write(to: file, atomically: true, encoding: .utf8)
    }
    let third = try fps.run([migrate])
    #expect(third.status == 0, "\(third.standardError)")
    #expect(third.standardOutput.contains("total: 3 versions added, 37 unchanged\n"))
    #expect(try count("SELECT COUNT(*) FROM versions", in: workspace) == 43)

    let failing = try fps.script(
      "failing.fps", "source ${script_dir}/migrate.fps\nconnection add late-prod --type kafka\nload ${script_dir}/nowhere.json into prod\n")
    let broken = try fps.run([failing])
    #expect(broken.status == 1)
    #expect(broken.standardError.hasSuffix("failing.fps:3: load: \(fps.home.path)/nowhere.json: no such file or directory\n"))
    #expect(try count("SELECT COUNT(*) FROM connections WHERE name = 'late-prod'", in: workspace) == 0, "nothing staged is written")
    #expect(try count("SELECT COUNT(*) FROM commits", in: workspace) == 2)

    let undoPlan = try fps.run(["-c", "load \(workspace)", "-c", "undo --dry-run --json"])
    try Self.expectValid(Self.json(in: undoPlan.standardOutput), "undo")
    let undone = try fps.run(["-c", "load \(workspace)", "-c", "undo"])
    #expect(undone.status == 0, "\(undone.standardError)")
    #expect(undone.standardOutput.hasSuffix("committed #3 to prod: undid #2 (3 removed versions)\n"))
    #expect(try count("SELECT COUNT(*) FROM versions", in: workspace) == 40)
    #expect(try count("SELECT COUNT(*) FROM flows WHERE current_version = 1", in: workspace) == 40)
    // The rollback run again takes back no more: the latest commit is the undo itself.
    let again = try fps.run(["-c", "load \(workspace)", "-c", "undo --yes"])
    #expect(again.status == 1)
    #expect(again.standardError.contains("the latest commit to prod, #3, undid #2; nothing was written."), "\(again.standardError)")
    #expect(try count("SELECT COUNT(*) FROM commits", in: workspace) == 3)

    let all = try fps.run(["-c", "load \(workspace)", "-c", "undo #1", "-c", "log"])
    #expect(all.status == 0, "\(all.standardError)")
    #expect(try count("SELECT COUNT(*) FROM flows", in: workspace) == 0)
    #expect(try count("SELECT COUNT(*) FROM connections", in: workspace) == 0)
    #expect(try count("SELECT undone_by FROM commits WHERE id = 1", in: workspace) == 4)
    #expect(all.standardOutput.contains("release  (undone by #4)\n"))
  }

  /// The corpus's n8n folder moves from a test workspace to production with an environment
  /// file of rules only, as a team promotes every release: every reference bound without
  /// `match`, webhook paths set by `values`; the next release is bound as the workspace
  /// remembers and keeps the paths, with neither the file nor `match`.
  @Test func aCorpusMovesFromTestToProdByRulesAndTheNextReleaseNeedsNoMatch() throws {
    let fps = try FPSProcess()
    let exports = fps.home.appendingPathComponent("exports")
    let (files, types) = try copyExports(into: exports, count: .max)
    #expect(files.count > 250, "the corpus's n8n folder")
    var flows: [(file: URL, name: String, webhooks: [String])] = []
    for file in files {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
      let name = try #require(object["name"] as? String)
      // Names a script can quote in '...' and an environment file selects without a glob.
      guard !name.contains("'"), !name.contains("*") else { continue }
      let nodes = object["nodes"] as? [[String: Any]] ?? []
      let webhooks = nodes.filter {
        $0["type"] as? String == "n8n-nodes-base.webhook" && ($0["parameters"] as? [String: Any])?["path"] is String
          && !(($0["name"] as? String) ?? "*").contains("*")
      }
      flows.append((file, name, webhooks.compactMap { $0["name"] as? String }))
    }
    let hooked = flows.filter { !$0.webhooks.isEmpty }
    #expect(hooked.count > 10, "flows with webhooks in the corpus")
    let prodPath = Dictionary(uniqueKeysWithValues: hooked.enumerated().map { ($1.name, "prod-hook-\($0)") })

    // Test: every flow committed with test connections, then exported as a release.
    let keep = Set(flows.map(\.file))
    for file in files where !keep.contains(file) { try FileManager.default.removeItem(at: file) }
    let test = try fps.run([
      try fps.script(
        "test.fps",
        (["workspace new ${script_dir}/test.fpsw as test"]
          + types.map { "connection add \($0)_TEST --type \($0) --prop id=TEST-\($0)" }
          + ["load ${script_dir}/exports into test", "match --auto", "commit -m 'built in test'"]
          + flows.enumerated().map { "export '\($1.name)' to ${script_dir}/release1/\($0).json" }).joined(separator: "\n") + "\n")
    ])
    #expect(test.status == 0, "\(test.standardError)")

    // Production: connections named *_PROD, an environment file of rules and values only.
    let environment =
      ["connections:", "  - from: \"*_TEST\"", "    to: \"*_PROD\"", "values:"]
      + hooked.flatMap { flow in
        flow.webhooks.map { hook in
          "  - flow: '\(flow.name)'\n    node: { type: n8n-nodes-base.webhook, name: '\(hook.replacingOccurrences(of: "'", with: "''"))' }\n"
            + "    set: { parameters.path: '\(prodPath[flow.name] ?? "")' }"
        }
      }
    try (environment.joined(separator: "\n") + "\n").write(
      to: fps.home.appendingPathComponent("prod.yaml"), atomically: true, encoding: .utf8)
    let first = try fps.run([
      try fps.script(
        "release1.fps",
        (["workspace new ${script_dir}/prod.fpsw as prod"]
          + types.map { "connection add \($0)_PROD --type \($0) --prop id=PROD-\($0)" }
          + ["load ${script_dir}/release1 into prod --env ${script_dir}/prod.yaml", "commit -m release-1"]).joined(separator: "\n")
          + "\n")
    ])
    #expect(first.status == 0, "\(first.standardError)")
    #expect(first.standardOutput.contains("total: \(flows.count) flows created"), "\(first.standardOutput.suffix(400))")
    #expect(!first.standardOutput.contains("unmatched"))
    let bound = first.standardOutput.components(separatedBy: "[rule *_TEST -> *_PROD, prod.yaml:2]").count - 1
    #expect(bound > 100, "bindings by the rule")
    #expect(try count("SELECT COUNT(*) FROM flows", in: fps.home.appendingPathComponent("prod.fpsw").path) == flows.count)

    // The next release from test: every flow changed, loaded with neither the file nor match.
    let release2 = fps.home.appendingPathComponent("release2")
    try FileManager.default.createDirectory(at: release2, withIntermediateDirectories: true)
    for index in flows.indices {
      let text = try String(contentsOf: fps.home.appendingPathComponent("release1/\(index).json"), encoding: .utf8)
      let range = try #require(text.range(of: #""parameters"\s*:\s*\{\s*"#, options: .regularExpression), "\(flows[index].name)")
      let empty = text[range.upperBound...].hasPrefix("}")
      try text.replacingCharacters(in: range, with: #""parameters": {"release": 2"# + (empty ? "" : ", "))
        .write(to: release2.appendingPathComponent("\(index).json"), atomically: true, encoding: .utf8)
    }
    let second = try fps.run([
      try fps.script(
        "release2.fps",
        (["load ${script_dir}/prod.fpsw", "load ${script_dir}/release2 into prod --on-conflict version", "commit -m release-2"]
          + hooked.enumerated().map { "export '\($1.name)' to ${script_dir}/out/\($0).json" }).joined(separator: "\n") + "\n")
    ])
    #expect(second.status == 0, "\(second.standardError)")
    #expect(second.standardOutput.contains("total: \(flows.count) versions added"), "\(second.standardOutput.suffix(400))")
    #expect(!second.standardOutput.contains("rule *_TEST"), "no environment file this time")
    // Every binding is as the first release's commit left it: counted, not listed, so the plan
    // stays a few lines per flow.
    #expect(second.standardOutput.contains("bindings not listed: \(bound) as in commit #1 (commit --verbose lists them)"))
    #expect(!second.standardOutput.contains("    binds "))
    let plan = second.standardOutput.split(separator: "\n").drop { !$0.hasPrefix("plan for prod:") }.prefix { !$0.hasPrefix("total:") }
    #expect(plan.count <= 2 * flows.count + 2, "\(plan.count) plan lines for \(flows.count) flows")
    for (index, flow) in hooked.enumerated() {
      let written = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: fps.home.appendingPathComponent("out/\(index).json"))) as? [String: Any])
      let nodes = written["nodes"] as? [[String: Any]] ?? []
      for hook in flow.webhooks {
        let node = nodes.first { $0["name"] as? String == hook }
        #expect((node?["parameters"] as? [String: Any])?["path"] as? String == prodPath[flow.name], "\(flow.name)")
      }
      let credentials = nodes.compactMap { $0["credentials"] as? [String: [String: Any]] }.flatMap(\.values)
      #expect(credentials.allSatisfy { ($0["id"] as? String)?.hasPrefix("PROD-") == true }, "\(flow.name): \(credentials)")
    }
  }

  @Test func repeatedNamesInOneLoadAreAllReportedAtOnce() throws {
    let fps = try FPSProcess()
    let folder = fps.home.appendingPathComponent("exports/sub")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in ["a", "b", "c"] {
      try Data(#"{"name": "Same", "nodes": [], "connections": {}}"#.utf8).write(to: folder.appendingPathComponent("\(name).json"))
    }
    let refused = try fps.run(["-c", "workspace new w.fpsw", "-c", "load exports into w"])
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("2 flow names repeat in this load; nothing was staged"))
    #expect(refused.standardError.contains("'Same' in exports/sub/a.json and exports/sub/b.json"))
    #expect(refused.standardError.contains("'Same' in exports/sub/a.json and exports/sub/c.json"))
    let renamed = try fps.run(["-c", "load w.fpsw", "-c", "load 'exports/**/*.json' into w --on-conflict rename", "-c", "status --json"])
    #expect(renamed.status == 0, "\(renamed.standardError)")
    #expect(renamed.standardOutput.contains("staged b: new flow in w"))
    try Self.expectValid(Self.json(in: renamed.standardOutput), "status")
    let match = try fps.run(["-c", "load w.fpsw", "-c", "load exports/sub/a.json into w --name x", "-c", "match --json"])
    try Self.expectValid(Self.json(in: match.standardOutput), "match")
  }

  @Test func validateSpeaksJSONForCI() throws {
    let fps = try FPSProcess()
    let valid = try fps.run(["-c", "validate \(Corpus.examples.appendingPathComponent("fraud-alerts.json").path) --json"])
    #expect(valid.status == 0, "\(valid.standardError)")
    try Self.expectValid(valid.standardOutput, "validate")
    #expect(valid.standardOutput.contains(#""valid": true"#))
  }
}
