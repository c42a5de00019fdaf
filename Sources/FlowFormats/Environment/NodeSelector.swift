/// Which nodes a value applies to: by type and by name, each a `*` glob; a missing one selects
/// any. Shared by the environment file's `values` and the values a workspace keeps, so both
/// select nodes the same way.
public struct NodeSelector: Sendable, Hashable {
  /// Node types it selects (`*` globs); nil for any.
  public let type: String?
  /// Node names it selects (`*` globs); nil for any.
  public let name: String?

  /// A selector by type and name globs; an empty string is the same as none (how a workspace
  /// stores "any").
  public init(type: String?, name: String?) {
    self.type = type.flatMap { $0.isEmpty ? nil : $0 }
    self.name = name.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// True when it selects a node `name` of `type`.
  public func selects(type nodeType: String, name nodeName: String) -> Bool {
    (type.map { Glob.capture($0, nodeType) != nil } ?? true) && (name.map { Glob.capture($0, nodeName) != nil } ?? true)
  }

  /// `n8n-nodes-base.webhook Hook`: how the plan names the nodes; empty for every node.
  public var label: String { [type, name].compactMap { $0 }.joined(separator: " ") }
}
