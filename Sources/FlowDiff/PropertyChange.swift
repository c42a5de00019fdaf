import FlowModel

/// One value that differs, at a path such as `config.query` or `nodes[2]`.
public struct PropertyChange: Hashable, Sendable {
  /// Where the value sits, such as `config.query`, `nodes[2]` or a connection key.
  public var path: String
  /// The left side's value; nil when the right side added it.
  var old: JSONValue?
  /// The right side's value; nil when the right side removed it.
  var new: JSONValue?

  /// A change at `path` from `old` to `new`, either nil when that side lacks the value.
  public init(path: String, old: JSONValue?, new: JSONValue?) {
    self.path = path
    self.old = old
    self.new = new
  }
}
