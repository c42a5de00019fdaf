import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// A real PostgreSQL server for the tests, from Debian's packages (`scripts/setup --for-tests`
/// installs `postgresql`): made with `initdb` in a temporary folder, listening on a loopback port
/// only, run as the unprivileged `postgres` user when the tests run as root (the server refuses
/// root). Started once per test process, when a test first asks; a watchdog stops it and removes
/// its folder as soon as that process ends, however it ends, so no server outlives the suite.
///
/// Logins: `postgres` (superuser) and any role made with `role(_:)` need no password over
/// loopback, except `fps_password`, whose password is `right-password`, for the login tests.
public final class PostgresTestServer: Sendable {
  /// The server, or why there is none: `@Test(.enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.unavailable))`.
  public static let shared: Result<PostgresTestServer, Unavailable> = Result { () throws(Unavailable) in try start() }

  /// Why the tests that need a server are skipped.
  public struct Unavailable: Error, Sendable, CustomStringConvertible {
    /// What is missing or what failed.
    public let description: String
  }

  /// True when the server runs.
  public static var isAvailable: Bool { (try? shared.get()) != nil }
  /// The reason tests needing the server are skipped.
  public static var unavailable: Comment {
    guard case .failure(let reason) = shared else { return "PostgreSQL runs" }
    return Comment(rawValue: reason.description)
  }
  /// The running server; a test that reaches here without one fails.
  public static func server() throws -> PostgresTestServer { try shared.get() }

  /// The login whose password is `right-password`.
  public static let passwordUser = "fps_password"

  /// The loopback port it listens on.
  public let port: Int
  private let bin: String
  private let folder: String

  private init(port: Int, bin: String, folder: String) {
    self.port = port
    self.bin = bin
    self.folder = folder
  }

  /// A new, empty database (owned by `owner`, the superuser when nil); returns its URL for `user`.
  public func database(owner: String? = nil, user: String = "postgres") throws -> String {
    let name = "w_\(UUID().uuidString.prefix(8).lowercased())"
    try sql("CREATE DATABASE \(name)\(owner.map { " OWNER \($0)" } ?? "")")
    return url(database: name, user: user)
  }

  /// The URL of `database` for `user`.
  public func url(database: String, user: String = "postgres", password: String? = nil) -> String {
    "postgres://\(user)\(password.map { ":\($0)" } ?? "")@127.0.0.1:\(port)/\(database)"
  }

  /// A login role (no password needed over loopback), made once.
  public func role(_ name: String) throws {
    try sql("DO $$ BEGIN CREATE ROLE \(name) LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
  }

  /// Runs SQL as the superuser through `psql`, in `database`; returns what it prints.
  @discardableResult
  public func sql(_ statement: String, database: String = "postgres") throws -> String {
    let result = try Self.run(
      "\(bin)/psql",
      [
        "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", database, "-c",
        statement,
      ])
    guard result.status == 0 else { throw Unavailable(description: "psql: \(statement): \(result.output)") }
    return result.output
  }

  private static func start() throws(Unavailable) -> PostgresTestServer {
    let root = "/usr/lib/postgresql"
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    guard
      let version = versions.compactMap(Int.init).sorted().last(where: {
        FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb")
      })
    else {
      throw Unavailable(description: "PostgreSQL is not installed (no \(root)/*/bin/initdb): run scripts/setup --for-tests")
    }
    let bin = "\(root)/\(version)/bin"
    let asRoot = getuid() == 0
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowport-postgres-\(UUID().uuidString)").path
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      if asRoot {
        try FileManager.default.setAttributes([.ownerAccountName: "postgres", .groupOwnerAccountName: "postgres"], ofItemAtPath: folder)
      }
    } catch {
      throw Unavailable(description: "cannot make \(folder) for PostgreSQL: \(error)")
    }
    // The watchdog first, so even a failed start leaves nothing behind.
    watch(folder: folder, bin: bin, asRoot: asRoot)
    let data = "\(folder)/data"
    let initdb = try asServer(asRoot, "\(bin)/initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"])
    guard initdb.status == 0 else { throw Unavailable(description: "initdb failed: \(initdb.output)") }
    let rules = """
      local all all trust
      host all \(passwordUser) 127.0.0.1/32 scram-sha-256
      host all all 127.0.0.1/32 trust
      """
    do { try rules.write(toFile: "\(data)/pg_hba.conf", atomically: false, encoding: .utf8) } catch {
      throw Unavailable(description: "cannot write pg_hba.conf: \(error)")
    }
    var failure = ""
    for _ in 0..<5 {
      let port = Int.random(in: 20_000..<60_000)
      let options = "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
      let started = try asServer(asRoot, "\(bin)/pg_ctl", ["start", "-w", "-D", data, "-l", "\(folder)/server.log", "-o", options])
      if started.status == 0 {
        let server = PostgresTestServer(port: port, bin: bin, folder: folder)
        do {
          try server.sql("CREATE ROLE \(passwordUser) LOGIN PASSWORD 'right-password'")
        } catch {
          throw Unavailable(description: "\(error)")
        }
        return server
      }
      failure = started.output + ((try? String(contentsOfFile: "\(folder)/server.log", encoding: .utf8)) ?? "")
    }
    throw Unavailable(description: "PostgreSQL did not start: \(failure)")
  }

  /// Starts a detached shell that waits for this process to end, then stops the server and
  /// removes its folder.
  private static func watch(folder: String, bin: String, asRoot: Bool) {
    let stop = "\(asRoot ? "runuser -u postgres -- " : "")\(bin)/pg_ctl stop -D \(folder)/data -m immediate"
    let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 0.2; done; \(stop) >/dev/null 2>&1; rm -rf \(folder)"
    _ = try? spawn("/usr/bin/setsid", ["/bin/sh", "-c", script], output: "/dev/null")
  }

  /// Runs a server program, as `postgres` when the tests run as root.
  private static func asServer(_ asRoot: Bool, _ program: String, _ arguments: [String]) throws(Unavailable) -> (
    status: Int32, output: String
  ) {
    do {
      return asRoot ? try run("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments) : try run(program, arguments)
    } catch {
      throw Unavailable(description: "\(program): \(error)")
    }
  }

  /// Runs a program to its end; returns its exit status and what it printed. Spawned and waited
  /// for directly: Foundation's `Process` misses the end of a child when the test runner's main
  /// thread parks in dispatch (its `waitUntilExit` then never returns).
  private static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("flowport-postgres-\(UUID().uuidString).out").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    let pid = try spawn(program, arguments, output: output)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    // WIFEXITED / WEXITSTATUS, which Swift does not import: the low 7 bits are the signal, if any.
    return (status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), text)
  }

  /// Starts a program with no input and its output (both streams) in the file `output`.
  private static func spawn(_ program: String, _ arguments: [String], output: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + environment).forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, program, &actions, nil, argv, environment)
    guard spawned == 0 else { throw Unavailable(description: "\(program): \(String(cString: strerror(spawned)))") }
    return pid
  }
}
