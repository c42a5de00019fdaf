import Foundation

/// Where and as whom a `postgres://` workspace is reached, read as libpq reads it so a team's
/// usual settings work unchanged: the URL first, then the `PG*` environment variables
/// (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`), then `~/.pgpass`
/// (or `PGPASSFILE`) for the password.
struct PostgresSettings: Hashable, Sendable {
  /// How the connection uses TLS (`sslmode`): as libpq, `prefer` unless told otherwise.
  enum TLSMode: String, Hashable, Sendable {
    /// Never.
    case disable
    /// When the server offers it, without checking its certificate (libpq's default).
    case prefer
    /// Always, without checking the certificate.
    case require
    /// Always, checking the certificate and the host name.
    case verifyFull = "verify-full"
  }

  /// A host name or address, or a directory holding the server's Unix socket.
  var host: String
  var port: Int
  var user: String
  var password: String?
  var database: String
  var tls: TLSMode
  /// The location with no password in it: what every message, and the saved session, names.
  var redacted: String

  /// True for the locations PostgreSQL serves: `postgres://...` and `postgresql://...`.
  static func handles(_ location: String) -> Bool {
    location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
  }

  /// The settings for `location`, completed from `environment` and the password file.
  init(_ location: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
    guard var url = URLComponents(string: location), Self.handles(location) else {
      throw .notAWorkspace(path: Self.redacting(location), reason: "it is not a postgres:// URL")
    }
    let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    host =
      url.host.flatMap { $0.isEmpty ? nil : Self.unbracketed($0.removingPercentEncoding ?? $0) } ?? query["host"] ?? environment["PGHOST"]
      ?? "localhost"
    port = url.port ?? Int(environment["PGPORT"] ?? "") ?? 5432
    user = url.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
    let path = String(url.path.drop { $0 == "/" })
    database = path.isEmpty ? environment["PGDATABASE"] ?? user : path.removingPercentEncoding ?? path
    let mode = query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
    guard let tls = TLSMode(rawValue: mode == "allow" ? "prefer" : mode == "verify-ca" ? "verify-full" : mode) else {
      throw .notAWorkspace(path: Self.redacting(location), reason: "sslmode '\(mode)' is not one of disable, prefer, require, verify-full")
    }
    self.tls = tls
    let (host, port, user, database) = (host, port, user, database)
    password =
      url.percentEncodedPassword.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
      ?? Self.passwordFile(environment).flatMap { Self.password(in: $0, host: host, port: port, database: database, user: user) }
    url.password = nil
    redacted = url.string ?? Self.redacting(location)
    // The shell's history keeps a URL's password masked: a line run again from it would log in
    // with the mask.
    if password == StoreError.maskedInHistory {
      throw .passwordFromHistory(location: redacted)
    }
  }

  /// An IPv6 address as a URL writes it, `[::1]`, without its brackets: the resolver asked for
  /// the host `[::1]` found none.
  private static func unbracketed(_ host: String) -> String {
    host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
  }

  /// `location` with anything between `user:` and `@` taken out, for a location that does not parse.
  static func redacting(_ location: String) -> String {
    location.replacing(#/^([a-z]+://[^:/@]*):[^@]*@/#, with: { "\($0.output.1)@" })
  }

  /// The password file's text: `PGPASSFILE`, or `~/.pgpass`; ignored, as by libpq, when others
  /// may read it.
  private static func passwordFile(_ environment: [String: String]) -> String? {
    guard let path = environment["PGPASSFILE"] ?? environment["HOME"].map({ "\($0)/.pgpass" }),
      let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let mode = attributes[.posixPermissions] as? Int, mode & 0o077 == 0
    else { return nil }
    return try? String(contentsOfFile: path, encoding: .utf8)
  }

  /// The password of the first `host:port:database:user:password` line that matches, `*`
  /// matching anything and `\` escaping `:` and itself.
  static func password(in file: String, host: String, port: Int, database: String, user: String) -> String? {
    let wanted = [host.hasPrefix("/") ? "localhost" : host, String(port), database, user]
    for line in file.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      var fields: [String] = [""]
      var escaped = false
      for character in line {
        if escaped {
          fields[fields.count - 1].append(character)
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == ":" && fields.count < 5 {
          fields.append("")
        } else {
          fields[fields.count - 1].append(character)
        }
      }
      guard fields.count == 5 else { continue }
      if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
    }
    return nil
  }
}
