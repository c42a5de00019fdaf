import FlowModel
import FlowTestSupport
import Foundation
import Testing

@testable import FlowStore

/// A kind of store the contract runs against, and how a test gets a fresh location for it.
struct StoreUnderTest: CustomTestStringConvertible, Sendable {
  let name: String
  /// A location no workspace is at yet: a file in the test's folder, a new empty database.
  let location: @Sendable (_ folder: URL, _ name: String) throws -> String

  var testDescription: String { name }

  static let sqlite = StoreUnderTest(name: "SQLite file") { folder, name in folder.appendingPathComponent("\(name).fpsw").path }
  static let postgres = StoreUnderTest(name: "PostgreSQL") { _, _ in try PostgresTestServer.server().database() }

  /// Every store the contract runs against; a new store adds itself here. PostgreSQL joins when
  /// a server could be started (`theContractRunsAgainstPostgreSQL` says why when not).
  static let all = [sqlite] + (PostgresTestServer.isAvailable ? [postgres] : [])
}

/// What every `WorkspaceStore` must do, whatever keeps its data: run once per store kind.
@Suite(.temporaryFolders) struct WorkspaceStoreContractTests {
  let folder: URL
  init() throws { folder = try Fixtures.temporaryDirectory() }

  /// Commits one staged change, as the session does.
  @discardableResult
  func change(_ store: any WorkspaceStore, _ change: WorkspaceChange, by author: String = "a") throws -> CommitRecord {
    try store.commit(
      CommitRequest(message: "\(change.subject)", author: author, expectedRevision: try store.revision(), writes: [], changes: [change]))
  }

  func write(_ flow: String, _ mode: CommitRequest.VersionWrite.Mode, text: String = "{}") -> CommitRequest.VersionWrite {
    CommitRequest.VersionWrite(flow: flow, mode: mode) { number, _ in "{\"v\":\(number),\"t\":\"\(text)\"}" }
  }

