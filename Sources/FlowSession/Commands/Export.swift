import FlowFormats
import FlowModel
import Foundation

/// `export`: writes a flow, pending import or loaded export to a file. Never writes a secret.
struct Export: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let format = OptionSpec(
      "--format", value: "format", completion: .words(ExportFormat.allCases.map(\.rawValue)),
      help: "json, bundle, sql, or the dialect the flow was read from (default)")
    static let indent = OptionSpec("--indent", value: "n", help: "spaces of indentation; 0 writes one line (default 2)")
    static let redact = OptionSpec("--redact", help: "replace secrets found in clear (tokens, keys, passwords) with placeholders")
    static let withCredentials = OptionSpec(
      "--with-credentials", help: "include connection secrets and secret variables (not in bundles or SQL); mode 0600")
    static let destination = OptionSpec("to", value: "path", completion: .path, help: "the file or folder to write")
  }

  static let spec = CommandSpec(
    name: "export", synopsis: "<flow[@version]|import|export> [to <path>] [--format <format>] [options]",
    summary: "Write a flow version to a file; the default name is the flow's name. Credentials are never included unless asked.",
    discussion: """
      The flow is a workspace flow (`orders` is its current version, `orders@2` another,
      `prod:orders` names the workspace), a pending import or a loaded export. `to` names a file,
      or a folder (ending in /, created if missing) to write `<flow name>.<ext>` into; without
      it, or with an empty name, the file is named after the flow, here.

      Formats, by `--format` name:
      \(formatList)

      `json` is FlowPort's own, with subflows, events, forms, rules, variables, schedule and SLA
      goals; `bundle` a .zip of flow_definition.json, app_definition.json, env_variables.json
      and config.yaml, for CI/CD; `sql` Flink SQL for event-processing flows, write-only. By
      default a flow is written in the dialect it was read from, exactly as read but for what
      changed (connection bindings). Bundle and SQL exports are validated first (see
      `validate`); nothing is written if any check fails. A JSON or dialect file that already
      holds the flow, its export time aside, is left as it was (`unchanged`): exporting again
      rewrites nothing (a bundle or SQL file is written anew, and one with credentials unless it
      is private already). A file replaced keeps its permissions; an export of another flow, or a
      file that is no export, is not replaced.

      Credentials and secret values are never written unless `--with-credentials` is given
      (JSON and dialects only): the file is then written with mode 0600 and a warning. A secret
      found in clear outside them (a password in a command, a token in code) is written with a
      warning naming where; `--redact` replaces it. Members with the viewer role cannot export
      from a workspace.

        export orders
        export orders@1 to backups/
        export fraud-alerts --format bundle
        export fraud-alerts --format sql to deploy/
      """,
    options: [Option.format, Option.indent, Option.redact, Option.withCredentials],
    keywords: [Option.destination],
    positionals: .anyName)

  /// One line per format of the registry: its name and what it is. Padded by hand: this help is
  /// made at every start, and Foundation's `padding(toLength:)` bridges through `NSString`, 0.8
  /// of the 8 million instructions `fps -c quit` ran.
  private static var formatList: String {
    let width = ExportFormat.allCases.map(\.rawValue.count).max() ?? 0
    return ExportFormat.allCases.map { "  " + $0.rawValue + String(repeating: " ", count: width + 2 - $0.rawValue.count) + $0.displayName }
      .joined(separator: "\n")
  }

  let source: String
  let destination: String?
  let format: ExportFormat?
  let layout: JSONWriter.Layout
  let redact: Bool
  let withCredentials: Bool

  init(_ arguments: ParsedArguments) throws {
    source = try arguments.positional(0, "the flow to export")
    try arguments.expectPositionals(atMost: 1)
    destination = arguments.value(Option.destination)
    if let name = arguments.value(Option.format) {
      guard let format = ExportFormat(rawValue: name) else {
        throw UsageError(
          "unknown format '\(name)'; known: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))", command: "export")
      }
      self.format = format
    } else {
      format = nil
    }
    let indent = arguments.value(Option.indent) ?? "2"
    guard let width = Int(indent), (0...8).contains(width) else {
      throw UsageError("--indent takes a number of spaces from 0 to 8, got '\(indent)'", command: "export")
    }
    layout = width == 0 ? .minified : .indented(width)
    redact = arguments.flag(Option.redact)
    withCredentials = arguments.flag(Option.withCredentials)
  }

  func run(in session: Session) throws {
    let operand = try session.flowOperand(source)
    if let open = operand.workspace { try session.authorize(.export, in: open) }
    let format = self.format ?? ExportFormat.natural(for: operand.version)
    if withCredentials, format.needsValidation {
      throw UsageError("a \(format.displayName) never carries credentials; drop --with-credentials", command: "export")
    }
    if format.needsValidation { try session.validate(operand, for: format) }
    var version = operand.version
    if let open = operand.workspace {
      if format == .json || format == .bundle { version.subflowDefinitions = try session.subflowDefinitions(of: version, in: open) }
      if withCredentials { version = try session.withCredentials(version, from: open) }
    }
    // A bundle and Flink SQL carry no secret, but write names (a comment, a table): a URL's
    // password in one is masked there as wherever fps prints it.
    if format.needsValidation { version = Self.maskingPasswords(inNamesOf: version) }
    let path = try outputPath(for: version.name, format: format)
    if operand.isBound, format.isDialect { Self.warnOfSourceIdentities(in: version, session: session) }
    let stamp = ExportStamp(at: Date().formatted(.iso8601), from: operand.origin, by: session.user)
    let options = EncodeOptions(includeCredentials: withCredentials, layout: layout, redactSecrets: redact)
    func render(_ stamp: ExportStamp) throws -> Data {
      do throws(FormatError) { return try format.file(for: version, stamp: stamp, options: options) } catch {
        throw SessionError.format(file: path, error)
      }
    }
    let bytes = try render(stamp)
    // Only a file is read back (a pipe there would wait for a writer); one to hold credentials
    // only when it is private already, or it is written anew to make it so.
    let existing = FileStatus(of: path)
    let previous = existing?.kind == .regularFile ? FileManager.default.contents(atPath: path) : nil
    if let previous, !withCredentials || existing.map({ $0.permissions & 0o777 == 0o600 }) == true,
      try Self.holds(previous, bytes, stamp, render)
    {
      return session.output.line(
        fitting: "unchanged \(path: path) (\(name: operand.label) as \(format.displayName)): it holds this flow already")
    }
    // Named as each file reads back: a dialect's file keeps its own name for a flow staged
    // under another (`--as-version-of`, `--name`). A file that is no export at all (a
    // `package.json`, notes) is kept as well; an empty one holds nothing to lose.
    if let previous, !previous.allSatisfy(StringBytes.isWhitespace) {
      guard let other = Self.flowName(in: previous) else {
        throw SessionError.writeFailed(
          path, "it is not an export of a flow, and this export would replace it: export to another file, or remove it first")
      }
      if other != Self.flowName(in: bytes) {
        throw SessionError.writeFailed(
          path, "it holds another flow, '\(other)', which this export would replace: export to another file, or remove it first")
      }
    }
    try Self.write(bytes, to: path, privately: withCredentials, replacing: existing)
    if withCredentials {
      session.output.warning("\(path) holds credentials in clear: it was written readable by you only; keep it out of version control")
    }
    if !redact, !withCredentials, !format.needsValidation { Self.warnOfSecretsInClear(in: bytes, path: path, session: session) }
    let subflows = version.subflowDefinitions.isEmpty ? "" : ", with \(Describe.count(version.subflowDefinitions.count, "subflow"))"
    session.output.line(
      fitting: "wrote \(path: path) (\(name: operand.label) as \(format.displayName), \(Describe.shape(version))\(subflows))")
  }

  /// Says so when the file written holds secrets the scanner finds in clear (a password in a
  /// command, a token in code), which no dialect's rules took out: `load` warned of them, but
  /// the file is where they leave the tool. A bundle and Flink SQL always redact them.
  private static func warnOfSecretsInClear(in bytes: Data, path: String, session: Session) {
    guard let document = try? JSONParser.parse(bytes) else { return }
    let found = SecretScanner.scan(document)
    guard !found.isEmpty else { return }
    let places = found.prefix(Self.placesShown).map(\.path).joined(separator: ", ")
    let more = found.count > Self.placesShown ? ", …" : ""
    session.output.warning(
      "\(path) holds \(Describe.count(found.count, "secret")) found in clear (\(places)\(more)); export --redact replaces them")
  }

  /// How many places of secrets in clear a warning names.
  private static let placesShown = 3

  /// A bound reference whose connection has no `id` property keeps the source's identity in a
  /// dialect's file (an n8n credential id, a Make connection id, a Node-RED config node id): the
  /// file would point at the test environment's credential. Says so, and how to fix it.
  private static func warnOfSourceIdentities(in version: FlowVersion, session: Session) {
    for reference in version.connections where reference.properties["id"] == nil && reference.name != reference.key {
      session.output.warning(
        "\(version.name): connection \(reference.name) has no `id` property, so \(reference.key) keeps the source's id in the file; "
          + "`connection set \(Tokenizer.word(reference.name)) --prop id=<its id in the target platform>` fixes it")
    }
  }

  /// True when a file already holds what would be written (`bytes`), but for the time of the
  /// export its `exported` stamp names: rendered again with that time, it is the same. A nightly
  /// export of flows that did not change rewrites no file, and a folder of exports kept in git
  /// shows no change.
  private static func holds(_ previous: Data, _ bytes: Data, _ stamp: ExportStamp, _ render: (ExportStamp) throws -> Data) throws
    -> Bool
  {
    if previous == bytes { return true }
    guard let document = try? JSONParser.parse(previous), let at = document["exported"]?["at"]?.stringValue, at != stamp.at else {
      return false
    }
    return try render(ExportStamp(at: at, from: stamp.from, by: stamp.by)) == previous
  }

  /// `version` with the password of each URL in its name and its nodes' names masked.
  private static func maskingPasswords(inNamesOf version: FlowVersion) -> FlowVersion {
    var version = version
    version.name = URLPassword.masking(in: version.name, with: URLPassword.redactedWord)
    for index in version.nodes.indices {
      version.nodes[index].name = URLPassword.masking(in: version.nodes[index].name, with: URLPassword.redactedWord)
    }
    return version
  }

  /// The name of the flow an export file holds as it reads back, or, for Flink SQL, which is
  /// not read back, as its first line names it; nil for a file that is no export.
  private static func flowName(in file: Data) -> String? {
    if let name = FlinkSQLWriter.flowName(in: file) { return name }
    return try? ExportFormat.read(file, fallbackName: "").1.version.name
  }

  /// Writes the file whole or not at all (a temporary file beside it, renamed into place); a
  /// private one is created with mode 0600, so it is never readable by others, not even briefly.
  /// A file replaced (`replacing` says what stands at `path`) keeps its mode: an export someone
  /// made private (or read-only) stays so.
  private static func write(_ bytes: Data, to path: String, privately: Bool, replacing existing: FileStatus?) throws {
    let temporary = "\(path).\(getpid()).tmp"
    let kept = existing.flatMap { $0.kind == .regularFile ? $0.permissions & 0o777 : nil }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, privately ? 0o600 : kept ?? 0o644)
    guard descriptor >= 0 else { throw SessionError.writeFailed(path, String(cString: strerror(errno))) }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    do {
      try handle.write(contentsOf: bytes)
      // Set on the open file, so the umask does not narrow it.
      if !privately, let kept { fchmod(descriptor, kept) }
      try handle.close()
      guard rename(temporary, path) == 0 else { throw SessionError.writeFailed(path, String(cString: strerror(errno))) }
    } catch {
      unlink(temporary)
      throw error as? SessionError ?? SessionError.writeFailed(path, error.localizedDescription)
    }
  }

  /// `to` as given, or `<folder>/<flow name>.json`, or `<flow name>.json` here.
  private func outputPath(for flowName: String, format: ExportFormat) throws -> String {
    let fileName = ExportFileName.name(for: flowName, extension: format.fileExtension)
    guard let destination, !destination.isEmpty else { return fileName }
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory)
    if destination.hasSuffix("/") || (exists && isDirectory.boolValue) {
      try Self.makeFolder(destination, for: destination)
      return PathText.join(destination, fileName)
    }
    let folder = PathText.folder(of: destination)
    if !folder.isEmpty { try Self.makeFolder(folder, for: destination) }
    return destination
  }

  /// Makes `folder` and those above it. A file standing where a folder must be is named:
  /// Foundation said only "A file with the same name already exists".
  private static func makeFolder(_ folder: String, for destination: String) throws {
    do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
      // `fa.json/` is asked about as `fa.json`: a file's stat fails with a slash after it.
      var path = folder
      while path.count > 1, path.hasSuffix("/") { path.removeLast() }
      while !path.isEmpty, path != "/" {
        if let status = FileStatus(of: path), status.kind != .directory {
          throw SessionError.writeFailed(destination, "\(path) is a file, not a folder")
        }
        path = PathText.folder(of: path)
      }
      throw SessionError.writeFailed(destination, error.localizedDescription)
    }
  }
}
