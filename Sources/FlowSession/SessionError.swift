import FlowFormats
import FlowStore

/// Why a command failed: the user's input was fine as a command, but what it asked for could not
/// be done. Rendered in one place (`description`), exit status 1.
public enum SessionError: Error, CustomStringConvertible {
  case fileNotFound(String)
  case isDirectory(String)
  case unreadable(String, String)
  case format(file: String, FormatError)
  case store(StoreError)
  case unknownName(kind: String, name: String, known: [String])
  case importExists(String)
  case flowExists(flow: String, workspace: String)
  case flowPending(flow: String, workspace: String, pendingImport: String)
  case noWorkspace
  case nothingPending(String)
  case commitBlocked(workspace: String, blockers: [String])
  case typeMismatch(reference: String, referenceType: String, connection: String, connectionType: String)
  case undefinedVariable(String)
  case secretNeeded(String)
  case readOnly(String)
  /// The session's user lacks the role for what they asked.
  case notPermitted(String)
  /// Validation found errors before a bundle or SQL export; nothing was written.
  case invalidFlow(flow: String, format: String, findings: [String])
  case noMatches(String)
  case bulk(failed: [String], total: Int)
  case cancelled
  case writeFailed(String, String)
  /// A script ran on past failures (`set on-error continue`), each already reported.
  case scriptFailed(source: String, failures: Int)
  case other(String)

  public var description: String {
    switch self {
    case .fileNotFound(let path): return "\(path): no such file or directory"
    case .isDirectory(let path): return "\(path) is a directory; give a file"
    case .unreadable(let path, let reason): return "\(path): cannot be read: \(reason)"
    case .format(let file, .syntax(let error)): return "\(file):\(error)"
    case .format(let file, let error): return "\(file): \(error)"
    case .store(let error): return error.description
    case .unknownName(let kind, let name, let known):
      let hint = Suggestion.closest(to: name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
      let list = known.isEmpty ? "there are none" : "known: \(known.prefix(8).joined(separator: ", "))\(known.count > 8 ? ", ..." : "")"
      return "no \(kind) named '\(name)'\(hint); \(list)"
    case .importExists(let name):
      return "an import named '\(name)' is already pending; load with `as <other name>`, or `discard \(name)` first"
    case .flowExists(let flow, let workspace):
      return
        "\(workspace) already has a flow named '\(flow)': load with `--as-version-of \(flow)` to add a version, or `--name <new name>` to create another flow"
    case .flowPending(let flow, let workspace, let pendingImport):
      return
        "the pending import '\(pendingImport)' already creates flow '\(flow)' in \(workspace): commit it first and load with `--as-version-of \(flow)`, or use `--name <new name>`"
    case .noWorkspace:
      return "no workspace is open: create one with `workspace new <file.fpsw>` or open one with `load <file.fpsw>`"
    case .nothingPending(let workspace): return "nothing is pending for \(workspace): stage exports with `load <file> into \(workspace)`"
    case .commitBlocked(let workspace, let blockers):
      return
        "\(blockers.count == 1 ? "1 problem blocks" : "\(blockers.count) problems block") the commit to \(workspace); nothing was written:\n"
        + blockers.map { "  - \($0)" }.joined(separator: "\n")
    case .typeMismatch(let reference, let referenceType, let connection, let connectionType):
      return "'\(reference)' needs a \(referenceType) connection, but '\(connection)' is \(connectionType)"
    case .undefinedVariable(let name):
      return "undefined variable ${\(name)} (define it with `set \(name) <value>` or `--var \(name)=<value>`)"
    case .secretNeeded(let name):
      return "no value for secret '\(name)': give it as --secret \(name)=<value> (e.g. \(name)=${env:SECRET}) when not interactive"
    case .readOnly(let path): return "\(path) is read-only: nothing was written"
    case .notPermitted(let message): return message
    case .invalidFlow(let flow, let format, let findings):
      return "\(flow) cannot be written as \(format); nothing was written:\n" + findings.map { "  - \($0)" }.joined(separator: "\n")
    case .noMatches(let pattern): return "\(pattern): no files match"
    case .bulk(let failed, let total):
      return "\(failed.count) of \(total) files could not be loaded; nothing was staged:\n"
        + failed.map { "  \($0)" }.joined(separator: "\n")
    case .cancelled: return "cancelled"
    case .writeFailed(let path, let reason): return "\(path): cannot be written: \(reason)"
    case .scriptFailed(let source, let failures):
      return "\(source): \(failures) command\(failures == 1 ? "" : "s") failed (reported above)"
    case .other(let message): return message
    }
  }
}
