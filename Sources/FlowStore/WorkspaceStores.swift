/// The kinds of workspace store, and the one place a location is given to the kind that serves
/// it. A new store is a new `WorkspaceStore` type and one line in `kinds`.
public enum WorkspaceStores {
  /// Every kind of store, asked in order; the file store last, as it takes any path.
  static let kinds: [any WorkspaceStore.Type] = [PostgresWorkspace.self, SQLiteWorkspace.self]

  /// The kind of store that serves `location`.
  static func kind(for location: String) -> any WorkspaceStore.Type {
    kinds.first { $0.handles(location) } ?? SQLiteWorkspace.self
  }

  /// Opens the workspace at `location`; read-only when asked, or when it cannot be written.
  public static func open(_ location: String, readOnly: Bool = false, key: WorkspaceKey? = nil) throws(StoreError) -> any WorkspaceStore {
    try kind(for: location).open(location, readOnly: readOnly, key: key)
  }

  /// Creates an empty workspace at `location`, `owner` its first owner, `name` the name it
  /// reopens as.
  public static func create(_ location: String, owner: String? = nil, name: String? = nil, key: WorkspaceKey? = nil) throws(StoreError)
    -> any WorkspaceStore
  {
    try kind(for: location).create(location, owner: owner, name: name, key: key)
  }

  /// True when `location` is a database server's URL (`postgres://...`) rather than a file path:
  /// nothing to look for on disk, nothing to create a folder for.
  public static func isURL(_ location: String) -> Bool {
    !SQLiteWorkspace.handles(location) && kinds.contains { $0.handles(location) }
  }

  /// `location` as it may be shown: a server URL without its password (as an open store's
  /// `location` is), a file path as it is.
  public static func displayed(_ location: String) -> String {
    isURL(location) ? PostgresSettings.redacting(location) : location
  }

  /// True when `location` holds a workspace (and not, say, an export).
  public static func isWorkspace(_ location: String) -> Bool {
    kind(for: location).isWorkspace(location)
  }

  /// True when a file's bytes are a workspace file's: asked of a file already read, so a bulk
  /// load opens each file once.
  public static func isWorkspace(contents: some Collection<UInt8>) -> Bool {
    SQLiteWorkspace.isWorkspace(contents: contents)
  }

  /// Copies the workspace at `source` (flows with every version, connections with their sealed
  /// secrets, members, registry, the journal with what undo needs, what it remembers) into a new
  /// workspace at `destination`, of either kind: a file to PostgreSQL and back. The destination
  /// must not exist yet; a copy that fails leaves it empty. Returns the source's location as
  /// messages may show it (a URL without its password) and the copy.
  @discardableResult
  public static func copy(from source: String, to destination: String, key: WorkspaceKey? = nil) throws(StoreError) -> (
    source: String, copy: any WorkspaceStore
  ) {
    // Checked before anything is made: a refused copy leaves no destination behind.
    guard kind(for: source) is any TableWorkspace.Type, kind(for: destination) is any TableWorkspace.Type else {
      throw .database(path: destination, message: "only workspaces kept in SQL tables can be copied")
    }
    guard let from = try open(source, readOnly: true, key: key) as? any TableWorkspace,
      let into = try create(destination, name: from.name, key: key) as? any TableWorkspace
    else { preconditionFailure("both kinds keep their workspace in SQL tables") }
    try from.read { source in try into.write { destination in try WorkspaceTables.copy(from: source, to: destination) } }
    return (from.location, into)
  }
}
