import FlowModel
import Foundation
import Testing

@testable import FlowFormats

/// Input from elsewhere stays bounded: each reader given a hostile document refuses it or reads
/// it, quickly, never crashing or growing without end (the bundle's zip and config.yaml are in
/// `BundleCodecTests`). A reader that loops fails the suite's time limit; no clock is read, as
/// a timed check only measures the machine (they failed under load).
@Suite(.timeLimit(.minutes(1))) struct HostileInputTests {
  @Test(arguments: [(String(repeating: "[", count: 1_000_000), 513), (String(repeating: #"{"a":"#, count: 100_000), 2561)])
  func jsonNestedBeyondItsDepthIsRefusedWithItsPosition(text: String, column: Int) throws {
    // The 513th opening bracket is the first one refused: `[` is one byte a level, `{"a":` five.
    let error = #expect(throws: FormatError.self) { try ExportFormat.read(Array(text.utf8), fallbackName: "x") }
    guard case .syntax(let parse)? = error else {
      Issue.record("not a syntax error: \(String(describing: error))")
      return
    }
    #expect(parse.description == "1:\(column): nesting deeper than 512 levels")
  }

  /// Each dialect's decoder on its own shape nested as deep as JSON allows, and on members of
  /// the wrong kinds everywhere: read without a crash.
  @Test(arguments: [
    // NiFi: process groups inside process groups.
    #"{"flowContents":"# + String(repeating: #"{"identifier":"g","processGroups":["#, count: 250) + "{}"
      + String(repeating: "]}", count: 250) + "}",
    // Make: routers inside routers.
    #"{"name":"m","metadata":{},"flow":"# + String(repeating: #"[{"id":1,"module":"builtin:BasicRouter","routes":[{"flow":"#, count: 120)
      + "[]" + String(repeating: "}]}]", count: 120) + "}",
    // n8n, Node-RED, EP: every member of the wrong kind.
    #"{"nodes":[1,"x",null,{"credentials":7,"name":[],"id":{}}],"connections":{"a":{"main":[null,[1],[{"node":3}]]}}}"#,
    #"[{"id":"a","type":"x","wires":[[1,null,{}]],"credentials":"s"},{"id":"b","type":"y","links":7}]"#,
    #"{"pipelineState":[],"contextState":{"nodes":[{"nodeId":1,"configuration":{"credentials":{"data":[1]}}}],"edges":[{}]}}"#,
  ])
  func dialectDecodersReadHostileShapesWithoutCrashing(text: String) throws {
    let (format, decoded) = try ExportFormat.read(Array(text.utf8), fallbackName: "x")
    // Writing it back, and the secret rules, walk it too.
    _ = try format.file(for: decoded.version, stamp: nil, options: EncodeOptions(redactSecrets: true))
    _ = Secrets.forViewing(decoded.version)
  }
}
