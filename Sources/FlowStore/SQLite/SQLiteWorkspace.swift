import FlowModel
import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc

  /// open(2) with O_CREAT | O_EXCL: fails when the file exists, atomically.
  private func createExclusively(_ path: String, mode: mode_t) -> Int32 { Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL, mode) }
#else
  import Darwin

  /// open(2) with O_CREAT | O_EXCL: fails when the file exists, atomically.
  private func createExclusively(_ path: String, mode: mode_t) -> Int32 { Darwin.open(path, O_WRONLY | O_CREAT | O_EXCL, mode) }
#endif

/// A workspace in one SQLite file, through GRDB. Marked as FlowPort's by SQLite's `application_id`,
/// so any other SQLite file is refused rather than written to.
public final class SQLiteWorkspace: TableWorkspace {
  /// `application_id` of FlowPort workspaces: "FPSW".
  static let applicationID: Int32 = 0x4650_5357

  /// The workspace file's path, for messages.
  public let location: String
  /// True when opened read-only, by request or because the file cannot be written; writes then fail.
  public let isReadOnly: Bool
  /// The name it was created under, which it reopens as; nil for one made without `as`.
  public let name: String?
  /// Seals secrets before they are written and opens them as they are read; nil when no
  /// workspace key is available (flows still read; secrets cannot be written or read).
  public let sealer: Sealer?
  private let queue: DatabaseQueue
  let tables: WorkspaceTables

  private init(location: String, queue: DatabaseQueue, isReadOnly: Bool, name: String?, key: WorkspaceKey?) {
    self.location = location
    self.queue = queue
    self.isReadOnly = isReadOnly
    self.name = name
    self.sealer = key.map { Sealer(key: $0) }
    self.tables = WorkspaceTables(location: location, sealer: sealer)
  }

