import Foundation
import Testing

@testable import fps

@Suite struct ProcessEnvironmentTests {
  /// The variables of `entries`, handed over as `environ` holds them.
  private func variables(_ entries: [String]) -> [String: String] {
    var pointers: [UnsafeMutablePointer<CChar>?] = entries.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeMutableBufferPointer { ProcessEnvironment.variables(in: $0.baseAddress!) }
  }

  @Test func aNameGivenTwiceReadsItsLastValueAsProcessInfoDoes() {
    #expect(variables(["A=1", "A=2"]) == ["A": "2"])
  }

  @Test func aValueIsSplitAtTheFirstEqualsSignEvenBeforeACombiningMark() {
    #expect(variables(["A=\u{301}x", "B=c=d", "EMPTY=", "NOEQUALS"]) == ["A": "\u{301}x", "B": "c=d", "EMPTY": ""])
  }

  @Test func theProcessEnvironmentIsRead() {
    #expect(ProcessEnvironment.current["PATH"] == ProcessInfo.processInfo.environment["PATH"])
  }
}
