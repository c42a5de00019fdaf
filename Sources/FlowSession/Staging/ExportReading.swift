import Algorithms
import FlowModel
import Foundation

extension Session {
  /// How many files, or imports, bulk work takes at once (`readExports`, a commit plan's
  /// comparisons): 64 a core, a tenth of a second's reading. Each batch ends by waiting for its
  /// slowest item (with 16 a core those waits were 3 to 9% of a 2,000-file load), and only a
  /// batch of trees is held at once.
  static let bulkBatchSize = max(1, ProcessInfo.processInfo.activeProcessorCount) * 64

  /// Runs `read` on every path, on as many threads as the machine has cores, and gives back each
  /// result in the order of `paths` (a bulk load reports and stages files in the order given).
  /// Files are taken in batches (`bulkBatchSize`): between batches, progress is shown. A
  /// Ctrl-C is honoured before each file (`isCancelled` is asked on the reading threads): a load
  /// of a few large files, one batch, read them all before it stopped. A batch interrupted is
  /// thrown away whole, its files never reported as failed one by one.
  func readExports<Read: Sendable>(
    at paths: [String], _ read: @Sendable (String) throws -> Read
  ) throws -> [Result<Read, any Error>] {
    var results: [Result<Read, any Error>] = []
    results.reserveCapacity(paths.count)
    let isCancelled = isCancelled
    for slice in paths.chunks(ofCount: Self.bulkBatchSize) {
      let batch = Array(slice).concurrentMap { path in
        Result {
          if isCancelled() { throw SessionError.cancelled }
          return try read(path)
        }
      }
      let interrupted = batch.contains { result in
        guard case .failure(let error) = result, case .cancelled? = error as? SessionError else { return false }
        return true
      }
      if interrupted || isCancelled() { throw SessionError.cancelled }
      results += batch
      progress?.show("reading files", done: results.count, total: paths.count)
    }
    return results
  }
}
