/// A node that was added, removed, or changed (possibly renamed) between the sides.
public struct NodeChange: Hashable, Sendable {
  /// How the node differs: present on one side only, or on both with different content or name.
  public enum Kind: String, Hashable, Sendable {
    case added, removed, changed
  }

  /// Whether the node was added, removed or changed, which decides how renderers mark it.
  public var kind: Kind
  /// The node's name on the side that has it (the right side's for changed nodes).
  public var name: String
  /// The node's type, as its platform names it.
  public var type: String
  /// The left side's name when the node was renamed.
  public var oldName: String?
  /// For changed nodes, each differing property; empty for added and removed nodes.
  public var changes: [PropertyChange]
  /// The left side's index of the node (or connection reference) for changed and removed ones:
  /// how a three-way diff finds the same base node in its two diffs, whatever its name.
  var leftIndex: Int?
}
