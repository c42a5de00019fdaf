import FlowFormats
import FlowModel

/// An export staged for a workspace: written only by `commit`.
public struct PendingImport: Sendable {
  /// How the import lands in the target.
  public enum Mode: Hashable, Sendable {
    /// Create a flow of this name; its first version is the export.
    case newFlow(String)
    /// Add the export as the next version of this existing flow.
    case newVersion(of: String)

    /// `new flow 'orders'`, `new version of 'orders'`: how `load` and `status` say it.
    public var summary: String {
      switch self {
      case .newFlow(let name): "new flow '\(name)'"
      case .newVersion(of: let name): "new version of '\(name)'"
      }
    }

    public var isNewFlow: Bool {
      if case .newFlow = self { true } else { false }
    }

    /// The flow the import writes.
    public var flowName: String {
      switch self {
      case .newFlow(let name), .newVersion(of: let name): name
      }
    }
  }

  /// The session name of the import.
  public var name: String
  /// The file it came from.
  public var path: String
  public var format: ExportFormat
  /// The session name of the target workspace.
  public var workspace: String
  public var mode: Mode
  public var version: FlowVersion
  /// What was noticed on load: structural problems, secrets in clear.
  public var notes: [String] = []
  /// Reference key -> the target connection it is bound to.
  public var bindings: [String: Binding] = [:]
  /// Node renames applied since the file was read, in order.
  public var renames: [NodeRename] = []
  /// The pending import whose export carried this one as a subflow; nil for a file of its own.
  public var parentImport: String? = nil
  /// The file as it was when read, to tell a changed file on restore.
  public var stamp: FileStamp? = nil

  /// References not yet bound to a connection of the target.
  public var unmatched: [ConnectionRef] {
    version.connections.filter { bindings[$0.key] == nil }
  }
}

/// A reference bound to a connection of the target, and why.
public struct Binding: Hashable, Sendable, Codable {
  public var connection: String
  /// How it was chosen: `by hand`, `same name and type`, `only kafka connection`.
  public var reason: String
}
