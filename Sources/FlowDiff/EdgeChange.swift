/// An edge present on only one side, named by node names so it reads without ids; by id too
/// where another node of its side has the same name (two unnamed Node-RED `debug` nodes).
public struct EdgeChange: Hashable, Sendable {
  /// True when only the right side has the edge, false when only the left side has it.
  public var isAdded: Bool
  /// The name of the node the edge leaves.
  public var from: String
  var fromPort: String
  /// The name of the node the edge enters.
  public var to: String
  var toPort: String
  /// The id of the node the edge leaves, when its name does not tell it from another.
  var fromID: String? = nil
  /// The id of the node the edge enters, when its name does not tell it from another.
  var toID: String? = nil
}
