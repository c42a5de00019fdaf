import FlowModel

/// What a node does in an event-processing graph, read from its type: `source.kafka` and IBM
/// Event Processing's `source` are sources, `destination.jdbc` and `sqlSink` destinations,
/// everything else processes what flows through it.
public enum NodeRole: Sendable {
  case source, processor, destination

  public init(type: String) {
    let type = type.lowercased()
    if type == "source" || type.hasPrefix("source.") {
      self = .source
    } else if type == "destination" || type.hasPrefix("destination.") || type.hasSuffix("sink") {
      self = .destination
    } else {
      self = .processor
    }
  }
}

extension Node {
  public var role: NodeRole { NodeRole(type: type) }

  /// The connector of a source or destination: `kafka` for `source.kafka`.
  var connector: String? {
    guard role != .processor, let dot = type.firstIndex(of: ".") else { return nil }
    return String(type[type.index(after: dot)...])
  }
}

extension FlowVersion {
  /// True for a flow built of sources and destinations, to which the graph rules of export
  /// validation apply; an n8n or Node-RED automation has neither.
  public var isEventProcessing: Bool { nodes.contains { $0.role != .processor } }

  /// Ids of the nodes each node sends to, and receives from.
  func adjacency() -> (outgoing: [String: [String]], incoming: [String: [String]]) {
    var outgoing: [String: [String]] = [:]
    var incoming: [String: [String]] = [:]
    for edge in edges {
      outgoing[edge.from, default: []].append(edge.to)
      incoming[edge.to, default: []].append(edge.from)
    }
    return (outgoing, incoming)
  }
}
