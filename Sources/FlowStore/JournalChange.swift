/// One thing a commit did.
public struct JournalChange: Hashable, Sendable {
  /// What a change did, as the journal spells it. An open set, not an enum: a journal written
  /// by a newer fps reads back with its own words rather than being misreported.
  public struct Action: RawRepresentable, Hashable, Sendable {
    /// The words the journal stores, such as `added version`.
    public let rawValue: String
    /// An action spelled `rawValue`, including ones this fps does not know.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A new flow, at version 1.
    public static let createdFlow = Action(rawValue: "created flow")
    /// A new version of an existing flow.
    public static let addedVersion = Action(rawValue: "added version")
    /// A flow and all its versions taken away (kept for undo).
    public static let removedFlow = Action(rawValue: "removed flow")
    /// A flow brought back by an undo.
    public static let restoredFlow = Action(rawValue: "restored flow")
    /// A version taken away by an undo; the one before is current again.
    public static let removedVersion = Action(rawValue: "removed version")
    /// A new connection.
    public static let addedConnection = Action(rawValue: "added connection")
    /// A connection's properties or secrets changed.
    public static let changedConnection = Action(rawValue: "changed connection")
    /// A connection taken away.
    public static let removedConnection = Action(rawValue: "removed connection")
    /// A connection brought back as it was by an undo.
    public static let restoredConnection = Action(rawValue: "restored connection")
    /// A member given a role.
    public static let setMember = Action(rawValue: "set member")
    /// A member taken away.
    public static let removedMember = Action(rawValue: "removed member")
    /// A remembered binding forgotten (`match --forget`).
    public static let forgotBinding = Action(rawValue: "forgot binding")
    /// A member's role as it was before, brought back by an undo.
    public static let restoredMember = Action(rawValue: "restored member")

    /// `added event`, `added form`, `added rule`.
    public static func added(_ kind: RegistryEntry.Kind) -> Action { Action(rawValue: "added \(kind.rawValue)") }
    /// `removed event`, ...: an entry taken away by an undo.
    public static func removed(_ kind: RegistryEntry.Kind) -> Action { Action(rawValue: "removed \(kind.rawValue)") }
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
