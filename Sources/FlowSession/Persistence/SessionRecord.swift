import FlowFormats
import FlowModel
import FlowStore
import Foundation

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
    /// References unbound by hand (`PendingImport.unbound`); nil for none, and in files kept
    /// before there was this member.
    var unbound: [String]? = nil
    var renames: [NodeRename]
    var parentImport: String?
    var stamp: FileStamp?
  }

  /// A staged connection, member or flow change. Secret values are not kept on disk: a
  /// restored change says which secrets must be given again.
  struct Change: Codable, Equatable {
    var workspace: String
    /// `add connection`, `set connection`, `remove connection`, `set member`, `remove member`, `remove flow`.
    var kind: String
    var subject: String
    var type: String?
    /// Properties as JSON text, in their order.
    var properties: String?
    var secretNames: [String]?
    var role: String?
  }

  /// The process that kept it, to tell an abandoned session from one still running.
  var processID: Int32
  /// When it was last written (ISO 8601), to offer the newest and to say when it was left.
  var savedAt: String
  var workspaces: [Workspace]
  var exports: [Export]
  var imports: [Import]
  var changes: [Change]? = nil
  /// Each workspace's environment file (`match load`, `load --env`), read again on restore:
  /// its values and rules are not in the imports' records.
  var environments: [String: String]? = nil
  var variables: [String: String]
  var target: String?

  /// How many imports are pending: with `bindings`, the work that restoring saves.
  public var pendingImports: Int { imports.count }
  /// How many connection bindings the pending imports hold.
  public var bindings: Int { imports.reduce(0) { $0 + $1.bindings.count } }

  /// The work restoring saves, in words: "2 pending imports with 3 bindings, 1 staged change,
  /// 1 loaded export", naming only what there is.
  var workSummary: String {
    Describe.pendingWork(imports: pendingImports, bindings: bindings, stagedChanges: changes?.count ?? 0, loadedExports: exports.count)
  }

  /// Nothing that restoring would bring back.
  var isEmpty: Bool { workspaces.isEmpty && exports.isEmpty && imports.isEmpty && (changes ?? []).isEmpty && variables.isEmpty }

  /// Pending work that makes a session worth offering back.
  var holdsWork: Bool { !imports.isEmpty || !exports.isEmpty || !(changes ?? []).isEmpty }
}

extension Session {
  /// The session as a record, for `SessionKeeper`.
  func record(processID: Int32) -> SessionRecord {
    SessionRecord(
      processID: processID, savedAt: "",
      workspaces: workspaces.values.sorted { $0.name < $1.name }.map {
        .init(name: $0.name, location: Self.absolute($0.store.location), readOnly: $0.store.isReadOnly)
      },
      exports: exports.values.sorted { $0.name < $1.name }.map {
        .init(name: $0.name, path: Self.absolute($0.path), renames: $0.renames, stamp: $0.stamp)
      },
      imports: imports.map {
        .init(
          name: $0.name, path: Self.absolute($0.path), workspace: $0.workspace, flow: $0.mode.flowName, newFlow: $0.mode.isNewFlow,
          bindings: $0.bindings, unbound: $0.unbound.isEmpty ? nil : $0.unbound.sorted(), renames: $0.renames,
          parentImport: $0.parentImport, stamp: $0.stamp)
      },
      changes: changes.sorted { $0.key < $1.key }.flatMap { workspace, staged in staged.map { Self.record(of: $0, in: workspace) } },
      environments: environments.isEmpty ? nil : environments.mapValues { Self.absolute($0.path) }, variables: variables, target: targetName
    )
  }

  /// A file named relative to the folder fps runs in, as an absolute path: the next shell,
  /// started elsewhere, must find it. Anything else (a database URL) is kept as it is.
  private static func absolute(_ location: String) -> String {
    guard !location.hasPrefix("/"), FileManager.default.fileExists(atPath: location) else { return location }
    return URL(fileURLWithPath: location).standardizedFileURL.path
  }

  private static func record(of change: WorkspaceChange, in workspace: String) -> SessionRecord.Change {
    let text = { (object: JSONObject) in JSONWriter(layout: .minified).string(.object(object)) }
    switch change {
    case .addConnection(let connection, let secrets):
      return .init(
        workspace: workspace, kind: "add connection", subject: connection.name, type: connection.type,
        properties: text(connection.properties),
        secretNames: secrets.keys.sorted())
    case .setConnection(let name, let properties, let secrets):
      return .init(
        workspace: workspace, kind: "set connection", subject: name, properties: text(properties), secretNames: secrets.keys.sorted())
    case .removeConnection(let name): return .init(workspace: workspace, kind: "remove connection", subject: name)
    case .setMember(let member): return .init(workspace: workspace, kind: "set member", subject: member.user, role: member.role.rawValue)
    case .removeMember(let user): return .init(workspace: workspace, kind: "remove member", subject: user)
    case .removeFlow(let flow): return .init(workspace: workspace, kind: "remove flow", subject: flow)
    case .forgetBinding(let type, let key): return .init(workspace: workspace, kind: "forget binding", subject: key, type: type)
    }
  }
}
