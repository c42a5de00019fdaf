/// One step of a flow: a source, a processor, a destination, an AI or script step.
public struct Node: Hashable, Sendable {
  /// Identifier within the flow; volatile across instances, so diff pairs by name too.
  public var id: String
  /// The name users see; kept exactly as exported (imports generate nodes with these names).
  public var name: String
  /// The node kind, e.g. `source.kafka`, `filter`, `destination.jdbc`.
  public var type: String
  /// Key of the connection reference this node needs from its environment, if any.
  public var connection: String?
  /// The node's configuration, kept as JSON so unknown settings survive.
  public var config: JSONObject
  /// Canvas position; ignored by diff unless asked for.
  public var position: Position?

  /// A node with its identity and kind; the rest defaults to none.
  public init(
    id: String, name: String, type: String, connection: String? = nil, config: JSONObject = [:],
    position: Position? = nil
  ) {
    self.id = id
    self.name = name
    self.type = type
    self.connection = connection
    self.config = config
    self.position = position
  }
}

/// Where a node sits on the editor's canvas.
public struct Position: Hashable, Sendable {
  /// Horizontal position, kept as its exported text so a round trip does not change it.
  public var x: JSONNumber
  /// Vertical position, kept as its exported text so a round trip does not change it.
  public var y: JSONNumber
  /// A position at `x`, `y`.
  public init(x: JSONNumber, y: JSONNumber) {
    self.x = x
    self.y = y
  }
}
