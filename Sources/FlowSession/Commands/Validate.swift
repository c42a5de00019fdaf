import FlowFormats
import FlowModel

/// `validate`: the checks a bundle or SQL export runs first, on their own.
struct Validate: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let format = OptionSpec(
      "--for", value: "format", completion: .words(Validate.validated.map(\.rawValue)), help: "the export to check for (default: bundle)")
    static let json = OptionSpec("--json", help: "every finding as JSON (schema in README); exit status 1 on an error")
  }

  static let spec = CommandSpec(
    name: "validate", synopsis: "<flow[@version]|import|export|file> [--for bundle|sql]",
    summary: "Check that a flow can be exported as a bundle or as Flink SQL; every finding at once.",
    discussion: """
      Checks, for a flow of sources and destinations: every source is connected to the graph,
      every node is configured (its required properties present), and the graph ends in exactly
      one node, a destination. For any flow: node types that cannot be exported (cloud function
      connectors) are named. `--for sql` also checks that each node has a Flink SQL translation.
      Exits with status 1 when there is an error.

        validate orders
        validate orders@2 --for sql
      """,
    options: [Option.format, Option.json],
    positionals: .anyName)

  /// The formats written only for a flow that passes validation.
  static let validated = ExportFormat.allCases.filter(\.needsValidation)

  let source: String
  let format: ExportFormat
  let json: Bool

  init(_ arguments: ParsedArguments) throws {
    source = try arguments.positional(0, "the flow to validate")
    try arguments.expectPositionals(atMost: 1)
    let word = arguments.value(Option.format) ?? "bundle"
    guard let format = ExportFormat(rawValue: word), format.needsValidation else {
      throw UsageError("--for takes \(Self.validated.map(\.rawValue).joined(separator: " or ")), got '\(word)'", command: "validate")
    }
    self.format = format
    json = arguments.flag(Option.json)
  }

  func run(in session: Session) throws {
    let operand = try session.flowOperand(source)
    if json {
      let findings = ExportValidation.check(operand.version, for: format)
      let document: JSONValue = [
        "flow": .string(operand.shownLabel), "format": .string(format.rawValue), "valid": .bool(!findings.contains(where: \.isError)),
        "findings": .array(
          findings.map { ["severity": .string($0.isError ? "error" : "warning"), "message": .string($0.message)] }),
      ]
      session.output.line(JSONWriter().string(document))
      let errors = findings.filter(\.isError).map(\.message)
      if !errors.isEmpty { throw SessionError.invalidFlow(flow: operand.shownLabel, format: format.displayName, findings: errors) }
      return
    }
    try session.validate(operand, for: format)
    session.output.line("\(operand.shownLabel): ready for \(format.displayName) export (\(Describe.shape(operand.version)))")
  }
}

extension Session {
  /// Prints the warnings and throws every error at once: what `validate` and a bundle or SQL
  /// `export` do before anything is written.
  func validate(_ operand: FlowOperand, for format: ExportFormat) throws {
    let findings = ExportValidation.check(operand.version, for: format)
    for warning in findings where !warning.isError { output.warning(warning.message) }
    let errors = findings.filter(\.isError).map(\.message)
    if !errors.isEmpty { throw SessionError.invalidFlow(flow: operand.shownLabel, format: format.displayName, findings: errors) }
  }
}