  @Test(.enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.unavailable))
  func theContractRunsAgainstPostgreSQL() {
    #expect(StoreUnderTest.all.map(\.name) == ["SQLite file", "PostgreSQL"])
  }

  @Test(arguments: StoreUnderTest.all) func commitsVersionsAndJournals(kind: StoreUnderTest) throws {
    let store = try WorkspaceStores.create(try kind.location(folder, "w"))
    _ = try store.commit(CommitRequest(message: "first", author: "ana", expectedRevision: 0, writes: [write("orders", .newFlow)]))
    let second = try store.commit(
      CommitRequest(message: "second", author: "ana", expectedRevision: 1, writes: [write("orders", .newVersion)]))
    #expect(second.changes == [JournalChange(action: .addedVersion, subject: "orders", version: 2)])
    #expect(try store.version(of: "orders", number: nil).document == #"{"v":2,"t":"{}"}"#)
    #expect(try store.version(of: "orders", number: 1).number == 1)
    #expect(try store.flows().map(\.versionCount) == [2])
    #expect(try store.currentVersions().map(\.number) == [2])
    #expect(try store.journal().map(\.message) == ["second", "first"])
    #expect(throws: StoreError.noSuchVersion(flow: "orders", number: 7)) { try store.version(of: "orders", number: 7) }
    #expect(throws: StoreError.noSuchFlow("nope")) { try store.version(of: "nope", number: nil) }
  }

  /// A commit of more versions than are rendered at once numbers and journals them as one at a
  /// time would: two versions of one flow, and a new flow and its next version, within one
  /// group and across groups; and it says how far it is as it goes.
  @Test(arguments: StoreUnderTest.all) func aLargeCommitIsNumberedInOrderAndReportsProgress(kind: StoreUnderTest) throws {
    let store = try WorkspaceStores.create(try kind.location(folder, "w"))
    _ = try store.commit(CommitRequest(message: "first", author: "a", expectedRevision: 0, writes: [write("f0", .newFlow)]))
    let writes =
      [write("f0", .newVersion, text: "a"), write("f0", .newVersion, text: "b"), write("g", .newFlow), write("g", .newVersion)]
      + (1..<70).map { write("f\($0)", .newFlow) } + [write("f0", .newVersion, text: "c")]
    let progress = Recorder<[Int]>()
    let record = try store.commit(
      CommitRequest(message: "bulk", author: "a", expectedRevision: 1, writes: writes) { done, total in progress.record([done, total]) })
    #expect(
      Array(record.changes.prefix(4)) == [
        JournalChange(action: .addedVersion, subject: "f0", version: 2), JournalChange(action: .addedVersion, subject: "f0", version: 3),
        JournalChange(action: .createdFlow, subject: "g", version: 1), JournalChange(action: .addedVersion, subject: "g", version: 2),
      ])
    #expect(record.changes.last == JournalChange(action: .addedVersion, subject: "f0", version: 4))
    #expect(record.changes.count == writes.count)
    for (number, text) in [(2, "a"), (3, "b"), (4, "c")] {
      #expect(try store.version(of: "f0", number: number).document == #"{"v":\#(number),"t":"\#(text)"}"#)
    }
    #expect(try store.version(of: "g", number: nil).document == #"{"v":2,"t":"{}"}"#)
    #expect(try store.version(of: "f69", number: nil).document == #"{"v":1,"t":"{}"}"#)
    #expect(progress.all.last == [writes.count, writes.count])
    #expect(progress.all.map(\.[0]) == progress.all.map(\.[0]).sorted() && progress.all.count > 1)
  }

  /// Each version keeps the file its import was loaded from; a flow lists, per file, the latest
  /// version imported from it, through a removal and its undo too.
  @Test(arguments: StoreUnderTest.all) func versionsRememberTheFileTheyWereImportedFrom(kind: StoreUnderTest) throws {
    let store = try WorkspaceStores.create(try kind.location(folder, "w"))
    func sourced(_ mode: CommitRequest.VersionWrite.Mode, _ source: String?) -> CommitRequest.VersionWrite {
      CommitRequest.VersionWrite(flow: "orders", mode: mode, source: source) { number, _ in "{\"v\":\(number)}" }
    }
    for (index, write) in [
      sourced(.newFlow, "/e/orders.json"), sourced(.newVersion, "/e/orders.json"), sourced(.newVersion, "/e/fix.json"),
      sourced(.newVersion, nil),
    ].enumerated() {
      _ = try store.commit(CommitRequest(message: "m", author: "a", expectedRevision: index, writes: [write]))
    }
    #expect(try store.flows().map(\.importedFrom) == [["/e/orders.json": 2, "/e/fix.json": 3]])
    let removal = try change(store, .removeFlow("orders"))
    _ = try store.undo(removal.id, author: "a", expectedRevision: try store.revision())
    #expect(try store.flows().map(\.importedFrom) == [["/e/orders.json": 2, "/e/fix.json": 3]])
  }

  @Test(arguments: StoreUnderTest.all) func aFailingWriteLeavesNothingBehind(kind: StoreUnderTest) throws {
    let store = try WorkspaceStores.create(try kind.location(folder, "w"))
    let request = CommitRequest(
      message: "m", author: "a", expectedRevision: 0, writes: [write("a", .newFlow), write("b", .newFlow), write("a", .newFlow)])
    #expect(throws: StoreError.flowExists("a")) { try store.commit(request) }
    #expect(try store.flows().isEmpty)
    #expect(try store.journal().isEmpty)
    #expect(try store.revision() == 0)
  }

  /// Ctrl-C while a commit is written rolls it back: asked after each version written and once
  /// more before the journal ends, the tenth answer yes or the last.
  @Test(arguments: StoreUnderTest.all) func aCommitCancelledWhileWrittenLeavesNothingBehind(kind: StoreUnderTest) throws {
    let store = try WorkspaceStores.create(try kind.location(folder, "w"))
    let location = store.location
    let writes = (0..<30).map { write("f\($0)", .newFlow) }
    for cancelAt in [10, writes.count + 1] {
      let asked = Recorder<Int>()
      let request = CommitRequest(
        message: "m", author: "a", expectedRevision: 0, writes: writes,
        isCancelled: {
          asked.record(1)
          return asked.all.count == cancelAt
        })
      #expect(throws: StoreError.cancelled(path: location)) { try store.commit(request) }
      #expect(asked.all.count == cancelAt)
      #expect(try store.flows().isEmpty)
      #expect(try store.journal().isEmpty)
      #expect(try store.revision() == 0)
    }
  }

  @Test(arguments: StoreUnderTest.all) func aSecondWriterIsToldTheWorkspaceMovedOn(kind: StoreUnderTest) throws {
    let location = try kind.location(folder, "w")
    let first = try WorkspaceStores.create(location)
    let second = try WorkspaceStores.open(location)
    let seen = try second.revision()
    _ = try first.commit(CommitRequest(message: "m", author: "a", expectedRevision: try first.revision(), writes: [write("a", .newFlow)]))
    #expect(throws: StoreError.movedOn(path: location)) {
      try second.commit(CommitRequest(message: "m", author: "b", expectedRevision: seen, writes: [write("b", .newFlow)]))
    }
    #expect(try second.flows().map(\.name) == ["a"])
  }

  @Test(arguments: StoreUnderTest.all) func secretsAreKeptApartFromProperties(kind: StoreUnderTest) throws {
    let store = try WorkspaceStores.create(try kind.location(folder, "w"), key: .generate())
    try change(
      store, .addConnection(Connection(name: "k", type: "kafka", properties: ["bootstrap": "b:9092"]), secrets: ["password": "s3cret"]))
    let connection = try #require(try store.connections().first)
    #expect(connection.secretNames == ["password"])
    #expect(connection.properties == ["bootstrap": "b:9092"])
    #expect(try store.secrets(ofConnection: "k") == ["password": "s3cret"])
    #expect(throws: StoreError.connectionExists("k")) { try change(store, .addConnection(connection, secrets: [:])) }
  }

  /// A new workspace of `kind` with a key and connection `k` holding a secret.
  func sealedStore(_ kind: StoreUnderTest) throws -> (String, WorkspaceKey, any WorkspaceStore, Sealer) {
    let location = try kind.location(folder, "w")
    let key = WorkspaceKey.generate()
    let store = try WorkspaceStores.create(location, key: key)
    try change(store, .addConnection(Connection(name: "k", type: "kafka"), secrets: ["password": "s3cret-canary"]))
    return (location, key, store, try #require(store.sealer))
  }

  @Test(arguments: StoreUnderTest.all) func aFlowIsLookedUpByItsName(kind: StoreUnderTest) throws {
    let store = try WorkspaceStores.create(try kind.location(folder, "w"))
    _ = try store.commit(CommitRequest(message: "m", author: "a", expectedRevision: 0, writes: [write("orders", .newFlow)]))
    #expect(try store.hasFlow(named: "orders"))
    #expect(try !store.hasFlow(named: "Orders"))
    #expect(try !store.hasFlow(named: "orders@1"))
  }

  @Test(arguments: StoreUnderTest.all) func secretsAreSealedAndReadOnlyWithTheirKey(kind: StoreUnderTest) throws {
    let (location, key, store, sealer) = try sealedStore(kind)
    let secret = "doc-canary \"quoted\""
    let document = #"{"v":"\#(sealer.seal(secret))"}"#
    _ = try store.commit(
      CommitRequest(
        message: "m", author: "a", expectedRevision: try store.revision(),
        writes: [CommitRequest.VersionWrite(flow: "f", mode: .newFlow) { _, _ in document }]))
    #expect(try store.version(of: "f", number: nil).document == #"{"v":"doc-canary \"quoted\""}"#, "opened in place, JSON-escaped")
    #expect(try store.unreadableSecrets().isEmpty)

    // Without the key (or with another), flows still read and the store says what it cannot.
    for other in [nil, WorkspaceKey.generate()] {
      let reopened = try WorkspaceStores.open(location, key: other)
      #expect(try reopened.version(of: "f", number: nil).document == #"{"v":"\#(SealedSecret.unreadable)"}"#)
      #expect(try reopened.unreadableSecrets() == ["connection k: secret 'password'", "flow f@1: 1 secret"])
      #expect(throws: StoreError.self) { try reopened.secrets(ofConnection: "k") }
      if other == nil {
        #expect(throws: StoreError.noKey(path: location)) {
          try change(reopened, .addConnection(Connection(name: "j", type: "x"), secrets: ["p": "v"]))
        }
      }
    }

    // Rekey: the new key reads everything once the old one is given.
    let newKey = WorkspaceKey.generate()
    let rekeyed = try WorkspaceStores.open(location, key: newKey)
    #expect(throws: StoreError.self) { try rekeyed.rekey(from: nil, author: "a") }
    #expect(try rekeyed.rekey(from: key, author: "a") == 2)
    #expect(try rekeyed.unreadableSecrets().isEmpty)
    #expect(try rekeyed.secrets(ofConnection: "k") == ["password": "s3cret-canary"])
    #expect(try WorkspaceStores.open(location, key: key).unreadableSecrets().count == 2, "the old key reads nothing now")
  }

  @Test(arguments: StoreUnderTest.all) func rekeyResealsWhatUndoPutsBack(kind: StoreUnderTest) throws {
    let (location, key, store, sealer) = try sealedStore(kind)
    let document = #"{"v":"\#(sealer.seal("doc-canary"))","n":"\#(sealer.sealNumber("42.50"))"}"#
    _ = try store.commit(
      CommitRequest(
        message: "m", author: "a", expectedRevision: try store.revision(),
        writes: [CommitRequest.VersionWrite(flow: "f", mode: .newFlow) { _, _ in document }]))
    let removal = try store.commit(
      CommitRequest(
        message: "remove", author: "a", expectedRevision: try store.revision(), writes: [],
        changes: [.removeConnection("k"), .removeFlow("f")]))

    let rekeyed = try WorkspaceStores.open(location, key: .generate())
    #expect(try rekeyed.rekey(from: key, author: "a") == 3, "the removed connection's secret and flow's secrets")
    _ = try rekeyed.undo(removal.id, author: "a", expectedRevision: try rekeyed.revision())
    #expect(try rekeyed.secrets(ofConnection: "k") == ["password": "s3cret-canary"])
    #expect(try rekeyed.version(of: "f", number: nil).document == #"{"v":"doc-canary","n":42.50}"#, "a number stays one")
    #expect(try rekeyed.unreadableSecrets().isEmpty)
  }

  @Test func theKeyFileIsMadePrivateOnFirstUseAndReadAfter() throws {
    let environment = ["XDG_CONFIG_HOME": folder.appendingPathComponent("config").path]
    let first = try #require(try WorkspaceKey.resolve(environment: environment))
    let path = try #require(WorkspaceKey.filePath(environment: environment))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(try WorkspaceKey.resolve(environment: environment)?.id == first.id)
    #expect(try WorkspaceKey.resolve(environment: ["FLOWPORT_KEY": first.text])?.id == first.id)
    #expect(try WorkspaceKey.resolve(environment: [:]) == nil)
  }

  /// A key's id is written beside every secret it seals: the same key keeps its id across
  /// releases, and its text reads back with the space and line ends around it.
  @Test func aKeysIdAndTextStayAsWritten() throws {
    let key = WorkspaceKey(bytes: Array(0..<32))
    #expect(key.id == "bddb15442c7fe3c0", "the first eight bytes of SHA-256 of \"flowport key id\" and the key, in hex")
    #expect(WorkspaceKey(text: " \(key.text)\r\n").id == key.id)
    let path = folder.appendingPathComponent("key").path
    try Data((key.text + "\n").utf8).write(to: URL(fileURLWithPath: path))
    #expect(try WorkspaceKey.fromFile(path).id == key.id)
    #expect(WorkspaceKey(text: "a passphrase").id != key.id)
  }

  /// A secret sealed in place, in a value or a stored document's text, opens where it stands,
  /// also before text that reads as base64 (`/orders`, `=x`), and without the key that text
  /// stays; sealed whole around it, it opens whole; a sealed number stays one. Re-sealed with
  /// another key, it stays sealed in place.
  @Test func aSecretSealedInPlaceOpensWhereItStands() throws {
    let sealer = Sealer(key: WorkspaceKey(bytes: Array(0..<32)))
    for tail in ["", "/orders", "=x", "+1/2", "A", "."] {
      let value = "https://a/" + sealer.sealInPlace("eyJ0b2tlbiJ9.c2ln") + tail
      #expect(sealer.opening(value) == "https://a/eyJ0b2tlbiJ9.c2ln\(tail)")
      #expect(sealer.opening(sealer.sealingWhole(value)) == "https://a/eyJ0b2tlbiJ9.c2ln\(tail)")
      let document = #"{"url":"\#(value)"}"#
      #expect(sealer.openAll(in: document) == (#"{"url":"https://a/eyJ0b2tlbiJ9.c2ln\#(tail)"}"#, 0))
      let other = Sealer(key: WorkspaceKey(bytes: Array(1..<33)), alsoOpening: [sealer.key])
      let resealed = try other.resealAll(in: document)
      #expect(resealed.count == 1 && other.openAll(in: resealed.text).text == #"{"url":"https://a/eyJ0b2tlbiJ9.c2ln\#(tail)"}"#)
      let keyless = Sealer(key: WorkspaceKey(bytes: Array(2..<34)))
      #expect(keyless.openAll(in: document).text == #"{"url":"https://a/\#(SealedSecret.unreadable)\#(tail)"}"#)
    }
    #expect(sealer.opening(sealer.sealInPlace("ab") + sealer.sealInPlace("cd")) == "abcd", "two side by side open as two")
    let number = sealer.sealNumber("4711")
    #expect(sealer.sealingWhole(number) == number)
    #expect(sealer.openAll(in: #"{"pin":"\#(number)"}"#) == (#"{"pin":4711}"#, 0))
  }

  @Test func aKeyFileThatCannotBeReadOrHoldsNoKeyIsAnErrorNamingItNotAMissingKey() throws {
    let config = folder.appendingPathComponent("config")
    let environment = ["XDG_CONFIG_HOME": config.path]
    let path = try #require(WorkspaceKey.filePath(environment: environment))
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    // The session's own key file may be replaced by FLOWPORT_KEY, and the message says so; a
    // file named to `rekey --from` may not.
    #expect(throws: StoreError.keyFile(path: path, reason: "it cannot be read (Is a directory) (or set FLOWPORT_KEY)")) {
      try WorkspaceKey.resolve(environment: environment)
    }
    #expect(throws: StoreError.keyFile(path: path, reason: "it cannot be read (Is a directory)")) { try WorkspaceKey.fromFile(path) }
    try FileManager.default.removeItem(atPath: path)
    for malformed in [Data("not a key\n".utf8), Data([0xFF, 0xFE, 0x00])] {
      try malformed.write(to: URL(fileURLWithPath: path))
      #expect(throws: StoreError.keyFile(path: path, reason: "it does not hold a key (32 bytes in base64) (or set FLOWPORT_KEY)")) {
        try WorkspaceKey.resolve(environment: environment)
      }
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == malformed, "never replaced by a new key")
    }
  }

  @Test(arguments: StoreUnderTest.all) func aSnapshotIsEveryPartAtOneRevision(kind: StoreUnderTest) throws {
    let store = try WorkspaceStores.create(try kind.location(folder, "w"))
    try change(store, .addConnection(Connection(name: "k", type: "kafka"), secrets: [:]))
    let event = RegistryEntry(kind: .event, name: "OrderPlaced", definition: #"{"name":"OrderPlaced"}"#)
    _ = try store.commit(
      CommitRequest(
        message: "m", author: "a", expectedRevision: try store.revision(), writes: [write("orders", .newFlow)], registryWrites: [event]))
    let snapshot = try store.snapshot()
    #expect(snapshot.revision == 2)
    #expect(snapshot.flows.map(\.name) == ["orders"])
    #expect(snapshot.connections.map(\.name) == ["k"])
    #expect(snapshot.registry == [event])
  }

  @Test(arguments: StoreUnderTest.all) func membersAndTheRegistryAreJournaled(kind: StoreUnderTest) throws {
    let store = try WorkspaceStores.create(try kind.location(folder, "w"), owner: "olga")
    #expect(try store.members() == [Member(user: "olga", role: .owner)])
    try change(store, .setMember(Member(user: "vic", role: .viewer)), by: "olga")
    try change(store, .setMember(Member(user: "vic", role: .editor)), by: "olga")
    #expect(try store.members().map(\.role) == [.owner, .editor])
    try change(store, .removeMember("vic"), by: "olga")
    #expect(throws: StoreError.noSuchMember("vic")) { try change(store, .removeMember("vic"), by: "olga") }

    let event = RegistryEntry(kind: .event, name: "OrderPlaced", definition: #"{"name":"OrderPlaced"}"#)
    _ = try store.commit(
      CommitRequest(message: "m", author: "olga", expectedRevision: try store.revision(), writes: [], registryWrites: [event]))
    #expect(try store.registry() == [event])
    #expect(throws: StoreError.registryConflict(kind: "event", name: "OrderPlaced")) {
      try store.commit(
        CommitRequest(message: "m", author: "olga", expectedRevision: try store.revision(), writes: [], registryWrites: [event]))
    }
    #expect(try store.journal().first?.changes.map(\.action.rawValue) == ["added event"])
    #expect(try store.journal().map(\.message) == ["m", "vic", "vic", "vic"])
  }

  @Test(arguments: StoreUnderTest.all) func aWorkspaceIsCreatedOnceAndOpenedAfter(kind: StoreUnderTest) throws {
    let location = try kind.location(folder, "w")
    #expect(!WorkspaceStores.isWorkspace(location))
    #expect(throws: StoreError.self) { try WorkspaceStores.open(location) }
    _ = try WorkspaceStores.create(location)
    #expect(WorkspaceStores.isWorkspace(location))
    #expect(throws: StoreError.alreadyExists(path: location)) { try WorkspaceStores.create(location) }
    #expect(try WorkspaceStores.open(location).location == location)
  }

  @Test(arguments: StoreUnderTest.all) func aWorkspaceReopensUnderTheNameItWasCreatedWith(kind: StoreUnderTest) throws {
    let named = try kind.location(folder, "named")
    #expect(try WorkspaceStores.create(named, name: "prod").name == "prod")
    #expect(try WorkspaceStores.open(named).name == "prod")
    #expect(try WorkspaceStores.open(named, readOnly: true).name == "prod")
    let plain = try kind.location(folder, "plain")
    _ = try WorkspaceStores.create(plain)
    #expect(try WorkspaceStores.open(plain).name == nil)
  }

  @Test(arguments: StoreUnderTest.all) func aReadOnlyWorkspaceCanBeReadButNotWritten(kind: StoreUnderTest) throws {
    let location = try kind.location(folder, "w")
    _ = try WorkspaceStores.create(location)
    let store = try WorkspaceStores.open(location, readOnly: true)
    #expect(store.isReadOnly)
    #expect(try store.flows().isEmpty)
    #expect(throws: StoreError.readOnly(path: location)) {
      try store.commit(CommitRequest(message: "m", author: "a", expectedRevision: 0, writes: [write("a", .newFlow)]))
    }
    #expect(throws: StoreError.readOnly(path: location)) {
      try change(store, .addConnection(Connection(name: "k", type: "kafka"), secrets: [:]))
    }
    #expect(try WorkspaceStores.open(location).journal().isEmpty)
  }

  @Test(arguments: StoreUnderTest.all) func undoTakesBackEachKindOfChange(kind: StoreUnderTest) throws {
    let store = try WorkspaceStores.create(try kind.location(folder, "w"), owner: "olga", key: .generate())
    let event = RegistryEntry(kind: .event, name: "OrderPlaced", definition: "{}")
    // #1: a flow, a connection, an event, a member.
    _ = try store.commit(
      CommitRequest(
        message: "first", author: "olga", expectedRevision: try store.revision(), writes: [write("orders", .newFlow)],
        registryWrites: [event],
        changes: [
          .addConnection(Connection(name: "k", type: "kafka", properties: ["host": "a"]), secrets: ["password": "one"]),
          .setMember(Member(user: "vic", role: .viewer)),
        ]))
    // #2: a version, a changed connection, a changed member.
    _ = try store.commit(
      CommitRequest(
        message: "second", author: "olga", expectedRevision: try store.revision(), writes: [write("orders", .newVersion)],
        changes: [
          .setConnection(name: "k", properties: ["host": "b"], secrets: ["password": "two"]),
          .setMember(Member(user: "vic", role: .editor)),
        ]))
    // #3: the connection and the flow removed.
    _ = try store.commit(
      CommitRequest(
        message: "third", author: "olga", expectedRevision: try store.revision(), writes: [],
        changes: [.removeConnection("k"), .removeFlow("orders")]))
    #expect(try store.flows().isEmpty && store.connections().isEmpty)

    #expect(throws: StoreError.undoBlocked(commit: 1, by: [2, 3])) {
      try store.undo(1, author: "olga", expectedRevision: try store.revision())
    }
    #expect(try store.undoPlan(of: 1).blockedBy == [2, 3])

    let third = try store.undo(3, author: "olga", expectedRevision: try store.revision())
    #expect(third.undoes == 3)
    #expect(try store.flows().map(\.currentVersion) == [2])
    #expect(try store.connections().map(\.properties) == [["host": "b"]])
    #expect(try store.secrets(ofConnection: "k") == ["password": "two"])

    _ = try store.undo(2, author: "olga", expectedRevision: try store.revision())
    #expect(try store.flows().map(\.currentVersion) == [1])
    #expect(try store.version(of: "orders", number: nil).document == #"{"v":1,"t":"{}"}"#)
    #expect(try store.connections().map(\.properties) == [["host": "a"]])
    #expect(try store.secrets(ofConnection: "k") == ["password": "one"])
    #expect(try store.members().first { $0.user == "vic" }?.role == .viewer)

    _ = try store.undo(1, author: "olga", expectedRevision: try store.revision())
    #expect(try store.flows().isEmpty && store.connections().isEmpty && store.registry().isEmpty)
    #expect(try store.members() == [Member(user: "olga", role: .owner)])

    let journal = try store.journal()
    #expect(journal.map(\.message).prefix(3) == ["undo #1: first", "undo #2: second", "undo #3: third"])
    #expect(journal.first { $0.id == 1 }?.undoneBy == 6)
    #expect(throws: StoreError.alreadyUndone(commit: 1, by: 6)) {
      try store.undo(1, author: "olga", expectedRevision: try store.revision())
    }
    #expect(throws: StoreError.undoOfAnUndo(commit: 6, undoes: 1)) { try store.undoPlan(of: 6) }
    #expect(throws: StoreError.noSuchCommit(42)) { try store.undoPlan(of: 42) }
  }
}
