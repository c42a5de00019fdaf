import FlowModel
import Foundation

/// What a workspace means in SQL tables, written once for every store that keeps it in a SQL
/// database (the SQLite file, PostgreSQL): reads, commits, undo, secrets. A store provides the
/// transactions (`WorkspaceTransaction`) and its schema; the SQL here is the dialect both speak.
/// Every method runs inside the caller's transaction.
struct WorkspaceTables: Sendable {
  /// Where the workspace lives, for messages.
  let location: String
  /// Seals secrets before they are written and opens them as they are read.
  let sealer: Sealer?
  /// Who the server says is writing (PostgreSQL's login), journaled as every commit's author in
  /// place of the session's `--user`, which anyone can type; nil where no server knows (a file).
  var login: String? = nil

  /// The revision counter kept in the `meta` table, to detect another process's commit.
  static func revision(_ db: any WorkspaceTransaction) throws -> Int {
    try db.value("SELECT value FROM meta WHERE key = 'revision'") ?? 0
  }

  /// Revision, flows, connections and registry read in one transaction, so they agree.
  func snapshot(_ db: any WorkspaceTransaction) throws -> WorkspaceSnapshot {
    WorkspaceSnapshot(
      revision: try Self.revision(db), flows: try Self.flows(db), connections: try connections(db), registry: try Self.registry(db),
      remembered: try db.rows("SELECT * FROM remembered_bindings ORDER BY type, source_key").map {
        RememberedBinding(
          type: $0["type"], key: $0["source_key"], name: $0["source_name"], connection: $0["connection"], commit: $0["commit_id"])
      },
      kept: try db.rows("SELECT * FROM kept_values ORDER BY flow, path").map {
        KeptValue(
          flow: $0["flow"], nodeType: $0["node_type"], nodeName: $0["node_name"], path: $0["path"], value: $0["value"],
          create: $0["create_path"] as Int != 0, commit: $0["commit_id"])
      })
  }

  /// Every flow with its current version and version count, by name.
  static func flows(_ db: any WorkspaceTransaction) throws -> [FlowSummary] {
    var importedFrom: [String: [String: Int]] = [:]
    let sources = try db.rows(
      """
      SELECT f.name, v.source, MAX(v.number) AS number
      FROM flows f JOIN versions v ON v.flow_id = f.id WHERE v.source IS NOT NULL GROUP BY f.id, f.name, v.source
      """)
    for row in sources { importedFrom[row["name"], default: [:]][row["source"]] = row["number"] }
    return try db.rows(
      """
      SELECT f.name, f.current_version, COUNT(v.number) AS count, MAX(v.published_at) AS updated
      FROM flows f JOIN versions v ON v.flow_id = f.id GROUP BY f.id, f.name, f.current_version ORDER BY f.name
      """
    ).map { row in
      FlowSummary(
        name: row["name"], currentVersion: row["current_version"], versionCount: row["count"], updatedAt: row["updated"],
        importedFrom: importedFrom[row["name"]] ?? [:])
    }
  }

  /// A version of a flow, the current one when `number` is nil; nil when either is missing.
  func version(_ db: any WorkspaceTransaction, of flow: String, number: Int?) throws -> StoredVersion? {
    try db.row(
      """
      SELECT f.name, v.number, v.document, v.published_at, v.commit_id FROM flows f
      JOIN versions v ON v.flow_id = f.id AND v.number = COALESCE(?, f.current_version) WHERE f.name = ?
      """, [number, flow]
    ).map(storedVersion)
  }

  /// Every stored version of a flow, oldest first; empty for an unknown flow.
  func versions(_ db: any WorkspaceTransaction, of flow: String) throws -> [StoredVersion] {
    try db.rows(
      """
      SELECT f.name, v.number, v.document, v.published_at, v.commit_id FROM flows f
      JOIN versions v ON v.flow_id = f.id WHERE f.name = ? ORDER BY v.number
      """, [flow]
    ).map(storedVersion)
  }

