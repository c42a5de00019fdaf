/// One entry of the journal, as `log` shows it.
public struct CommitRecord: Hashable, Sendable {
  public var id: Int
  public var author: String
  public var at: String
  public var message: String
  public var changes: [JournalChange]
}
