import FlowModel
import FlowStore
import FlowTestSupport
import Foundation
import Testing

/// `WorkspaceStores.copy`: a whole workspace, journal included, from a file into PostgreSQL and
/// back, reading the same and going on where it left off.
@Suite(.temporaryFolders) struct WorkspaceCopyTests {
  @Test(.enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.unavailable))
  func aWorkspaceCopiesToPostgreSQLAndBackWithItsJournal() throws {
    let folder = try Fixtures.temporaryDirectory()
    let key = WorkspaceKey.generate()
    let file = folder.appendingPathComponent("prod.fpsw").path
    let original = try WorkspaceStores.create(file, owner: "olga", name: "prod", key: key)
    let write = { (flow: String, mode: CommitRequest.VersionWrite.Mode) in
      CommitRequest.VersionWrite(flow: flow, mode: mode) { number, _ in #"{"v":\#(number)}"# }
    }
    _ = try original.commit(
      CommitRequest(
        message: "first", author: "olga", expectedRevision: 0, writes: [write("orders", .newFlow), write("billing", .newFlow)],
        registryWrites: [RegistryEntry(kind: .event, name: "OrderPlaced", definition: "{}")],
        changes: [
          .addConnection(Connection(name: "k", type: "kafka", properties: ["host": "a"]), secrets: ["password": "s3cret"]),
          .setMember(Member(user: "vic", role: .viewer)),
        ],
        remembered: [RememberedBinding(type: "kafka", key: "k-test", name: "k-test", connection: "k")],
        kept: [KeptValue(flow: "orders", nodeType: "webhook", nodeName: "in", path: "path", value: "/prod", create: false)]))
    // The second version holds a sealed secret: a copy must say so to a reader without the key.
    let sealed = try #require(original.sealer).seal("s3cret")
    let sealedVersion = CommitRequest.VersionWrite(flow: "orders", mode: .newVersion) { _, _ in #"{"v":"\#(sealed)"}"# }
    _ = try original.commit(
      CommitRequest(
        message: "second", author: "ana", expectedRevision: 1, writes: [sealedVersion],
        changes: [.setConnection(name: "k", properties: ["host": "b"], secrets: [:]), .removeFlow("billing")]))

    let database = try PostgresTestServer.server().database()
    let (source, inPostgres) = try WorkspaceStores.copy(from: file, to: database, key: key)
    #expect(source == file)
    let backFile = folder.appendingPathComponent("back.fpsw").path
    try WorkspaceStores.copy(from: database, to: backFile, key: key)
    let back = try WorkspaceStores.open(backFile, key: key)

    for location in [database, backFile] {
      #expect(try WorkspaceStores.open(location, key: WorkspaceKey.generate()).unreadableSecrets().contains("flow orders@2: 1 secret"))
    }
    for copy in [inPostgres, back] {
      #expect(copy.name == "prod")
      #expect(try copy.journal() == original.journal())
      #expect(try copy.versions(of: "orders") == original.versions(of: "orders"))
      #expect(try copy.flows().map(\.name) == ["orders"])
      #expect(try copy.connections() == original.connections())
      #expect(try copy.secrets(ofConnection: "k") == ["password": "s3cret"])
      #expect(try copy.members() == original.members())
      #expect(try copy.registry() == original.registry())
      let (snapshot, expected) = (try copy.snapshot(), try original.snapshot())
      #expect(snapshot.revision == expected.revision)
      #expect(snapshot.remembered == expected.remembered && snapshot.kept == expected.kept)

      // It goes on where it left off: undo brings back what the copy's journal says.
      let undo = try copy.undo(2, author: "olga", expectedRevision: try copy.revision())
      #expect(undo.id == 3)
      #expect(try copy.flows().map(\.name) == ["billing", "orders"])
      #expect(try copy.connections().map(\.properties) == [["host": "a"]])
    }
    #expect(throws: StoreError.alreadyExists(path: backFile)) { try WorkspaceStores.copy(from: file, to: backFile, key: key) }
  }
}
