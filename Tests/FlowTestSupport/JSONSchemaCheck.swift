import Foundation

/// Checks a `--json` output against its JSON Schema with Python's `jsonschema`, installed with
/// PyFlink in `.build-flink` by `scripts/setup --for-tests`.
public enum JSONSchemaCheck {
  /// The tool the check needs.
  public static let python = ExternalTool.pyFlink

  /// The schema file of an output (`status`, `match`, `plan`, `validate`, `undo`).
  public static func schema(_ name: String) -> URL {
    Corpus.repositoryRoot.appendingPathComponent("Sources/FlowSession/Schemas/\(name).schema.json")
  }

  /// Nil when `json` follows the schema; else jsonschema's message.
  public static func problems(in json: String, against schema: URL) throws -> String? {
    guard let python = python.path else { return "\(self.python.name) is missing" }
    let document = FileManager.default.temporaryDirectory.appendingPathComponent("fps-schema-\(UUID().uuidString).json")
    try Data(json.utf8).write(to: document)
    defer { try? FileManager.default.removeItem(at: document) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [
      "-c", "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))",
      document.path, schema.path,
    ]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return process.terminationStatus == 0 ? nil : message
  }
}
