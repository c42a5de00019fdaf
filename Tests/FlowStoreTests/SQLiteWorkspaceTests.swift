import FlowModel
import FlowStore
import FlowTestSupport
import Foundation
import Testing

@Suite struct SQLiteWorkspaceTests {
  let folder: URL
  init() throws { folder = try Fixtures.temporaryDirectory() }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  /// Runs SQL on a database file with the sqlite3 shell, as another program would.
  func sqlite3(_ database: String, _ sql: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", database, sql]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "sqlite3 is needed for this test (scripts/setup installs it)")
  }

  func write(_ flow: String, _ mode: CommitRequest.VersionWrite.Mode, text: String = "{}") -> CommitRequest.VersionWrite {
    CommitRequest.VersionWrite(flow: flow, mode: mode) { number, _ in "{\"v\":\(number),\"t\":\"\(text)\"}" }
  }

  @Test func commitsVersionsAndJournals() throws {
    let store = try SQLiteWorkspace.create(at: path("w.fpsw"))
    _ = try store.commit(CommitRequest(message: "first", author: "ana", expectedRevision: 0, writes: [write("orders", .newFlow)]))
    let second = try store.commit(
      CommitRequest(message: "second", author: "ana", expectedRevision: 1, writes: [write("orders", .newVersion)]))
    #expect(second.changes == [JournalChange(action: .addedVersion, subject: "orders", version: 2)])
    #expect(try store.version(of: "orders", number: nil).document == #"{"v":2,"t":"{}"}"#)
    #expect(try store.version(of: "orders", number: 1).number == 1)
    #expect(try store.flows().map(\.versionCount) == [2])
    #expect(try store.journal().map(\.message) == ["second", "first"])
    #expect(throws: StoreError.noSuchVersion(flow: "orders", number: 7)) { try store.version(of: "orders", number: 7) }
    #expect(throws: StoreError.noSuchFlow("nope")) { try store.version(of: "nope", number: nil) }
  }

  @Test func aFailingWriteLeavesNothingBehind() throws {
    let store = try SQLiteWorkspace.create(at: path("w.fpsw"))
    let request = CommitRequest(
      message: "m", author: "a", expectedRevision: 0, writes: [write("a", .newFlow), write("b", .newFlow), write("a", .newFlow)])
    #expect(throws: StoreError.flowExists("a")) { try store.commit(request) }
    #expect(try store.flows().isEmpty)
    #expect(try store.journal().isEmpty)
    #expect(try store.revision() == 0)
  }

