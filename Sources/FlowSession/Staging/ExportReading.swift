import FlowModel
import Foundation

extension Session {
  /// Runs `read` on every path, on as many threads as the machine has cores, and gives back each
  /// result in the order of `paths` (a bulk load reports and stages files in the order given).
  /// Files are taken in batches: between batches, progress is shown and a Ctrl-C is honoured.
  func readExports<Read: Sendable>(
    at paths: [String], _ read: @Sendable (String) throws -> Read
  ) throws -> [Result<Read, any Error>] {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let batch = max(1, cores) * 16
    var results: [Result<Read, any Error>] = []
    results.reserveCapacity(paths.count)
    var start = 0
    while start < paths.count {
      if isCancelled() { throw SessionError.cancelled }
      let slice = Array(paths[start..<min(start + batch, paths.count)])
      results += slice.concurrentMap { path in Result { try read(path) } }
      start += slice.count
      progress?.show("reading files", done: start, total: paths.count)
    }
    return results
  }
}
