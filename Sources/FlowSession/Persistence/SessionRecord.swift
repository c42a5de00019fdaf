import FlowStore

/// What a session holds that a person would lose with it: the workspaces it opened, the exports
/// it read, the pending imports with every binding and rename, the variables and the target.
/// Kept on disk as it changes (`SessionKeeper`) and read back by `fps --restore`. Flows are not
/// in it: they are read again from their files, which are the truth.
public struct SessionRecord: Codable, Equatable, Sendable {
  /// An open workspace, by its session name.
  struct Workspace: Codable, Equatable {
    var name: String
    var location: String
    var readOnly: Bool
  }

  /// A loaded export, to be read again from its file.
  struct Export: Codable, Equatable {
    var name: String
    var path: String
    var renames: [NodeRename]
    var stamp: FileStamp?
  }

  /// A pending import, to be read again from its file (or from its parent's subflows).
  struct Import: Codable, Equatable {
    var name: String
    var path: String
    var workspace: String
    /// The flow it creates, or the flow it adds a version to.
    var flow: String
    var newFlow: Bool
    var bindings: [String: Binding]
    var renames: [NodeRename]
    var parentImport: String?
    var stamp: FileStamp?
  }

  /// The process that kept it, to tell an abandoned session from one still running.
  var processID: Int32
  /// When it was last written (ISO 8601), to offer the newest.
  var savedAt: String
  var workspaces: [Workspace]
  var exports: [Export]
  var imports: [Import]
  var variables: [String: String]
  var target: String?

  /// How many imports are pending: with `bindings`, the work that restoring saves.
  public var pendingImports: Int { imports.count }
  /// How many connection bindings the pending imports hold.
  public var bindings: Int { imports.reduce(0) { $0 + $1.bindings.count } }
  /// When the session was last saved.
  public var lastSaved: String { savedAt }
}

extension Session {
  /// The session as a record, for `SessionKeeper`.
  func record(processID: Int32, savedAt: String) -> SessionRecord {
    SessionRecord(
      processID: processID, savedAt: savedAt,
      workspaces: workspaces.values.sorted { $0.name < $1.name }.map {
        .init(name: $0.name, location: $0.store.location, readOnly: $0.store.isReadOnly)
      },
      exports: exports.values.sorted { $0.name < $1.name }.map {
        .init(name: $0.name, path: $0.path, renames: $0.renames, stamp: $0.stamp)
      },
      imports: imports.map {
        .init(
          name: $0.name, path: $0.path, workspace: $0.workspace, flow: $0.mode.flowName, newFlow: $0.mode.isNewFlow,
          bindings: $0.bindings, renames: $0.renames, parentImport: $0.parentImport, stamp: $0.stamp)
      },
      variables: variables, target: targetName)
  }
}
