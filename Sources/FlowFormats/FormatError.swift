import FlowModel

/// Why bytes could not be read as an export. The session adds the file name in front.
public enum FormatError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The text is not JSON; carries line and column.
  case syntax(JSONParseError)
  /// The JSON is well formed but a member is missing or of the wrong kind, at this path.
  case invalid(path: String, reason: String)
  /// The document says it is a FlowPort export of a version this build cannot read.
  case unsupportedVersion(String)
  /// The JSON is not any export format FlowPort knows.
  case unrecognized(String)
  /// The bytes are a format FlowPort only writes.
  case writeOnly(String)
  /// The document is a platform's credentials, not a flow (`n8n export:credentials`).
  case credentialsExport(platform: String)
  /// The bytes are not text at all: a NUL byte stands near the start, at this place.
  case binary(at: Place)
  /// The bytes are text in UTF-16 (a byte order mark, or a NUL beside every character of the
  /// first two), as some Windows tools save JSON: said so, rather than "binary".
  case utf16
  case noSuchNode(String)
  case nodeExists(String)
  case unsupported(String)
  /// A flow of one dialect cannot be written in another.
  case unconvertible(from: String, to: String)
  /// A bundle (.zip) that is not one FlowPort can safely read.
  case bundle(String)
  /// A bundle's `config.yaml` does not parse or has the wrong shape, at this place if known.
  case config(at: Place?, String)
  /// An environment file does not parse or has the wrong shape, at this place if known.
  case environment(file: String, at: Place?, String)

  /// A line and column in a text file, both from 1.
  public struct Place: Hashable, Sendable {
    var line: Int
    var column: Int

    /// Where the byte at `offset` of `bytes` stands, counted as JSON errors count (`LineCount`).
    static func of(_ offset: Int, in bytes: some Collection<UInt8>) -> Place {
      let place = JSONParseError.at(offset, in: bytes, "")
      return Place(line: place.line, column: place.column)
    }
  }

  /// The same error, for a document found inside another at `prefix`.
  func nested(under prefix: String) -> FormatError {
    guard case .invalid(let path, let reason) = self else { return self }
    return .invalid(path: path.isEmpty || path == "(top level)" ? prefix : "\(prefix).\(path)", reason: reason)
  }

  /// True when the message starts with the line and column, which follow the file name as in
  /// a compiler's message (`orders.json:3:14: …`).
  public var saysLineAndColumn: Bool {
    switch self {
    case .syntax, .binary: true
    default: false
    }
  }

  /// The message shown after the file name: where in the document, and what is wrong.
  public var description: String {
    switch self {
    case .syntax(let error): return "\(error.line):\(error.column): \(error.reason)"
    case .invalid(let path, let reason): return "\(path): \(reason)"
    case .unsupportedVersion(let format):
      return "format \"\(format)\" is not supported by this fps (it reads flowport/1); update fps"
    case .unrecognized(let hint): return "not a flow export: \(hint)"
    case .writeOnly(let format): return "\(format) is write-only: it can be exported but not loaded"
    case .credentialsExport(let platform):
      return "this is an export of \(platform) credentials, not a flow export: FlowPort keeps no credentials of a platform's;"
        + " add each connection to a workspace with `connection add`"
    case .binary(let place): return "\(place.line):\(place.column): this is a binary file, not a flow export (a NUL byte here)"
    case .utf16: return "this is UTF-16 text, and exports are read as UTF-8: save it as UTF-8 (`iconv -f UTF-16 -t UTF-8`)"
    case .noSuchNode(let name): return "no node named '\(name)'"
    case .nodeExists(let name): return "a node named '\(name)' exists already"
    case .unsupported(let what): return "\(what) is not supported"
    case .unconvertible(let from, let to):
      return "a flow read as \(from) cannot be written as \(to); export it in its own format or as json"
    case .bundle(let reason): return "bundle: \(reason)"
    case .config(let place?, let reason): return "config.yaml:\(place.line):\(place.column): \(reason)"
    case .config(nil, let reason): return "config.yaml: \(reason)"
    case .environment(let file, let place?, let reason): return "\(file):\(place.line):\(place.column): \(reason)"
    case .environment(let file, nil, let reason): return "\(file): \(reason)"
    }
  }
}
