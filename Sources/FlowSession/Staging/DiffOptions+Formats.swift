import FlowDiff
import FlowFormats

extension DiffOptions {
  /// These options, also leaving out what the given formats mark volatile (n8n's `versionId`,
  /// NiFi's `snapshotMetadata`, ...) and following ids where they write them inside strings
  /// (Make's `{{3.field}}`): FlowDiff knows no format, so the session adds them for the formats
  /// of what it compares.
  func ignoringVolatilePaths(of formats: some Sequence<ExportFormat>) -> DiffOptions {
    var options = self
    var seen: Set<ExportFormat> = []
    for format in formats where seen.insert(format).inserted {
      options.volatilePaths += format.volatilePaths
      options.embeddedIDs += format.embeddedIDs.map { [EmbeddedIDs(open: $0.open, close: $0.close, suffix: $0.suffix)] } ?? []
    }
    return options
  }
}
