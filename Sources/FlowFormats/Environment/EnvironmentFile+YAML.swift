import FlowModel
import Yams

extension EnvironmentFile {
  /// Reads an environment file's bytes: text that is not UTF-8 is refused at its line and
  /// column (counted as JSON positions are) rather than read with replacement characters,
  /// since connection names come from it.
  public init(contents bytes: [UInt8], path: String) throws(FormatError) {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let place = FormatError.Place.of(UTF8Text.firstInvalidByte(in: bytes) ?? 0, in: bytes)
      throw .environment(file: path, at: place, "not UTF-8 text (a lone surrogate, or another encoding)")
    }
    try self.init(text: text, path: path)
  }

  /// Reads an environment file; every problem names `path:line:column`.
  public init(text: String, path: String) throws(FormatError) {
    do throws(ConfigYAML.Refusal) { try self.init(reading: text, path: path) } catch {
      throw .environment(file: path, at: error.place, error.reason)
    }
  }

  private init(reading text: String, path: String) throws(ConfigYAML.Refusal) {
    // The same bounds as a bundle's config.yaml: no alias bombs, no runaway nesting.
    guard let root = try ConfigYAML.compose(text) else {
      self.init(path: path, connections: [])
      return
    }
    guard let mapping = root.mapping else { throw ConfigYAML.Refusal(at: root, "expected a mapping with connections and values") }
    try Self.checkKeys(of: mapping, ["connections", "values"], "an environment file has")
    let connections = try Self.sequence(mapping["connections"], "connections").map { item throws(ConfigYAML.Refusal) in
      try Self.connectionEntry(item)
    }
    let budget = ConfigYAML.Budget()
    let values = try Self.sequence(mapping["values"], "values").map { item throws(ConfigYAML.Refusal) in
      try Self.valueEntry(item, budget)
    }
    self.init(path: path, connections: connections, values: values)
  }

  private static func connectionEntry(_ item: Yams.Node) throws(ConfigYAML.Refusal) -> ConnectionEntry {
    guard let entry = item.mapping else {
      throw ConfigYAML.Refusal(at: item, "a connections entry is { from: ..., to: <connection> }")
    }
    try checkKeys(of: entry, ["from", "to"], "a connections entry has")
    guard let from = entry["from"] else { throw ConfigYAML.Refusal(at: item, "a connections entry needs `from`") }
    guard let to = try text(entry["to"]), !to.isEmpty else {
      throw ConfigYAML.Refusal(at: item, "a connections entry needs `from` and `to: <connection>`")
    }
    let source: ConnectionEntry.Source
    if let selector = from.mapping {
      try checkKeys(of: selector, ["name", "type", "id"], "`from` has one of")
      guard selector.count == 1, let member = selector.first, let text = try text(member.value), !text.isEmpty else {
        throw ConfigYAML.Refusal(at: from, "`from` is a name, or one of { name | type | id: ... }")
      }
      switch member.key.string {
      case "type": source = .type(text)
      case "id": source = .id(text)
      default: source = .name(text)
      }
    } else {
      guard let name = try text(from), !name.isEmpty else {
        throw ConfigYAML.Refusal(at: from, "`from` is a name, or one of { name | type | id: ... }")
      }
      source = .name(name)
    }
    let connection = ConnectionEntry(source: source, target: to, line: item.mark?.line ?? 0)
    if to.contains("*"), !connection.isRule {
      throw ConfigYAML.Refusal(at: item, "`to: \(to)` has a * but `from` captures none")
    }
    return connection
  }

  private static func valueEntry(_ item: Yams.Node, _ budget: ConfigYAML.Budget) throws(ConfigYAML.Refusal) -> ValueEntry {
    guard let entry = item.mapping, let set = entry["set"]?.mapping, !set.isEmpty else {
      throw ConfigYAML.Refusal(at: item, "a values entry needs `set: { path: value }`")
    }
    try checkKeys(of: entry, ["flow", "node", "set", "create"], "a values entry has")
    let node = entry["node"]
    if let node {
      guard let selector = node.mapping, !selector.isEmpty else {
        throw ConfigYAML.Refusal(at: node, "`node` is { type: ... } or { name: ... }")
      }
      try checkKeys(of: selector, ["type", "name"], "`node` has")
    }
    if entry["flow"] == nil, node == nil {
      throw ConfigYAML.Refusal(at: item, "a values entry needs a `flow` or a `node` to select")
    }
    let assignments = try set.map { member throws(ConfigYAML.Refusal) in
      guard let key = try text(member.key), !key.isEmpty else {
        throw ConfigYAML.Refusal(at: member.key, "a `set` path is a dotted path such as parameters.path")
      }
      return ValueEntry.Assignment(path: key, value: try ConfigYAML.json(member.value, budget))
    }
    var create = false
    if let flag = entry["create"] {
      guard let value = flag.bool else { throw ConfigYAML.Refusal(at: flag, "`create` is true or false") }
      create = value
    }
    return ValueEntry(
      flow: try text(entry["flow"]),
      node: NodeSelector(type: try text(node?["type"]), name: try text(node?["name"])), set: assignments,
      create: create, line: item.mark?.line ?? 0)
  }

  /// A scalar's text; nil when the node is missing. A list or mapping where a name belongs is
  /// a mistake, not "no selector" (which would select everything).
  private static func text(_ node: Yams.Node?) throws(ConfigYAML.Refusal) -> String? {
    guard let node else { return nil }
    guard let scalar = node.scalar else {
      throw ConfigYAML.Refusal(at: node, "expected a name, not a list or mapping")
    }
    return scalar.string
  }

  /// Refuses a key the entry does not know: a typo (`nodes:`, `tpye:`) would otherwise widen
  /// what the entry selects without a word.
  private static func checkKeys(of mapping: Yams.Node.Mapping, _ known: [String], _ what: String) throws(ConfigYAML.Refusal) {
    for key in mapping.keys where !known.contains(key.string ?? "") {
      throw ConfigYAML.Refusal(at: key, "unknown key '\(key.string ?? "")'; \(what) \(known.joined(separator: ", "))")
    }
  }

  private static func sequence(_ node: Yams.Node?, _ section: String) throws(ConfigYAML.Refusal) -> [Yams.Node] {
    guard let node, !(node.scalar.map { $0.string.isEmpty || $0.string == "null" } ?? false) else { return [] }
    guard let items = node.sequence else { throw ConfigYAML.Refusal(at: node, "\(section): expected a list") }
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
        if let type = entry.node.type { selector.append("type: \(Self.quoted(type))") }
        if let name = entry.node.name { selector.append("name: \(Self.quoted(name))") }
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
