import FlowFormats
import FlowModel

/// An export read into the session, not staged anywhere: something to diff, show or export again.
public struct LoadedExport: Sendable {
  /// The session name (`as <name>`, else the flow name).
  public var name: String
  /// The file it came from.
  public var path: String
  public var format: ExportFormat
  public var version: FlowVersion
  /// What was noticed on load: structural problems, secrets in clear.
  public var notes: [String]
  /// Node renames applied since the file was read, in order.
  public var renames: [NodeRename] = []
  /// The file as it was when read, to tell a changed file on restore.
  public var stamp: FileStamp? = nil
}
