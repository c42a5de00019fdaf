import FlowFormats
import FlowModel

/// One export file as read: its format, the flow, and what was noticed.
struct ReadExport {
  var path: String
  var format: ExportFormat
  var version: FlowVersion
  /// Problems that did not stop the load (dangling wires, duplicate names) and secrets in clear.
  var notes: [String]
}
