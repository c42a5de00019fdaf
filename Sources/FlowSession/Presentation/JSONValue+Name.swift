import FlowFormats
import FlowModel

extension JSONValue {
  /// A name (a flow's, an import's, a reference's, a connection's) in the JSON a command prints
  /// for scripts, with what a secret pattern finds in it redacted, as each line of text prints
  /// it (`FittedLine`'s `\(name:)`): `--json` lands in CI logs as often as in scripts, and a
  /// token pasted into a flow's name was printed there in clear.
  static func name(_ text: String) -> JSONValue { .string(Secrets.redacted(name: text)) }
}
