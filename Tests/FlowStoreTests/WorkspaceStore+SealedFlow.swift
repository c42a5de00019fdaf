import FlowModel
import FlowStore
import Testing

extension WorkspaceStore {
  /// Commits a new flow, `sealed`, whose document holds a secret sealed with this workspace's
  /// key; returns the document as written.
  @discardableResult
  func commitSealedFlow() throws -> String {
    let document = #"{"v":"\#(try #require(sealer).seal("s3cret"))"}"#
    _ = try commit(
      CommitRequest(
        message: "m", author: "a", expectedRevision: try revision(),
        writes: [CommitRequest.VersionWrite(flow: "sealed", mode: .newFlow) { _, _ in document }]))
    return document
  }
}
