import FlowModel

/// One value that differs, at a path such as `config.query` or `nodes[2]`.
public struct PropertyChange: Hashable, Sendable {
  public var path: String
  /// The left side's value; nil when the right side added it.
  var old: JSONValue?
  /// The right side's value; nil when the right side removed it.
  var new: JSONValue?

  public init(path: String, old: JSONValue?, new: JSONValue?) {
    self.path = path
    self.old = old
    self.new = new
  }
}
