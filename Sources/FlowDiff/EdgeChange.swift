/// An edge present on only one side, named by node names so it reads without ids.
public struct EdgeChange: Hashable, Sendable {
  public var isAdded: Bool
  public var from: String
  var fromPort: String
  public var to: String
  var toPort: String
}
