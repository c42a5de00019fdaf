extension FlowVersion {
  /// The version with every node given the id `newID` makes for it, edges following. Imports
  /// use it so that a flow's nodes get ids new to the target, their names kept exactly.
  public func renumberingNodes(_ newID: (Node) -> String) -> FlowVersion {
    var version = self
    var ids: [String: String] = [:]
    for index in version.nodes.indices {
      let id = newID(version.nodes[index])
      ids[version.nodes[index].id] = ids[version.nodes[index].id] ?? id
      version.nodes[index].id = id
    }
    for index in version.edges.indices {
      version.edges[index].from = ids[version.edges[index].from] ?? version.edges[index].from
      version.edges[index].to = ids[version.edges[index].to] ?? version.edges[index].to
    }
    return version
  }
}
