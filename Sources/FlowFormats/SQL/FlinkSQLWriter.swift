import FlowModel
import Foundation

/// Writes an event-processing flow as a Flink SQL script: a `CREATE TABLE` per source and
/// destination with its connector options, a `CREATE TEMPORARY VIEW` per processing node, and
/// an `INSERT INTO ... SELECT` that feeds the destination (the processing node before it
/// inlined). Secret options are masked; the script cannot be loaded back, which is why this is
/// a writer only.
///
/// The node vocabulary it translates (the `config` members each needs):
/// - `source.<connector>` / `destination.<connector>` (kafka, jdbc, http, filesystem, or any
///   other connector by name): `schema` `[{name, type}]`, optional `table`, `watermark`
///   `{column, delay}`, `options` (extra connector options); endpoints come from the bound
///   connection's properties (`bootstrapServers`, `url`, `username`, `path`).
/// - `filter`: `condition`. `transform`: `columns` `[{name, expression}]`.
/// - `join`: `condition`, optional `kind` (INNER, LEFT, RIGHT, FULL) and `columns`.
/// - `aggregate`: `window` `{type: tumble|hop|cumulate, column, size, slide?}`, `groupBy`,
///   `aggregates` `[{name, expression}]`.
public enum FlinkSQLWriter {
  /// Written in place of a secret option's value.
  static let redacted = "<redacted>"
  static let processors: Set<String> = ["filter", "transform", "join", "aggregate"]

  /// True when the node is part of the vocabulary above.
  static func translates(_ node: Node) -> Bool {
    node.connector != nil || processors.contains(node.type)
  }

  /// The script; validation must have passed (`ExportValidation.check(_, for: .sql)`).
  public static func script(for version: FlowVersion, stamp: ExportStamp?) throws(FormatError) -> String {
    let findings = ExportValidation.check(version, for: .sql).filter(\.isError)
    if let first = findings.first { throw .unsupported("Flink SQL for this flow (\(first.message))") }
    return try ScriptWriter(version: version).write(stamp: stamp)
  }

  /// The first line of every file written: `-- Flink SQL for flow <name>, version <n>,
  /// written by FlowPort.`, the name as a comment holds it (`comment`).
  static let headerOpening = "-- Flink SQL for flow "
  static let headerVersion = ", version "
  static let headerClosing = ", written by FlowPort."

  /// The name of the flow a file written here is for, as its first line names it; nil for any
  /// other file. SQL is not read back, and `export` must tell its own file from one it would
  /// replace.
  public static func flowName(in file: Data) -> String? {
    guard file.starts(with: headerOpening.utf8), let end = file.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
    // A file whose lines were given Windows' ends keeps its name.
    var line = String(decoding: file[file.startIndex..<end], as: UTF8.self)
    if line.hasSuffix("\r") { line.removeLast() }
    guard line.hasSuffix(headerClosing), let version = line.range(of: headerVersion, options: .backwards) else { return nil }
    return String(line[line.index(line.startIndex, offsetBy: headerOpening.count)..<version.lowerBound])
  }

  /// `name` quoted as a Flink identifier.
  static func identifier(_ name: String) -> String { "`" + name.replacingOccurrences(of: "`", with: "``") + "`" }

  /// `text` for a `--` comment: a line break in a flow's name must not end the comment and
  /// put the rest of the name into the script as a statement.
  static func comment(_ text: String) -> String {
    String(text.map { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true ? " " : $0 })
  }

  /// `text` as a SQL string literal.
  static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

extension FlinkSQLWriter: FormatCodec {
  static let formatName = "sql"
  static let displayName = "Flink SQL"
  static let fileExtension = "sql"
  static let needsValidation = true

  /// The script; secret options are always masked.
  static func file(for version: FlowVersion, stamp: ExportStamp?, options: EncodeOptions) throws(FormatError) -> Data {
    Data(try script(for: Secrets.scanRedacted(version.withoutSecrets), stamp: stamp).utf8)
  }