  @Test func aSecondWriterIsToldTheWorkspaceMovedOn() throws {
    let first = try SQLiteWorkspace.create(at: path("w.fpsw"))
    let second = try SQLiteWorkspace.open(at: path("w.fpsw"))
    let seen = try second.revision()
    _ = try first.commit(CommitRequest(message: "m", author: "a", expectedRevision: try first.revision(), writes: [write("a", .newFlow)]))
    #expect(throws: StoreError.movedOn(path: path("w.fpsw"))) {
      try second.commit(CommitRequest(message: "m", author: "b", expectedRevision: seen, writes: [write("b", .newFlow)]))
    }
    #expect(try second.flows().map(\.name) == ["a"])
  }

  @Test func secretsAreKeptApartFromProperties() throws {
    let store = try SQLiteWorkspace.create(at: path("w.fpsw"))
    try store.addConnection(
      Connection(name: "k", type: "kafka", properties: ["bootstrap": "b:9092"]), secrets: ["password": "s3cret"], author: "a")
    let connection = try #require(try store.connections().first)
    #expect(connection.secretNames == ["password"])
    #expect(connection.properties == ["bootstrap": "b:9092"])
    #expect(throws: StoreError.connectionExists("k")) { try store.addConnection(connection, secrets: [:], author: "a") }
  }

  @Test func membersAndTheRegistryAreJournaled() throws {
    let store = try SQLiteWorkspace.create(at: path("w.fpsw"), owner: "olga")
    #expect(try store.members() == [Member(user: "olga", role: .owner)])
    try store.setMember(Member(user: "vic", role: .viewer), author: "olga")
    try store.setMember(Member(user: "vic", role: .editor), author: "olga")
    #expect(try store.members().map(\.role) == [.owner, .editor])
    try store.removeMember("vic", author: "olga")
    #expect(throws: StoreError.noSuchMember("vic")) { try store.removeMember("vic", author: "olga") }

    let event = RegistryEntry(kind: .event, name: "OrderPlaced", definition: #"{"name":"OrderPlaced"}"#)
    _ = try store.commit(
      CommitRequest(message: "m", author: "olga", expectedRevision: try store.revision(), writes: [], registryWrites: [event]))
    #expect(try store.registry() == [event])
    #expect(throws: StoreError.registryConflict(kind: "event", name: "OrderPlaced")) {
      try store.commit(
        CommitRequest(message: "m", author: "olga", expectedRevision: try store.revision(), writes: [], registryWrites: [event]))
    }
    #expect(try store.journal().first?.changes.map(\.action.rawValue) == ["added event"])
    #expect(try store.journal().map(\.message) == ["m", "member remove vic", "member vic editor", "member vic viewer"])
  }

  @Test func refusesWhatIsNotAWorkspace() throws {
    try Data("hello".utf8).write(to: folder.appendingPathComponent("text.fpsw"))
    #expect(throws: StoreError.notAWorkspace(path: path("text.fpsw"), reason: "it is not an SQLite database")) {
      try SQLiteWorkspace.open(at: path("text.fpsw"))
    }
    #expect(throws: StoreError.notAWorkspace(path: folder.path, reason: "it is a directory")) { try SQLiteWorkspace.open(at: folder.path) }
    #expect(throws: StoreError.missing(path: path("none.fpsw"))) { try SQLiteWorkspace.open(at: path("none.fpsw")) }
    _ = try SQLiteWorkspace.create(at: path("w.fpsw"))
    #expect(throws: StoreError.alreadyExists(path: path("w.fpsw"))) { try SQLiteWorkspace.create(at: path("w.fpsw")) }
  }

  @Test func refusesAnotherApplicationsDatabase() throws {
    let other = path("other.db")
    try sqlite3(other, "CREATE TABLE t (a);")
    #expect(throws: StoreError.notAWorkspace(path: other, reason: "it is an SQLite database of another application")) {
      try SQLiteWorkspace.open(at: other)
    }
  }

  @Test func aReadOnlyWorkspaceCanBeReadButNotWritten() throws {
    _ = try SQLiteWorkspace.create(at: path("w.fpsw"))
    let store = try SQLiteWorkspace.open(at: path("w.fpsw"), readOnly: true)
    #expect(store.isReadOnly)
    #expect(try store.flows().isEmpty)
    #expect(throws: StoreError.readOnly(path: path("w.fpsw"))) {
      try store.commit(CommitRequest(message: "m", author: "a", expectedRevision: 0, writes: [write("a", .newFlow)]))
    }
    #expect(throws: StoreError.readOnly(path: path("w.fpsw"))) {
      try store.addConnection(Connection(name: "k", type: "kafka"), secrets: [:], author: "a")
    }
    #expect(try SQLiteWorkspace.open(at: path("w.fpsw")).journal().isEmpty)
  }

  @Test func journalEntriesOfANewerFpsReadBackInTheirOwnWords() throws {
    let store = try SQLiteWorkspace.create(at: path("w.fpsw"))
    _ = try store.commit(CommitRequest(message: "m", author: "a", expectedRevision: 0, writes: [write("a", .newFlow)]))
    try sqlite3(path("w.fpsw"), "UPDATE commit_changes SET action = 'archived flow'")
    #expect(try store.journal().first?.changes.first?.action.rawValue == "archived flow")
  }
}
