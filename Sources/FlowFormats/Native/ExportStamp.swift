/// Who exported a file, from where and when: written into every native export so a reader knows
/// where it came from. Volatile, so diff ignores it.
public struct ExportStamp: Hashable, Sendable {
  /// ISO 8601 time of the export.
  public var at: String
  /// The workspace or file the flow was exported from.
  public var from: String
  /// The user who exported it.
  public var by: String

  /// A stamp for an export made at `at` from `from` by `by`.
  public init(at: String, from: String, by: String) {
    self.at = at
    self.from = from
    self.by = by
  }
}
