import FlowFormats
import FlowModel

/// A flow version as the session stages it: whole, or outlined, its document held as text
/// (`OutlinedFlow`), which is how a load into a workspace keeps a foreign flow it may. Bulk steps
/// (matching, planning, listing, committing) read the outline; what looks inside a flow reads it
/// whole, and a change makes it whole for good.
enum StagedVersion: Sendable {
  case whole(FlowVersion)
  case outlined(OutlinedFlow)

  /// The whole version: for an outlined one, its document read again from the text.
  var whole: FlowVersion {
    switch self {
    case .whole(let version): version
    case .outlined(let flow): flow.whole()
    }
  }

  /// What bulk steps read: name, nodes without their configurations, edges, references and
  /// dependencies. A whole version is its own outline.
  var outline: FlowVersion {
    switch self {
    case .whole(let version): version
    case .outlined(let flow): flow.outline
    }
  }

  /// The same version with `change` made to its model: to the whole version, or to the outline
  /// of an outlined one, for a change that leaves the document and node configurations alone
  /// (binding references, naming it for the store).
  func changingModel(_ change: (inout FlowVersion) throws -> Void) rethrows -> StagedVersion {
    switch self {
    case .whole(var version):
      try change(&version)
      return .whole(version)
    case .outlined(let flow):
      return .outlined(try flow.changingOutline(change))
    }
  }
}
