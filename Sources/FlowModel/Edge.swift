/// A link from one node's output port to another node's input port.
public struct Edge: Hashable, Sendable {
  /// Id of the node the data leaves.
  public var from: String
  /// Output port of `from`; `"0"` unless the node has several.
  public var fromPort: String
  /// Id of the node the data enters.
  public var to: String
  /// Input port of `to`; `"0"` unless the node has several.
  public var toPort: String

  /// An edge from `from` to `to`, on each node's first port unless told.
  public init(from: String, fromPort: String = "0", to: String, toPort: String = "0") {
    self.from = from
    self.fromPort = fromPort
    self.to = to
    self.toPort = toPort
  }
}
