import FlowFormats
import FlowModel

/// One export file as read: its format, the flow, and what was noticed.
struct ReadExport {
  var path: String
  var format: ExportFormat
  var version: FlowVersion
  /// Problems that did not stop the load (dangling wires, duplicate names) and secrets in clear.
  var notes: [String]
  /// The file as it was read.
  var stamp: FileStamp?
  /// Node renames applied after reading.
  var renames: [NodeRename] = []

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
