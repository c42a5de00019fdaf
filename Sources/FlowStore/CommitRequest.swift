/// Everything one commit writes; applied in one transaction, or not at all.
public struct CommitRequest: Sendable {
  /// One flow version to write.
  public struct VersionWrite: Sendable {
    /// Whether the write starts a flow or adds a version to one, so a name taken or missing by commit time fails it.
    public enum Mode: Hashable, Sendable {
      /// A new flow; fails if the name is taken by then.
      case newFlow
      /// A new version of an existing flow; earlier versions stay as they were.
      case newVersion
    }

    var flow: String
    var mode: Mode
    /// The file the import was loaded from (an absolute path), recorded with the version; nil
    /// when it came from no file of its own (a subflow carried inside another export).
    var source: String?
    /// Renders the document once the store knows the version number and the commit time. The
    /// store renders several versions at once, so it is called off the committing thread.
    var document: @Sendable (_ number: Int, _ publishedAt: String) -> String

    /// A write of `flow` imported from the file `source`, its document rendered by `document`
    /// once the number and time are known.
    public init(flow: String, mode: Mode, source: String? = nil, document: @escaping @Sendable (Int, String) -> String) {
      self.flow = flow
      self.mode = mode
      self.source = source
      self.document = document
    }
  }

  var message: String
  var author: String
  /// The revision the session planned against; the commit fails if the workspace moved on.
  var expectedRevision: Int
  var writes: [VersionWrite]
  /// Registry entries the target lacks; identical ones are reused, not written again.
  var registryWrites: [RegistryEntry]
  /// Connection, member and flow-removal changes, applied before the versions are written.
  var changes: [WorkspaceChange]
  /// The bindings this commit's imports were made with, remembered for the next imports.
  var remembered: [RememberedBinding]
  /// The node values this commit's imports were given by an environment, kept for later imports.
  var kept: [KeptValue]
  /// Told how many of the versions are written, and of how many, on the committing thread.
  var onProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
  /// Asked after each version written, and before the transaction ends: true rolls it back
  /// (`StoreError.cancelled`). A bulk commit takes seconds, and Ctrl-C then must not leave
  /// the user believing nothing was written when all of it was.
  var isCancelled: @Sendable () -> Bool

  /// A commit of `writes`, `registryWrites` and `changes`, journaled under `message` and `author`,
  /// planned at `expectedRevision`; `onProgress` is told how far the writes are, and
  /// `isCancelled` asked whether to go on.
  public init(
    message: String, author: String, expectedRevision: Int, writes: [VersionWrite], registryWrites: [RegistryEntry] = [],
    changes: [WorkspaceChange] = [], remembered: [RememberedBinding] = [], kept: [KeptValue] = [],
    onProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil, isCancelled: @escaping @Sendable () -> Bool = { false }
  ) {
    self.message = message
    self.author = author
    self.expectedRevision = expectedRevision
    self.writes = writes
    self.registryWrites = registryWrites
    self.changes = changes
    self.remembered = remembered
    self.kept = kept
    self.onProgress = onProgress
    self.isCancelled = isCancelled
  }
}
