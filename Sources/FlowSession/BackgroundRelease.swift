import Dispatch

/// Lets go of a large value on a background thread, so the thread that answers the user does
/// not spend its time freeing trees of thousands of nodes (a tenth of a 10,000-node diff). A
/// process that ends first simply leaves the memory to the system.
enum BackgroundRelease {
  private static let queue = DispatchQueue(label: "flowport.release", qos: .utility)

  /// Ends the caller's hold on `value`; its last reference goes on the background queue.
  static func release<Value: Sendable>(_ value: consuming Value) {
    let value = value
    queue.async { withExtendedLifetime(value) {} }
  }
}
