import FlowTestSupport
import Foundation
import SnapshotTesting
import Testing

/// The whole transcript of the shipped scripts, run by the built fps, as snapshot files: every
/// line a user reads is compared, not only a few substrings. Temporary folders, the checkout's
/// path and timestamps are replaced by placeholders. Re-record with
/// `SNAPSHOT_TESTING_RECORD=all scripts/test`.
///
/// These run the binary like `EndToEndTests`, but live here because this target already depends
/// on swift-snapshot-testing.
@Suite(.temporaryFolders) struct ScriptTranscriptTests {
  func placeholders(_ fps: FPSProcess) -> [String: String] {
    [fps.home.path: "$OUT", Corpus.repositoryRoot.path: "$REPO"]
  }

  @Test func demo() throws {
    let fps = try FPSProcess()
    let scripts = Corpus.repositoryRoot.appendingPathComponent("scripts")
    let result = try fps.run([
      "--var", "out=\(fps.home.path)", scripts.appendingPathComponent("demo.fps").path,
    ])
    assertSnapshot(of: result.transcript(replacing: placeholders(fps)), as: .lines)
  }

  @Test func roundTrip() throws {
    let fps = try FPSProcess()
    let result = try fps.run([
      "--var", "examples=\(Corpus.examples.path)", "--var", "out=\(fps.home.path)",
      Corpus.examples.appendingPathComponent("round-trip.fps").path,
    ])
    assertSnapshot(of: result.transcript(replacing: placeholders(fps)), as: .lines)
  }
}