  /// Every node needs a translation.
  static func exportFindings(_ version: FlowVersion) -> [Finding] {
    version.nodes.filter { !translates($0) }.map { .error("node '\($0.name)' (\($0.type)) has no Flink SQL translation") }
  }
}

/// One script being written: the flow's nodes in an order where inputs come first.
private struct ScriptWriter {
  let version: FlowVersion
  let incoming: [String: [String]]
  let outgoing: [String: [String]]
  let byID: [String: Node]

  init(version: FlowVersion) {
    self.version = version
    (outgoing, incoming) = version.adjacency()
    byID = Dictionary(version.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  func write(stamp: ExportStamp?) throws(FormatError) -> String {
    var statements: [String] = []
    for node in version.nodes where version.role(of: node) != .processor { statements.append(try createTable(node)) }
    let order = topologicalOrder()
    let destination = order.last { version.role(of: $0) == .destination }
    let inlined = destination.flatMap { incoming[$0.id]?.count == 1 ? byID[incoming[$0.id]![0]] : nil }
      .flatMap { version.role(of: $0) == .processor && outgoing[$0.id]?.count == 1 ? $0 : nil }
    for node in order where version.role(of: node) == .processor && node.id != inlined?.id {
      statements.append("CREATE TEMPORARY VIEW \(name(of: node)) AS\n\(try query(for: node));")
    }
    if let destination {
      let select = try inlined.map(query) ?? "SELECT * FROM \(input(of: destination))"
      statements.append("INSERT INTO \(name(of: destination))\n\(select);")
    }
    var header = [
      FlinkSQLWriter.headerOpening + FlinkSQLWriter.comment(version.name) + FlinkSQLWriter.headerVersion + "\(version.number)"
        + FlinkSQLWriter.headerClosing
    ]
    if let stamp {
      header.append("-- Exported from \(FlinkSQLWriter.comment(stamp.from)) by \(FlinkSQLWriter.comment(stamp.by)) at \(stamp.at).")
    }
    header.append("-- Secret options read \(FlinkSQLWriter.redacted): set them for the target before running.")
    return header.joined(separator: "\n") + "\n\n" + statements.joined(separator: "\n\n") + "\n"
  }

  /// The node's table or view name.
  private func name(of node: Node) -> String {
    FlinkSQLWriter.identifier(node.config["table"]?.stringValue ?? node.name)
  }

  private func topologicalOrder() -> [Node] {
    var remaining = Dictionary(version.nodes.map { ($0.id, incoming[$0.id]?.count ?? 0) }, uniquingKeysWith: { first, _ in first })
    var ready = version.nodes.filter { remaining[$0.id] == 0 }.map(\.id)
    var order: [Node] = []
    while !ready.isEmpty {
      let id = ready.removeFirst()
      if let node = byID[id] { order.append(node) }
      for next in outgoing[id] ?? [] {
        remaining[next, default: 0] -= 1
        if remaining[next] == 0 { ready.append(next) }
      }
    }
    return order
  }

  /// What a node reads: its one input, or the union of several.
  private func input(of node: Node) -> String {
    let inputs = (incoming[node.id] ?? []).compactMap { byID[$0] }.map(name(of:))
    guard inputs.count > 1 else { return inputs.first ?? "" }
    return "(\n  " + inputs.map { "SELECT * FROM \($0)" }.joined(separator: "\n  UNION ALL\n  ") + "\n)"
  }

  private func createTable(_ node: Node) throws(FormatError) -> String {
    var columns: [String] = []
    for (index, column) in (node.config["schema"]?.arrayValue ?? []).enumerated() {
      guard let columnName = column["name"]?.stringValue, let type = column["type"]?.stringValue else {
        throw .invalid(path: "node '\(node.name)'.config.schema[\(index)]", reason: "expected {name, type}")
      }
      columns.append("  \(FlinkSQLWriter.identifier(columnName)) \(type)")
    }
    if version.role(of: node) == .source, let watermark = node.config["watermark"], let column = watermark["column"]?.stringValue {
      let delay = try interval(watermark["delay"]?.stringValue ?? "0 SECOND", in: node, member: "watermark.delay")
      let quoted = FlinkSQLWriter.identifier(column)
      columns.append("  WATERMARK FOR \(quoted) AS \(quoted) - \(delay)")
    }
    let options = connectorOptions(node).map { "  \(FlinkSQLWriter.literal($0.key)) = \(FlinkSQLWriter.literal($0.value))" }
    return "CREATE TABLE \(name(of: node)) (\n\(columns.joined(separator: ",\n"))\n) WITH (\n\(options.joined(separator: ",\n"))\n);"
  }

  /// The connector's options: its name, the bound connection's endpoints, then the node's own
  /// `options` (which win), secrets masked.
  private func connectorOptions(_ node: Node) -> [(key: String, value: String)] {
    let connector = node.connector ?? ""
    let connection = node.connection.flatMap(version.connection(key:))?.properties ?? [:]
    func text(_ key: String) -> String? {
      switch connection[key] {
      case .string(let value)?: value
      case .array(let values)?: values.compactMap(\.stringValue).joined(separator: ",")
      case .number(let number)?: number.text
      default: nil
      }
    }
    let isSource = version.role(of: node) == .source
    let format = node.config["format"]?.stringValue ?? "json"
    var options: [(key: String, value: String)] = []
    switch connector {
    case "kafka":
      options = [("connector", "kafka")]
      if let topic = node.config["topic"]?.stringValue { options.append(("topic", topic)) }
      if let servers = text("bootstrapServers") { options.append(("properties.bootstrap.servers", servers)) }
      options.append(("format", format))
      if isSource { options.append(("scan.startup.mode", "earliest-offset")) }
    case "jdbc":
      options = [("connector", "jdbc")]
      if let url = text("url") { options.append(("url", url)) }
      options.append(("table-name", node.config["table"]?.stringValue ?? node.name))
      if let user = text("username") { options.append(("username", user)) }
    case "http":
      options = [("connector", isSource ? "rest-lookup" : "http-sink")]
      if let url = text("url") { options.append(("url", url)) }
      options.append(("format", format))
    case "filesystem":
      options = [("connector", "filesystem")]
      if let path = node.config["path"]?.stringValue ?? text("path") { options.append(("path", path)) }
      options.append(("format", format))
    default:
      options = [("connector", connector)]
    }
    for member in node.config["options"]?.objectValue ?? [:] {
      let value = member.value.stringValue ?? (member.value.identifierText ?? JSONWriter(layout: .minified).string(member.value))
      let masked = SecretScanner.isSecretName(member.key) ? FlinkSQLWriter.redacted : value
      if let index = options.firstIndex(where: { $0.key == member.key }) {
        options[index].value = masked
      } else {
        options.append((member.key, masked))
      }
    }
    return options
  }

  private func query(for node: Node) throws(FormatError) -> String {
    let from = input(of: node)
    switch node.type {
    case "filter":
      return "SELECT * FROM \(from)\nWHERE \(node.config["condition"]?.stringValue ?? "TRUE")"
    case "transform":
      return "SELECT \(try projections(node, "columns")) FROM \(from)"
    case "join":
      let inputs = (incoming[node.id] ?? []).compactMap { byID[$0] }.map(name(of:))
      guard inputs.count == 2 else {
        throw .invalid(path: "node '\(node.name)'", reason: "a join needs exactly two inputs, it has \(inputs.count)")
      }
      let kind = (node.config["kind"]?.stringValue ?? "INNER").uppercased()
      guard ["INNER", "LEFT", "RIGHT", "FULL"].contains(kind) else {
        throw .invalid(path: "node '\(node.name)'.config.kind", reason: "expected INNER, LEFT, RIGHT or FULL, found '\(kind)'")
      }
      let columns = node.config["columns"] == nil ? "*" : try projections(node, "columns")
      let join = kind == "INNER" ? "JOIN" : "\(kind) JOIN"
      return "SELECT \(columns)\nFROM \(inputs[0])\n\(join) \(inputs[1]) ON \(node.config["condition"]?.stringValue ?? "TRUE")"
    default:
      return try aggregate(node, from: from)
    }
  }

  private func aggregate(_ node: Node, from: String) throws(FormatError) -> String {
    let window = node.config["window"]
    let kind = (window?["type"]?.stringValue ?? "tumble").uppercased()
    guard let column = window?["column"]?.stringValue, let sizeText = window?["size"]?.stringValue else {
      throw .invalid(path: "node '\(node.name)'.config.window", reason: "expected {type, column, size}")
    }
    let size = try interval(sizeText, in: node, member: "window.size")
    var arguments = ["TABLE \(from)", "DESCRIPTOR(\(FlinkSQLWriter.identifier(column)))"]
    switch kind {
    case "TUMBLE": arguments.append(size)
    case "HOP", "CUMULATE":
      guard let step = window?["slide"]?.stringValue ?? window?["step"]?.stringValue else {
        throw .invalid(path: "node '\(node.name)'.config.window", reason: "a \(kind.lowercased()) window needs a slide")
      }
      arguments += [try interval(step, in: node, member: "window.slide"), size]
    default:
      throw .invalid(
        path: "node '\(node.name)'.config.window.type", reason: "expected tumble, hop or cumulate, found '\(kind.lowercased())'")
    }
    let groups = ["window_start", "window_end"] + (node.config["groupBy"]?.arrayValue ?? []).compactMap(\.stringValue)
    let keys = groups.map(FlinkSQLWriter.identifier).joined(separator: ", ")
    return """
      SELECT \(keys), \(try projections(node, "aggregates"))
      FROM TABLE(\(kind)(\(arguments.joined(separator: ", "))))
      GROUP BY \(keys)
      """
  }

  /// `expression AS name, ...` from a `[{name, expression}]` member.
  private func projections(_ node: Node, _ member: String) throws(FormatError) -> String {
    var parts: [String] = []
    for (index, entry) in (node.config[member]?.arrayValue ?? []).enumerated() {
      guard let name = entry["name"]?.stringValue else {
        throw .invalid(path: "node '\(node.name)'.config.\(member)[\(index)]", reason: "expected {name, expression}")
      }
      let column = FlinkSQLWriter.identifier(name)
      parts.append(entry["expression"]?.stringValue.map { "\($0) AS \(column)" } ?? column)
    }
    guard !parts.isEmpty else { throw .invalid(path: "node '\(node.name)'.config.\(member)", reason: "empty") }
    return parts.joined(separator: ", ")
  }

  /// `5 SECOND` -> `INTERVAL '5' SECOND`; anything else is refused, never pasted into the script.
  private func interval(_ text: String, in node: Node, member: String) throws(FormatError) -> String {
    let parts = text.split(separator: " ")
    let units: Set<String> = ["SECOND", "MINUTE", "HOUR", "DAY"]
    guard parts.count == 2, let amount = Int(parts[0]), amount >= 0 else {
      throw .invalid(path: "node '\(node.name)'.config.\(member)", reason: "expected '<number> SECOND|MINUTE|HOUR|DAY', found '\(text)'")
    }
    var unit = parts[1].uppercased()
    if unit.hasSuffix("S") { unit.removeLast() }
    guard units.contains(unit) else {
      throw .invalid(path: "node '\(node.name)'.config.\(member)", reason: "expected '<number> SECOND|MINUTE|HOUR|DAY', found '\(text)'")
    }
    return "INTERVAL '\(amount)' \(unit)"
  }
}
