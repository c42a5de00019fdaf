import Dispatch
import Foundation

extension Session {
  /// Runs `read` on every path, on as many threads as the machine has cores, and gives back each
  /// result in the order of `paths` (a bulk load reports and stages files in the order given).
  /// Files are taken in batches: between batches, progress is shown and a Ctrl-C is honoured.
  func readExports<Read: Sendable>(
    at paths: [String], _ read: @escaping @Sendable (String) throws -> Read
  ) throws -> [Result<Read, any Error>] {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let batch = max(1, cores) * 16
    var results: [Result<Read, any Error>] = []
    results.reserveCapacity(paths.count)
    var start = 0
    while start < paths.count {
      if isCancelled() { throw SessionError.cancelled }
      let slice = Array(paths[start..<min(start + batch, paths.count)])
      let slots = ResultSlots<Read>(count: slice.count)
      if cores > 1, slice.count > 1 {
        DispatchQueue.concurrentPerform(iterations: slice.count) { index in
          slots.set(index, Result { try read(slice[index]) })
        }
      } else {
        for index in slice.indices { slots.set(index, Result { try read(slice[index]) }) }
      }
      results += slots.results
      start += slice.count
      progress?.show("reading files", done: start, total: paths.count)
    }
    return results
  }
}

/// One slot per file of a batch, filled from several threads, each slot by one of them.
private final class ResultSlots<Read: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<Read, any Error>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<Read, any Error>) {
    lock.lock()
    defer { lock.unlock() }
    slots[index] = result
  }

  /// Every result, in order; only once every slot is set.
  var results: [Result<Read, any Error>] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}
