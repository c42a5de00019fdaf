import Crypto
import FlowModel
import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// The key that seals a workspace's secrets at rest (AES-GCM, 256 bits). It never lives in the
/// workspace: it comes from `FLOWPORT_KEY`, or from a key file under the XDG config folder
/// (`$XDG_CONFIG_HOME/flowport/key`, default `~/.config/flowport/key`), created with mode 0600
/// on first use.
public struct WorkspaceKey: Sendable {
  private let bytes: [UInt8]
  /// The key, for AES-GCM.
  var key: SymmetricKey { SymmetricKey(data: bytes) }
  /// A short, public name for the key (a hash of it), written beside every secret it seals, so
  /// a workspace opened with another key can say which secrets it cannot read.
  public let id: String

  /// The key of these 32 bytes.
  public init(bytes: [UInt8]) {
    self.bytes = bytes
    let digest = SHA256.hash(data: Array("flowport key id".utf8) + bytes)
    id = digest.prefix(8).hexDigits
  }

  /// The key `FLOWPORT_KEY` names: 32 bytes in base64 as the key file holds them, or any other
  /// text, which is hashed into a key.
  public init(text: String) {
    if let bytes = Self.keyBytes(in: text) {
      self.init(bytes: bytes)
    } else {
      self.init(bytes: Array(SHA256.hash(data: Array(text.utf8))))
    }
  }

  /// The 32 bytes `text` writes in base64, as the key file and `FLOWPORT_KEY` hold a key, with
  /// the whitespace and line ends around them (a key file's last line feed); nil for any other
  /// text. Trimmed by hand: Foundation's `trimmingCharacters` cost a million instructions on
  /// every command that opens a workspace.
  private static func keyBytes(in text: String) -> [UInt8]? {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }),
      let data = Data(base64Encoded: String(scalars[first...last])), data.count == 32
    else { return nil }
    return Array(data)
  }

  /// A new random key.
  public static func generate() -> WorkspaceKey {
    WorkspaceKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
  }

  /// The key as text: what the key file holds, and what `FLOWPORT_KEY` may be set to.
  public var text: String { Data(bytes).base64EncodedString() }

  /// The key file's path: `$XDG_CONFIG_HOME/flowport/key`, or `$HOME/.config/flowport/key`;
  /// nil when the environment names neither.
  public static func filePath(environment: [String: String]) -> String? {
    if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/flowport/key" }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.config/flowport/key" }
    return nil
  }

  /// The key of this environment: `FLOWPORT_KEY`, else the key file, created (mode 0600, its
  /// folder 0700) with a new random key the first time; nil when there is neither.
  public static func resolve(environment: [String: String]) throws(StoreError) -> WorkspaceKey? {
    if let text = environment["FLOWPORT_KEY"], !text.isEmpty { return WorkspaceKey(text: text) }
    guard let path = filePath(environment: environment) else { return nil }
    do { return try fromFile(path, creating: true) } catch {
      // The session's own key file may be replaced by the variable; a `--from` file may not.
      guard case .keyFile(let path, let reason) = error else { throw error }
      throw .keyFile(path: path, reason: reason + " (or set FLOWPORT_KEY)")
    }
  }

  /// The key in the key file at `path`; one made there (0600, exclusively) when asked and missing.
  /// Only a missing file is made: one that cannot be read or holds no key is an error naming
  /// it, never taken for missing, since a new key would leave every sealed secret unreadable.
  public static func fromFile(_ path: String, creating: Bool = false) throws(StoreError) -> WorkspaceKey {
    if let bytes = try contents(of: path) {
      guard let text = String(validating: bytes, as: UTF8.self), let key = keyBytes(in: text) else {
        throw .keyFile(path: path, reason: "it does not hold a key (32 bytes in base64)")
      }
      return WorkspaceKey(bytes: key)
    }
    guard creating else { throw .keyFile(path: path, reason: "it does not exist") }
    let folder = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch { throw .keyFile(path: path, reason: "its folder cannot be created (\(error.localizedDescription))") }
    let key = generate()
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard descriptor >= 0 else {
      // Another process made it first: use theirs.
      if errno == EEXIST { return try fromFile(path) }
      throw .keyFile(path: path, reason: "it cannot be created (\(String(cString: strerror(errno))))")
    }
    let bytes = Array((key.text + "\n").utf8)
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
    guard written == bytes.count else { throw .keyFile(path: path, reason: "it could not be written") }
    return key
  }

  /// The bytes of the key file, nil when there is none; any other failure (permissions, a
  /// folder in its place) is an error with the system's reason.
  private static func contents(of path: String) throws(StoreError) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      if errno == ENOENT { return nil }
      throw .keyFile(path: path, reason: "it cannot be read (\(String(cString: strerror(errno))))")
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { return bytes }
      guard count > 0 else { throw .keyFile(path: path, reason: "it cannot be read (\(String(cString: strerror(errno))))") }
      bytes += chunk[..<count]
    }
  }
}
