/// What undoing a commit would do, and the later commits that stand in its way (they changed
/// what it would take back, and must be undone first).
public struct UndoPlan: Hashable, Sendable {
  /// The commit to undo.
  public var commit: Int
  /// Its journal message, for the plan and the undo's own message.
  public var message: String
  /// What the undo would do, in order.
  public var changes: [JournalChange]
  /// Later commits, not undone, that built on what it would take back; empty when it can go.
  public var blockedBy: [Int]
}
