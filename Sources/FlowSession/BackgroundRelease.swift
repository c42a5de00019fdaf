import Dispatch

/// Lets go of a large value on a background thread, so the thread that answers the user does
/// not spend its time freeing trees of thousands of nodes (a tenth of a 10,000-node diff). A
/// process that ends first simply leaves the memory to the system.
enum BackgroundRelease {
  private static let queue = DispatchQueue(label: "flowport.release", qos: .utility)

  /// Ends the caller's hold on `value`; it is freed on the background queue.
  ///
  /// The value travels in a box the queue empties. A closure capturing the value itself holds a
  /// copy: when the idle core ran the block before the caller had returned, the caller's own
  /// reference was the last, and the caller freed the tree after all (4.5% of a 10,000-node
  /// diff's samples, on the thread the user waits for).
  static func release<Value: Sendable>(_ value: consuming Value) {
    let box = Box(value)
    queue.async { box.empty() }
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
