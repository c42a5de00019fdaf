import FlowDiff
import FlowFormats

extension DiffOptions {
  /// These options, for comparing diff views (`ExportFormat.diffView`) of flows read in
  /// `formats`: also leaving out what the formats mark volatile (n8n's `versionId`, NiFi's
  /// `snapshotMetadata`, ...), following ids where they write them inside strings (Make's
  /// `{{3.field}}`), scanning for secrets the configurations of the nodes shown, which the
  /// views leave unscanned, and showing a secret on one side only as added or removed where no
  /// format's exports leave secrets out. FlowDiff knows no format, so the session adds them for
  /// the formats of what it compares.
  func comparingViews(of formats: some Sequence<ExportFormat>) -> DiffOptions {
    var options = self
    options.shownConfiguration = Secrets.shownInDiff
    options.shownText = Secrets.shownTextInDiff
    var seen: Set<ExportFormat> = []
    for format in formats where seen.insert(format).inserted {
      options.volatilePaths += format.volatilePaths
      options.embeddedIDs += format.embeddedIDs.map { [EmbeddedIDs(open: $0.open, close: $0.close, suffix: $0.suffix)] } ?? []
    }
    options.oneSidedSecrets.missingIsLeftOut = seen.contains { $0.exportsDropSecretMembers }
    return options
  }
}
