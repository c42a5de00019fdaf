import Dispatch

extension Array where Element: Sendable {
  /// `transform` of every element, in order, computed on as many threads as there are cores.
  ///
  /// For work that is one independent item per flow or file: reading the exports of a bulk
  /// load, the sides of a diff, comparing a commit's imports with the flows they version.
  public func concurrentMap<Mapped: Sendable>(_ transform: @Sendable (Element) -> Mapped) -> [Mapped] {
    guard count > 1 else { return map(transform) }
    return [Mapped](unsafeUninitializedCapacity: count) { buffer, initializedCount in
      // Each slot is initialized by exactly one thread, so the slots need no lock.
      let slots = Slots(base: buffer.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: count) { index in
        (slots.base + index).initialize(to: transform(self[index]))
      }
      initializedCount = count
    }
  }
}

/// The result buffer, handed to the threads that fill it, each its own slots.
private struct Slots<Value>: @unchecked Sendable {
  let base: UnsafeMutablePointer<Value>
}

/// `first()` and `second()`, computed at once, `first` on this thread and `second` started on
/// another (`StartedWork`): for two independent halves of one piece of work (the two sides of
/// a pairing). One after the other unless `enabled`: work already spread over every core
/// (`concurrentMap`) would block its threads waiting for halves that need a thread of the
/// same pool.
public func concurrently<First, Second: Sendable>(
  _ first: () -> First, _ second: @escaping @Sendable () -> Second, if enabled: Bool = true
) -> (First, Second) {
  guard enabled else { return (first(), second()) }
  let started = StartedWork(second)
  return (first(), started.result)
}

/// Work started on another thread, whose result is waited for where it is needed: for a step
/// that can run while the caller does the next one on its own thread.
public final class StartedWork<Value: Sendable>: @unchecked Sendable {
  // Written once, by the worker, before `finished` is left; read only after waiting for it.
  private var value: Value?
  private let finished = DispatchGroup()

  /// Starts `work` on a thread of the global queue.
  public init(_ work: @escaping @Sendable () -> Value) {
    finished.enter()
    DispatchQueue.global().async {
      self.value = work()
      self.finished.leave()
    }
  }

  /// The work's result, waited for.
  public var result: Value {
    finished.wait()
    guard let value else { preconditionFailure("the work finished") }
    return value
  }
}
