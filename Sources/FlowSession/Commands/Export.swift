import FlowFormats
import FlowModel
import Foundation

/// `export`: writes a flow, pending import or loaded export to a file. Never writes a secret.
struct Export: Command {
  static let spec = CommandSpec(
    name: "export", synopsis: "<flow[@version]|import|export> [to <path>] [--format json]",
    summary: "Write a flow version to a file; the default name is the flow's name. Credentials are never included.",
    discussion: """
      The flow is a workspace flow (`orders`, `orders@2`, `prod:orders`), a pending import or a
      loaded export. `to` names a file, or a folder (ending in /, created if missing) to write
      `<flow name>.json` into; without it the file goes to the current folder. An existing file
      is replaced. Connection references keep their type, name and non-secret properties only.

        export orders
        export orders@1 to backups/
        export prod:orders to orders-prod.json
      """,
    options: [OptionSpec("--format", value: "format", completion: .words(ExportFormat.allCases.map(\.rawValue)), help: "the file format (json)")],
    keywords: [OptionSpec("to", value: "path", completion: .path, help: "the file or folder to write")],
    positionals: .anyName)

  let source: String
  let destination: String?
  let format: ExportFormat

  init(_ arguments: ParsedArguments) throws {
    source = try arguments.positional(0, "the flow to export")
    try arguments.expectPositionals(atMost: 1)
    destination = arguments.value("to")
    let formatName = arguments.value("--format") ?? "json"
    guard let format = ExportFormat(rawValue: formatName) else {
      throw UsageError("export: unknown format '\(formatName)'; known: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))", command: "export")
    }
    self.format = format
  }

  func run(in session: Session) throws {
    let operand = try session.flowOperand(source)
    let path = try outputPath(for: operand.version.name)
    let stamp = ExportStamp(at: Date().formatted(.iso8601), from: operand.origin, by: session.user)
    let bytes = JSONWriter(layout: .indented(2)).bytes(NativeJSONCodec.encode(operand.version, stamp: stamp)) + [0x0A]
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw SessionError.writeFailed(path, (error as NSError).localizedFailureReason ?? error.localizedDescription)
    }
    session.output.line("wrote \(path) (\(operand.label), \(Describe.shape(operand.version)))")
  }

  /// `to` as given, or `<folder>/<flow name>.json`, or `<flow name>.json` here.
  private func outputPath(for flowName: String) throws -> String {
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
