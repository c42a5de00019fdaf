import FlowTestSupport
import Foundation
import Testing

@testable import FlowSession

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
    ("connection add k --prop password=hunter2 --prop host=h", "connection add k --prop password=*** --prop host=h"),
    ("connection set k --prop=apiKey=abc --prop=tokenUrl=https://t", "connection set k --prop=apiKey=*** --prop=tokenUrl=https://t"),
    ("connection add k --prop 'url=https://u:pw@h/x'", "connection add k --prop url=***"),
    ("connection add k --prop --secret password=hunter2", "connection add k --prop --secret password=***"),
    ("connection add k --type http --secret password Sec8xyz", "connection add k --type http --secret password ***"),
    ("connection set k --secret password in prod", "connection set k --secret password in prod"),
    ("connection add k --secret password -- hunter12", "connection add k --secret password -- ***"),
    ("connection add k --secret password -- -hunter12", "connection add k --secret password -- ***"),
    ("connection add k --secret=password hunter12", "connection add k --secret=password ***"),
    ("connection set --secret password hunter12", "connection set --secret password ***"),
    ("connection add k --secret token --prop host=h", "connection add k --secret token --prop host=h"),
    ("workspace new postgres://ana:S3cret@db.internal/prod as prod", "workspace new postgres://ana:***@db.internal/prod as prod"),
    ("load 'postgresql://ana:pw%20x@db/prod'", "load 'postgresql://ana:***@db/prod'"),
    // Any secret the scanner finds, and a variable named as one.
    ("echo mysql -u root -pTypedSecret24", "echo mysql -u root -p***"),
    ("load 'PGPASSWORD=TypedSecret25 psql'", "load 'PGPASSWORD=*** psql'"),
    ("set db_password TypedSecret21", "set db_password ***"),
    ("set api_token 'Typed Secret 22'", "set api_token ***"),
    ("set region eu-west-1", "set region eu-west-1"),
    ("set PGPASSWORD S3cretHistP1", "set PGPASSWORD ***"),
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

  @Test func aPropertyNamedLikeASecretIsRefused() throws {
    let harness = try SessionHarness()
    try harness.run("workspace new ${dir}/w.fpsw")
    #expect(
      harness.failure("connection add k --type kafka --prop host=h --prop sasl.password=hunter2")
        == "'sasl.password' names a secret, which --prop would store and list in clear: give it with --secret sasl.password=<value>, "
        + "or --secret sasl.password to be asked (see `help connection`)")
    #expect(
      harness.failure("connection add k --type http --prop 'url=https://u:hunter2url@h/x'")
        == "the value of 'url' holds a password in URL, which --prop would store and list in clear: leave it out of the value "
        + "and give it with --secret <name>=<value> (see `help connection`)")
    #expect(harness.failure("connection add k --type http --secret ''") == "--secret needs a key, got '' (see `help connection`)")
    #expect(
      harness.failure("connection add k --type http --prop --secret password=hunter2")
        == "--prop needs a value <key=value> before --secret (see `help connection`)")
    let refusal = harness.failure("connection add k --type http --secret password hunter2")
    for line in [
      "connection add k --type http --secret password -- hunter2", "connection add k --type http --secret password -hunter2",
      "connection add k --type http --secret=password hunter2", "connection set --secret password hunter2",
    ] {
      #expect(harness.failure(line) == refusal, "\(line)")
    }
    #expect(
      harness.failure("connection add k --type http --secret password hunter2")
        == "--secret password takes its value after `=` (`--secret password=<value>`), or none to be asked for it; "
        + "the word after it is not shown (see `help connection`)")
    #expect(harness.session.changes.values.allSatisfy { $0.isEmpty }, "nothing staged")
    try harness.run("connection add k --type http --prop tokenUrl=https://t --prop keyId=k1")
  }

  /// A script run again with a rotated secret says what differs and how to change it.
  @Test func aConnectionThatExistsOtherwiseSaysWhatDiffers() throws {
    let harness = try SessionHarness()
    try harness.run("workspace new ${dir}/w.fpsw as w", "connection add k --type kafka --prop host=h --secret password=old", "commit --yes")
    try harness.run("connection add k --type kafka --prop host=h --secret password=old")
    #expect(
      harness.failure("connection add k --type kafka --prop host=h --secret password=rotated")
        == "w has a connection k with other settings (--secret password): change it with `connection set k --secret password`")
    #expect(
      harness.failure("connection add k --type jdbc --prop host=h2 --secret password=old")
        == "w has a connection k with other settings (type, --prop host): change it with `connection set k --prop host=<value>`; "
        + "its type changes only by `connection remove k`, then `add`")
  }
}
