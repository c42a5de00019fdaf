import FlowFormats
import FlowModel
import Foundation

/// What git's diff driver makes of a file it is given: a flow to compare semantically, text
/// to show as a plain diff (a `package.json`, `/dev/null`), or a file it must not show line by
/// line. A redaction line by line finds a password beside its name, not a header's value under
/// `"name": "Authorization"`, nor credential data on lines of their own.
public enum DiffFileKind: Equatable, Sendable {
  case flow
  case text
  /// Not shown, for this reason: JSON FlowPort refuses that other readers take (a flow with a
  /// lone surrogate in a note; `JSONParseError.isJSONRefusedHere`), a dialect's document of the
  /// wrong shape, a platform's credentials. JSON with comments (`tsconfig.json`) or one value
  /// a line is text.
  case hidden(String)

  /// The kind of the file at `path`, read once, as `load` reads it: a device is not read.
  public init(atPath path: String) {
    guard path != Diff.nothing, let bytes = try? Session.readFile(at: path) else {
      self = .text
      return
    }
    do {
      _ = try ExportFormat.read(bytes, fallbackName: "flow")
      self = .flow
    } catch {
      switch error {
      case .unrecognized, .binary, .utf16, .writeOnly: self = .text
      case .syntax(let parse): self = parse.isJSONRefusedHere ? .hidden("it cannot be read as JSON (\(error))") : .text
      case .credentialsExport: self = .hidden("it holds credentials")
      default: self = .hidden("it cannot be read as a flow (\(error))")
      }
    }
  }
}
