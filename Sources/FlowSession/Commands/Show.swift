import FlowFormats
import FlowModel
import FlowStore

/// `show`: one flow, import or export in detail: nodes, edges, references, dependencies.
struct Show: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let json = OptionSpec("--json", help: "print the flow as a flowport/1 document")
  }

  static let spec = CommandSpec(
    name: "show", synopsis: "<flow[@version]|import|export|file> [--json]",
    summary: "Show a flow in detail: nodes, edges, connection references (and bindings), dependencies.",
    discussion: "With --json, prints the flow as a flowport/1 document (secrets are never included).",
    options: [Option.json],
    positionals: .anyName)

  let name: String
  let json: Bool

  init(_ arguments: ParsedArguments) throws {
    name = try arguments.positional(0, "what to show")
    try arguments.expectPositionals(atMost: 1)
    json = arguments.flag(Option.json)
  }

  func run(in session: Session) throws {
    let operand = try session.flowOperand(name)
    if json { return session.output.line(JSONWriter().string(NativeJSONCodec.encode(Secrets.forViewing(operand.version), stamp: nil))) }
    // Names and the description as a view shows them (a token pasted into a node's name); the
    // configurations, which this does not print, are not scanned.
    var version = Secrets.redactingNames(operand.version)
    version.description = version.description.map { Secrets.redacted(text: $0) }
    let pending = session.imports.first { $0.name == name }
    let output = session.output
    output.line("\(version.name) (\(operand.shownLabel)), version \(version.number), \(ExportFormat.natural(for: version).displayName)")
    if let description = version.description { output.line("  \(description)") }
    output.line("\(Describe.count(version.nodes.count, "node")):")
    let byID = Dictionary(version.nodes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    for node in version.nodes {
      let connection = node.connection.map { " uses \(Secrets.redacted(name: $0))" } ?? ""
      output.line("  \(node.name) (\(node.type))\(connection)")
    }
    output.line("\(Describe.count(version.edges.count, "edge")):")
    for edge in version.edges {
      output.line("  \(byID[edge.from] ?? edge.from) -> \(byID[edge.to] ?? edge.to)")
    }
    if !version.connections.isEmpty {
      output.line("connection references:")
      for ref in version.connections {
        let binding = pending.map { $0.bindings[ref.key].map { " -> \(Secrets.redacted(name: $0.connection))" } ?? " unmatched" } ?? ""
        output.line("  \(Secrets.redacted(name: ref.key)) (\(ref.type), \(Secrets.redacted(name: ref.name)))\(binding)")
      }
    }
    for line in DependencyListing.lines(version) { output.line(line) }
    if let loaded = session.exports[name] {
      for note in loaded.notes { output.line("warning: \(note)") }
    }
    if let pending {
      for finding in try session.state(of: pending.workspace).findings(for: pending) { output.line(finding.description) }
    }
  }
}
