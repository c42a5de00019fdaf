import Foundation

extension Array where Element: Sendable {
  /// Hands `transform` of each element to `consume`, in order, on this thread, while the
  /// elements after it are transformed on as many other threads as there are cores, at most
  /// `window` results ahead of `consume`.
  ///
  /// For a commit: its documents are rendered on every core while this thread inserts them, and
  /// only a window of them is held at once. Rendering and inserting in batches made every core
  /// wait, at the end of each batch, for its slowest document, and the inserts wait for the
  /// batch: a 2,000-flow commit kept its two cores 62% busy. When `consume` throws, the
  /// transforms still running are waited for and the error passed on: nothing outlives the call.
  func forEachMapped<Mapped: Sendable>(
    concurrentlyAheadBy window: Int, _ transform: @escaping @Sendable (Element) -> Mapped, consume: (Mapped) throws -> Void
  ) rethrows {
    guard count > 1 else { return try forEach { try consume(transform($0)) } }
    let pipeline = MappingPipeline(self, window: Swift.max(1, window), transform: transform)
    defer { pipeline.stop() }
    for index in indices { try consume(pipeline.take(index)) }
  }
}

/// The state `forEachMapped` shares with its workers. Each worker takes a permit (a place in
/// the window), then the next index, transforms it into its slot and says it is ready; the
/// consumer takes the slots in order, each freeing a permit. An index is claimed only with a
/// permit held, and in order, so the one the consumer waits for is claimed by the next worker
/// to get a permit, never passed over by permits all taken for later ones.
private final class MappingPipeline<Element: Sendable, Mapped: Sendable>: @unchecked Sendable {
  private let elements: [Element]
  private let transform: @Sendable (Element) -> Mapped
  /// One per element, written by the worker that claimed it before its `ready` is signalled,
  /// moved out by the consumer after waiting for it.
  private let slots: UnsafeMutablePointer<Mapped>
  private let ready: [DispatchSemaphore]
  /// Places in the window. Made empty and filled by signals: a semaphore freed below the
  /// value it was made with stops the process, and a stopped pipeline leaves some taken.
  private let permits = DispatchSemaphore(value: 0)
  /// Guards `next` and `stopped`.
  private let claiming = NSLock()
  private var next = 0
  private var stopped = false
  private var consumed = 0
  private let workers = DispatchGroup()
  private let workerCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

  init(_ elements: [Element], window: Int, transform: @escaping @Sendable (Element) -> Mapped) {
    self.elements = elements
    self.transform = transform
    slots = .allocate(capacity: elements.count)
    ready = elements.map { _ in DispatchSemaphore(value: 0) }
    for _ in 0..<min(window, elements.count) { permits.signal() }
    for _ in 0..<min(workerCount, elements.count) {
      workers.enter()
      DispatchQueue.global().async {
        self.work()
        self.workers.leave()
      }
    }
  }

  private func work() {
    while true {
      permits.wait()
      let index = claiming.withLock {
        let index = stopped ? elements.count : next
        if index < elements.count { next += 1 }
        return index
      }
      guard index < elements.count else {
        permits.signal()
        return
      }
      (slots + index).initialize(to: transform(elements[index]))
      ready[index].signal()
    }
  }

  /// The result for `index`, the next in order, waited for.
  func take(_ index: Int) -> Mapped {
    ready[index].wait()
    consumed = index + 1
    permits.signal()
    return (slots + index).move()
  }

  /// Ends the work (early, when the consumer threw), waits for the workers, and frees the
  /// results made and not taken.
  func stop() {
    claiming.withLock { stopped = true }
    for _ in 0..<workerCount { permits.signal() }
    workers.wait()
    let made = claiming.withLock { next }
    (slots + consumed).deinitialize(count: made - consumed)
    slots.deallocate()
  }
}
