import FlowSession
import FlowTestSupport
import Foundation
import Testing

/// The shell never keeps a secret in its history, and scripts take secrets from the environment.
@Suite(.temporaryFolders) struct HistoryTextTests {
  @Test(arguments: [
    ("connection add k --type kafka --secret password=hunter2", "connection add k --type kafka --secret password=***"),
    ("connection add k --secret password='a b c' --prop x=1", "connection add k --secret password=*** --prop x=1"),
    (#"connection add k --secret "password=a \"b\"" --secret token=t0k"#, "connection add k --secret password=*** --secret token=***"),
    ("connection add k --secret=password=hunter2", "connection add k --secret=password=***"),
    ("connection add k --secret password", "connection add k --secret password"),
    ("connection add k --secret password=${env:KAFKA_PW}", "connection add k --secret password=${env:KAFKA_PW}"),
    ("connection add k --secret 'my key=v'", "connection add k --secret 'my key'=***"),
    ("show orders --json", "show orders --json"),
  ])
  func secretsAreMaskedBeforeHistoryKeepsALine(line: String, kept: String) {
    #expect(HistoryText.masked(line) == kept)
  }

  @Test func aScriptTakesASecretFromTheEnvironment() throws {
    let harness = try SessionHarness(environment: ["KAFKA_PW": "from-the-env"])
    try harness.run("workspace new ${dir}/w.fpsw", "connection add k --type kafka --secret password=${env:KAFKA_PW}")
    try CanaryFixtures.write(into: harness.folder)
    try harness.run("load ${dir}/canary-native.json into w", "match --auto", "commit --yes")
    try harness.run("export w:canary-native to ${dir}/f.json --with-credentials")
    let text = try String(contentsOfFile: harness.path("f.json"), encoding: .utf8)
    #expect(text.contains("from-the-env"), "the bound connection's secret, read from the environment")
    #expect(harness.failure("connection add j --type kafka --secret password").contains("--secret password=<value>"))
  }
}
