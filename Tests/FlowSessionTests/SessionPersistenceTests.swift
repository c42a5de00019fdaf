import FlowTestSupport
import Foundation
import Testing

@testable import FlowSession

/// The session kept on disk as it changes, and brought back by another session.
@Suite(.temporaryFolders) struct SessionPersistenceTests {
  @Test func bindingsRenamesAndStagedChangesComeBack() throws {
    let first = try SessionHarness()
    let folder = first.path("sessions")
    first.session.keeper = SessionKeeper(folder: folder)
    try first.run(
      "workspace new ${dir}/prod.fpsw as prod", "connection add kafka-prod --type kafka --prop host=k:9092 --secret password=pw",
      "connection add finance-db-prod --type jdbc", "commit --yes", "connection add extra --type http --secret token=t",
      "load ${examples}/orders-v1.json into prod", "match kafka-test kafka-prod", "rename orders 'Big orders' 'Large orders'",
      "set region eu")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(files.sorted() == ["\(getpid()).json", "\(getpid()).lock"], "the record, and the lock held while this shell runs")
    let data = try #require(FileManager.default.contents(atPath: "\(folder)/\(getpid()).json"))
    #expect(!String(decoding: data, as: UTF8.self).contains("\"t\""), "no secret value is kept on disk")
    let record = try JSONDecoder().decode(SessionRecord.self, from: data)
    #expect(record.pendingImports == 1 && record.bindings == 1)
    #expect(record.workSummary == "1 pending import with 1 binding, 1 staged change", "what the next shell offers back")

    let second = try SessionHarness(in: first.folder)
    second.session.restore(record)
    let status = try second.output(of: "status").standardOutput
    #expect(status.contains("  add connection extra (http), secrets token\n"))
    #expect(status.contains("  error: connection extra was restored without its secret token (never kept on disk)"))
    #expect(status.contains("  orders: new flow, 1/2 references matched"))
    #expect(try second.output(of: "show orders").standardOutput.contains("\n  Large orders (filter)\n"))
    #expect(try second.output(of: "echo ${region}").standardOutput == "eu\n")
    #expect(second.session.prompt == "fps prod (1 pending)> ")
    #expect(second.session.record(processID: 0).changes?.first?.secretNames == ["token"], "a second restore still knows")

    try second.run("discard orders")
    #expect(
      second.failure("commit --yes")
        == "1 problem blocks the commit to prod; nothing was written:\n"
        + "  - connection extra was restored without its secret token (never kept on disk): "
        + "`connection set extra --secret token` gives it again")
    try second.run("connection set extra --secret token=t2", "commit --yes")
    #expect(
      try second.output(of: "connection add extra --type http --secret token=t2").standardOutput
        == "no change: extra (http) exists in prod as given\n", "stored with the secret given again")
  }

  /// A binding taken away by hand stays away when the session comes back, though the workspace
  /// remembers it from an earlier commit and would bind it again; `match --auto` binds it.
  @Test func aReferenceUnboundByHandStaysUnboundOnRestore() throws {
    let first = try SessionHarness()
    first.session.keeper = SessionKeeper(folder: first.path("sessions"))
    try first.prepareProd()
    try first.run("load ${examples}/orders-v1.json into prod", "match --auto", "match finance-db-test finance-db-prod", "commit --yes")
    try first.run("load ${examples}/orders-v2.json into prod --on-conflict version")
    #expect(try first.output(of: "status").standardOutput.contains("2/2 references matched"), "remembered from the commit")
    try first.run("match --unbind kafka-test")
    let record = first.session.record(processID: 0)
    #expect(record.imports.first?.unbound == ["kafka-test"])

    let second = try SessionHarness(in: first.folder)
    second.session.restore(record)
    #expect(try second.output(of: "status").standardOutput.contains("1/2 references matched"))
    try second.run("match --auto")
    #expect(try second.output(of: "status").standardOutput.contains("2/2 references matched"))
    #expect(second.session.record(processID: 0).imports.first?.unbound == nil)
  }

  /// A shell that ends with nothing pending (its work committed) removes its record and its
  /// lock; a lock that guards no record and that no shell holds (left by an older fps) is swept
  /// away.
  @Test func nothingIsLeftOfASessionWithNothingPending() throws {
    let harness = try SessionHarness()
    let folder = harness.path("sessions")
    harness.session.keeper = SessionKeeper(folder: folder)
    try harness.run("workspace new ${dir}/prod.fpsw as prod", "connection add k --type http")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["\(getpid()).json", "\(getpid()).lock"])
    try harness.run("commit --yes")
    harness.session.leave()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    #expect(FileManager.default.createFile(atPath: "\(folder)/99999999.lock", contents: nil))
    // A shell killed with a workspace open and nothing staged left a record with no work in it.
    var idle = harness.session.record(processID: 99_999_998)
    idle.savedAt = "2026-12-01T00:00:00Z"
    #expect(!idle.holdsWork)
    #expect(FileManager.default.createFile(atPath: "\(folder)/99999998.json", contents: try JSONEncoder().encode(idle)))
    #expect(SessionKeeper(folder: folder).abandoned(includingDeclined: true) == nil)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }

  /// An import loaded from a pipe (`load <(git show …)`) cannot be read again: the restore says
  /// so, rather than wait for a writer long gone.
  @Test func anImportReadFromAPipeIsNotWaitedFor() throws {
    let first = try SessionHarness()
    try first.run("workspace new ${dir}/prod.fpsw as prod")
    let fifo = first.path("orders.fifo")
    #expect(mkfifo(fifo, 0o600) == 0)
    let bytes = try Data(contentsOf: Corpus.examples.appendingPathComponent("orders-v1.json"))
    Thread {
      guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
      handle.write(bytes)
      try? handle.close()
    }.start()
    try first.run("load '\(fifo)' into prod")
    let record = first.session.record(processID: 0)
    #expect(record.imports.count == 1)

    let second = try SessionHarness(in: first.folder)
    let (restored, _) = second.capture { second.session.restore(record) }
    #expect(restored.standardError.contains("is a pipe, read once when it was loaded; it cannot be read again"), "\(restored)")
    #expect(second.session.imports.isEmpty)
  }
}
