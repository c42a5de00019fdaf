import Dispatch
import FlowModel
import FlowTestSupport
import Foundation
import Testing

/// `concurrentMap` gives what `map` gives, in order, runs each element's work once, and runs
/// it on more than one thread when the machine has more than one core; `concurrently` gives
/// both halves' results, computed at once.
@Suite struct ConcurrentWorkTests {
  @Test(arguments: [0, 1, 2, 7, 1000])
  func givesWhatMapGivesInOrder(count: Int) {
    let elements = Array(0..<count)
    let calls = Recorder<Int>()
    let mapped = elements.concurrentMap { element in
      calls.record(element)
      return "\(element * element)"
    }
    #expect(mapped == elements.map { "\($0 * $0)" })
    #expect(calls.all.sorted() == elements)
  }

  /// Two elements that each wait for the other finish only when they run at the same time.
  @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount > 1, "needs two cores"))
  func elementsRunAtOnce() {
    let signals = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
    let met = [0, 1].concurrentMap { element in
      signals[element].signal()
      return signals[1 - element].wait(timeout: .now() + 10) == .success
    }
    #expect(met == [true, true])
  }

  @Test func bothHalvesAreComputed() {
    let (text, number) = concurrently({ "left" }, { 42 })
    #expect(text == "left" && number == 42)
  }

  /// Each half waits for the other: they finish only when they run at the same time.
  @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount > 1, "needs two cores"))
  func halvesRunAtOnce() {
    let signals = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
    let met = concurrently(
      {
        signals[0].signal()
        return signals[1].wait(timeout: .now() + 10) == .success
      },
      {
        signals[1].signal()
        return signals[0].wait(timeout: .now() + 10) == .success
      })
    #expect(met == (true, true))
  }
}
