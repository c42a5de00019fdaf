import FlowFormats
import FlowModel
import Foundation

/// One export file as read: its format, the flow, and what was noticed.
struct ReadExport {
  var path: String
  var format: ExportFormat
  /// The flow: whole as read, or outlined by `outline(from:)`.
  var staged: StagedVersion
  /// Problems that did not stop the load (dangling wires, duplicate names) and secrets in clear.
  var notes: [String]
  /// The file as it was read.
  var stamp: FileStamp?
  /// Node renames applied after reading.
  var renames: [NodeRename] = []

  init(path: String, format: ExportFormat, version: FlowVersion, notes: [String], stamp: FileStamp?) {
    self.path = path
    self.format = format
    self.staged = .whole(version)
    self.notes = notes
    self.stamp = stamp
  }

  /// The whole flow (read again from its text when outlined); setting it makes it whole.
  var version: FlowVersion {
    get { staged.whole }
    set { staged = .whole(newValue) }
  }

  /// Holds the flow as `bytes`' text and an outline when it can (`OutlinedFlow`), for a load
  /// that stages it: the tree is let go. A flow with renames stays whole: its text would read
  /// back without them.
  mutating func outline(from bytes: Data) {
    guard renames.isEmpty, case .whole(let version) = staged,
      let flow = OutlinedFlow(version, format: format, readFrom: bytes, fallbackName: Session.fallbackName(of: path))
    else { return }
    staged = .outlined(flow)
  }

  /// Renames nodes in order, remembering each (a restored session applies them again).
  mutating func rename(_ renames: [NodeRename]) throws {
    for rename in renames {
      do { version = try ExportFormat.renamingNode(rename.old, to: rename.new, in: version).version } catch {
        throw SessionError.format(file: path, error)
      }
      self.renames.append(rename)
    }
  }
}
