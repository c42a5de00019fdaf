import FlowModel
import Yams

extension EnvironmentFile {
  /// Reads an environment file; every problem names `path:line:column`.
  public init(text: String, path: String) throws(FormatError) {
    // The same bounds as a bundle's config.yaml: no alias bombs, no runaway nesting.
    do { try ConfigYAML.checkBounds(text) } catch {
      guard case .config(let place, let reason) = error else { throw error }
      throw .environment(file: path, at: place, reason)
    }
    let budget = ConfigYAML.Budget()
    let root: Yams.Node?
    do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
      throw .environment(file: path, at: ConfigYAML.position(of: error), ConfigYAML.problem(of: error))
    } catch { throw .environment(file: path, at: nil, "\(error)") }
    guard let root else {
      self.init(path: path, connections: [])
      return
    }
    guard let mapping = root.mapping else {
      throw .environment(file: path, at: ConfigYAML.place(root), "expected a mapping with connections and values")
    }
    for key in mapping.keys where !["connections", "values"].contains(key.string ?? "") {
      throw .environment(
        file: path, at: ConfigYAML.place(key), "unknown section '\(key.string ?? "")'; an environment file has connections and values")
    }
    var connections: [ConnectionEntry] = []
    for item in try Self.sequence(mapping["connections"], "connections", in: path) {
      guard let entry = item.mapping, let to = entry["to"]?.string, !to.isEmpty else {
        throw .environment(file: path, at: ConfigYAML.place(item), "a connections entry needs `from` and `to: <connection>`")
      }
      let line = (item.mark?.line ?? 0)
      let source: ConnectionEntry.Source
      switch entry["from"] {
      case let from? where from.string != nil && from.mapping == nil:
        source = .name(from.string ?? "")
      case let from?:
        if let type = from["type"]?.string {
          source = .type(type)
        } else if let id = from["id"]?.string {
          source = .id(id)
        } else if let name = from["name"]?.string {
          source = .name(name)
        } else {
          throw .environment(file: path, at: ConfigYAML.place(from), "`from` is a name, or { name | type | id: ... }")
        }
      case nil:
        throw .environment(file: path, at: ConfigYAML.place(item), "a connections entry needs `from`")
      }
      if to.contains("*"), case .name(let pattern) = source, !pattern.contains("*") {
        throw .environment(file: path, at: ConfigYAML.place(item), "`to: \(to)` has a * but `from` captures none")
      }
      connections.append(ConnectionEntry(source: source, target: to, line: line))
    }
    var values: [ValueEntry] = []
    for item in try Self.sequence(mapping["values"], "values", in: path) {
      guard let entry = item.mapping, let set = entry["set"]?.mapping, !set.isEmpty else {
        throw .environment(file: path, at: ConfigYAML.place(item), "a values entry needs `set: { path: value }`")
      }
      let node = entry["node"]
      if let node, node.mapping == nil {
        throw .environment(file: path, at: ConfigYAML.place(node), "`node` is { type: ... } or { name: ... }")
      }
      if entry["flow"] == nil, node == nil {
        throw .environment(file: path, at: ConfigYAML.place(item), "a values entry needs a `flow` or a `node` to select")
      }
      values.append(
        ValueEntry(
          flow: entry["flow"]?.string, nodeType: node?["type"]?.string, nodeName: node?["name"]?.string,
          set: try set.map { member throws(FormatError) in
            ValueEntry.Assignment(path: member.key.string ?? "", value: try ConfigYAML.json(member.value, budget))
          },
          create: entry["create"]?.bool ?? false, line: item.mark?.line ?? 0))
    }
    self.init(path: path, connections: connections, values: values)
  }

  private static func sequence(_ node: Yams.Node?, _ section: String, in path: String) throws(FormatError) -> [Yams.Node] {
    guard let node, !(node.scalar.map { $0.string.isEmpty || $0.string == "null" } ?? false) else { return [] }
    guard let items = node.sequence else { throw .environment(file: path, at: ConfigYAML.place(node), "\(section): expected a list") }
    return Array(items)
  }

  /// The file as YAML: what `match save` writes (exact entries and rules, then values).
  public var yaml: String {
    var lines = ["# FlowPort environment file: connection mappings and the values this environment keeps.", "connections:"]
    for entry in connections {
      switch entry.source {
      case .name(let name): lines.append("  - from: \(Self.quoted(name))")
      case .type(let type): lines.append("  - from: { type: \(Self.quoted(type)) }")
      case .id(let id): lines.append("  - from: { id: \(Self.quoted(id)) }")
      }
      lines.append("    to: \(Self.quoted(entry.target))")
    }
    if !values.isEmpty {
      lines.append("values:")
      for entry in values {
        var first = true
        func add(_ text: String) {
          lines.append((first ? "  - " : "    ") + text)
          first = false
        }
        if let flow = entry.flow { add("flow: \(Self.quoted(flow))") }
        var selector: [String] = []
        if let type = entry.nodeType { selector.append("type: \(Self.quoted(type))") }
        if let name = entry.nodeName { selector.append("name: \(Self.quoted(name))") }
        if !selector.isEmpty { add("node: { \(selector.joined(separator: ", ")) }") }
        let assignments = entry.set.map { "\(Self.quoted($0.path)): \(JSONWriter(layout: .minified).string($0.value))" }
        add("set: { \(assignments.joined(separator: ", ")) }")
        if entry.create { add("create: true") }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
  private static func quoted(_ text: String) -> String { JSONWriter(layout: .minified).string(.string(text)) }
}
