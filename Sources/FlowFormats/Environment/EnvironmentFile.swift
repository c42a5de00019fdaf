import FlowModel
import Foundation
import Yams

/// One target environment's file, kept in git beside the exports: how source connection
/// references map to the target's connections (exact entries and `*` rules), and the node
/// values the environment keeps as its own. Never a secret: values may say `${env:NAME}`.
///
///     connections:
///       - from: "Gmail account (test)"      # by the name in the export
///         to: gmail-prod
///       - from: { type: slackApi }          # every reference of a type
///         to: slack-prod
///       - from: { type: "*" }               # a rule over types: every type to <type>-prod
///         to: "*-prod"
///       - from: { id: "fegneFqi8XJX3NJH" }  # by the source id
///         to: gmail-prod
///       - from: "*_TEST"                    # a rule: * captures
///         to: "*_PROD"
///     values:
///       - flow: "orders*"                   # flow and node selectors, * globs
///         node: { type: n8n-nodes-base.webhook }
///         set: { "parameters.path": "orders-prod" }
public struct EnvironmentFile: Sendable {
  /// One `connections` entry.
  public struct ConnectionEntry: Sendable, Hashable {
    /// What the entry picks out of an export's references.
    public enum Source: Sendable, Hashable {
      /// The name the reference had in the export; `*` captures.
      case name(String)
      /// Every reference of a connection type; `*` captures.
      case type(String)
      /// The source platform's id of the connection (an n8n credential id).
      case id(String)
    }

    /// What it picks out of an export's references.
    public let source: Source
    /// The target connection; in a rule, `*` is what the source's `*` captured.
    public let target: String
    /// Where it is in the file, for messages.
    public let line: Int

    /// An entry binding what `source` picks out to `target`, at `line` of its file (0 for one
    /// not read from a file yet).
    public init(source: Source, target: String, line: Int) {
      self.source = source
      self.target = target
      self.line = line
    }

    /// The `*` pattern of a rule (a name or type with `*`); nil for an exact entry, which is
    /// tried before every rule.
    public var pattern: String? {
      switch source {
      case .name(let pattern), .type(let pattern): pattern.contains("*") ? pattern : nil
      case .id: nil
      }
    }

    /// A rule rather than an exact entry.
    public var isRule: Bool { pattern != nil }

    /// The target connection for `reference`, or nil when the entry does not pick it out.
    public func target(for reference: ConnectionRef) -> String? {
      switch source {
      case .type(let pattern): captured(Glob.capture(pattern, reference.type))
      case .name(let pattern): captured(Glob.capture(pattern, reference.name))
      case .id(let id):
        (reference.properties["id"]?.identifierText ?? reference.key.split(separator: ":").last.map(String.init)) == id ? target : nil
      }
    }

    private func captured(_ capture: String?) -> String? { capture.map { target.replacingOccurrences(of: "*", with: $0) } }

    /// How the entry reads in a binding's reason: `rule *_TEST -> *_PROD`, `name Gmail (test)`,
    /// `rule type * -> *-prod`.
    public var label: String {
      switch source {
      case .name(let pattern) where isRule: "rule \(pattern) -> \(target)"
      case .type(let pattern) where isRule: "rule type \(pattern) -> \(target)"
      case .name(let name): "name \(name)"
      case .type(let type): "type \(type)"
      case .id(let id): "id \(id)"
      }
    }
  }

  /// One `values` entry: a path set in every node it selects.
  public struct ValueEntry: Sendable, Hashable {
    /// Flow names it applies to (`*` globs); nil for every flow.
    public let flow: String?
    /// The nodes of those flows it applies to.
    public let node: NodeSelector
    /// Dotted paths in the node's configuration and their values, in the file's order.
    public let set: [Assignment]
    /// Set a path the node does not have, instead of reporting it.
    public let create: Bool
    /// Where it is in the file, for messages.
    public let line: Int

    /// One `path: value` of `set`.
    public struct Assignment: Sendable, Hashable {
      /// A dotted path in the node's object as its file has it (`parameters.path`).
      public let path: String
      /// The value set there.
      public let value: JSONValue
    }

    /// True when the entry applies to (some nodes of) the flow `flowName`.
    public func selects(flow flowName: String) -> Bool { flow.map { Glob.capture($0, flowName) != nil } ?? true }
  }

  /// The file, for messages.
  public let path: String
  /// The `connections` entries, in file order.
  public let connections: [ConnectionEntry]
  /// The same entries in the order they are tried: exact entries, then rules, each in file order.
  private let tried: [ConnectionEntry]
  /// The `values` entries, in file order.
  public let values: [ValueEntry]

  /// An environment of these entries (what `match save` writes).
  public init(path: String, connections: [ConnectionEntry], values: [ValueEntry] = []) {
    self.path = path
    self.connections = connections
    self.tried = connections.filter { !$0.isRule } + connections.filter(\.isRule)
    self.values = values
  }

  /// The file with each string value passed through `transform` (given the value and its
  /// entry's line): how `${env:NAME}` is expanded by whoever knows the environment.
  public func mappingValues(_ transform: (String, Int) throws -> String) rethrows -> EnvironmentFile {
    let values = try values.map { entry in
      ValueEntry(
        flow: entry.flow, node: entry.node,
        set: try entry.set.map { assignment in
          guard case .string(let text) = assignment.value else { return assignment }
          return ValueEntry.Assignment(path: assignment.path, value: .string(try transform(text, entry.line)))
        }, create: entry.create, line: entry.line)
    }
    return EnvironmentFile(path: path, connections: connections, values: values)
  }

  /// The first entry that binds `reference`, exact entries before rules, each in file order.
  public func entry(for reference: ConnectionRef) -> (entry: ConnectionEntry, target: String)? {
    for entry in tried {
      if let target = entry.target(for: reference) { return (entry, target) }
    }
    return nil
  }
}

/// `*` wildcards over names: `Glob.capture("*_TEST", "kafka_TEST")` is `"kafka"`.
enum Glob {
  /// What the (first) `*` matched, `""` for a pattern without one that equals the text; nil
  /// when the text does not match. Further `*`s match anything.
  static func capture(_ pattern: String, _ text: String) -> String? {
    let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
    guard parts.count > 1 else { return pattern == text ? "" : nil }
    guard text.hasPrefix(parts[0]) else { return nil }
    var rest = Substring(text.dropFirst(parts[0].count))
    var captured: Substring?
    for (index, part) in parts.enumerated().dropFirst() {
      let isLast = index == parts.count - 1
      let end: Substring.Index
      if isLast {
        guard rest.hasSuffix(part) else { return nil }
        end = rest.index(rest.endIndex, offsetBy: -part.count)
      } else if part.isEmpty {
        end = rest.startIndex
      } else {
        guard let range = rest.range(of: part) else { return nil }
        end = range.lowerBound
      }
      if captured == nil { captured = rest[..<end] }
      rest = isLast ? rest[rest.endIndex...] : rest[end...].dropFirst(part.count)
    }
    return String(captured ?? "")
  }
}
