/// One stored version: the native JSON document, as written at commit time.
public struct StoredVersion: Hashable, Sendable {
  public var flow: String
  public var number: Int
  /// The `flowport/1` document of this version.
  public var document: String
  public var publishedAt: String
  /// The journal entry that wrote it.
  public var commitID: Int
}
