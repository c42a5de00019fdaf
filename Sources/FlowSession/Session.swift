import FlowFormats
import FlowModel
import FlowStore
import Foundation

/// What the shell holds in memory: open workspaces, loaded exports, pending imports, variables
/// and the current target. Nothing here changes a workspace until `commit`.
///
/// Every command, typed at the prompt, read from a `.fps` file or given with `fps -c`, goes
/// through `execute(_:)`: one parser, one command tree.
public final class Session {
  /// How the session is set up by whoever starts it.
  public struct Configuration {
    /// The name commits and connections are journaled under.
    var user: String
    /// The workspace used when none was named or opened, created on first use; nil for none.
    var defaultWorkspace: String?
    /// Environment variables, for `${env:NAME}`.
    var environment: [String: String]
    /// Initial variables (`--var name=value`).
    var variables: [String: String]

    /// A configuration for `user`; the rest defaults to none.
    public init(
      user: String, defaultWorkspace: String? = nil, environment: [String: String] = [:], variables: [String: String] = [:]
    ) {
      self.user = user
      self.defaultWorkspace = defaultWorkspace
      self.environment = environment
      self.variables = variables
    }
  }

  /// Where command output and warnings go, the passwords of URLs in them replaced
  /// (`RedactingOutput`).
  public let output: any Output
  /// How confirmations and secrets are asked for, if anyone can answer.
  public let interaction: any Interaction
  let configuration: Configuration
  /// Where long commands show how far they are; nil for none.
  public var progress: (any ProgressDisplay)?
  /// Polled by long commands; true once the user pressed Ctrl-C.
  public var isCancelled: @Sendable () -> Bool = { false }

  /// Ends the work under way when Ctrl-C was pressed: asked between its steps.
  func stopIfInterrupted() throws(SessionError) {
    if isCancelled() { throw .cancelled }
  }
  /// Set by `quit`; the shell stops reading after the command.
  public internal(set) var quitRequested = false
  /// Whether the last `diff` found a difference, for `fps diff`'s exit status.
  public internal(set) var lastDiffDiffered: Bool?
  /// Keeps the session on disk after every command; set by the interactive shell.
  public var keeper: SessionKeeper?
  private var keeperFailed = false
  /// Set once leaving was refused with a warning; the next `quit` or Ctrl-D leaves.
  private var warnedBeforeLeaving = false

  var workspaces: [String: OpenWorkspace] = [:]
  var exports: [String: LoadedExport] = [:]
  /// Pending imports in the order they were staged.
  var imports: [PendingImport] = [] {
    // No `oldValue` here: an observer that reads it would copy the array on every change.
    didSet { stagedGeneration &+= 1 }
  }
  /// Connection, member and flow-removal changes staged per workspace (by session name), in
  /// the order given; written by the workspace's next commit with its imports.
  var changes: [String: [WorkspaceChange]] = [:] {
    didSet { stagedGeneration &+= 1 }
  }
  /// The environment file applied to each workspace's pending imports (`match load`, `load --env`).
  var environments: [String: EnvironmentFile] = [:]
  /// Bumped by every change to what is staged; a cached workspace state is valid for one generation.
  private(set) var stagedGeneration = 0
  var variables: [String: String]
  /// The session name of the current target workspace.
  var targetName: String?
  /// `set on-error continue` lets a script go on past a failing command.
  var continueOnError = false
  /// Files being sourced, innermost last, to refuse a script that sources itself.
  var sourceStack: [String] = []
  /// The workspace key (nil: the environment offers none), or why it could not be had, once resolved.
  private var resolvedKey: Result<WorkspaceKey?, StoreError>?

  /// A session with nothing loaded, writing to `output`, asking nobody unless given an interaction.
  public init(configuration: Configuration, output: any Output, interaction: any Interaction = NoInteraction()) {
    self.configuration = configuration
    self.output = RedactingOutput(output)
    self.interaction = interaction
    self.variables = configuration.variables
  }

  /// Runs one command line; an empty or comment line does nothing. Every failure is a
  /// `CommandFailure` naming the command (`connection add`), whose reason is a `UsageError` for
  /// a malformed line and a `SessionError`, `StoreError` or `FormatError` when the command failed.
  public func execute(_ line: String) throws(CommandFailure) {
    var label: String?
    defer { keep() }
    do {
      let words = try Tokenizer(variable: variable, environment: { self.configuration.environment[$0] }).words(line)
      guard !words.isEmpty else { return }
      let command = try Self.command(for: words)
      label = command.label
      if command.type != Quit.self { warnedBeforeLeaving = false }
      let arguments = try ParsedArguments(Array(words.dropFirst()), spec: command.type.spec)
      try command.type.init(arguments).run(in: self)
    } catch {
      throw CommandFailure(error, command: label)
    }
  }

