import FlowModel
import FlowTestSupport
import Foundation
import Testing

@testable import FlowStore

/// What only the PostgreSQL store does: connection settings, the server's errors, sessions
/// committing at once. Everything every store does is in `WorkspaceStoreContractTests`.
@Suite struct PostgresWorkspaceTests {
  @Test func settingsComeFromTheURLThenTheEnvironmentThenThePasswordFile() throws {
    let full = try PostgresSettings("postgres://ana:s%3Acret@db.internal:6543/prod?sslmode=require", environment: ["PGPASSWORD": "env"])
    #expect(full.host == "db.internal" && full.port == 6543 && full.user == "ana" && full.database == "prod")
    #expect(full.password == "s:cret" && full.tls == .require)
    #expect(full.redacted == "postgres://ana@db.internal:6543/prod?sslmode=require")
    let ipv6 = try PostgresSettings("postgres://ana@[::1]:5433/prod", environment: [:])
    #expect(ipv6.host == "::1" && ipv6.port == 5433 && ipv6.database == "prod")

    let environment = ["PGHOST": "h", "PGPORT": "7000", "PGUSER": "ci", "PGDATABASE": "stage", "PGPASSWORD": "pw", "PGSSLMODE": "disable"]
    let bare = try PostgresSettings("postgresql://", environment: environment)
    #expect([bare.host, "\(bare.port)", bare.user, bare.database, bare.password] == ["h", "7000", "ci", "stage", "pw"])
    #expect(bare.tls == .disable)

    let file = """
      # host:port:database:user:password
      other:*:*:*:no
      db.internal:5432:prod:ci:from\\:file
      """
    #expect(PostgresSettings.password(in: file, host: "db.internal", port: 5432, database: "prod", user: "ci") == "from:file")
    #expect(PostgresSettings.password(in: file, host: "db.internal", port: 5432, database: "test", user: "ci") == nil)
    #expect(throws: StoreError.self) { try PostgresSettings("postgres://h/db?sslmode=sometimes", environment: [:]) }
    #expect(PostgresSettings.redacting("postgres://ana:se cret@h/db") == "postgres://ana@h/db")
    // A line run again from the shell's history, which keeps the password as `***`.
    #expect(throws: StoreError.passwordFromHistory(location: "postgres://ana@h/db")) {
      try PostgresSettings("postgres://ana:***@h/db", environment: [:])
    }
  }

  @Test(.enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.unavailable))
  func errorsNameTheURLWithoutThePassword() throws {
    let server = try PostgresTestServer.server()
    let user = PostgresTestServer.passwordUser
    let wrong = server.url(database: "postgres", user: user, password: "wrong-password")
    let shown = server.url(database: "postgres", user: user)
    #expect(throws: StoreError.loginRefused(location: shown, reason: #"password authentication failed for user "fps_password""#)) {
      try WorkspaceStores.open(wrong)
    }
    #expect(
      throws: StoreError.notAWorkspace(
        path: shown, reason: "the database has no FlowPort schema (create one with `workspace new \(shown)`)")
    ) {
      try WorkspaceStores.open(server.url(database: "postgres", user: user, password: "right-password"))
    }
    // Port 1 on loopback: nothing listens there.
    let nowhere = "postgres://ana:pw@127.0.0.1:1/prod"
    do {
      _ = try WorkspaceStores.open(nowhere)
      Issue.record("opened a workspace where no server runs")
    } catch {
      guard case .unreachable(let location, _) = error else { throw error }
      #expect(location == "postgres://ana@127.0.0.1:1/prod")
      #expect(!error.description.contains("pw"))
    }
  }

  /// Two sessions commit as fast as they can, each planning against the revision it last saw:
  /// every commit is either all there or refused as the workspace having moved on.
  @Test(.enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.unavailable))
  func sessionsCommittingAtOnceNeverLoseAnUpdate() throws {
    let location = try PostgresTestServer.server().database()
    _ = try WorkspaceStores.create(location)
    let outcomes = Outcomes()
    DispatchQueue.concurrentPerform(iterations: 2) { session in
      guard let store = try? WorkspaceStores.open(location) else { return outcomes.record("cannot open") }
      for index in 0..<50 {
        do {
          let request = CommitRequest(
            message: "s\(session) #\(index)", author: "s\(session)", expectedRevision: try store.revision(),
            writes: [CommitRequest.VersionWrite(flow: "s\(session)-\(index)", mode: .newFlow) { _, _ in "{}" }])
          _ = try store.commit(request)
          outcomes.record("committed")
        } catch StoreError.movedOn {
          outcomes.record("refused")
        } catch {
          outcomes.record("\(error)")
        }
      }
    }
    let counts = outcomes.counts()
    #expect(counts.keys.sorted().allSatisfy { ["committed", "refused"].contains($0) }, "\(counts)")
    let store = try WorkspaceStores.open(location)
    #expect(try store.flows().count == counts["committed"])
    #expect(try store.journal().count == counts["committed"])
    #expect(try store.revision() == counts["committed"])
    #expect((counts["committed"] ?? 0) + (counts["refused"] ?? 0) == 100)
  }

  /// `workspace new` makes the viewer, editor and owner roles; a login granted one can do what
  /// it allows and the server refuses the rest, whatever author the session claims.
  /// A workspace an earlier fps made has no record that its documents hold no sealed secret:
  /// its first writer finds it out, so later opens do not search every document.
  @Test(.enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.unavailable))
  func anEarlierWorkspaceIsGivenItsUnsealedRecordOnce() throws {
    let server = try PostgresTestServer.server()
    let location = try server.database()
    let database = String(location.split(separator: "/").last ?? "")
    let key = WorkspaceKey.generate()
    let sealed = try WorkspaceStores.create(location, key: key).commitSealedFlow()
    let record = "SELECT count(*), max(value) FROM flowport.meta WHERE key = '\(WorkspaceTables.unsealedRecord)'"
    for (document, found) in [(sealed, "1|-1"), ("{}", "1|1")] {
      try server.sql(
        "UPDATE flowport.versions SET document = '\(document)'; DELETE FROM flowport.meta WHERE key = '\(WorkspaceTables.unsealedRecord)'",
        database: database)
      _ = try WorkspaceStores.open(location, readOnly: true, key: key)
      #expect(try server.sql(record, database: database).trimmingCharacters(in: .whitespacesAndNewlines) == "0|")
      _ = try WorkspaceStores.open(location, key: key)
      #expect(try server.sql(record, database: database).trimmingCharacters(in: .whitespacesAndNewlines) == found)
    }
  }

  @Test(.enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.unavailable))
  func theServerEnforcesTheRolesWorkspaceNewMakes() throws {
    let server = try PostgresTestServer.server()
    let location = try server.database()
    let database = String(location.split(separator: "/").last ?? "")
    _ = try WorkspaceStores.create(location, owner: "olga")
    let (viewer, editor) = ("vic_\(database)", "ed_\(database)")
    for (login, role) in [(viewer, "viewer"), (editor, "editor")] {
      try server.role(login)
      try server.sql("GRANT flowport_\(database)_\(role) TO \(login)")
    }
    let commit = CommitRequest(
      message: "m", author: "olga", expectedRevision: 0,
      writes: [CommitRequest.VersionWrite(flow: "orders", mode: .newFlow) { _, _ in "{}" }])

    let asViewer = try WorkspaceStores.open(server.url(database: database, user: viewer))
    #expect(asViewer.isReadOnly)
    #expect(try asViewer.flows().isEmpty)
    #expect(throws: StoreError.readOnly(path: asViewer.location)) { try asViewer.commit(commit) }
    #expect(throws: (any Error).self, "the server itself refuses a viewer's write") {
      try server.sql("SET ROLE \(viewer); INSERT INTO flowport.settings (key, value) VALUES ('x', 'y')", database: database)
    }

    let asEditor = try WorkspaceStores.open(server.url(database: database, user: editor))
    #expect(!asEditor.isReadOnly)
    #expect(try asEditor.commit(commit).author == editor, "the login is the author, not the session's user")
    #expect(try asEditor.journal().map(\.author) == [editor])
    let makeOwner = CommitRequest(
      message: "m", author: "olga", expectedRevision: 1, writes: [], changes: [.setMember(Member(user: editor, role: .owner))])
    do {
      _ = try asEditor.commit(makeOwner)
      Issue.record("an editor changed the members")
    } catch {
      guard case .notPermitted(_, let user, _) = error else { throw error }
      #expect(user == editor)
    }
    #expect(try asEditor.members() == [Member(user: "olga", role: .owner)])
  }
}

/// What each commit came to, from several threads.
private final class Outcomes: @unchecked Sendable {
  private let lock = NSLock()
  private var all: [String: Int] = [:]

  func record(_ outcome: String) { lock.withLock { all[outcome, default: 0] += 1 } }
  func counts() -> [String: Int] { lock.withLock { all } }
}
