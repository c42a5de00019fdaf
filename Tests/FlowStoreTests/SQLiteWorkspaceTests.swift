import FlowModel
import FlowTestSupport
import Foundation
import Testing

@testable import FlowStore

/// What only the SQLite store does: files, SQLite's own checks, rows edited by another program.
/// Everything every store does is in `WorkspaceStoreContractTests`.
@Suite(.temporaryFolders) struct SQLiteWorkspaceTests {
  let folder: URL
  init() throws { folder = try Fixtures.temporaryDirectory() }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  /// Runs SQL on a database file with the sqlite3 shell, as another program would; what it printed.
  @discardableResult
  func sqlite3(_ database: String, _ sql: String) throws -> String {
    let process = Process()
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", database, sql]
    process.standardOutput = output
    try process.run()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "sqlite3 is needed for this test (scripts/setup installs it)")
    return String(decoding: printed, as: UTF8.self)
  }

  @Test func refusesWhatIsNotAWorkspace() throws {
    try Data("hello".utf8).write(to: folder.appendingPathComponent("text.fpsw"))
    #expect(throws: StoreError.notAWorkspace(path: path("text.fpsw"), reason: "it is not an SQLite database")) {
      try SQLiteWorkspace.open(path("text.fpsw"))
    }
    #expect(throws: StoreError.notAWorkspace(path: folder.path, reason: "it is a directory")) { try SQLiteWorkspace.open(folder.path) }
    #expect(throws: StoreError.missing(path: path("none.fpsw"))) { try SQLiteWorkspace.open(path("none.fpsw")) }
    #expect(!WorkspaceStores.isWorkspace(path("text.fpsw")))
  }

  @Test func aWorkspaceFileIsCreatedOnceAndPrivately() throws {
    let location = path("w.fpsw")
    _ = try SQLiteWorkspace.create(location, owner: "ana")
    let mode = try FileManager.default.attributesOfItem(atPath: location)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(throws: StoreError.alreadyExists(path: location)) { try SQLiteWorkspace.create(location, owner: "bob") }
    #expect(try SQLiteWorkspace.open(location).members() == [Member(user: "ana", role: .owner)])
  }

  /// `workspace new` where something is already: a folder asks for a file name in it, another
  /// file is left alone, neither is offered to `load`.
  @Test func aWorkspaceIsNotCreatedOverAFolderOrAFile() throws {
    let folder = path("exports")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    #expect(throws: StoreError.isFolder(path: folder)) { try SQLiteWorkspace.create(folder) }
    #expect(throws: StoreError.isFolder(path: folder + "/")) { try SQLiteWorkspace.create(folder + "/") }
    #expect(StoreError.isFolder(path: folder).description.contains("`workspace new \(folder)/work.fpsw`"))
    #expect(StoreError.isFolder(path: "/").description.contains("`workspace new /work.fpsw`"))
    let export = path("flow.json")
    try Data("{}".utf8).write(to: URL(fileURLWithPath: export))
    #expect(throws: StoreError.occupied(path: export)) { try SQLiteWorkspace.create(export) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: export)) == Data("{}".utf8))
  }

  /// A new workspace has pages of 16 KiB (its file header says so at bytes 16 and 17, big
  /// endian): documents are stored in fewer pages, and a bulk commit writes faster.
  @Test func aNewWorkspaceHasPagesOf16KiB() throws {
    let location = path("w.fpsw")
    _ = try SQLiteWorkspace.create(location)
    let header = try #require(try FileHandle(forReadingAtPath: location)?.read(upToCount: 18))
    #expect(Int(header[16]) << 8 | Int(header[17]) == 16384)
  }

  @Test func refusesAnotherApplicationsDatabase() throws {
    let other = path("other.db")
    try sqlite3(other, "CREATE TABLE t (a);")
    #expect(throws: StoreError.notAWorkspace(path: other, reason: "it is an SQLite database of another application")) {
      try SQLiteWorkspace.open(other)
    }
  }

  @Test func journalEntriesOfANewerFpsReadBackInTheirOwnWords() throws {
    let store = try SQLiteWorkspace.create(path("w.fpsw"))
    _ = try store.commit(
      CommitRequest(
        message: "m", author: "a", expectedRevision: 0,
        writes: [CommitRequest.VersionWrite(flow: "a", mode: .newFlow) { _, _ in "{}" }]))
    try sqlite3(path("w.fpsw"), "UPDATE commit_changes SET action = 'archived flow'")
    #expect(try store.journal().first?.changes.first?.action.rawValue == "archived flow")
  }

  /// Flow summaries are read from an index, not from the documents (a 2,000-flow workspace
  /// read all of them to list), and the documents are searched for sealed secrets at each open
  /// only when `meta` does not say, at this revision, that none holds any; a workspace of an
  /// earlier fps is given both when it is opened, its record found out from what it holds.
  @Test func versionsAreSummarizedAndSearchedForSealedSecretsWithoutReadingEveryDocument() throws {
    let location = path("w.fpsw")
    let key = WorkspaceKey.generate()
    let store = try WorkspaceStores.create(location, key: key)
    func unsealedAt() throws -> String {
      try sqlite3(location, "SELECT value FROM meta WHERE key = '\(WorkspaceTables.unsealedRecord)'")
    }
    _ = try store.commit(
      CommitRequest(
        message: "m", author: "a", expectedRevision: 0,
        writes: [CommitRequest.VersionWrite(flow: "plain", mode: .newFlow) { _, _ in "{}" }]))
    #expect(try unsealedAt() == "1\n", "nothing sealed at revision 1: opening reads no document")
    try store.commitSealedFlow()
    #expect(try unsealedAt() == "1\n", "left behind by revision 2")

    // As an earlier fps left it: without the index and the record, which opening makes.
    try sqlite3(
      location,
      "DROP INDEX versions_summary; DELETE FROM meta WHERE key = '\(WorkspaceTables.unsealedRecord)'; "
        + "DELETE FROM grdb_migrations WHERE identifier LIKE 'v8:%'")
    _ = try WorkspaceStores.open(location, key: key)
    #expect(try unsealedAt() == "-1\n")
    let summaryPlan = try sqlite3(location, "EXPLAIN QUERY PLAN SELECT number, published_at, source FROM versions WHERE flow_id = 1")
    #expect(summaryPlan.contains("USING COVERING INDEX versions_summary"), "\(summaryPlan)")
    #expect(try WorkspaceStores.open(location, key: WorkspaceKey.generate()).unreadableSecrets() == ["flow sealed@1: 1 secret"])
    #expect(try store.flows().map(\.name) == ["plain", "sealed"])
  }

  /// An undo that puts back a removed flow puts back its sealed secrets: the record that no
  /// document held one no longer holds (found true by the migration, the flow removed before it).
  @Test func anUndoThatPutsBackASealedFlowIsSearchedAtOpen() throws {
    let location = path("w.fpsw")
    let key = WorkspaceKey.generate()
    let store = try WorkspaceStores.create(location, key: key)
    try store.commitSealedFlow()
    _ = try store.commit(CommitRequest(message: "m", author: "a", expectedRevision: 1, writes: [], changes: [.removeFlow("sealed")]))
    try sqlite3(
      location, "DELETE FROM meta WHERE key = '\(WorkspaceTables.unsealedRecord)'; DELETE FROM grdb_migrations WHERE identifier LIKE 'v8:%'"
    )
    let migrated = try WorkspaceStores.open(location, key: key)
    #expect(try WorkspaceStores.open(location, key: WorkspaceKey.generate()).unreadableSecrets().isEmpty)
    _ = try migrated.undo(2, author: "a", expectedRevision: 2)
    #expect(try WorkspaceStores.open(location, key: WorkspaceKey.generate()).unreadableSecrets() == ["flow sealed@1: 1 secret"])
  }

  @Test func damagedConnectionPropertiesAreAnErrorNotAnEmptyConnection() throws {
    let store = try SQLiteWorkspace.create(path("w.fpsw"))
    _ = try store.commit(
      CommitRequest(
        message: "m", author: "a", expectedRevision: 0, writes: [],
        changes: [.addConnection(Connection(name: "k", type: "kafka", properties: ["bootstrap": "b:9092"]), secrets: [:])]))
    try sqlite3(path("w.fpsw"), "UPDATE connections SET properties = '{\"bootstrap\": ' WHERE name = 'k'")
    #expect(throws: StoreError.self) { try store.connections() }
    do {
      _ = try store.snapshot()
      Issue.record("a damaged connection must not read as one without properties")
    } catch {
      #expect("\(error)".hasPrefix("\(path("w.fpsw")): connection 'k' is damaged: its properties do not parse:"))
    }
  }
}
