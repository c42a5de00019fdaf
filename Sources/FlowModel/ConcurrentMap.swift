import Dispatch

extension Array where Element: Sendable {
  /// `transform` of every element, in the array's order, computed on as many threads as the
  /// machine has cores. For work that is one independent item per flow or file (reading the
  /// exports of a bulk load, the two sides of a diff, rendering the documents of a commit),
  /// where the items are large enough that a thread per item pays for itself.
  public func concurrentMap<Mapped: Sendable>(_ transform: @Sendable (Element) -> Mapped) -> [Mapped] {
    guard count > 1 else { return map(transform) }
    let slots = Slots<Mapped>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
      slots.set(index, transform(self[index]))
    }
    return slots.values
  }
}

/// One slot per element, each filled by one of several threads.
private final class Slots<Value: Sendable>: @unchecked Sendable {
  /// Guards `slots`: a slot is set once per item, far rarer than the work an item stands for.
  private let lock = DispatchSemaphore(value: 1)
  private var slots: [Value?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) {
    lock.wait()
    defer { lock.signal() }
    slots[index] = value
  }

  /// Every value, in order; only once every slot is set.
  var values: [Value] {
    lock.wait()
    defer { lock.signal() }
    return slots.map { $0! }
  }
}
