import FlowModel
import Foundation
import GRDB

extension SQLiteWorkspace {
  /// What undoing `commit` would do and which later commits block it; nothing is written.
  public func undoPlan(of commit: Int) throws(StoreError) -> UndoPlan {
    let location = self.location
    return try read { db in try Self.plan(undoing: commit, in: db, at: location) }
  }

  /// Reverts `commit` as a new journaled commit, in one transaction: flows it created are
  /// removed, versions it added are removed (the previous one is current again), flows,
  /// connections and members it removed or changed are put back as they were, registry entries
  /// it added are removed. Refused while later commits built on what it would take back.
  public func undo(_ commit: Int, author: String, expectedRevision: Int) throws(StoreError) -> CommitRecord {
    let location = self.location
    return try write { db in
      guard try Self.revision(db) == expectedRevision else { throw StoreError.movedOn(path: location) }
      let plan = try Self.plan(undoing: commit, in: db, at: location)
      if !plan.blockedBy.isEmpty { throw StoreError.undoBlocked(commit: commit, by: plan.blockedBy) }
      let now = Self.timestamp()
      let message = "undo #\(commit): \(plan.message)"
      let id = try Self.beginJournal(db, author: author, message: message, at: now)
      for change in try Self.changes(of: commit, in: db).reversed() {
        try Self.revert(change, of: Int64(commit), in: db)
      }
      // What the commit taught the workspace goes with it.
      try db.execute(sql: "DELETE FROM remembered_bindings WHERE commit_id = ?", arguments: [commit])
      try db.execute(sql: "DELETE FROM kept_values WHERE commit_id = ?", arguments: [commit])
      try db.execute(sql: "UPDATE commits SET undone_by = ? WHERE id = ?", arguments: [id, commit])
      try db.execute(sql: "UPDATE commits SET undoes = ? WHERE id = ?", arguments: [commit, id])
      try Self.finishJournal(db, commit: id, changes: plan.changes)
      return CommitRecord(id: Int(id), author: author, at: now, message: message, changes: plan.changes, undoes: commit)
    }
  }

  /// The plan; later commits block it unless they were undone, or are the undo of a commit
  /// later still (that pair cancels out).
  private static func plan(undoing commit: Int, in db: Database, at location: String) throws -> UndoPlan {
    guard let row = try Row.fetchOne(db, sql: "SELECT message, undone_by, undoes FROM commits WHERE id = ?", arguments: [commit]) else {
      throw StoreError.noSuchCommit(commit)
    }
    if let by: Int = row["undone_by"] { throw StoreError.alreadyUndone(commit: commit, by: by) }
    if let undone: Int = row["undoes"] { throw StoreError.undoOfAnUndo(commit: commit, undoes: undone) }
    let changes = try Self.changes(of: commit, in: db)
    let touched = Set(changes.map(Touch.init))
    var blockers: [Int] = []
    let later = try Row.fetchAll(
      db,
      sql: """
        SELECT c.id, x.action, x.subject FROM commits c JOIN commit_changes x ON x.commit_id = c.id
        WHERE c.id > ? AND c.undone_by IS NULL AND (c.undoes IS NULL OR c.undoes < ?) ORDER BY c.id
        """, arguments: [commit, commit])
    for row in later
    where touched.contains(Touch(JournalChange(action: .init(rawValue: row["action"]), subject: row["subject"], version: nil))) {
      let id: Int = row["id"]
      if blockers.last != id { blockers.append(id) }
    }
    return UndoPlan(commit: commit, message: row["message"], changes: changes.reversed().map(inverse), blockedBy: blockers)
  }

  /// What a commit changed, in the order it did.
  private static func changes(of commit: Int, in db: Database) throws -> [JournalChange] {
    try Row.fetchAll(db, sql: "SELECT action, subject, version FROM commit_changes WHERE commit_id = ? ORDER BY rowid", arguments: [commit])
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
  private static func revert(_ change: JournalChange, of id: Int64, in db: Database) throws {
    switch change.action {
    case .createdFlow:
      try db.execute(sql: "DELETE FROM versions WHERE flow_id = (SELECT id FROM flows WHERE name = ?)", arguments: [change.subject])
      try db.execute(sql: "DELETE FROM flows WHERE name = ?", arguments: [change.subject])
    case .addedVersion:
      guard let flowID = try Int64.fetchOne(db, sql: "SELECT id FROM flows WHERE name = ?", arguments: [change.subject]) else { return }
      try db.execute(sql: "DELETE FROM versions WHERE flow_id = ? AND number = ?", arguments: [flowID, change.version])
      try db.execute(
        sql: "UPDATE flows SET current_version = (SELECT MAX(number) FROM versions WHERE flow_id = ?) WHERE id = ?",
        arguments: [flowID, flowID])
    case .removedFlow:
      let current = try Int.fetchOne(
        db, sql: "SELECT current_version FROM removed_flows WHERE commit_id = ? AND name = ?", arguments: [id, change.subject])
      try db.execute(sql: "INSERT INTO flows (name, current_version) VALUES (?, ?)", arguments: [change.subject, current ?? 1])
      try db.execute(
        sql: """
          INSERT INTO versions (flow_id, number, document, published_at, commit_id, source)
          SELECT ?, number, document, published_at, written_by, source FROM removed_versions WHERE commit_id = ? AND flow = ?
          """, arguments: [db.lastInsertedRowID, id, change.subject])
    case .addedConnection:
      try db.execute(
        sql: "DELETE FROM connection_secrets WHERE connection_id = (SELECT id FROM connections WHERE name = ?)", arguments: [change.subject]
      )
      try db.execute(sql: "DELETE FROM connections WHERE name = ?", arguments: [change.subject])
    case .changedConnection, .removedConnection:
      if let current = try connectionID(change.subject, in: db) {
        try db.execute(sql: "DELETE FROM connection_secrets WHERE connection_id = ?", arguments: [current])
        try db.execute(sql: "DELETE FROM connections WHERE id = ?", arguments: [current])
      }
      try db.execute(
        sql:
          "INSERT INTO connections (name, type, properties) SELECT name, type, properties FROM undo_connections WHERE commit_id = ? AND name = ?",
        arguments: [id, change.subject])
      try db.execute(
        sql: """
          INSERT INTO connection_secrets (connection_id, name, value)
          SELECT ?, name, value FROM undo_connection_secrets WHERE commit_id = ? AND connection = ?
          """, arguments: [db.lastInsertedRowID, id, change.subject])
    case .setMember, .removedMember:
      let role = try String.fetchOne(
        db, sql: "SELECT role FROM undo_members WHERE commit_id = ? AND user = ?", arguments: [id, change.subject])
      if let role {
        try db.execute(
          sql: "INSERT INTO members (user, role) VALUES (?, ?) ON CONFLICT(user) DO UPDATE SET role = excluded.role",
          arguments: [change.subject, role])
      } else {
        try db.execute(sql: "DELETE FROM members WHERE user = ?", arguments: [change.subject])
      }
    default:
      // A registry entry this commit added (`added event`, ...).
      try db.execute(sql: "DELETE FROM registry WHERE name = ? AND commit_id = ?", arguments: [change.subject, id])
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