  /// The current version of every flow, by flow name.
  func currentVersions(_ db: any WorkspaceTransaction) throws -> [StoredVersion] {
    try db.rows(
      """
      SELECT f.name, v.number, v.document, v.published_at, v.commit_id FROM flows f
      JOIN versions v ON v.flow_id = f.id AND v.number = f.current_version ORDER BY f.name
      """
    ).map(storedVersion)
  }

  /// A version as read, its sealed secrets opened (those the key cannot open read
  /// `SealedSecret.unreadable`).
  private func storedVersion(_ row: SQLRow) -> StoredVersion {
    StoredVersion(
      flow: row["name"], number: row["number"], document: openSecrets(in: row["document"]), publishedAt: row["published_at"],
      commitID: row["commit_id"])
  }

  /// A stored document with its sealed secrets opened.
  private func openSecrets(in document: String) -> String {
    if let sealer { return sealer.openAll(in: document).text }
    return StringBytes.contains(SealedSecret.prefix, in: document)
      ? SealedSecretSearch.replacing(in: document) { _ in Sealer.jsonEscaped(SealedSecret.unreadable) } : document
  }

  /// The connections; one whose stored properties no longer read as a JSON object is an error
  /// naming it, never a connection with no properties that a commit would then bind.
  func connections(_ db: any WorkspaceTransaction) throws -> [Connection] {
    var secretNames: [Int64: [String]] = [:]
    for row in try db.rows("SELECT connection_id, name FROM connection_secrets ORDER BY name") {
      secretNames[row["connection_id"], default: []].append(row["name"])
    }
    return try db.rows("SELECT id, name, type, properties FROM connections ORDER BY name").map { row in
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
  /// entries, and journals it; the caller's transaction makes it all or nothing.
  func commit(_ request: CommitRequest, in db: any WorkspaceTransaction) throws -> CommitRecord {
    guard try Self.revision(db) == request.expectedRevision else { throw StoreError.movedOn(path: location) }
    let now = Self.timestamp()
    let author = login ?? request.author
    let id = try Self.beginJournal(db, author: author, message: request.message, at: now)
    var changes: [JournalChange] = []
    for change in request.changes {
      changes.append(try apply(change, in: db, commit: id))
    }
    var numbered: [Int64: Int] = [:]
    var newFlowIDs = NewFlowIDs()
    var placements: [VersionPlacement] = []
    placements.reserveCapacity(request.writes.count)
    for write in request.writes {
      let placement = try place(write, in: db, numbered: numbered, newFlowIDs: &newFlowIDs)
      numbered[placement.flowID] = placement.number
      changes.append(placement.change)
      placements.append(placement)
    }
    // Rendered (sealed, written by the JSON writer) on every core while this thread inserts
    // them, in order: rendering was most of a bulk commit's own time. Whether a document holds
    // a sealed secret is asked there too (`unsealedRecord`).
    var done = 0
    var sealsDocuments = false
    try placements.forEachMapped(concurrentlyAheadBy: Self.renderedAhead, Self.rendered(now: now)) { placement, document, isSealed in
      try db.execute(
        "INSERT INTO versions (flow_id, number, document, published_at, commit_id, source) VALUES (?, ?, ?, ?, ?, ?)",
        [placement.flowID, placement.number, document, now, id, placement.write.source])
      sealsDocuments = sealsDocuments || isSealed
      done += 1
      request.onProgress?(done, request.writes.count)
      if request.isCancelled() { throw StoreError.cancelled(path: location) }
    }
    for entry in request.registryWrites {
      if try db.row("SELECT 1 FROM registry WHERE kind = ? AND name = ?", [entry.kind.rawValue, entry.name]) != nil {
        throw StoreError.registryConflict(kind: entry.kind.rawValue, name: entry.name)
      }
      try db.execute(
        "INSERT INTO registry (kind, name, definition, commit_id) VALUES (?, ?, ?, ?)",
        [entry.kind.rawValue, entry.name, entry.definition, id])
      changes.append(JournalChange(action: .added(entry.kind), subject: entry.name, version: nil))
    }
    for binding in request.remembered {
      try db.execute(
        """
        INSERT INTO remembered_bindings (type, source_key, source_name, connection, commit_id) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (type, source_key) DO UPDATE
        SET source_name = excluded.source_name, connection = excluded.connection, commit_id = excluded.commit_id
        """, [binding.type, binding.key, binding.name, binding.connection, id])
    }
    for value in request.kept {
      try db.execute(
        """
        INSERT INTO kept_values (flow, node_type, node_name, path, value, create_path, commit_id) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (flow, node_type, node_name, path) DO UPDATE
        SET value = excluded.value, create_path = excluded.create_path, commit_id = excluded.commit_id
        """, [value.flow, value.nodeType, value.nodeName, value.path, value.value, value.create ? 1 : 0, id])
    }
    if request.isCancelled() { throw StoreError.cancelled(path: location) }
    try Self.finishJournal(db, commit: id, changes: changes, writingSealedDocuments: sealsDocuments)
    return CommitRecord(id: Int(id), author: author, at: now, message: request.message, changes: changes)
  }

  /// A placed version's document as `write` renders it, dated `now`, and whether it holds a
  /// sealed secret.
  private static func rendered(now: String) -> @Sendable (VersionPlacement) -> (VersionPlacement, String, Bool) {
    { placement in
      let document = placement.write.document(placement.number, now)
      return (placement, document, StringBytes.contains(SealedSecret.prefix, in: document))
    }
  }

  /// Where a version goes: its flow, its number, and the journal's line for it.
  private struct VersionPlacement: Sendable {
    var write: CommitRequest.VersionWrite
    var flowID: Int64
    var number: Int
    var change: JournalChange
  }

  /// The ids a commit gives the flows it creates: one past the last stored, read once, then
  /// counted up (writers are serialized: none comes between). Asked of the database a flow at
  /// a time, in an `INSERT … RETURNING`, each cost SQLite a table of its own for the answer:
  /// 83,000 instructions a flow, a third of what a bulk commit's thread did between its inserts.
  private struct NewFlowIDs {
    private var next: Int64?

    mutating func take(in db: any WorkspaceTransaction) throws -> Int64 {
      let id = try next ?? (db.value("SELECT \(WorkspaceTables.nextID("flows"))") ?? 1)
      next = id + 1
      return id
    }
  }

  /// The flow `write` goes to (created for a new flow, with an id from `newFlowIDs`) and its
  /// version's number: one past the last stored, or past the one `numbered` gave it earlier
  /// in this commit.
  private func place(
    _ write: CommitRequest.VersionWrite, in db: any WorkspaceTransaction, numbered: [Int64: Int], newFlowIDs: inout NewFlowIDs
  ) throws -> VersionPlacement {
    let existing = try db.row("SELECT id FROM flows WHERE name = ?", [write.flow])
    switch (write.mode, existing) {
    case (.newFlow, .some): throw StoreError.flowExists(write.flow)
    case (.newVersion, nil): throw StoreError.noSuchFlow(write.flow)
    case (.newFlow, nil):
      let flowID = try newFlowIDs.take(in: db)
      try db.execute("INSERT INTO flows (id, name, current_version) VALUES (?, ?, 1)", [flowID, write.flow])
      return VersionPlacement(
        write: write, flowID: flowID, number: 1, change: JournalChange(action: .createdFlow, subject: write.flow, version: 1))
    case (.newVersion, let row?):
      let flowID: Int64 = row["id"]
      let stored: Int = try db.value("SELECT MAX(number) FROM versions WHERE flow_id = ?", [flowID]) ?? 0
      let number = max(stored, numbered[flowID] ?? 0) + 1
      try db.execute("UPDATE flows SET current_version = ? WHERE id = ?", [number, flowID])
      return VersionPlacement(
        write: write, flowID: flowID, number: number, change: JournalChange(action: .addedVersion, subject: write.flow, version: number))
    }
  }

  /// How many rendered versions may wait for their insert: enough to keep the cores busy
  /// while this thread inserts, few enough that their documents are a small part of memory
  /// (each is about 50 KB in a 2,000-flow migration whose peak is 160 MiB).
  static let renderedAhead = max(16, 8 * ProcessInfo.processInfo.activeProcessorCount)

  /// The id a new row of `table` gets: one past the last. Writers are serialized, and the ids
  /// are the workspace's own rather than a database's sequence, so a copied workspace keeps them
  /// and goes on numbering where it left off.
  static func nextID(_ table: String) -> String { "(SELECT COALESCE(MAX(id), 0) + 1 FROM \(table))" }

  /// Runs an `INSERT ... RETURNING id` and returns the id.
  static func inserted(_ db: any WorkspaceTransaction, _ sql: String, _ arguments: [any SQLValueConvertible]) throws -> Int64 {
    guard let id: Int64 = try db.value(sql, arguments) else { preconditionFailure("\(sql) returned no id") }
    return id
  }

  /// Starts a journal entry; its changes are added by `finishJournal`, so what a commit records
  /// for undo can name it. Numbered one past the last commit: writers are serialized, and commit
  /// numbers are what users type (`undo 12`), so a refused commit must not leave a gap.
  static func beginJournal(_ db: any WorkspaceTransaction, author: String, message: String, at time: String) throws -> Int64 {
    try inserted(
      db, "INSERT INTO commits (id, author, at, message) SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ? FROM commits RETURNING id",
      [author, time, message])
  }

  /// Records a journal entry's changes and bumps the revision, and with it `unsealedRecord`
  /// where it held and the entry writes no document with a sealed secret.
  static func finishJournal(
    _ db: any WorkspaceTransaction, commit id: Int64, changes: [JournalChange], writingSealedDocuments: Bool
  ) throws {
    for change in changes {
      try db.execute(
        "INSERT INTO commit_changes (commit_id, action, subject, version) VALUES (?, ?, ?, ?)",
        [id, change.action.rawValue, change.subject, change.version])
    }
    let keepsUnsealed = try !writingSealedDocuments && !mayHoldSealedDocuments(db)
    try db.execute("UPDATE meta SET value = value + 1 WHERE key = 'revision'", [])
    if keepsUnsealed {
      try db.execute("UPDATE meta SET value = (SELECT value FROM meta WHERE key = 'revision') WHERE key = '\(unsealedRecord)'", [])
    }
  }

  /// The journal with each commit's changes, newest first.
  static func journal(_ db: any WorkspaceTransaction) throws -> [CommitRecord] {
    var changes: [Int: [JournalChange]] = [:]
    for row in try db.rows("SELECT commit_id, action, subject, version FROM commit_changes ORDER BY rowid") {
      let action = JournalChange.Action(rawValue: row["action"])
      changes[row["commit_id"], default: []].append(JournalChange(action: action, subject: row["subject"], version: row["version"]))
    }
    return try db.rows("SELECT id, author, at, message, undone_by, undoes FROM commits ORDER BY id DESC").map { row in
      CommitRecord(
        id: row["id"], author: row["author"], at: row["at"], message: row["message"], changes: changes[row["id"]] ?? [],
        undoneBy: row["undone_by"], undoes: row["undoes"])
    }
  }

  /// The secret values of a connection by name, opened.
  func secrets(_ db: any WorkspaceTransaction, ofConnection name: String) throws -> [String: String] {
    let rows = try db.rows(
      "SELECT s.name, s.value FROM connection_secrets s JOIN connections c ON c.id = s.connection_id WHERE c.name = ? ORDER BY s.name",
      [name])
    var secrets: [String: String] = [:]
    for row in rows {
      let secret: String = row["name"]
      let stored = String(decoding: row["value"] as Data, as: UTF8.self)
      guard Sealer.isSealed(stored) else {
        secrets[secret] = stored
        continue
      }
      guard let sealer else { throw StoreError.noKey(path: location) }
      do throws(Sealer.OpenError) { secrets[secret] = try sealer.open(stored) } catch {
        throw StoreError.sealed(path: location, what: "secret '\(secret)' of connection '\(name)'", reason: Self.reason(error, sealer))
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

  /// The versions whose document holds a sealed secret (a substring test both databases speak;
  /// what matches is then checked exactly).
  static let sealedDocuments = "document LIKE '%\(SealedSecret.prefix)%'"

  /// The `meta` key holding the revision at which no version's document held a sealed secret,
  /// so that registering a workspace need not read every document to look for one (a
  /// 2,000-flow workspace: 200 M instructions, at every command). It is believed only while it
  /// is the revision: a journaled write keeps it so (`finishJournal`) unless it writes such a
  /// document, and a writer that does not know it (an earlier fps) moves the revision past it.
  /// A workspace an earlier fps made is given it by its first writer (`unsealedRecordFound`);
  /// until then, and opened read-only, it is searched, as before.
  static let unsealedRecord = "unsealed_at"

  /// Finds `unsealedRecord` out where a workspace has none (one an earlier fps made): every
  /// document searched once, then at no open after. Both databases run it, SQLite as it
  /// migrates, PostgreSQL when a writer opens.
  static let unsealedRecordFound = """
    INSERT INTO meta (key, value)
    SELECT '\(unsealedRecord)',
      CASE WHEN EXISTS (SELECT 1 FROM versions WHERE \(sealedDocuments)) THEN -1 ELSE (SELECT value FROM meta WHERE key = 'revision') END
    WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = '\(unsealedRecord)')
    """

  /// False only when `meta` says, at this revision, that no version's document holds a sealed secret.
  static func mayHoldSealedDocuments(_ db: any WorkspaceTransaction) throws -> Bool {
    try db.row(
      "SELECT 1 FROM meta recorded JOIN meta latest ON recorded.value = latest.value "
        + "WHERE recorded.key = '\(unsealedRecord)' AND latest.key = 'revision'") == nil
  }

  /// What the workspace holds that its key cannot open: one line per connection secret, one
  /// per flow version with its count; empty when every secret reads.
  func unreadableSecrets(_ db: any WorkspaceTransaction) throws -> [String] {
    var lines: [String] = []
    let secrets = try db.rows(
      "SELECT c.name AS connection, s.name, s.value FROM connection_secrets s JOIN connections c ON c.id = s.connection_id ORDER BY c.name, s.name"
    )
    for row in secrets {
      let stored = String(decoding: row["value"] as Data, as: UTF8.self)
      guard Sealer.isSealed(stored) else { continue }
      if let sealer, (try? sealer.open(stored)) != nil { continue }
      lines.append("connection \(row["connection"] as String): secret '\(row["name"] as String)'")
    }
    guard try Self.mayHoldSealedDocuments(db) else { return lines }
    // A document's secrets are all sealed by one key, the one in use when it was written (a
    // commit seals with it, `rekey` re-seals every document): one that names a key this sealer
    // holds is not searched (opening every secret of every sealed document took 2 ms a flow, at
    // every open). A secret damaged in it says so when its flow is read.
    let keys = sealer?.keyIDs ?? []
    let versions = try db.rows(
      "SELECT f.name, v.number, v.document FROM versions v JOIN flows f ON f.id = v.flow_id WHERE \(Self.sealedDocuments)"
        + String(repeating: " AND v.document NOT LIKE ?", count: keys.count) + " ORDER BY f.name, v.number",
      keys.map { "%\(SealedSecret.prefix)\(Sealer.version):\($0):%" })
    for row in versions {
      let document: String = row["document"]
      let count = sealer?.unreadableCount(in: document) ?? SealedSecretSearch.ranges(in: document).count
      if count > 0 { lines.append("flow \(row["name"] as String)@\(row["number"] as Int): \(count) secret\(count == 1 ? "" : "s")") }
    }
    return lines
  }

  /// The tables whose `value` is one secret, sealed, per row: the connections' and those undo
  /// puts back. `rekey` re-seals them all, or an undo after a rekey brings back secrets no key
  /// in use can open.
  static let sealedValueTables = ["connection_secrets", "undo_connection_secrets"]
  /// The tables whose `document` is a flow version with its secrets sealed inside: the
  /// versions, and those a flow removal keeps for undo.
  static let sealedDocumentTables = ["versions", "removed_versions"]

  /// Re-seals every secret with the current key, opening those `old` sealed (and sealing
  /// connection secrets written before sealing); refuses, changing nothing, while any secret
  /// opens with neither key. Journaled; returns how many secrets were re-sealed.
  func rekey(_ db: any WorkspaceTransaction, from old: WorkspaceKey?, author: String) throws -> Int {
    guard let current = sealer else { throw StoreError.noKey(path: location) }
    let both = Sealer(key: current.key, alsoOpening: old.map { [$0] } ?? [])
    var count = 0
    for table in Self.sealedValueTables {
      for row in try db.rows("SELECT rowid, value FROM \(table)") {
        let stored = String(decoding: row["value"] as Data, as: UTF8.self)
        let plaintext: String
        do throws(Sealer.OpenError) { plaintext = try both.open(stored) } catch {
          throw StoreError.sealed(path: location, what: "a connection secret", reason: Self.reason(error, current))
        }
        try db.execute("UPDATE \(table) SET value = ? WHERE rowid = ?", [Data(both.seal(plaintext).utf8), row["rowid"] as Int64])
        count += 1
      }
    }
    for table in Self.sealedDocumentTables {
      for row in try db.rows("SELECT rowid, document FROM \(table) WHERE \(Self.sealedDocuments)") {
        let resealed: (text: String, count: Int)
        do throws(Sealer.OpenError) { resealed = try both.resealAll(in: row["document"]) } catch {
          throw StoreError.sealed(path: location, what: "a flow's secret", reason: Self.reason(error, current))
        }
        try db.execute("UPDATE \(table) SET document = ? WHERE rowid = ?", [resealed.text, row["rowid"] as Int64])
        count += resealed.count
      }
    }
    let id = try Self.beginJournal(
      db, author: login ?? author, message: "workspace rekey: \(count) secrets sealed with key \(current.key.id)", at: Self.timestamp())
    // Only secrets already sealed are sealed again.
    try Self.finishJournal(db, commit: id, changes: [], writingSealedDocuments: false)
    return count
  }

  /// The members by user name; empty for a workspace open to everyone.
  static func members(_ db: any WorkspaceTransaction) throws -> [Member] {
    try db.rows(#"SELECT "user", role FROM members ORDER BY "user""#).compactMap { row in
      Role(rawValue: row["role"]).map { Member(user: row["user"], role: $0) }
    }
  }

  /// The registry's events, forms and rules, by kind and name.
  static func registry(_ db: any WorkspaceTransaction) throws -> [RegistryEntry] {
    try db.rows("SELECT kind, name, definition FROM registry ORDER BY kind, name").map { row in
      RegistryEntry(kind: RegistryEntry.Kind(rawValue: row["kind"]), name: row["name"], definition: row["definition"])
    }
  }

  /// The name the workspace was created under, if any.
  static func name(_ db: any WorkspaceTransaction) throws -> String? {
    try db.value("SELECT value FROM settings WHERE key = 'name'")
  }

  /// Now, as the journal and versions record it.
  static func timestamp() -> String {
    Date().formatted(
      .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(
        separator: .omitted))
  }
}