  /// Why a workspace cannot be created at `path`, which exists: it is a workspace (to open), a
  /// folder (to name a file in), or another file, perhaps a workspace this user cannot read (to
  /// leave alone). `workspace new /` used to suggest `load /`.
  private static func occupied(_ path: String) -> StoreError {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return .isFolder(path: path) }
    return isWorkspace(path) ? .alreadyExists(path: path) : .occupied(path: path)
  }

  /// Takes every location that is not a URL: the file store serves what no other kind takes.
  public static func handles(_ location: String) -> Bool { !location.contains("://") }

  /// Creates a new, empty workspace file, its creator (if given) its owner; refuses to touch
  /// an existing file. The file is created exclusively and readable by its owner only, so two
  /// processes creating the same workspace cannot both succeed.
  public static func create(_ path: String, owner: String? = nil, name: String? = nil, key: WorkspaceKey? = nil) throws(StoreError)
    -> SQLiteWorkspace
  {
    let descriptor = createExclusively(path, mode: 0o600)
    guard descriptor >= 0 else {
      // A folder named with a trailing slash is EISDIR, not EEXIST.
      if errno == EEXIST || errno == EISDIR { throw occupied(path) }
      throw .database(path: path, message: "cannot be created: \(String(cString: strerror(errno)))")
    }
    close(descriptor)
    do {
      return try wrap(path) {
        let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: false))
        // Pages of 16 KiB, not SQLite's 4: a workspace is mostly documents of 10 to 100 KB, each
        // a chain of overflow pages, and a bulk commit of 2,000 wrote a quarter as many pages
        // (its commit 0.40 -> 0.34 s). An empty workspace takes 540 KB rather than 140.
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA page_size = 16384") }
        try queue.write { db in try db.execute(sql: "PRAGMA application_id = \(applicationID)") }
        try WorkspaceSchema.migrator.migrate(queue)
        try queue.write { db in
          if let owner {
            try db.execute(sql: "INSERT INTO members (user, role) VALUES (?, ?)", arguments: [owner, Role.owner.rawValue])
          }
          if let name { try db.execute(sql: "INSERT INTO settings (key, value) VALUES ('name', ?)", arguments: [name]) }
        }
        return SQLiteWorkspace(location: path, queue: queue, isReadOnly: false, name: name, key: key)
      }
    } catch {
      // A half-made file would be refused as "not a workspace" forever after.
      unlink(path)
      throw error
    }
  }

  /// Opens an existing workspace file; read-only when asked, or when the file cannot be written.
  public static func open(_ path: String, readOnly requested: Bool = false, key: WorkspaceKey? = nil) throws(StoreError)
    -> SQLiteWorkspace
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missing(path: path) }
    if isDirectory.boolValue { throw .notAWorkspace(path: path, reason: "it is a directory") }
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw .notAWorkspace(path: path, reason: "it cannot be read (check its permissions)")
    }
    guard isWorkspace(path) else { throw .notAWorkspace(path: path, reason: "it is not an SQLite database") }
    let readOnly = requested || !FileManager.default.isWritableFile(atPath: path)
    return try wrap(path) {
      let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: readOnly))
      let id = try queue.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") } ?? 0
      guard id == applicationID else {
        throw StoreError.notAWorkspace(path: path, reason: "it is an SQLite database of another application")
      }
      if !readOnly { try WorkspaceSchema.migrator.migrate(queue) }
      let name = try queue.read { db in
        try db.tableExists("settings") ? try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'name'") : nil
      }
      return SQLiteWorkspace(location: path, queue: queue, isReadOnly: readOnly, name: name, key: key)
    }
  }

  /// True when the file starts with SQLite's header. A file that cannot be read is not one;
  /// opening it says why.
  public static func isWorkspace(_ path: String) -> Bool {
    // Only a regular file can be one: a pipe (`load <(...)`) read here would lose its first
    // bytes, or block the next open, before it is read as an export.
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    return (try? handle.read(upToCount: header.count)).map(isWorkspace(contents:)) ?? false
  }

  /// True when a file's bytes start with SQLite's header.
  static func isWorkspace(contents: some Collection<UInt8>) -> Bool { contents.starts(with: header) }

  /// The first bytes of every SQLite database file.
  private static let header = Array("SQLite format 3\0".utf8)

  private static func configuration(readOnly: Bool) -> Configuration {
    var configuration = Configuration()
    configuration.readonly = readOnly
    configuration.busyMode = .timeout(5)
    // The default rollback journal, not WAL: a workspace stays one file, and a user who may
    // read but not write its folder can still open it (WAL needs a -shm file beside it).
    // Temporary files in memory, for every connection: each insert into a table with foreign
    // keys gets a statement journal, which spilled to /var/tmp past 64 KiB; a bulk commit of
    // 20,000 flows wrote 685 MB there that no one read (23 times as much as 2,000 flows did).
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
    return configuration
  }

  /// Runs GRDB work, turning its errors into `StoreError`s that name this workspace.
  private static func wrap<T>(_ path: String, _ work: () throws -> T) throws(StoreError) -> T {
    do { return try work() } catch let error as StoreError { throw error } catch let error as DatabaseError {
      if error.resultCode == .SQLITE_READONLY { throw .readOnly(path: path) }
      if error.resultCode == .SQLITE_NOTADB { throw .notAWorkspace(path: path, reason: "the file is damaged or not a database") }
      throw .database(path: path, message: error.message ?? "\(error.resultCode)")
    } catch {
      throw .database(path: path, message: "\(error)")
    }
  }

  /// Runs `work` in a reading transaction.
  func read<T>(_ work: (any WorkspaceTransaction) throws -> T) throws(StoreError) -> T {
    try Self.wrap(location) { try queue.read { db in try work(SQLiteTransaction(db: db)) } }
  }

  /// Runs `work` in a writing transaction; SQLite lets one writer at a time have the file.
  func write<T>(_ work: (any WorkspaceTransaction) throws -> T) throws(StoreError) -> T {
    if isReadOnly { throw .readOnly(path: location) }
    return try Self.wrap(location) { try queue.write { db in try work(SQLiteTransaction(db: db)) } }
  }
}
