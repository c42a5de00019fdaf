import Dispatch
import Testing

@testable import FlowModel

/// `concurrentMap` gives what `map` gives, in order, and runs each element's work once, on
/// more than one thread when the machine has more than one core.
@Suite struct ConcurrentMapTests {
  /// Counts calls from several threads.
  final class Calls: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var counts: [Int: Int] = [:]
    func record(_ element: Int) {
      lock.wait()
      defer { lock.signal() }
      counts[element, default: 0] += 1
    }
    var all: [Int: Int] {
      lock.wait()
      defer { lock.signal() }
      return counts
    }
  }

  @Test(arguments: [0, 1, 2, 7, 1000])
  func givesWhatMapGivesInOrder(count: Int) {
    let elements = Array(0..<count)
    let calls = Calls()
    let mapped = elements.concurrentMap { element in
      calls.record(element)
      return "\(element * element)"
    }
    #expect(mapped == elements.map { "\($0 * $0)" })
    #expect(calls.all == Dictionary(uniqueKeysWithValues: elements.map { ($0, 1) }))
  }
}
