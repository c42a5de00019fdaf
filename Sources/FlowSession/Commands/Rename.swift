import FlowFormats
import FlowModel

/// `rename`: renames a node of a pending import or loaded export, before it is committed or
/// exported. In n8n flows every reference by name follows.
struct Rename: Command {
  static let spec = CommandSpec(
    name: "rename", synopsis: "<import|export> <old node name> <new node name>",
    summary: "Rename a node of a pending import or loaded export (n8n: connections, pinData and expressions follow).",
    discussion: """
      n8n refers to nodes by name, so renaming rewrites the `connections` keys and targets, the
      `pinData` keys, and `$('Name')` / `$node["Name"]` expressions. Also at load time:
      `load flow.json --rename-node old=new`.

        rename orders "HTTP Request" "Fetch orders"
      """,
    positionals: .anyName)

  let target: String
  let old: String
  let new: String

  init(_ arguments: ParsedArguments) throws {
    target = try arguments.positional(0, "the import or export whose node to rename")
    old = try arguments.positional(1, "the node's current name")
    new = try arguments.positional(2, "the node's new name")
    try arguments.expectPositionals(atMost: 3)
  }

  func run(in session: Session) throws {
    let rename = NodeRename(old: old, new: new)
    if let index = session.imports.firstIndex(where: { $0.name == target }) {
      session.imports[index].version = try renamed(session.imports[index].version, path: session.imports[index].path)
      session.imports[index].renames.append(rename)
    } else if let loaded = session.exports[target] {
      session.exports[target]?.version = try renamed(loaded.version, path: loaded.path)
      session.exports[target]?.renames.append(rename)
    } else {
      throw SessionError.unknownName(
        kind: "pending import or loaded export", name: target, known: session.imports.map(\.name) + session.exports.keys.sorted())
    }
    session.output.line(fitting: "renamed node '\(name: old)' to '\(name: new)' in \(name: target)")
  }

  private func renamed(_ version: FlowVersion, path: String) throws -> FlowVersion {
    do { return try ExportFormat.renamingNode(old, to: new, in: version).version } catch {
      throw SessionError.format(file: path, error)
    }
  }
}
