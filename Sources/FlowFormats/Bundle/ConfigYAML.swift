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

  /// Bounds on a `config.yaml`, which comes from elsewhere: its size, how deep it nests (the
  /// YAML reader recurses), how many aliases it uses and how many values it expands to (aliases
  /// to aliases grow exponentially: "billion laughs").
  static let maximumBytes = 1 << 20
  static let maximumDepth = 128
  static let maximumAliases = 20
  static let maximumValues = 100_000

  /// Where a YAML file from elsewhere was refused, and why: what the readers of `config.yaml`
  /// and of an environment file share, each naming its own file around it.
  struct Refusal: Error {
    let place: Place?
    let reason: String
  }

  /// The text's YAML tree (nil for an empty document), once `checkBounds` let it through; a
  /// syntax error names its line and column.
  static func compose(_ text: String) throws(Refusal) -> Yams.Node? {
    try checkBounds(text)
    do { return try Yams.compose(yaml: text) } catch let error as YamlError {
      throw Refusal(place: position(of: error), reason: problem(of: error))
    } catch { throw Refusal(place: nil, reason: "\(error)") }
  }

  /// Reads the text back; a syntax error names its line and column; text beyond the bounds is
  /// refused before it is parsed.
  init(text: String) throws(FormatError) {
    do throws(Refusal) { try self.init(reading: text) } catch { throw .config(at: error.place, error.reason) }
  }

  private init(reading text: String) throws(Refusal) {
    let budget = Budget()
    let root = try Self.compose(text)
    guard let root, let mapping = root.mapping else {
      throw Refusal(place: root.flatMap(Self.place), reason: "expected a mapping with connections and variables")
    }
    connections = []
    variables = []
    if let section = mapping["connections"], !Self.isEmpty(section) {
      guard let entries = section.mapping else { throw Refusal(at: section, "connections: expected a mapping") }
      for (key, value) in entries {
        guard let properties = try value["properties"].map({ node throws(Refusal) in try Self.json(node, budget) })?.objectValue else {
          throw Refusal(at: value, "connections.\(key.string ?? ""): expected a mapping with properties")
        }
        connections.append((key.string ?? "", properties))
      }
    }
    if let section = mapping["variables"], !Self.isEmpty(section) {
      guard let entries = section.mapping else { throw Refusal(at: section, "variables: expected a mapping") }
      for (key, value) in entries {
        let json = try Self.json(value, budget)
        variables.append((key.string ?? "", json == .string(Self.secretPlaceholder) ? JSONValue?.none : json))
      }
    }
  }

  init(connections: [(key: String, properties: JSONObject)], variables: [(name: String, value: JSONValue?)]) {
    self.connections = connections
    self.variables = variables
  }

  /// Refuses text too large, nested too deep or using too many aliases, by a scan of its
  /// characters that follows quotes and comments well enough to count: a guard, not a parser.
  /// A scan that ends inside a quote (a `'` in a plain value, say) may have skipped what
  /// follows, so it runs again reading quotes and comments as plain text: that can only count
  /// more, never less.
  static func checkBounds(_ text: String) throws(Refusal) {
    let bytes = Array(text.utf8)
    if bytes.count > maximumBytes {
      throw Refusal(place: nil, reason: "it is \(bytes.count) bytes; it may be \(maximumBytes) bytes at most")
    }
    if try !scanBounds(bytes, followingQuotes: true) { _ = try scanBounds(bytes, followingQuotes: false) }
  }

  /// One scan of `checkBounds`; false when it ended inside a quote.
  private static func scanBounds(_ bytes: [UInt8], followingQuotes: Bool) throws(Refusal) -> Bool {
    var quote: UInt8?
    var escaped = false
    var comment = false
    var lineStart = true
    var indent = 0
    var dashes = 0
    var flowDepth = 0
    var aliases = 0
    var line = 1
    var previous: UInt8 = 0x0A
    let space = UInt8(ascii: " ")
    for byte in bytes {
      defer { previous = byte }
      if byte == 0x0A {
        line += 1
        (comment, lineStart, indent, dashes) = (false, true, 0, 0)
        continue
      }
      if comment { continue }
      if let open = quote {
        // In double quotes a backslash escapes the next byte (`"a\""` does not close there).
        if escaped {
          escaped = false
        } else if open == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == open {
          quote = nil
        }
        continue
      }
      let atTokenStart = [space, 0x0A, 0x09, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":")].contains(previous)
      if lineStart {
        if byte == space { indent += 1; continue }
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") { dashes += 1; continue }
        lineStart = false
      }
      switch byte {
      case UInt8(ascii: "#") where atTokenStart && followingQuotes: comment = true
      case UInt8(ascii: "'"), UInt8(ascii: "\""): if atTokenStart && followingQuotes { quote = byte }
      case UInt8(ascii: "["), UInt8(ascii: "{"): flowDepth += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"): flowDepth = max(0, flowDepth - 1)
      case UInt8(ascii: "*") where atTokenStart:
        aliases += 1
        if aliases > maximumAliases {
          throw Refusal(
            place: Place(line: line, column: 1),
            reason: "more than \(maximumAliases) YAML aliases; refused, as aliases can expand without bound")
        }
      default: break
      }
      if indent / 2 + dashes + flowDepth > maximumDepth {
        throw Refusal(place: Place(line: line, column: 1), reason: "it nests deeper than \(maximumDepth) levels; refused")
      }
    }
    return quote == nil
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

  /// Values left to expand; shared by every conversion of one file.
  final class Budget {
    var values = ConfigYAML.maximumValues
  }

  /// A YAML node as JSON: numbers keep their text when it is JSON's, anything else is a string.
  /// Refuses once the file has expanded to `maximumValues` values.
  static func json(_ node: Yams.Node, _ budget: Budget) throws(Refusal) -> JSONValue {
    budget.values -= 1
    if budget.values < 0 {
      throw Refusal(at: node, "it expands to more than \(maximumValues) values (YAML aliases?); refused")
    }
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
    case .mapping(let mapping):
      var members: [JSONObject.Member] = []
      for (key, value) in mapping { members.append(JSONObject.Member(key.string ?? "", try json(value, budget))) }
      return .object(JSONObject(members))
    case .sequence(let sequence):
      var elements: [JSONValue] = []
      for element in sequence { elements.append(try json(element, budget)) }
      return .array(elements)
    case .alias: return .null
    }
  }
}

extension ConfigYAML.Refusal {
  /// A refusal at `node`'s place in its file.
  init(at node: Yams.Node, _ reason: String) { self.init(place: ConfigYAML.place(node), reason: reason) }
}
