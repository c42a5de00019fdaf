/// A flow as listed by `list flows`.
public struct FlowSummary: Hashable, Sendable {
  public var name: String
  /// The current (deployed) version, exported by default.
  public var currentVersion: Int
  public var versionCount: Int
  /// When its latest version was published (ISO 8601).
  public var updatedAt: String
}

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

/// One entry of the journal, as `log` shows it.
public struct CommitRecord: Hashable, Sendable {
  public var id: Int
  public var author: String
  public var at: String
  public var message: String
  public var changes: [JournalChange]
}

/// One thing a commit did.
public struct JournalChange: Hashable, Sendable {
  /// What a change did, as the journal spells it. An open set, not an enum: a journal written
  /// by a newer fps reads back with its own words rather than being misreported.
  public struct Action: RawRepresentable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let createdFlow = Action(rawValue: "created flow")
    public static let addedVersion = Action(rawValue: "added version")
    public static let addedConnection = Action(rawValue: "added connection")
    public static let setMember = Action(rawValue: "set member")
    public static let removedMember = Action(rawValue: "removed member")

    /// `added event`, `added form`, `added rule`.
    public static func added(_ kind: RegistryEntry.Kind) -> Action { Action(rawValue: "added \(kind.rawValue)") }
  }

  public var action: Action
  /// The flow or connection it concerns.
  public var subject: String
  /// The version written, for flow changes.
  public var version: Int?

  public init(action: Action, subject: String, version: Int?) {
    self.action = action
    self.subject = subject
    self.version = version
  }
}

/// Everything one commit writes; applied in one transaction, or not at all.
public struct CommitRequest: Sendable {
  /// One flow version to write.
  public struct VersionWrite: Sendable {
    public enum Mode: Hashable, Sendable {
      /// A new flow; fails if the name is taken by then.
      case newFlow
      /// A new version of an existing flow; earlier versions stay as they were.
      case newVersion
    }

    public var flow: String
    public var mode: Mode
    /// Renders the document once the store knows the version number and the commit time.
    public var document: @Sendable (_ number: Int, _ publishedAt: String) -> String

    public init(flow: String, mode: Mode, document: @escaping @Sendable (Int, String) -> String) {
      self.flow = flow
      self.mode = mode
      self.document = document
    }
  }

  public var message: String
  public var author: String
  /// The revision the session planned against; the commit fails if the workspace moved on.
  public var expectedRevision: Int
  public var writes: [VersionWrite]
  /// Registry entries the target lacks; identical ones are reused, not written again.
  public var registryWrites: [RegistryEntry]

  public init(message: String, author: String, expectedRevision: Int, writes: [VersionWrite], registryWrites: [RegistryEntry] = []) {
    self.message = message
    self.author = author
    self.expectedRevision = expectedRevision
    self.writes = writes
    self.registryWrites = registryWrites
  }
}
