/// A flow as listed by `list flows`.
public struct FlowSummary: Hashable, Sendable {
  public var name: String
  /// The current (deployed) version, exported by default.
  public var currentVersion: Int
  public var versionCount: Int
  /// When its latest version was published (ISO 8601).
  public var updatedAt: String
}
