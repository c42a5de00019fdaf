import FlowModel

/// What planning, matching and checking imports read of a workspace, taken in one transaction so
/// its parts agree with each other and with `revision`.
public struct WorkspaceSnapshot: Sendable {
  /// The revision the parts were read at.
  public var revision: Int
  /// Every flow with its current version, by name.
  public var flows: [FlowSummary]
  /// Every connection by name, for matching an import's connection references.
  public var connections: [Connection]
  /// The events registry, forms and rules.
  public var registry: [RegistryEntry]
  /// The bindings earlier commits recorded, for binding the next import without `match`.
  public var remembered: [RememberedBinding]
  /// The node values the workspace keeps, applied to every later import of their flow.
  public var kept: [KeptValue]

  init(
    revision: Int, flows: [FlowSummary], connections: [Connection], registry: [RegistryEntry], remembered: [RememberedBinding],
    kept: [KeptValue]
  ) {
    self.revision = revision
    self.flows = flows
    self.connections = connections
    self.registry = registry
    self.remembered = remembered
    self.kept = kept
  }
}
