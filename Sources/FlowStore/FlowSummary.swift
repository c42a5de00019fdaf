/// A flow as listed by `list flows`.
public struct FlowSummary: Hashable, Sendable {
  /// The flow's name, unique in its workspace.
  public var name: String
  /// The current (deployed) version, exported by default.
  public var currentVersion: Int
  /// How many versions are stored, all kept for `log`, `diff` and exports of earlier versions.
  public var versionCount: Int
  /// When its latest version was published (ISO 8601).
  public var updatedAt: String
  /// For each file an import of this flow was loaded from (an absolute path), the latest
  /// version such an import wrote: a later import from that file says so when the current
  /// version is a newer one written from elsewhere.
  public var importedFrom: [String: Int] = [:]
}
