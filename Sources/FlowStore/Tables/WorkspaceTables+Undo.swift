import FlowModel
import Foundation

extension WorkspaceTables {
  /// Reverts `commit` as a new journaled commit: flows it created are removed, versions it added
  /// are removed (the previous one is current again), flows, connections and members it removed
  /// or changed are put back as they were, registry entries it added are removed. Refused while
  /// later commits built on what it would take back; the caller's transaction makes it all or nothing.
  func undo(_ commit: Int, author requested: String, expectedRevision: Int, in db: any WorkspaceTransaction) throws -> CommitRecord {
    let author = login ?? requested
    guard try Self.revision(db) == expectedRevision else { throw StoreError.movedOn(path: location) }
    let plan = try Self.plan(undoing: commit, in: db)
    if !plan.blockedBy.isEmpty { throw StoreError.undoBlocked(commit: commit, by: plan.blockedBy) }
    let now = Self.timestamp()
    let message = "undo #\(commit): \(plan.message)"
    // The flows it removed come back with their documents, sealed secrets and all.
    let restoresSealed = try db.row("SELECT 1 FROM removed_versions WHERE commit_id = ? AND \(Self.sealedDocuments)", [commit]) != nil
    let id = try Self.beginJournal(db, author: author, message: message, at: now)
    for change in try Self.changes(of: commit, in: db).reversed() {
      try Self.revert(change, of: Int64(commit), in: db)
    }
    // What the commit taught the workspace goes with it.
    try db.execute("DELETE FROM remembered_bindings WHERE commit_id = ?", [commit])
    try db.execute("DELETE FROM kept_values WHERE commit_id = ?", [commit])
    try db.execute("UPDATE commits SET undone_by = ? WHERE id = ?", [id, commit])
    try db.execute("UPDATE commits SET undoes = ? WHERE id = ?", [commit, id])
    try Self.finishJournal(db, commit: id, changes: plan.changes, writingSealedDocuments: restoresSealed)
    return CommitRecord(id: Int(id), author: author, at: now, message: message, changes: plan.changes, undoes: commit)
  }

  /// The plan; later commits block it unless they were undone, or are the undo of a commit
  /// later still (that pair cancels out).
  static func plan(undoing commit: Int, in db: any WorkspaceTransaction) throws -> UndoPlan {
    guard let row = try db.row("SELECT message, undone_by, undoes FROM commits WHERE id = ?", [commit]) else {
      throw StoreError.noSuchCommit(commit)
    }
    if let by: Int = row["undone_by"] { throw StoreError.alreadyUndone(commit: commit, by: by) }
    if let undone: Int = row["undoes"] { throw StoreError.undoOfAnUndo(commit: commit, undoes: undone) }
    let changes = try Self.changes(of: commit, in: db)
    let touched = Set(changes.map(Touch.init))
    var blockers: [Int] = []
    let later = try db.rows(
      """
      SELECT c.id, x.action, x.subject FROM commits c JOIN commit_changes x ON x.commit_id = c.id
      WHERE c.id > ? AND c.undone_by IS NULL AND (c.undoes IS NULL OR c.undoes < ?) ORDER BY c.id, x.rowid
      """, [commit, commit])
    for row in later
    where touched.contains(Touch(JournalChange(action: .init(rawValue: row["action"]), subject: row["subject"], version: nil))) {
      let id: Int = row["id"]
      if blockers.last != id { blockers.append(id) }
    }
    return UndoPlan(commit: commit, message: row["message"], changes: changes.reversed().map(inverse), blockedBy: blockers)
  }

  /// What a commit changed, in the order it did.
  private static func changes(of commit: Int, in db: any WorkspaceTransaction) throws -> [JournalChange] {
    try db.rows("SELECT action, subject, version FROM commit_changes WHERE commit_id = ? ORDER BY rowid", [commit])
      .map { JournalChange(action: .init(rawValue: $0["action"]), subject: $0["subject"], version: $0["version"]) }
  }

