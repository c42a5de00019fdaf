/// One stored version: the native JSON document, as written at commit time.
public struct StoredVersion: Hashable, Sendable {
  /// The name of the flow this is a version of.
  public var flow: String
  /// The version number, from 1, in the order versions were committed.
  public var number: Int
  /// The `flowport/1` document of this version.
  public var document: String
  /// When the commit that wrote it happened (ISO 8601), also stamped into the document.
  public var publishedAt: String
  /// The journal entry that wrote it.
  public var commitID: Int
}
