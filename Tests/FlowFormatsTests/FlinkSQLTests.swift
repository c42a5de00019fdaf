import FlowFormats
import FlowModel
import FlowTestSupport
import Foundation
import Testing

/// Flink SQL export: its statements, its connectors, what it refuses, and that Flink's own
/// parser and planner accept what it writes.
@Suite(.temporaryFolders) struct FlinkSQLTests {
  let example: FlowVersion

  init() throws { example = try ExampleFlows.fraudAlerts() }

  /// A flow using the other connectors and windows: filesystem and http, a hop window, a left join.
  static let otherConnectors: FlowVersion = {
    let schema: JSONValue = [
      ["name": "id", "type": "STRING"], ["name": "amount", "type": "DOUBLE"], ["name": "ts", "type": "TIMESTAMP(3)"],
    ]
    return FlowVersion(
      name: "clicks `quoted`",
      nodes: [
        Node(
          id: "a", name: "Clicks", type: "source.filesystem", connection: "files",
          config: ["path": "/data/clicks", "format": "csv", "schema": schema, "watermark": ["column": "ts", "delay": "2 SECONDS"]]),
        Node(
          id: "b", name: "Prices", type: "source.jdbc", connection: "db",
          config: ["table": "prices", "schema": [["name": "sku", "type": "STRING"], ["name": "price", "type": "DOUBLE"]]]),
        Node(
          id: "c", name: "Per 5 minutes", type: "aggregate",
          config: [
            "window": ["type": "hop", "column": "ts", "size": "5 MINUTES", "slide": "1 MINUTE"], "groupBy": ["id"],
            "aggregates": [["name": "clicks", "expression": "COUNT(*)"]],
          ]),
        Node(
          id: "d", name: "Priced", type: "join",
          config: ["kind": "left", "condition": "id = sku", "columns": [["name": "id"], ["name": "clicks"], ["name": "price"]]]),
        Node(
          id: "e", name: "Webhook", type: "destination.http", connection: "hook",
          config: [
            "schema": [["name": "id", "type": "STRING"], ["name": "clicks", "type": "BIGINT"], ["name": "price", "type": "DOUBLE"]],
            "options": ["gid.connector.http.sink.header.Authorization": "Bearer abc", "password": "hunter2"],
          ]),
      ],
      edges: [Edge(from: "a", to: "c"), Edge(from: "c", to: "d"), Edge(from: "b", to: "d"), Edge(from: "d", to: "e")],
      connections: [
        ConnectionRef(key: "files", type: "filesystem", name: "files"),
        ConnectionRef(key: "db", type: "jdbc", name: "db", properties: ["url": "jdbc:mysql://db/shop"]),
        ConnectionRef(key: "hook", type: "http", name: "hook", properties: ["url": "https://hooks.test/in"]),
      ])
  }()

  @Test func writesATablePerSourceAndDestinationAViewPerStepAndOneInsert() throws {
    let script = try FlinkSQLWriter.script(for: example, stamp: nil)
    #expect(script.components(separatedBy: "CREATE TABLE ").count - 1 == 3)
    #expect(script.components(separatedBy: "CREATE TEMPORARY VIEW ").count - 1 == 3)
    #expect(script.contains("INSERT INTO `Fraud alerts`\nSELECT `account_id`, `window_end`, `payments`, `total`, CASE WHEN"))
    #expect(script.contains("'connector' = 'kafka',\n  'topic' = 'shop.payments',\n  'properties.bootstrap.servers' = 'kafka.test:9092'"))
    #expect(script.contains("WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND"))
    #expect(script.contains("FROM TABLE(TUMBLE(TABLE `Large payments`, DESCRIPTOR(`ts`), INTERVAL '1' MINUTE))"))
    #expect(script.contains("WHERE amount > 1000"))
    #expect(script.contains("JOIN `accounts` ON account_id = id"))
  }

