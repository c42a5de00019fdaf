import Foundation
import Testing

/// Removes the temporary folders a test made (through `Fixtures.temporaryDirectory()`) when the
/// test ends, passed or failed: `@Suite(.temporaryFolders)`.
public struct TemporaryFolders: SuiteTrait, TestTrait, TestScoping {
  /// The folders made so far in the current test.
  final class Made: @unchecked Sendable {
    private let lock = NSLock()
    private var urls: [URL] = []

    func append(_ url: URL) { lock.withLock { urls.append(url) } }

    func removeAll() {
      for url in lock.withLock({ urls }) { try? FileManager.default.removeItem(at: url) }
    }
  }

  @TaskLocal static var current: Made?

  /// True, so a suite's trait applies to each of its tests.
  public var isRecursive: Bool { true }

  /// Runs one test with its own record of folders, and removes them when it ends.
  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    // The suite's own scope has no test case; each test (and each argument) gets its own.
    guard testCase != nil || !test.isSuite else { return try await function() }
    let made = Made()
    defer { made.removeAll() }
    try await Self.$current.withValue(made) { try await function() }
  }
}

extension Trait where Self == TemporaryFolders {
  /// Every temporary folder a test makes is removed when it ends.
  public static var temporaryFolders: Self { TemporaryFolders() }
}
