import Foundation

/// What several threads report, kept in the order it arrived: the calls a concurrent map made,
/// the progress a store told.
public final class Recorder<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Value] = []

  /// An empty recorder.
  public init() {}

  /// Keeps `value`, after everything recorded before it.
  public func record(_ value: Value) { lock.withLock { values.append(value) } }

  /// Everything recorded so far, in order.
  public var all: [Value] { lock.withLock { values } }
}
