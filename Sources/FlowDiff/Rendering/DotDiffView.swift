/// The `--dot` view: the whole flow as a Graphviz digraph, added nodes and edges green, removed
/// red (edges dashed), changed nodes amber, the rest grey.
struct DotDiffView {
  let diff: FlowDiff

  var text: String {
    var lines = [
      "digraph flowdiff {",
      "  graph [rankdir=LR, label=\(quoted("\(diff.left) -> \(diff.right): \(diff.stat.summary)")), labelloc=t, fontname=Helvetica];",
      "  node [shape=box, style=\"rounded,filled\", fontname=Helvetica, fillcolor=\"#f2f2f2\", color=\"#999999\"];",
      "  edge [color=\"#999999\"];",
    ]
    for node in diff.graph.nodes {
      lines.append("  \(node.id) [label=\(quoted("\(node.name)\n\(node.type)"))\(nodeStyle(node.status))];")
    }
    for edge in diff.graph.edges {
      lines.append("  \(edge.from) -> \(edge.to)\(edgeStyle(edge.status));")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  private func nodeStyle(_ status: DiffGraph.Status) -> String {
    switch status {
    case .added: ", fillcolor=\"#c8f7c5\", color=\"#2e7d32\""
    case .removed: ", fillcolor=\"#f8c9c4\", color=\"#c62828\""
    case .changed: ", fillcolor=\"#ffe0a3\", color=\"#ef8f00\""
    case .unchanged: ""
    }
  }

  private func edgeStyle(_ status: DiffGraph.Status) -> String {
    switch status {
    case .added: " [color=\"#2e7d32\", penwidth=2]"
    case .removed: " [color=\"#c62828\", style=dashed, penwidth=2]"
    case .changed, .unchanged: ""
    }
  }

  /// A DOT string literal: quotes and backslashes escaped, newlines as `\n`.
  private func quoted(_ text: String) -> String {
    var result = "\""
    for character in text {
      switch character {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      default: result.append(character)
      }
    }
    return result + "\""
  }
}
