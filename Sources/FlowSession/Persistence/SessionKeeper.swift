import Foundation

/// Keeps an interactive session on disk as it changes, so a closed terminal, a sleeping machine
/// or `kill -9` loses no binding: one small JSON file per shell process under the XDG state
/// folder, written whole (temporary file, then rename) after every command that changed it.
///
/// Beside each record the shell holds a lock (`<pid>.lock`, flock) while it runs: the system
/// drops it when the process ends, however it ends, so a record is abandoned exactly when its
/// lock can be taken, whatever became of the pid (not yet reaped, or reused).
public final class SessionKeeper {
  /// The folder holding one record per shell process.
  let folder: String
  private let file: String
  private var lastWritten: SessionRecord?
  private var lock: Int32 = -1

  /// A keeper writing this process's record into `folder`.
  public init(folder: String) {
    self.folder = folder
    self.file = PathText.join(folder, "\(getpid()).json")
  }

  deinit {
    if lock >= 0 { close(lock) }
  }

  /// The lock file beside a record: `<pid>.lock` for `<pid>.json` and `<pid>.declined.json`.
  private static func lockFile(of record: String) -> String {
    PathText.join(PathText.folder(of: record), String(PathText.name(of: record).prefix { $0 != "." }) + ".lock")
  }

  /// True when the shell that kept `record` no longer runs: its lock can be taken, or, for a
  /// record without a lock file, no process has its pid.
  private static func isAbandoned(_ record: String, processID: Int32) -> Bool {
    let descriptor = open(lockFile(of: record), O_RDWR)
    guard descriptor >= 0 else { return kill(processID, 0) != 0 && errno == ESRCH }
    defer { close(descriptor) }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return false }
    flock(descriptor, LOCK_UN)
    return true
  }

  /// Writes the session's record when it changed since the last write. A session with nothing
  /// in it leaves no file.
  func save(_ session: Session) throws {
    var record = session.record(processID: getpid())
    guard record != lastWritten else { return }
    lastWritten = record
    if record.isEmpty { return forget() }
    record.savedAt = Date().formatted(.iso8601)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    if lock < 0 {
      lock = open(Self.lockFile(of: file), O_CREAT | O_RDWR, 0o600)
      if lock >= 0 { flock(lock, LOCK_EX | LOCK_NB) }
    }
    let temporary = file + ".tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: try encoder.encode(record), attributes: [.posixPermissions: 0o600])
    else { throw SessionError.writeFailed(temporary, String(cString: strerror(errno))) }
    guard rename(temporary, file) == 0 else { throw SessionError.writeFailed(file, String(cString: strerror(errno))) }
  }

  /// Removes this process's record and its lock: the session holds nothing left to lose.
  func forget() {
    unlink(file)
    guard lock >= 0 else { return }
    unlink(Self.lockFile(of: file))
    close(lock)
    lock = -1
  }

  /// Removes a record that was restored into this session, with its lock file.
  public func discard(_ record: String) {
    unlink(record)
    unlink(Self.lockFile(of: record))
  }

  /// Removes the lock files that guard no record and that no running shell holds: left by
  /// shells whose session emptied before they ended (before `forget` removed them too).
  private static func removeStrayLocks(among names: [String], in folder: String) {
    let guarded = Set(names.filter { $0.hasSuffix(".json") }.map { lockFile(of: $0) })
    for name in names where name.hasSuffix(".lock") && !guarded.contains(name) {
      let path = PathText.join(folder, name)
      let descriptor = open(path, O_RDWR)
      guard descriptor >= 0 else { continue }
      if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { unlink(path) }
      close(descriptor)
    }
  }

  private static let declined = ".declined.json"

  /// Marks a record the person chose not to restore: no longer offered at start, still there for
  /// `fps --restore`.
  public func decline(_ record: String) {
    guard !record.hasSuffix(Self.declined) else { return }
    rename(record, String(record.dropLast(".json".count)) + Self.declined)
  }

  /// The newest record left by a shell that is no longer running and that holds pending work,
  /// with its file; nil when there is none. Declined records (see `decline`) only when asked.
  public func abandoned(includingDeclined: Bool) -> (record: SessionRecord, file: String)? {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
    Self.removeStrayLocks(among: names, in: folder)
    var found: [(record: SessionRecord, file: String)] = []
    for name in names where name.hasSuffix(".json") && (includingDeclined || !name.hasSuffix(Self.declined)) {
      let path = PathText.join(folder, name)
      guard let data = FileManager.default.contents(atPath: path), let record = try? JSONDecoder().decode(SessionRecord.self, from: data)
      else { continue }
      guard record.processID != getpid(), Self.isAbandoned(path, processID: record.processID) else { continue }
      // A shell killed with nothing staged (a workspace open, variables set) left nothing to
      // offer back: its record goes, rather than lie there for good.
      if record.holdsWork { found.append((record, path)) } else { discard(path) }
    }
    return found.max { $0.record.savedAt < $1.record.savedAt }
  }
}
