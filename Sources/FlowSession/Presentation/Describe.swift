import FlowModel

/// Short phrases about flows, shared by the commands that print them.
enum Describe {
  /// `5 nodes, 4 edges`.
  static func shape(_ version: FlowVersion) -> String {
    "\(count(version.nodes.count, "node")), \(count(version.edges.count, "edge"))"
  }

  /// `1 node`, `3 nodes`.
  static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }
}
