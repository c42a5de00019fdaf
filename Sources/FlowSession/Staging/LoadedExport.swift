import FlowFormats
import FlowModel

/// An export read into the session, not staged anywhere: something to diff, show or export again.
struct LoadedExport: Sendable {
  /// The session name (`as <name>`, else the flow name).
  var name: String
  /// The file it came from.
  var path: String
  var format: ExportFormat
  var version: FlowVersion
  /// What was noticed on load: structural problems, secrets in clear.
  var notes: [String]
  /// Node renames applied since the file was read, in order.
  var renames: [NodeRename] = []
  /// The file as it was when read, to tell a changed file on restore.
  var stamp: FileStamp? = nil
}
