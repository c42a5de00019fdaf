import FlowModel
import Yams

/// `config.yaml` of a bundle: the values a CI/CD pipeline edits per target environment
/// (connection endpoints, environment variables), read back with the edits winning over the
/// bundle's JSON files. Secrets are never in it, only `secretPlaceholder`.
struct ConfigYAML {
  typealias Place = FormatError.Place

  /// Written where a secret's value would be; read back as "no value".
  static let secretPlaceholder = "<secret>"

  /// Reference key -> its non-secret properties.
  var connections: [(key: String, properties: JSONObject)]
  /// Environment variable -> its value, nil for a secret.
  var variables: [(name: String, value: JSONValue?)]

  /// The file's text, with a header that tells an editor what it is for.
  func text(flow: String) throws(FormatError) -> String {
    let connectionNodes = connections.map { entry in
      (Yams.Node(entry.key), Yams.Node([(Yams.Node("properties"), Self.node(.object(entry.properties)))]))
    }
    let variableNodes = variables.map { entry in
      (Yams.Node(entry.name), entry.value.map(Self.node) ?? Yams.Node(Self.secretPlaceholder))
    }
    let root = Yams.Node([(Yams.Node("connections"), Yams.Node(connectionNodes)), (Yams.Node("variables"), Yams.Node(variableNodes))])
    let body: String
    do { body = try Yams.serialize(node: root, indent: 2, width: -1) } catch {
      throw .unsupported("writing config.yaml (\(error))")
    }
    return """
      # Environment-specific values of flow "\(flow)". Edit them for the target environment
      # before import: they win over the values in the bundle's JSON files. Secrets are never
      # here: each is \(Self.secretPlaceholder), to be set in the target.

      """ + body
  }

  /// Reads the text back; a syntax error names its line and column.
  init(text: String) throws(FormatError) {
    let root: Yams.Node?
    do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
      throw .config(at: Self.position(of: error), Self.problem(of: error))
    } catch { throw .config(at: nil, "\(error)") }
    guard let root, let mapping = root.mapping else {
      throw .config(at: root?.mark.map { Place(line: $0.line, column: $0.column) }, "expected a mapping with connections and variables")
    }
    connections = []
    variables = []
    if let section = mapping["connections"], !Self.isEmpty(section) {
      guard let entries = section.mapping else { throw .config(at: Self.place(section), "connections: expected a mapping") }
      for (key, value) in entries {
        guard let properties = value["properties"].map(Self.json)?.objectValue else {
          throw .config(at: Self.place(value), "connections.\(key.string ?? ""): expected a mapping with properties")
        }
        connections.append((key.string ?? "", properties))
      }
    }
    if let section = mapping["variables"], !Self.isEmpty(section) {
      guard let entries = section.mapping else { throw .config(at: Self.place(section), "variables: expected a mapping") }
      for (key, value) in entries {
        let json = Self.json(value)
        variables.append((key.string ?? "", json == .string(Self.secretPlaceholder) ? JSONValue?.none : json))
      }
    }
  }

  init(connections: [(key: String, properties: JSONObject)], variables: [(name: String, value: JSONValue?)]) {
    self.connections = connections
    self.variables = variables
  }

  static func place(_ node: Yams.Node) -> Place? { node.mark.map { Place(line: $0.line, column: $0.column) } }

  /// `key:` with nothing after it: a section left empty.
  private static func isEmpty(_ node: Yams.Node) -> Bool {
    guard case .scalar(let scalar) = node else { return false }
    return ["", "~", "null"].contains(scalar.string)
  }

  static func position(of error: YamlError) -> Place? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      Place(line: mark.line, column: mark.column)
    default: nil
    }
  }

  static func problem(of error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
      .composer(let context, let problem, _, _):
      [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
    default: "\(error)"
    }
  }

  /// A JSON value as YAML: strings that YAML would read as something else are quoted.
  private static func node(_ value: JSONValue) -> Yams.Node {
    switch value {
    case .null: return Yams.Node("null")
    case .bool(let flag): return Yams.Node(flag ? "true" : "false")
    case .number(let number): return Yams.Node(number.text)
    case .string(let text):
      let plain = Yams.Node(text)
      return Resolver.default.resolveTag(of: plain) == .str ? plain : Yams.Node(text, .implicit, .doubleQuoted)
    case .array(let elements): return Yams.Node(elements.map(node))
    case .object(let object): return Yams.Node(object.members.map { (Yams.Node($0.key), node($0.value)) })
    }
  }

  /// A YAML node as JSON: numbers keep their text when it is JSON's, anything else is a string.
  static func json(_ node: Yams.Node) -> JSONValue {
    switch node {
    case .scalar(let scalar):
      switch Resolver.default.resolveTag(of: node) {
      case .null where scalar.style == .plain || scalar.style == .any: return .null
      case .bool where scalar.style == .plain || scalar.style == .any: return .bool(node.bool ?? false)
      case .int, .float:
        if scalar.style == .plain || scalar.style == .any, case .number(let number)? = try? JSONParser.parse(Array(scalar.string.utf8)) {
          return .number(number)
        }
        return .string(scalar.string)
      default: return .string(scalar.string)
      }
    case .mapping(let mapping): return .object(JSONObject(mapping.map { JSONObject.Member($0.key.string ?? "", json($0.value)) }))
    case .sequence(let sequence): return .array(sequence.map(json))
    case .alias: return .null
    }
  }
}
