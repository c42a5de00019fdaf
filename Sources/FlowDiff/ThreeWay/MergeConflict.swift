/// One place changed on both sides since the base, with different results: a property path
/// (or overlapping paths) set to different values, a node renamed differently, a node removed
/// on one side and changed on the other, or a node of one name added differently on each.
public struct MergeConflict: Hashable, Sendable {
  /// Where the conflict is: the flow's own settings, a node, a connection, or what travels
  /// with the flow.
  public enum Place: String, Hashable, Sendable {
    case flow, node, connection, dependencies
  }

  /// Where the conflict is.
  public var place: Place
  /// The node's or connection's name in the base (its name where added); empty for the flow
  /// and its dependencies.
  public var name: String
  /// The node's or connection's type; empty for the flow and its dependencies.
  public var type: String
  /// What the target did there: only the conflicting properties (and its rename, when the
  /// renames conflict), or the whole node removed or added.
  public var target: NodeChange
  /// What the new export does there, in the same terms.
  public var incoming: NodeChange
}
