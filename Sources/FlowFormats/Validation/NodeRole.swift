import FlowModel

/// What a node does in an event-processing graph, read from its type: in FlowPort's own
/// vocabulary `source.kafka` is a source and `destination.jdbc` a destination; a dialect with
/// its own vocabulary says (`DialectCodec.nodeRole(ofType:)`); everything else processes what
/// flows through it.
enum NodeRole: Sendable {
  case source, processor, destination

  /// The role of a type in FlowPort's own vocabulary.
  init(type: String) {
    let type = type.lowercased()
    if type.hasPrefix("source.") {
      self = .source
    } else if type.hasPrefix("destination.") {
      self = .destination
    } else {
      self = .processor
    }
  }
}

extension Node {
  /// The connector of a source or destination in FlowPort's vocabulary: `kafka` for `source.kafka`.
  var connector: String? {
    guard NodeRole(type: type) != .processor, let dot = type.firstIndex(of: ".") else { return nil }
    return String(type[type.index(after: dot)...])
  }
}

extension FlowVersion {
  /// What a node of this flow does, in the vocabulary of the dialect the flow was read from.
  func role(of node: Node) -> NodeRole {
    ExportFormat.natural(for: self).dialect?.nodeRole(ofType: node.type) ?? NodeRole(type: node.type)
  }

  /// True for a flow built of sources and destinations, to which the graph rules of export
  /// validation apply; an n8n or Node-RED automation has neither.
  var isEventProcessing: Bool { nodes.contains { role(of: $0) != .processor } }

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