  /// Reads a line as `execute` would, without running it, for a script checked before it
  /// runs. Session variables stand for a placeholder (earlier lines may set them; the
  /// environment and `~` are read as they are), so the command and
  /// its options are checked on every line, and the arguments too where the line names no
  /// variable; a line whose command is a variable is left to run. The command when it was
  /// read whole, so a caller can look further (a `source`d script).
  func check(_ line: String) throws -> (any Command)? {
    let words = try Tokenizer(variable: { _ in "x" }, environment: { self.configuration.environment[$0] }).words(line)
    guard !words.isEmpty, !line.drop(while: \.isWhitespace).prefix(while: { !$0.isWhitespace }).contains("$") else { return nil }
    let command = try Self.command(for: words)
    do {
      let arguments = try ParsedArguments(Array(words.dropFirst()), spec: command.type.spec)
      return line.contains("$") ? nil : try command.type.init(arguments)
    } catch { throw CommandFailure(error, command: command.label) }
  }

  /// The command a line's words name, with its label for failures (`connection add`).
  private static func command(for words: [String]) throws -> (type: any Command.Type, label: String) {
    let name = words[0]
    guard let command = CommandRegistry.command(named: name) else {
      let hint = Suggestion.closest(to: name, among: CommandRegistry.names).map { "; did you mean '\($0)'?" } ?? ""
      throw UsageError("unknown command '\(name)'\(hint) (type `help` for the list)")
    }
    let spec = command.spec
    return (command, words.count > 1 && spec.actions.contains(words[1]) ? "\(spec.name) \(words[1])" : spec.name)
  }

  /// Runs one line read from `source` at line `number`; a failure says where
  /// (`source:number: command: message`).
  public func execute(_ line: String, source: String, number: Int) throws(CommandFailure) {
    do { try execute(line) } catch {
      throw CommandFailure(error, position: CommandFailure.Position(source: source, line: number))
    }
  }

  /// True when the person may leave now. With pending imports or staged changes, the first
  /// `quit` or Ctrl-D only says what is pending and how to get it back; the second leaves.
  /// Scripts always may.
  public func mayLeave() -> Bool {
    let staged = changes.values.reduce(0) { $0 + $1.count }
    guard interaction.isInteractive, !imports.isEmpty || staged > 0, !warnedBeforeLeaving else { return true }
    warnedBeforeLeaving = true
    let pending = Describe.pendingWork(
      imports: imports.count, bindings: imports.reduce(0) { $0 + $1.bindings.count }, stagedChanges: staged)
    let kept = keeper == nil ? "" : "; the session is kept: `fps --restore` brings it back"
    output.warning("\(pending) not committed; quit again (or Ctrl-D) to leave\(kept)")
    return false
  }

  /// Called when the shell ends: a session with nothing pending leaves no record behind.
  public func leave() {
    if imports.isEmpty, changes.values.allSatisfy(\.isEmpty) { keeper?.forget() }
  }

  /// Writes the session to its keeper, if any; a failure is said once, not at every command.
  func keep() {
    do { try keeper?.save(self) } catch {
      guard !keeperFailed else { return }
      keeperFailed = true
      output.warning("the session cannot be kept on disk, so a closed terminal would lose it: \(error)")
    }
  }

  /// Runs a `.fps` script; see `ScriptRunner`.
  public func runScript(at path: String) throws {
    try ScriptRunner(session: self).run(path: path)
  }

  /// Runs `-c` commands as a script named `source`, each checked before any runs.
  public func runCommands(_ commands: [String], source: String) throws {
    try ScriptRunner(session: self).run(commands: commands, source: source)
  }

  /// Runs lines as a script named `source` (standard input when it is not a terminal), each
  /// as it arrives; each line's bytes must be UTF-8.
  public func runScript(lines: some Sequence<[UInt8]>, source: String) throws {
    try ScriptRunner(session: self).run(lines: lines, source: source)
  }

  /// The prompt: `fps> `, or `fps prod> ` with a target, `fps prod (2 pending)> ` with imports staged.
  public var prompt: String {
    guard let target = targetName ?? (configuration.defaultWorkspace == nil ? nil : Self.defaultWorkspaceName) else { return "fps> " }
    let pending = imports.filter { $0.workspace == target }.count
    return pending == 0 ? "fps \(target)> " : "fps \(target) (\(pending) pending)> "
  }

  /// The author name for journal entries.
  var user: String { configuration.user }

  /// The session name of the default workspace, a target from the first command on.
  static let defaultWorkspaceName = "default"

  /// `${name}`: a variable set by `set` or `--var`, or the built-in `script_dir` (the folder of
  /// the script being run, or the current folder at the prompt), so scripts can name files
  /// relative to themselves.
  func variable(_ name: String) -> String? {
    if let value = variables[name] { return value }
    guard name == "script_dir" else { return nil }
    guard let script = sourceStack.last else { return FileManager.default.currentDirectoryPath }
    return PathText.folder(of: script)
  }
}

// MARK: - Resolving names

