import Dispatch
import Foundation

/// Lets go of a large value on a background thread, so the thread that answers the user does
/// not spend its time freeing trees of thousands of nodes (a tenth of a 10,000-node diff). A
/// process that ends first simply leaves the memory to the system.
public enum BackgroundRelease {
  private static let queue = DispatchQueue(label: "flowport.release", qos: .utility)

  /// The values let go since `holdUntilExit()`.
  private static let held = HeldValues()

  /// Ends the caller's hold on `value`; it is freed on the background queue, or, after
  /// `holdUntilExit()`, never.
  ///
  /// The value travels in a box the queue empties. A closure capturing the value itself holds a
  /// copy: when the idle core ran the block before the caller had returned, the caller's own
  /// reference was the last, and the caller freed the tree after all (4.5% of a 10,000-node
  /// diff's samples, on the thread the user waits for).
  static func release<Value: Sendable>(_ value: consuming Value) {
    let box = Box(value)
    if !held.keep(box) { queue.async { box.empty() } }
  }

  /// From now on, what is let go is kept until the process ends: for a process that ends
  /// after the command under way (`fps diff a b`, git's driver). Freeing two large documents
  /// on the idle core still took that core from the diff, which reads its two sides one on
  /// each and pairs them on both (a tenth of a 10,000-node diff's time, and of its CPU), for
  /// memory the system takes back at exit anyway. The peak grows by the part of each document
  /// the diff does not use (3 MB of 80); holding only what is let go at the end saved nothing.
  public static func holdUntilExit() {
    held.start()
  }

  /// What is let go once `start()` is called, kept for the rest of the process. `values` is
  /// guarded by `lock` (not `Mutex`, which needs macOS 15).
  private final class HeldValues: @unchecked Sendable {
    private var values: [AnyObject]?
    private let lock = NSLock()

    func start() { lock.withLock { values = values ?? [] } }

    /// Keeps `value` and says so once `start()` was called; false before.
    func keep(_ value: AnyObject) -> Bool {
      lock.withLock {
        values?.append(value)
        return values != nil
      }
    }
  }

  /// Holds the value until the queue takes it out. It is `@unchecked Sendable` because it is
  /// handed over whole: the caller never touches it after `queue.async`, and only the queue
  /// empties it.
  private final class Box<Value>: @unchecked Sendable {
    private var value: Value?

    init(_ value: consuming Value) { self.value = value }

    func empty() { value = nil }
  }
}
