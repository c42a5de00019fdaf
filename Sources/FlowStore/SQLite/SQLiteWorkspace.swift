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
public final class SQLiteWorkspace: WorkspaceStore {
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

  private init(location: String, queue: DatabaseQueue, isReadOnly: Bool, name: String?, key: WorkspaceKey?) {
    self.location = location
    self.queue = queue
    self.isReadOnly = isReadOnly
    self.name = name
    self.sealer = key.map { Sealer(key: $0) }
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
      if errno == EEXIST { throw .alreadyExists(path: path) }
      throw .database(path: path, message: "cannot be created: \(String(cString: strerror(errno)))")
    }
    close(descriptor)
    do {
      return try wrap(path) {
        let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: false))
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
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    return (try? handle.read(upToCount: 16))?.starts(with: Array("SQLite format 3\0".utf8)) ?? false
  }

  private static func configuration(readOnly: Bool) -> Configuration {
    var configuration = Configuration()
    configuration.readonly = readOnly
    configuration.busyMode = .timeout(5)
    // The default rollback journal, not WAL: a workspace stays one file, and a user who may
    // read but not write its folder can still open it (WAL needs a -shm file beside it).
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

  func read<T>(_ work: (Database) throws -> T) throws(StoreError) -> T {
    try Self.wrap(location) { try queue.read(work) }
  }

  func write<T>(_ work: (Database) throws -> T) throws(StoreError) -> T {
    if isReadOnly { throw .readOnly(path: location) }
    return try Self.wrap(location) { try queue.write(work) }
  }

  /// The revision counter kept in the `meta` table, to detect another process's commit.
  public func revision() throws(StoreError) -> Int {
    try read { db in try Self.revision(db) }
  }

  static func revision(_ db: Database) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'revision'") ?? 0
  }

  /// Revision, flows, connections and registry read in one transaction, so they agree.
  public func snapshot() throws(StoreError) -> WorkspaceSnapshot {
    try read { db in
      WorkspaceSnapshot(
        revision: try Self.revision(db), flows: try Self.flows(db), connections: try Self.connections(db, at: location),
        registry: try Self.registry(db),
        remembered: try Row.fetchAll(db, sql: "SELECT * FROM remembered_bindings ORDER BY type, source_key").map {
          RememberedBinding(
            type: $0["type"], key: $0["source_key"], name: $0["source_name"], connection: $0["connection"], commit: $0["commit_id"])
        },
        kept: try Row.fetchAll(db, sql: "SELECT * FROM kept_values ORDER BY flow, path").map {
          KeptValue(
            flow: $0["flow"], nodeType: $0["node_type"], nodeName: $0["node_name"], path: $0["path"], value: $0["value"],
            create: $0["create_path"], commit: $0["commit_id"])
        })
    }
  }

  /// Every flow with its current version and version count, by name.
  public func flows() throws(StoreError) -> [FlowSummary] {
    try read { db in try Self.flows(db) }
  }

  private static func flows(_ db: Database) throws -> [FlowSummary] {
    var importedFrom: [String: [String: Int]] = [:]
    let sources = try Row.fetchAll(
      db,
      sql: """
        SELECT f.name, v.source, MAX(v.number) AS number
        FROM flows f JOIN versions v ON v.flow_id = f.id WHERE v.source IS NOT NULL GROUP BY f.id, v.source
        """)
    for row in sources { importedFrom[row["name"], default: [:]][row["source"]] = row["number"] }
    return try Row.fetchAll(
      db,
      sql: """
        SELECT f.name, f.current_version, COUNT(v.number) AS count, MAX(v.published_at) AS updated
        FROM flows f JOIN versions v ON v.flow_id = f.id GROUP BY f.id ORDER BY f.name
        """
    ).map { row in
      FlowSummary(
        name: row["name"], currentVersion: row["current_version"], versionCount: row["count"], updatedAt: row["updated"],
        importedFrom: importedFrom[row["name"]] ?? [:])
    }
  }

  /// A version of a flow, the current one when `number` is nil; says whether the flow or the version is missing.
  public func version(of flow: String, number: Int?) throws(StoreError) -> StoredVersion {
    let found = try read { db -> StoredVersion? in
      let sql = """
        SELECT f.name, v.number, v.document, v.published_at, v.commit_id FROM flows f
        JOIN versions v ON v.flow_id = f.id AND v.number = COALESCE(?, f.current_version) WHERE f.name = ?
        """
      return try Row.fetchOne(db, sql: sql, arguments: [number, flow]).map(storedVersion)
    }
    if let found { return found }
    if let number, try flows().contains(where: { $0.name == flow }) { throw .noSuchVersion(flow: flow, number: number) }
    throw .noSuchFlow(flow)
  }

  /// Every stored version of a flow, oldest first; an unknown flow is an error, not an empty list.
  public func versions(of flow: String) throws(StoreError) -> [StoredVersion] {
    let found = try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT f.name, v.number, v.document, v.published_at, v.commit_id FROM flows f
          JOIN versions v ON v.flow_id = f.id WHERE f.name = ? ORDER BY v.number
          """, arguments: [flow]
      ).map(storedVersion)
    }
    if found.isEmpty { throw .noSuchFlow(flow) }
    return found
  }

  /// The current version of every flow, by flow name, in one read.
  public func currentVersions() throws(StoreError) -> [StoredVersion] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT f.name, v.number, v.document, v.published_at, v.commit_id FROM flows f
          JOIN versions v ON v.flow_id = f.id AND v.number = f.current_version ORDER BY f.name
          """
      ).map(storedVersion)
    }
  }

  /// A version as read, its sealed secrets opened (those the key cannot open read
  /// `SealedSecret.unreadable`).
  private func storedVersion(_ row: Row) -> StoredVersion {
    StoredVersion(
      flow: row["name"], number: row["number"], document: openSecrets(in: row["document"]), publishedAt: row["published_at"],
      commitID: row["commit_id"])
  }

  /// A stored document with its sealed secrets opened.
  private func openSecrets(in document: String) -> String {
    if let sealer { return sealer.openAll(in: document).text }
    return document.contains(SealedSecret.prefix)
      ? document.replacing(Sealer.sealedPattern, with: Sealer.jsonEscaped(SealedSecret.unreadable)) : document
  }

  /// Every connection by name, with the names (not the values) of its secrets.
  public func connections() throws(StoreError) -> [Connection] {
    try read { db in try Self.connections(db, at: location) }
  }

  /// The connections; one whose stored properties no longer read as a JSON object is an error
  /// naming it, never a connection with no properties that a commit would then bind.
  private static func connections(_ db: Database, at location: String) throws -> [Connection] {
    let secrets = try Row.fetchAll(db, sql: "SELECT connection_id, name FROM connection_secrets ORDER BY name")
    var secretNames: [Int64: [String]] = [:]
    for row in secrets { secretNames[row["connection_id"], default: []].append(row["name"]) }
    return try Row.fetchAll(db, sql: "SELECT id, name, type, properties FROM connections ORDER BY name").map { row in
      let name: String = row["name"]
      let properties: JSONObject
      do {
        guard let object = try JSONParser.parse(row["properties"] as String).objectValue else {
          throw StoreError.damaged(path: location, what: "connection '\(name)'", reason: "its properties are not a JSON object")
        }
        properties = object
      } catch let error as JSONParseError {
        throw StoreError.damaged(path: location, what: "connection '\(name)'", reason: "its properties do not parse: \(error)")
      }
      return Connection(name: name, type: row["type"], properties: properties, secretNames: secretNames[row["id"]] ?? [])
    }
  }

  /// Applies the request's connection, member and flow changes, writes its versions and registry
  /// entries, and journals it, in one transaction: all of it, or nothing at all.
  public func commit(_ request: CommitRequest) throws(StoreError) -> CommitRecord {
    try write { db in
      guard try Self.revision(db) == request.expectedRevision else { throw StoreError.movedOn(path: location) }
      let now = Self.timestamp()
      let id = try Self.beginJournal(db, author: request.author, message: request.message, at: now)
      var changes: [JournalChange] = []
      for change in request.changes {
        changes.append(try Self.apply(change, in: db, commit: id, at: location, sealer: sealer))
      }
      // Statements prepared once and reused for every version: a bulk commit writes thousands.
      let findFlow = try db.cachedStatement(sql: "SELECT id, current_version FROM flows WHERE name = ?")
      let insertFlow = try db.cachedStatement(sql: "INSERT INTO flows (name, current_version) VALUES (?, 1)")
      let insertVersion = try db.cachedStatement(
        sql: "INSERT INTO versions (flow_id, number, document, published_at, commit_id, source) VALUES (?, ?, ?, ?, ?, ?)")
      for write in request.writes {
        let existing = try Row.fetchOne(findFlow, arguments: [write.flow])
        let flowID: Int64
        let number: Int
        switch (write.mode, existing) {
        case (.newFlow, .some): throw StoreError.flowExists(write.flow)
        case (.newVersion, nil): throw StoreError.noSuchFlow(write.flow)
        case (.newFlow, nil):
          try insertFlow.execute(arguments: [write.flow])
          flowID = db.lastInsertedRowID
          number = 1
          changes.append(JournalChange(action: .createdFlow, subject: write.flow, version: 1))
        case (.newVersion, let row?):
          flowID = row["id"]
          number = try Int.fetchOne(db, sql: "SELECT MAX(number) FROM versions WHERE flow_id = ?", arguments: [flowID]).map { $0 + 1 } ?? 1
          try db.execute(sql: "UPDATE flows SET current_version = ? WHERE id = ?", arguments: [number, flowID])
          changes.append(JournalChange(action: .addedVersion, subject: write.flow, version: number))
        }
        try insertVersion.execute(arguments: [flowID, number, write.document(number, now), now, id, write.source])
      }
      for entry in request.registryWrites {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM registry WHERE kind = ? AND name = ?", arguments: [entry.kind.rawValue, entry.name])
          == true
        {
          throw StoreError.registryConflict(kind: entry.kind.rawValue, name: entry.name)
        }
        try db.execute(
          sql: "INSERT INTO registry (kind, name, definition, commit_id) VALUES (?, ?, ?, ?)",
          arguments: [entry.kind.rawValue, entry.name, entry.definition, id])
        changes.append(JournalChange(action: .added(entry.kind), subject: entry.name, version: nil))
      }
      for binding in request.remembered {
        try db.execute(
          sql: "INSERT OR REPLACE INTO remembered_bindings (type, source_key, source_name, connection, commit_id) VALUES (?, ?, ?, ?, ?)",
          arguments: [binding.type, binding.key, binding.name, binding.connection, id])
      }
      for value in request.kept {
        try db.execute(
          sql: """
            INSERT OR REPLACE INTO kept_values (flow, node_type, node_name, path, value, create_path, commit_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [value.flow, value.nodeType, value.nodeName, value.path, value.value, value.create, id])
      }
      try Self.finishJournal(db, commit: id, changes: changes)
      return CommitRecord(id: Int(id), author: request.author, at: now, message: request.message, changes: changes)
    }
  }

  /// Starts a journal entry inside the caller's transaction; its changes are added by
  /// `finishJournal`, so what a commit records for undo can name it.
  static func beginJournal(_ db: Database, author: String, message: String, at time: String) throws -> Int64 {
    try db.execute(sql: "INSERT INTO commits (author, at, message) VALUES (?, ?, ?)", arguments: [author, time, message])
    return db.lastInsertedRowID
  }

  /// Records a journal entry's changes and bumps the revision; part of the caller's transaction.
  static func finishJournal(_ db: Database, commit id: Int64, changes: [JournalChange]) throws {
    for change in changes {
      try db.execute(
        sql: "INSERT INTO commit_changes (commit_id, action, subject, version) VALUES (?, ?, ?, ?)",
        arguments: [id, change.action.rawValue, change.subject, change.version])
    }
    try db.execute(sql: "UPDATE meta SET value = value + 1 WHERE key = 'revision'")
  }

  /// The journal with each commit's changes, newest first.
  public func journal() throws(StoreError) -> [CommitRecord] {
    try read { db in
      var changes: [Int: [JournalChange]] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT commit_id, action, subject, version FROM commit_changes ORDER BY rowid") {
        let action = JournalChange.Action(rawValue: row["action"])
        changes[row["commit_id"], default: []].append(JournalChange(action: action, subject: row["subject"], version: row["version"]))
      }
      return try Row.fetchAll(db, sql: "SELECT id, author, at, message, undone_by, undoes FROM commits ORDER BY id DESC").map { row in
        CommitRecord(
          id: row["id"], author: row["author"], at: row["at"], message: row["message"], changes: changes[row["id"]] ?? [],
          undoneBy: row["undone_by"], undoes: row["undoes"])
      }
    }
  }

  /// The secret values of a connection by name, for exports made with `--with-credentials`.
  public func secrets(ofConnection name: String) throws(StoreError) -> [String: String] {
    let rows = try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT s.name, s.value FROM connection_secrets s JOIN connections c ON c.id = s.connection_id
          WHERE c.name = ? ORDER BY s.name
          """, arguments: [name])
    }
    var secrets: [String: String] = [:]
    for row in rows {
      let secret: String = row["name"]
      let stored = String(decoding: row["value"] as Data, as: UTF8.self)
      guard Sealer.isSealed(stored) else {
        secrets[secret] = stored
        continue
      }
      guard let sealer else { throw .noKey(path: location) }
      do throws(Sealer.OpenError) { secrets[secret] = try sealer.open(stored) } catch {
        throw .sealed(path: location, what: "secret '\(secret)' of connection '\(name)'", reason: Self.reason(error, sealer))
      }
    }
    return secrets
  }

  /// Why a sealed secret did not open, and what to do.
  static func reason(_ error: Sealer.OpenError, _ sealer: Sealer?) -> String {
    switch error {
    case .otherKey(let id):
      return "it was sealed with key \(id), not this key\(sealer.map { " (\($0.key.id))" } ?? ""); "
        + "set FLOWPORT_KEY or restore that key file, or `workspace rekey --from <old key file>`"
    case .damaged: return "it was changed or damaged since it was sealed"
    }
  }

  /// What the workspace holds that its key cannot open: one line per connection secret, one
  /// per flow version with its count; empty when every secret reads.
  public func unreadableSecrets() throws(StoreError) -> [String] {
    try read { db in
      var lines: [String] = []
      let secrets = try Row.fetchAll(
        db,
        sql:
          "SELECT c.name AS connection, s.name, s.value FROM connection_secrets s JOIN connections c ON c.id = s.connection_id ORDER BY c.name, s.name"
      )
      for row in secrets {
        let stored = String(decoding: row["value"] as Data, as: UTF8.self)
        guard Sealer.isSealed(stored) else { continue }
        if let sealer, (try? sealer.open(stored)) != nil { continue }
        lines.append("connection \(row["connection"] as String): secret '\(row["name"] as String)'")
      }
      let versions = try Row.fetchAll(
        db,
        sql:
          "SELECT f.name, v.number, v.document FROM versions v JOIN flows f ON f.id = v.flow_id WHERE instr(v.document, ?) > 0 ORDER BY f.name, v.number",
        arguments: [SealedSecret.prefix])
      for row in versions {
        let document: String = row["document"]
        let count = sealer?.unreadableCount(in: document) ?? document.matches(of: Sealer.sealedPattern).count
        if count > 0 { lines.append("flow \(row["name"] as String)@\(row["number"] as Int): \(count) secret\(count == 1 ? "" : "s")") }
      }
      return lines
    }
  }

  /// The tables whose `value` is one secret, sealed, per row: the connections' and those undo
  /// puts back. `rekey` re-seals them all, or an undo after a rekey brings back secrets no key
  /// in use can open.
  static let sealedValueTables = ["connection_secrets", "undo_connection_secrets"]
  /// The tables whose `document` is a flow version with its secrets sealed inside: the
  /// versions, and those a flow removal keeps for undo.
  static let sealedDocumentTables = ["versions", "removed_versions"]

  /// Re-seals every secret of the workspace with its key, opening those `old` sealed (and
  /// sealing connection secrets written before sealing); refuses, changing nothing, while any
  /// secret opens with neither key. Journaled; returns how many secrets were re-sealed.
  public func rekey(from old: WorkspaceKey?, author: String) throws(StoreError) -> Int {
    guard let current = sealer else { throw .noKey(path: location) }
    let both = Sealer(key: current.key, alsoOpening: old.map { [$0] } ?? [])
    return try write { db in
      var count = 0
      for table in Self.sealedValueTables {
        for row in try Row.fetchAll(db, sql: "SELECT rowid, value FROM \(table)") {
          let stored = String(decoding: row["value"] as Data, as: UTF8.self)
          let plaintext: String
          do throws(Sealer.OpenError) { plaintext = try both.open(stored) } catch {
            throw StoreError.sealed(path: location, what: "a connection secret", reason: Self.reason(error, current))
          }
          try db.execute(
            sql: "UPDATE \(table) SET value = ? WHERE rowid = ?", arguments: [Data(both.seal(plaintext).utf8), row["rowid"] as Int64])
          count += 1
        }
      }
      for table in Self.sealedDocumentTables {
        for row in try Row.fetchAll(
          db, sql: "SELECT rowid, document FROM \(table) WHERE instr(document, ?) > 0", arguments: [SealedSecret.prefix])
        {
          let resealed: (text: String, count: Int)
          do throws(Sealer.OpenError) { resealed = try both.resealAll(in: row["document"]) } catch {
            throw StoreError.sealed(path: location, what: "a flow's secret", reason: Self.reason(error, current))
          }
          try db.execute(sql: "UPDATE \(table) SET document = ? WHERE rowid = ?", arguments: [resealed.text, row["rowid"] as Int64])
          count += resealed.count
        }
      }
      let id = try Self.beginJournal(
        db, author: author, message: "workspace rekey: \(count) secrets sealed with key \(current.key.id)", at: Self.timestamp())
      try Self.finishJournal(db, commit: id, changes: [])
      return count
    }
  }

  /// The members by user name; empty for a workspace open to everyone.
  public func members() throws(StoreError) -> [Member] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT user, role FROM members ORDER BY user").compactMap { row in
        Role(rawValue: row["role"]).map { Member(user: row["user"], role: $0) }
      }
    }
  }

  /// The registry's events, forms and rules, by kind and name.
  public func registry() throws(StoreError) -> [RegistryEntry] {
    try read { db in try Self.registry(db) }
  }

  private static func registry(_ db: Database) throws -> [RegistryEntry] {
    try Row.fetchAll(db, sql: "SELECT kind, name, definition FROM registry ORDER BY kind, name").map { row in
      RegistryEntry(kind: RegistryEntry.Kind(rawValue: row["kind"]), name: row["name"], definition: row["definition"])
    }
  }

  static func timestamp() -> String {
    Date().formatted(
      .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(
        separator: .omitted))
  }
}
