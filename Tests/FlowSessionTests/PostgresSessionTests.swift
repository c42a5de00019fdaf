import FlowTestSupport
import Foundation
import Testing

/// The session on a PostgreSQL workspace, against a real server: the same commands, the same
/// answers as on a file.
@Suite(.temporaryFolders) struct PostgresSessionTests {
  @Test(.enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.unavailable))
  func aFileWorkspaceCopiedToPostgreSQLAnswersAsTheFileDoes() throws {
    let harness = try SessionHarness()
    try harness.commitOrders()
    let url = try PostgresTestServer.server().database()
    let copied = try harness.output(of: "workspace copy ${dir}/prod.fpsw \(url)").standardOutput
    #expect(copied.hasPrefix("copied ") && copied.contains(" to \(url): 1 flow, "), "\(copied)")
    #expect(try harness.output(of: "load \(url) as shared").standardOutput == "opened workspace shared: 1 flow\n")
    #expect(try harness.output(of: "log in shared") == harness.output(of: "log in prod"))
    #expect(try harness.output(of: "connection list in shared") == harness.output(of: "connection list in prod"))

    // A commit there is journaled under the database login, as the server knows it.
    try harness.run("use shared", "load ${examples}/orders-v2.json into shared --on-conflict version", "match --auto", "commit --yes")
    #expect(try harness.output(of: "log in shared").standardOutput.contains("  postgres  "))
    // A password typed in a URL is never printed back, and the workspace is named by its database.
    let server = try PostgresTestServer.server()
    let database = URL(string: try server.database())?.lastPathComponent ?? ""
    let secretURL = server.url(database: database, password: "hunter2") + "?sslmode=prefer"
    let created = try harness.output(of: "workspace new \(secretURL)").standardOutput
    #expect(created.hasPrefix("created workspace \(database) (") && !created.contains("hunter2"), "\(created)")
    let copiedBack = try harness.output(of: "workspace copy \(secretURL) ${dir}/back.fpsw").standardOutput
    #expect(copiedBack.hasPrefix("copied postgres://") && !copiedBack.contains("hunter2"), "\(copiedBack)")
    let unreachable = harness.failure("load postgres://postgres@127.0.0.1:1/none")
    #expect(unreachable.contains("cannot reach the workspace: connection refused (check the host"), "\(unreachable)")
  }
}
