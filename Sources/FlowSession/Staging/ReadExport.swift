import FlowFormats
import FlowModel
import Foundation

/// One export file as read: its format, the flow, and what was noticed.
struct ReadExport {
  var path: String
  var format: ExportFormat
  /// The flow: whole as read, or outlined by `outline()`.
  var staged: StagedVersion
  /// The document's minified text, when it was read to be outlined; let go by `outline()`. None
  /// for a flow holding a secret scanning found: it stays whole, for its commit to seal the
  /// secret (`Secrets.scanSealing`), which a stored text cannot have done to it.
  var documentText: [UInt8]?
  /// Problems that did not stop the load (dangling wires, duplicate names) and secrets in clear.
  var notes: [String]
  /// The file as it was read.
  var stamp: FileStamp?
  /// Node renames applied after reading.
  var renames: [NodeRename] = []

  init(path: String, format: ExportFormat, version: FlowVersion, notes: [String], stamp: FileStamp?, documentText: [UInt8]? = nil) {
    self.path = path
    self.format = format
    self.staged = .whole(version)
    self.notes = notes
    self.stamp = stamp
    self.documentText = documentText
  }

  /// The whole flow (read again from its text when outlined); setting it makes it whole.
  var version: FlowVersion {
    get { staged.whole }
    set { staged = .whole(newValue) }
  }

  /// Holds the flow as its document's text and an outline when it can (`OutlinedFlow`), for a
  /// load that stages it: the tree is let go. A flow with renames stays whole: its text would
  /// read back without them. The text is let go either way.
  mutating func outline() {
    guard let text = documentText else { return }
    documentText = nil
    guard renames.isEmpty, case .whole(let version) = staged,
      let flow = OutlinedFlow(version, format: format, documentText: text, fallbackName: Session.fallbackName(of: path))
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