  @Test func masksSecretsAndQuotesNames() throws {
    let script = try FlinkSQLWriter.script(for: Self.otherConnectors, stamp: nil)
    #expect(script.contains("'password' = '<redacted>'") && !script.contains("hunter2"))
    #expect(script.contains("'connector' = 'http-sink'") && script.contains("'connector' = 'filesystem'"))
    #expect(script.contains("'path' = '/data/clicks'") && script.contains("'format' = 'csv'"))
    #expect(script.contains("HOP(TABLE `Clicks`, DESCRIPTOR(`ts`), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)"))
    #expect(script.contains("LEFT JOIN `prices` ON id = sku"))
  }

  @Test func aFlowNameCannotBreakOutOfTheHeaderComment() throws {
    var version = example
    version.name = "alerts\nDROP TABLE `accounts`;\r-- "
    let script = try FlinkSQLWriter.script(for: version, stamp: ExportStamp(at: "t", from: "a\nDELETE", by: "b"))
    let lines = script.split(separator: "\n")
    #expect(!lines.contains { $0.hasPrefix("DROP") || $0.hasPrefix("DELETE") || $0.hasPrefix("\r") })
    #expect(script.hasPrefix("-- Flink SQL for flow alerts DROP TABLE `accounts`; -- , version 1"))
  }

  /// A script names its flow on its first line, read back by `export` to tell its own file: a
  /// name holding `, version `, and lines given Windows' ends.
  @Test func theFirstLineNamesTheFlow() throws {
    var version = example
    version.name = "alerts, version 2, final"
    let script = try FlinkSQLWriter.script(for: version, stamp: nil)
    #expect(FlinkSQLWriter.flowName(in: Data(script.utf8)) == "alerts, version 2, final")
    #expect(FlinkSQLWriter.flowName(in: Data(script.replacingOccurrences(of: "\n", with: "\r\n").utf8)) == "alerts, version 2, final")
    #expect(FlinkSQLWriter.flowName(in: Data("-- a comment\nSELECT 1;\n".utf8)) == nil)
  }

  @Test func refusesWhatItCannotTranslate() throws {
    var version = example
    version.nodes[3].config["window"] = ["type": "tumble", "column": "ts", "size": "1 MINUTE; DROP TABLE x"]
    #expect(throws: FormatError.self) { try FlinkSQLWriter.script(for: version, stamp: nil) }
    version = example
    version.nodes[2].type = "cloudFunction"
    #expect(throws: FormatError.self) { try FlinkSQLWriter.script(for: version, stamp: nil) }
  }

  @Test func isRefusedOnLoad() throws {
    let script = try FlinkSQLWriter.script(for: example, stamp: nil)
    #expect(throws: FormatError.writeOnly("Flink SQL")) { try ExportFormat.read(Array(script.utf8), fallbackName: "x") }
  }

  /// Flink's own parser and planner (PyFlink, installed by scripts/setup) accept every script.
  @Test(.enabled(if: ExternalTool.pyFlink.isInstalled, ExternalTool.pyFlink.missing))
  func flinkAcceptsTheScripts() throws {
    let python = URL(fileURLWithPath: try #require(ExternalTool.pyFlink.path))
    let folder = try Fixtures.temporaryDirectory()
    var paths: [String] = []
    for (name, version) in [("fraud-alerts", example), ("other-connectors", Self.otherConnectors)] {
      let path = folder.appendingPathComponent("\(name).sql").path
      try FlinkSQLWriter.script(for: version, stamp: nil).write(toFile: path, atomically: true, encoding: .utf8)
      paths.append(path)
    }
    let broken = folder.appendingPathComponent("broken.sql").path
    try FlinkSQLWriter.script(for: example, stamp: nil).replacingOccurrences(of: "amount > 1000", with: "amount >>> 1000")
      .write(toFile: broken, atomically: true, encoding: .utf8)
    let checker = Corpus.repositoryRoot.appendingPathComponent("scripts/sql/flink_check.py").path
    let accepted = try Self.run(python.path, [checker] + paths)
    #expect(accepted.status == 0, "\(accepted.output)")
    let rejected = try Self.run(python.path, [checker, broken])
    #expect(rejected.status == 1 && rejected.output.contains("SQL parse failed"), "the checker must be able to fail: \(rejected.output)")
  }

  static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
