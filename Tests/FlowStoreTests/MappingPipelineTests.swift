import Foundation
import Testing

@testable import FlowStore

/// `forEachMapped` hands every element's result to its consumer once, in order, holds no more
/// than its window of results ahead of the consumer, and when the consumer throws, stops: no
/// transform runs after it returns, and the results made and not taken are freed.
@Suite struct MappingPipelineTests {
  /// Counts shared with the transforms, which run on other threads.
  final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var made = 0
    private var taken = 0
    private(set) var mostAhead = 0
    private(set) var freed = 0

    func make() {
      lock.withLock {
        made += 1
        mostAhead = max(mostAhead, made - taken)
      }
    }
    func take() { lock.withLock { taken += 1 } }
    func free() { lock.withLock { freed += 1 } }
    var madeCount: Int { lock.withLock { made } }
  }

  /// A result that says when it is freed.
  final class Made: Sendable {
    let value: Int
    let tally: Tally
    init(_ value: Int, _ tally: Tally) { (self.value, self.tally) = (value, tally) }
    deinit { tally.free() }
  }

  @Test(arguments: [0, 1, 2, 7, 1000], [1, 3, 16])
  func everyResultInOrderWithinTheWindow(count: Int, window: Int) {
    let tally = Tally()
    var seen: [Int] = []
    Array(0..<count).forEachMapped(
      concurrentlyAheadBy: window,
      { element in
        tally.make()
        return element * element
      }
    ) { square in
      tally.take()
      seen.append(square)
    }
    #expect(seen == (0..<count).map { $0 * $0 })
    // The result being consumed has left the window: it is counted as made, not yet taken.
    #expect(tally.mostAhead <= window + 1)
  }

  struct Refused: Error {}

  @Test func aConsumerThatThrowsStopsTheWorkAndFreesWhatWasMade() {
    let tally = Tally()
    var taken = 0
    #expect(throws: Refused.self) {
      try Array(0..<1000).forEachMapped(
        concurrentlyAheadBy: 8,
        { element in
          tally.make()
          return Made(element, tally)
        }
      ) { made in
        taken += 1
        if made.value == 10 { throw Refused() }
      }
    }
    let made = tally.madeCount
    #expect(taken == 11)
    #expect(made < 1000)
    Thread.sleep(forTimeInterval: 0.05)
    #expect(tally.madeCount == made, "a transform ran after the call returned")
    #expect(tally.freed == made)
  }
}
