import FlowFormats
import FlowModel

/// A node value set in a pending import by an environment file, or kept by the workspace from
/// an earlier commit: its selector, path, value, and where it came from.
struct AppliedValue: Hashable, Sendable {
  var node: NodeSelector
  var path: String
  var value: JSONValue
  var create: Bool
  /// `prod.yaml:9`, or `kept since commit #4`.
  var origin: String

  /// True when it sets the same path on the same nodes as `other` (the environment file's
  /// entry then wins over what the workspace kept).
  func overrides(_ other: AppliedValue) -> Bool {
    node == other.node && path == other.path
  }
}
