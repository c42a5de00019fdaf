import FlowFormats
import FlowModel
import Foundation

/// `export`: writes a flow, pending import or loaded export to a file. Never writes a secret.
struct Export: Command {
  static let spec = CommandSpec(
    name: "export", synopsis: "<flow[@version]|import|export> [to <path>] [--format <format>] [options]",
    summary: "Write a flow version to a file; the default name is the flow's name. Credentials are never included unless asked.",
    discussion: """
      The flow is a workspace flow (`orders`, `orders@2`, `prod:orders`), a pending import or a
      loaded export. `to` names a file, or a folder (ending in /, created if missing) to write
      `<flow name>.json` into; without it the file goes to the current folder. An existing file
      is replaced. Connection references keep their type, name and non-secret properties only.
      A flow read from n8n, Node-RED, Make, NiFi or IBM Event Processing is written in that
      format by default, exactly as read but for what changed: after `match`, the target's
      connection identities (a connection's `id` property) are written in. `--format json`
      writes FlowPort's own format.

        export orders
        export orders@1 to backups/
        export prod:orders to orders-prod.json
      """,
    options: [
      OptionSpec(
        "--format", value: "format", completion: .words(ExportFormat.allCases.map(\.rawValue)),
        help: "json, or the dialect the flow was read from (default)"),
      OptionSpec("--indent", value: "n", help: "spaces of indentation; 0 writes one line (default 2)"),
      OptionSpec("--redact", help: "replace secrets found in clear (tokens, keys, passwords) with placeholders"),
      OptionSpec("--with-credentials", help: "include credential values the format carries; the file is written with mode 0600"),
    ],
    keywords: [OptionSpec("to", value: "path", completion: .path, help: "the file or folder to write")],
    positionals: .anyName)

  let source: String
  let destination: String?
  let format: ExportFormat?
  let layout: JSONWriter.Layout
  let redact: Bool
  let withCredentials: Bool

  init(_ arguments: ParsedArguments) throws {
    source = try arguments.positional(0, "the flow to export")
    try arguments.expectPositionals(atMost: 1)
    destination = arguments.value("to")
    if let name = arguments.value("--format") {
      guard let format = ExportFormat(rawValue: name) else {
        throw UsageError(
          "export: unknown format '\(name)'; known: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))", command: "export")
      }
      self.format = format
    } else {
      format = nil
    }
    let indent = arguments.value("--indent") ?? "2"
    guard let width = Int(indent), (0...8).contains(width) else {
      throw UsageError("export: --indent takes a number of spaces from 0 to 8, got '\(indent)'", command: "export")
    }
    layout = width == 0 ? .minified : .indented(width)
    redact = arguments.flag("--redact")
    withCredentials = arguments.flag("--with-credentials")
  }

  func run(in session: Session) throws {
    let operand = try session.flowOperand(source)
    let format = self.format ?? ExportFormat.natural(for: operand.version)
    let path = try outputPath(for: operand.version.name, format: format)
    let stamp = ExportStamp(at: Date().formatted(.iso8601), from: operand.origin, by: session.user)
    var document: JSONValue
    do {
      document = try format.encode(operand.version, stamp: stamp, options: EncodeOptions(includeCredentials: withCredentials))
    } catch { throw SessionError.other("export: \(error)") }
    if redact { document = SecretScanner.redact(document) }
    let bytes = JSONWriter(layout: layout).bytes(document) + [0x0A]
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
      if withCredentials { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
    } catch {
      throw SessionError.writeFailed(path, (error as NSError).localizedFailureReason ?? error.localizedDescription)
    }
    if withCredentials { session.output.warning("\(path) may hold credentials: it was written readable by you only") }
    session.output.line("wrote \(path) (\(operand.label) as \(format.displayName), \(Describe.shape(operand.version)))")
  }

  /// `to` as given, or `<folder>/<flow name>.json`, or `<flow name>.json` here.
  private func outputPath(for flowName: String, format: ExportFormat) throws -> String {
    let fileName = Session.safeFileName(flowName) + "." + format.fileExtension
    guard let destination, !destination.isEmpty else { return fileName }
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory)
    if destination.hasSuffix("/") || (exists && isDirectory.boolValue) {
      do {
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
      } catch { throw SessionError.writeFailed(destination, error.localizedDescription) }
      return (destination as NSString).appendingPathComponent(fileName)
    }
    return destination
  }
}
