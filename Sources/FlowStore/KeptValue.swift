/// A node value a workspace keeps as its own (set by an environment file at a commit): applied
/// again to every later import of the flow, so a version from test does not bring the test
/// value back.
public struct KeptValue: Hashable, Sendable {
  /// The flow it belongs to.
  public var flow: String
  /// The node types it applies to (`*` globs); empty for any.
  public var nodeType: String
  /// The node names it applies to (`*` globs); empty for any.
  public var nodeName: String
  /// The dotted path in the node's object, as its file has it.
  public var path: String
  /// The value, as JSON text.
  public var value: String
  /// Set the path even where the node lacks it.
  public var create: Bool
  /// The commit that recorded it (0 before it is written).
  public var commit: Int

  /// A value of `flow`'s nodes selected by type and name globs (empty: any).
  public init(flow: String, nodeType: String, nodeName: String, path: String, value: String, create: Bool, commit: Int = 0) {
    self.flow = flow
    self.nodeType = nodeType
    self.nodeName = nodeName
    self.path = path
    self.value = value
    self.create = create
    self.commit = commit
  }
}
