import Dispatch
import FlowModel
import FlowTestSupport
import Foundation
import Testing

/// `concurrentMap` gives what `map` gives, in order, runs each element's work once, and runs
/// it on more than one thread when the machine has more than one core; `concurrently` gives
/// both halves' results, computed at once; `StartedWork` runs beside its starter.
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

  /// Two pieces of work that each wait for the other: both meet only when they run at the same
  /// time; run in turn, the first gives up after a while.
  struct Meeting: Sendable {
    let signals = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
    func arrive(_ side: Int) -> Bool {
      signals[side].signal()
      return signals[1 - side].wait(timeout: .now() + 10) == .success
    }
  }

  @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount > 1, "needs two cores"))
  func elementsRunAtOnce() {
    let meeting = Meeting()
    #expect([0, 1].concurrentMap(meeting.arrive) == [true, true])
  }

  @Test func bothHalvesAreComputed() {
    let (text, number) = concurrently({ "left" }, { 42 })
    #expect(text == "left" && number == 42)
  }

  @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount > 1, "needs two cores"))
  func halvesRunAtOnce() {
    let meeting = Meeting()
    #expect(concurrently({ meeting.arrive(0) }, { meeting.arrive(1) }) == (true, true))
  }

  /// Started work runs while its starter goes on (the two meet), and gives its result, as
  /// often as it is asked.
  @Test func startedWorkRunsWhileTheStarterGoesOn() {
    let meeting = Meeting()
    let started = StartedWork { (meeting.arrive(1), "done") }
    #expect(meeting.arrive(0))
    #expect(started.result == (true, "done"))
    #expect(started.result.1 == "done")
  }
}