  /// How the journal says the undo of `change` (the action the undo performs).
  private static func inverse(_ change: JournalChange) -> JournalChange {
    let action: JournalChange.Action =
      switch change.action {
      case .createdFlow: .removedFlow
      case .addedVersion: .removedVersion
      case .removedFlow: .restoredFlow
      case .addedConnection: .removedConnection
      case .changedConnection, .removedConnection: .restoredConnection
      case .setMember, .removedMember: .restoredMember
      default: JournalChange.Action(rawValue: change.action.rawValue.replacingOccurrences(of: "added ", with: "removed "))
      }
    return JournalChange(action: action, subject: change.subject, version: change.action == .addedVersion ? change.version : nil)
  }

  /// Takes back one change of commit `id`.
  private static func revert(_ change: JournalChange, of id: Int64, in db: any WorkspaceTransaction) throws {
    switch change.action {
    case .createdFlow:
      try db.execute("DELETE FROM versions WHERE flow_id = (SELECT id FROM flows WHERE name = ?)", [change.subject])
      try db.execute("DELETE FROM flows WHERE name = ?", [change.subject])
    case .addedVersion:
      guard let flowID: Int64 = try db.value("SELECT id FROM flows WHERE name = ?", [change.subject]) else { return }
      try db.execute("DELETE FROM versions WHERE flow_id = ? AND number = ?", [flowID, change.version])
      try db.execute(
        "UPDATE flows SET current_version = (SELECT MAX(number) FROM versions WHERE flow_id = ?) WHERE id = ?", [flowID, flowID])
    case .removedFlow:
      let current: Int? = try db.value("SELECT current_version FROM removed_flows WHERE commit_id = ? AND name = ?", [id, change.subject])
      let flowID = try inserted(
        db, "INSERT INTO flows (id, name, current_version) VALUES (\(nextID("flows")), ?, ?) RETURNING id", [change.subject, current ?? 1])
      try db.execute(
        """
        INSERT INTO versions (flow_id, number, document, published_at, commit_id, source)
        SELECT ?, number, document, published_at, written_by, source FROM removed_versions WHERE commit_id = ? AND flow = ?
        """, [flowID, id, change.subject])
    case .addedConnection:
      try db.execute("DELETE FROM connection_secrets WHERE connection_id = (SELECT id FROM connections WHERE name = ?)", [change.subject])
      try db.execute("DELETE FROM connections WHERE name = ?", [change.subject])
    case .changedConnection, .removedConnection:
      if let current = try connectionID(change.subject, in: db) {
        try db.execute("DELETE FROM connection_secrets WHERE connection_id = ?", [current])
        try db.execute("DELETE FROM connections WHERE id = ?", [current])
      }
      let restored: Int64? = try db.value(
        """
        INSERT INTO connections (id, name, type, properties)
        SELECT \(nextID("connections")), name, type, properties FROM undo_connections WHERE commit_id = ? AND name = ? RETURNING id
        """, [id, change.subject])
      guard let restored else { return }
      try db.execute(
        """
        INSERT INTO connection_secrets (connection_id, name, value)
        SELECT ?, name, value FROM undo_connection_secrets WHERE commit_id = ? AND connection = ?
        """, [restored, id, change.subject])
    case .setMember, .removedMember:
      let role: String? = try db.value(#"SELECT role FROM undo_members WHERE commit_id = ? AND "user" = ?"#, [id, change.subject])
      if let role {
        try setRole(role, of: change.subject, in: db)
      } else {
        try db.execute(#"DELETE FROM members WHERE "user" = ?"#, [change.subject])
      }
    default:
      // A registry entry this commit added (`added event`, ...).
      try db.execute("DELETE FROM registry WHERE name = ? AND commit_id = ?", [change.subject, id])
    }
  }
}

/// What a journal change is about, so a later change to the same thing is recognised: a flow,
/// a connection, a member or a registry entry, by name.
private struct Touch: Hashable {
  let kind: String
  let subject: String

  init(_ change: JournalChange) {
    let action = change.action.rawValue
    kind =
      action.hasSuffix("flow") || action.hasSuffix("version")
      ? "flow"
      : action.hasSuffix("connection")
        ? "connection" : action.hasSuffix("member") ? "member" : action.split(separator: " ").last.map(String.init) ?? action
    subject = change.subject
  }
}