extension Session {
  /// The named workspace, or the current target. The default workspace is a target like any
  /// other from the first command, opened (and created) when first used.
  func workspace(_ name: String? = nil) throws -> OpenWorkspace {
    if let name, let open = workspaces[name] { return open }
    if name == nil, let targetName, let open = workspaces[targetName] { return open }
    guard name == nil || name == Self.defaultWorkspaceName, let path = configuration.defaultWorkspace else {
      if let name { throw SessionError.unknownName(kind: "open workspace", name: name, known: workspaces.keys.sorted()) }
      throw SessionError.noWorkspace
    }
    // A database's workspace is opened, never made on the fly: `workspace new` makes its schema.
    let isURL = WorkspaceStores.isURL(path)
    let folder = isURL ? "" : PathText.folder(of: path)
    if !folder.isEmpty {
      do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
        throw SessionError.writeFailed(path, error.localizedDescription)
      }
    }
    let store =
      isURL || FileManager.default.fileExists(atPath: path)
      ? try WorkspaceStores.open(path, key: workspaceKey()) : try WorkspaceStores.create(path, owner: user, key: workspaceKey())
    return try register(store, as: Self.defaultWorkspaceName)
  }

  /// The target if one is open, or the default workspace if its file exists; never creates one,
  /// so merely naming a flow (in `diff`, `show`) leaves no file behind. A default workspace that
  /// exists but cannot be opened is an error, not "no workspace".
  func existingTarget() throws -> OpenWorkspace? {
    if let targetName, let open = workspaces[targetName] { return open }
    guard let path = configuration.defaultWorkspace, WorkspaceStores.isURL(path) || FileManager.default.fileExists(atPath: path) else {
      return nil
    }
    return try workspace()
  }

  /// How many of the places a workspace's key cannot open its warning names.
  static let unreadableNamed = 5

  /// Registers an opened store under a session name, making it the target if there is none.
  @discardableResult
  func register(_ store: any WorkspaceStore, as name: String) throws -> OpenWorkspace {
    let open = try OpenWorkspace(name: name, store: store)
    let unreadable = try store.unreadableSecrets()
    if !unreadable.isEmpty {
      let key = store.sealer.map { "this key (\($0.key.id))" } ?? "no key"
      // The first few named: a workspace of thousands of flows, each with a secret, made one
      // line of all their names at every open.
      let named = unreadable.prefix(Self.unreadableNamed).joined(separator: "; ")
      let more = unreadable.count > Self.unreadableNamed ? "; and \(unreadable.count - Self.unreadableNamed) more" : ""
      output.warning(
        "\(store.location): \(unreadable.count == 1 ? "1 sealed secret" : "\(unreadable.count) sealed secret entries") cannot be read with \(key); "
          + "flows show and export with them as \(SealedSecret.unreadable), and they cannot be exported with "
          + "--with-credentials. Set FLOWPORT_KEY, or restore the key file (\(keyFileDescription)): \(named)\(more)")
    }
    workspaces[name] = open
    if targetName == nil { targetName = name }
    return open
  }

  /// The index in `imports` of the pending import with this name.
  func importIndex(named name: String) throws -> Int {
    guard let index = imports.firstIndex(where: { $0.name == name }) else {
      throw SessionError.unknownName(kind: "pending import", name: name, known: imports.map(\.name))
    }
    return index
  }

  /// The key that seals workspace secrets: `FLOWPORT_KEY`, or the key file under the XDG config
  /// folder (made on first use); nil when the environment offers neither. Resolved once.
  /// A key file that cannot be read or made, or holds no key, fails every command that opens a
  /// workspace, naming the file: going on without it would read as "no key" and seal nothing.
  func workspaceKey() throws(StoreError) -> WorkspaceKey? {
    let result = resolvedKey ?? Result { () throws(StoreError) in try WorkspaceKey.resolve(environment: configuration.environment) }
    resolvedKey = result
    return try result.get()
  }

  /// Where the key comes from, for messages.
  var keyFileDescription: String {
    if configuration.environment["FLOWPORT_KEY"].map({ !$0.isEmpty }) == true { return "FLOWPORT_KEY is set" }
    return WorkspaceKey.filePath(environment: configuration.environment) ?? "no HOME or XDG_CONFIG_HOME"
  }

  /// Runs a write to a workspace and keeps the session's view of it right: its revision is
  /// read again after the write, and after a "moved on" refusal, so the next plan is made
  /// against what the workspace holds now.
  func writing<T>(to open: OpenWorkspace, _ work: () throws(StoreError) -> T) throws -> T {
    let result: T
    do { result = try work() } catch {
      if case .movedOn = error { open.revision = try open.store.revision() }
      throw error
    }
    open.revision = try open.store.revision()
    return result
  }

  /// Asks before a write when someone can answer and `--yes` was not given; false when the
  /// answer is no (after saying so). In a script a no is a failure: what follows assumed it.
  func confirmed(_ question: String, assumeYes: Bool, otherwise: String) throws -> Bool {
    guard interaction.isInteractive, !assumeYes, !interaction.confirm(question) else { return true }
    output.line(otherwise)
    if !sourceStack.isEmpty { throw SessionError.declined }
    return false
  }
}
