import Foundation
import PostgresNIO

/// One connection to a PostgreSQL server, used synchronously.
///
/// `WorkspaceStore` is synchronous (the session runs one command at a time and waits for it),
/// while postgres-nio is built on SwiftNIO event loops. The bridge: every connection runs on a
/// private event loop group that this type owns, and callers block on the returned futures. That
/// is safe because callers are never on one of those event-loop threads (NIO checks it), and it
/// needs no Swift concurrency task, so a caller blocking on a cooperative-pool thread (as tests do)
/// cannot starve the work it waits for. The group lives as long as the process: stores may be
/// open until exit, and a single thread is all a shell's sequential queries need.
final class PostgresLink: Sendable {
  private static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
  /// postgres-nio logs nothing a shell user should see; failures reach them as `StoreError`s.
  private static let logger: Logger = {
    var logger = Logger(label: "flowport.postgres")
    logger.logLevel = .critical
    return logger
  }()

  let settings: PostgresSettings
  private let connection: PostgresConnection
  /// One transaction at a time on the connection, whichever thread asks.
  private let lock = NSLock()

  private init(settings: PostgresSettings, connection: PostgresConnection) {
    self.settings = settings
    self.connection = connection
  }

  /// Closes the connection before letting it go (postgres-nio requires it); waited for, like
  /// every query, from the thread that dropped the last store using it.
  deinit { _ = try? connection.close().wait() }

  /// Connects and logs in; a refused login, an unreachable server or a missing database is an
  /// error naming the location without its password.
  static func connect(_ settings: PostgresSettings) throws(StoreError) -> PostgresLink {
    do {
      var configuration =
        settings.host.hasPrefix("/")
        ? PostgresConnection.Configuration(
          unixSocketPath: "\(settings.host)/.s.PGSQL.\(settings.port)", username: settings.user, password: settings.password,
          database: settings.database)
        : PostgresConnection.Configuration(
          host: settings.host, port: settings.port, username: settings.user, password: settings.password, database: settings.database,
          tls: try tls(settings.tls))
      configuration.options.connectTimeout = .seconds(10)
      // The workspace's tables come first; the shared SQL names them unqualified.
      configuration.options.additionalStartupParameters = [("search_path", PostgresSchema.name)]
      let connection = try PostgresConnection.connect(on: group.next(), configuration: configuration, id: 1, logger: logger).wait()
      return PostgresLink(settings: settings, connection: connection)
    } catch {
      throw PostgresFailure.storeError(error, at: settings)
    }
  }

  /// TLS as `sslmode` asks; the unverified modes are libpq's, for servers with their own certificates.
  private static func tls(_ mode: PostgresSettings.TLSMode) throws -> PostgresConnection.Configuration.TLS {
    var configuration = TLSConfiguration.makeClientConfiguration()
    switch mode {
    case .disable: return .disable
    case .prefer, .require:
      configuration.certificateVerification = .none
      let context = try NIOSSLContext(configuration: configuration)
      return mode == .prefer ? .prefer(context) : .require(context)
    case .verifyFull: return .require(try NIOSSLContext(configuration: configuration))
    }
  }

  /// What a transaction does, which decides how it begins.
  enum Mode {
    /// Reads one snapshot of the workspace throughout.
    case read
    /// Writes, after locking the revision row: writers queue one behind the other, and the next
    /// in line then reads the revision its predecessor left, so the revision check refuses it
    /// rather than losing either's update.
    case write
    /// Makes the schema; there is no revision row yet, and a second maker fails on the schema's name.
    case create
  }

  /// Runs `work` in one transaction, committed when it returns and rolled back when it throws.
  func transaction<T>(_ mode: Mode, _ work: (PostgresTransaction) throws -> T) throws(StoreError) -> T {
    lock.lock()
    defer { lock.unlock() }
    let transaction = PostgresTransaction(connection: connection, logger: Self.logger)
    do {
      try transaction.execute(
        mode == .read ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN ISOLATION LEVEL READ COMMITTED", [])
      do {
        if mode == .write { _ = try transaction.rows("SELECT value FROM meta WHERE key = 'revision' FOR UPDATE", []) }
        let result = try work(transaction)
        try transaction.execute("COMMIT", [])
        return result
      } catch {
        _ = try? transaction.execute("ROLLBACK", [])
        throw error
      }
    } catch {
      throw PostgresFailure.storeError(error, at: settings)
    }
  }
}
