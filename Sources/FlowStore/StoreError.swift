/// Why a workspace could not be opened, read or written. Messages name the workspace file, or
/// its URL without the password.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
  case missing(path: String)
  case alreadyExists(path: String)
  /// A workspace was to be created where a folder is.
  case isFolder(path: String)
  /// A workspace was to be created where a file that does not read as one is.
  case occupied(path: String)
  case notAWorkspace(path: String, reason: String)
  case readOnly(path: String)
  /// Another process committed since this session read the workspace.
  case movedOn(path: String)
  case flowExists(String)
  case noSuchFlow(String)
  case noSuchVersion(flow: String, number: Int)
  case connectionExists(String)
  case noSuchConnection(String)
  case noSuchMember(String)
  /// A same-named registry entry appeared since the commit was planned.
  case registryConflict(kind: String, name: String)
  /// `undo` of a commit the journal does not have.
  case noSuchCommit(Int)
  /// `undo` of a commit that was undone already.
  case alreadyUndone(commit: Int, by: Int)
  /// `undo` of an undo: load again to redo.
  case undoOfAnUndo(commit: Int, undoes: Int)
  /// Later commits changed what an undo would take back; they must be undone first.
  case undoBlocked(commit: Int, by: [Int])
  /// Something stored can no longer be read (edited by hand, a damaged disk).
  case damaged(path: String, what: String, reason: String)
  case database(path: String, message: String)
  /// The key file exists but cannot be used, or cannot be made.
  case keyFile(path: String, reason: String)
  /// A secret must be sealed or opened and no workspace key is available.
  case noKey(path: String)
  /// A sealed secret cannot be opened with the key at hand.
  case sealed(path: String, what: String, reason: String)
  /// The database server cannot be reached, or has no such database.
  case unreachable(location: String, reason: String)
  /// The database server refused the login (a wrong password, an unknown user).
  case loginRefused(location: String, reason: String)
  /// The database login may not do this (a viewer writing, say); the server said no.
  case notPermitted(location: String, user: String, reason: String)
  /// Ctrl-C while a commit was being written: its transaction was rolled back.
  case cancelled(path: String)
  /// A PostgreSQL URL whose password is the `***` the shell's history keeps for it.
  case passwordFromHistory(location: String)

  /// What the shell's history writes for a secret typed into a line (FlowSession's
  /// `HistoryText`); a PostgreSQL URL whose password it is, run again from there, is refused.
  public static let maskedInHistory = "***"

  /// The message shown to the user, naming the workspace and, where there is one, what to do.
  public var description: String {
    switch self {
    case .missing(let path): return "\(path): no such workspace file (create one with `workspace new \(path)`)"
    case .alreadyExists(let path): return "\(path) already exists (open it with `load \(path)`)"
    case .isFolder(let path):
      let file = path.hasSuffix("/") ? path + "work.fpsw" : path + "/work.fpsw"
      return "\(path) is a folder: name the workspace file to make in it (`workspace new \(file)`)"
    case .occupied(let path):
      return "\(path) is a file already: `workspace new` makes a new one, so choose another name"
    case .notAWorkspace(let path, let reason): return "\(path) is not a FlowPort workspace: \(reason)"
    case .readOnly(let path):
      // Why depends on the kind: a file's permissions, a database login's role; `load
      // --read-only` either way.
      let why = WorkspaceStores.isURL(path) ? "the login's role only reads (an owner grants the editor role)" : "the file's permissions"
      return "\(path) is read-only: nothing was written (opened with `load --read-only`, or \(why))"
    case .cancelled(let path): return "interrupted (Ctrl-C): nothing was written to \(path)"
    case .passwordFromHistory(let location):
      return "\(location): its password is \(Self.maskedInHistory), as the shell's history keeps it: "
        + "type the password itself, or keep it in PGPASSWORD or ~/.pgpass"
    case .movedOn(let path):
      return "\(path) was changed by another process since it was opened; nothing was written "
        + "(run the command again: it plans against what is there now)"
    case .flowExists(let name): return "a flow named '\(name)' already exists"
    case .noSuchFlow(let name): return "no flow named '\(name)'"
    case .noSuchVersion(let flow, let number): return "flow '\(flow)' has no version \(number)"
    case .connectionExists(let name): return "a connection named '\(name)' already exists"
    case .noSuchConnection(let name): return "no connection named '\(name)'"
    case .noSuchMember(let user): return "'\(user)' is not a member"
    case .registryConflict(let kind, let name): return "the workspace has a different \(kind) named '\(name)'"
    case .noSuchCommit(let id): return "there is no commit #\(id) (see `log`)"
    case .alreadyUndone(let commit, let by): return "commit #\(commit) was undone already, by #\(by)"
    case .undoOfAnUndo(let commit, let undoes):
      return "#\(commit) is the undo of #\(undoes); to have #\(undoes)'s changes again, load and commit them again"
    case .undoBlocked(let commit, let by):
      let list = by.map { "#\($0)" }.joined(separator: ", ")
      return
        "later commits changed what undoing #\(commit) would take back: \(list); undo \(by.count == 1 ? "it" : "them, newest first,") first"
    case .damaged(let path, let what, let reason): return "\(path): \(what) is damaged: \(reason)"
    case .database(let path, let message): return "\(path): \(message)"
    case .keyFile(let path, let reason): return "key file \(path): \(reason)"
    case .noKey(let path):
      return
        "\(path): secrets are sealed with a workspace key and none is available: set FLOWPORT_KEY, or HOME or XDG_CONFIG_HOME for the key file"
    case .sealed(let path, let what, let reason): return "\(path): \(what) cannot be read: \(reason)"
    case .unreachable(let location, let reason):
      return "\(location): cannot reach the workspace: \(reason) (check the host, port and database name, and that the server runs)"
    case .loginRefused(let location, let reason):
      return "\(location): the server refused the login: \(reason) (check the user and password: the URL, PGPASSWORD or ~/.pgpass)"
    case .notPermitted(let location, let user, let reason):
      return "\(location): the login '\(user)' may not do this: \(reason); nothing was written (ask an owner: `help member`)"
    }
  }
}
