import FlowModel
import Foundation
import Testing

/// Small flows for tests, and the example exports.
public enum Fixtures {
  /// The bytes of `scripts/examples/<name>`.
  public static func example(_ name: String) throws -> [UInt8] {
    try [UInt8](Data(contentsOf: Corpus.examples.appendingPathComponent(name)))
  }

  /// A three-node flow: source -> filter -> destination, with one kafka reference.
  public static func flow(name: String = "orders", ids: [String] = ["n1", "n2", "n3"], condition: String = "amount > 100") -> FlowVersion {
    FlowVersion(
      name: name, number: 1,
      nodes: [
        Node(
          id: ids[0], name: "In", type: "source.kafka", connection: "kafka-test", config: ["topic": "orders"],
          position: Position(x: JSONNumber(1), y: JSONNumber(2))),
        Node(id: ids[1], name: "Filter", type: "filter", config: ["condition": .string(condition)]),
        Node(id: ids[2], name: "Out", type: "destination.jdbc", config: ["table": "t"]),
      ],
      edges: [Edge(from: ids[0], to: ids[1]), Edge(from: ids[1], to: ids[2])],
      connections: [ConnectionRef(key: "kafka-test", type: "kafka", name: "kafka-test", properties: ["bootstrap": "k:9092"])])
  }

  /// A fresh temporary folder, removed when the test ends; the test's suite must have the
  /// `.temporaryFolders` trait (a folder made outside it is reported, since nothing would remove it).
  public static func temporaryDirectory() throws -> URL {
    guard let made = TemporaryFolders.current else {
      Issue.record("a temporary folder outside a `.temporaryFolders` suite is never removed")
      throw CocoaError(.fileWriteUnknown)
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("flowport-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    made.append(url)
    return url
  }
}
