/// One entry of the journal, as `log` shows it.
public struct CommitRecord: Hashable, Sendable {
  /// The journal's sequence number, shown as `#id` by `log`.
  public var id: Int
  /// Who committed, as the session's user was named.
  public var author: String
  /// When it was committed (ISO 8601, to the second).
  public var at: String
  /// The commit message, as given or as the command made it up.
  public var message: String
  /// What the commit did, in the order it did it.
  public var changes: [JournalChange]
  /// The commit that undid this one, if any.
  public var undoneBy: Int? = nil
  /// The commit this one undid, for an undo.
  public var undoes: Int? = nil
}
