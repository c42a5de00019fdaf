/// One thing a commit did.
public struct JournalChange: Hashable, Sendable {
  /// What a change did, as the journal spells it. An open set, not an enum: a journal written
  /// by a newer fps reads back with its own words rather than being misreported.
  public struct Action: RawRepresentable, Hashable, Sendable {
    /// The words the journal stores, such as `added version`.
    public let rawValue: String
    /// An action spelled `rawValue`, including ones this fps does not know.
    public init(rawValue: String) { self.rawValue = rawValue }

    static let createdFlow = Action(rawValue: "created flow")
    /// A new version of an existing flow.
    public static let addedVersion = Action(rawValue: "added version")
    static let addedConnection = Action(rawValue: "added connection")
    static let setMember = Action(rawValue: "set member")
    static let removedMember = Action(rawValue: "removed member")

    /// `added event`, `added form`, `added rule`.
    static func added(_ kind: RegistryEntry.Kind) -> Action { Action(rawValue: "added \(kind.rawValue)") }
  }

  /// What was done to `subject`.
  public var action: Action
  /// The flow or connection it concerns.
  public var subject: String
  /// The version written, for flow changes.
  public var version: Int?

  /// A change doing `action` to `subject`, with the version it wrote if any.
  public init(action: Action, subject: String, version: Int?) {
    self.action = action
    self.subject = subject
    self.version = version
  }
}
