import FlowTestSupport
import Foundation
import Testing

/// A short smoke run of every fuzz target (`flowport-fuzz smoke`, random mutations of seeds, no
/// libFuzzer): each reader survives a few hundred hostile variants of real inputs. The long
/// runs are `scripts/fuzz`.
@Suite(.temporaryFolders) struct FuzzSmokeTests {
  static let targets = ["json", "n8n", "node-red", "make", "nifi", "ibm-ep", "native", "read", "bundle", "config", "tokenizer"]

  @Test func everyFuzzTargetSurvivesASmokeRun() throws {
    let fps = try FPSProcess()
    let fuzzer = FPSProcess.executable.deletingLastPathComponent().appendingPathComponent("flowport-fuzz").path
    let examples = Corpus.examples
    let bundle = fps.home.appendingPathComponent("fraud-alerts.zip").path
    let exported = try fps.run(["-c", "export \(examples.appendingPathComponent("fraud-alerts.json").path) --format bundle to \(bundle)"])
    #expect(exported.status == 0, "\(exported.standardError)")
    try CanaryFixtures.write(into: fps.home)
    let documents =
      CanaryFixtures.all.map { fps.home.appendingPathComponent($0.file).path } + [
        examples.appendingPathComponent("fraud-alerts.json").path
      ]
    let config = try fps.script(
      "config.yaml",
      "connections:\n  kafka-test:\n    properties: {bootstrap: 'k:9092', list: [1, 2.5, true, null]}\nvariables:\n  A: &a x\n  B: *a\n")
    let lines = try fps.script("lines", "connection add k --type kafka --secret password=\"a b\" --prop 'x=${env:Y}' # c \\\n")
    for target in Self.targets {
      let seeds =
        switch target {
        case "bundle": [bundle]
        case "config": [config]
        case "tokenizer": [lines, Corpus.repositoryRoot.appendingPathComponent("scripts/demo.fps").path]
        default: documents
        }
      let result = try fps.run(["smoke", target, "200"] + seeds, through: [fuzzer])
      #expect(result.status == 0 && result.standardOutput == "\(target): 200 runs\n", "\(target): \(result.standardError.prefix(2000))")
    }
  }
}
