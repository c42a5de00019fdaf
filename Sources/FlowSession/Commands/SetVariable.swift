import FlowFormats

/// `set`: session variables for `${name}`, and the `on-error` setting of scripts.
struct SetVariable: Command {
  static let spec = CommandSpec(
    name: "set", synopsis: "[<name> <value>...]",
    summary: "Set a variable (used as ${name}), or list them; `set on-error continue|stop` for scripts.",
    discussion: """
      `set on-error continue` lets a script go on after a failing command (it still exits 1);
      the default, `stop`, ends the script at the first failure. `${script_dir}` is built in:
      the folder of the script being run (the current folder at the prompt), so a script can
      name its files relative to itself: `load ${script_dir}/exports/orders.json`.

      A variable named as a secret's (`db_password`, `PGPASSWORD`, `openaiKey`) is listed as
      `(secret)`, and the shell's history keeps its value as `***`, which `set` refuses as a value.
      """,
    positionals: .settings(["on-error": ["continue", "stop"]]))

  let name: String?
  let value: String

  init(_ arguments: ParsedArguments) throws {
    name = arguments.positionals.first
    value = arguments.positionals.dropFirst().joined(separator: " ")
    if name == "on-error", !["continue", "stop"].contains(value) {
      throw UsageError("on-error is continue or stop, not '\(value)'", command: "set")
    }
    if let name, value == HistoryText.mask, SecretScanner.isSecretVariableName(name) {
      throw UsageError("'\(value)' is what the shell's history keeps of a secret: type the value again", command: "set")
    }
  }

  func run(in session: Session) throws {
    guard let name else {
      if session.variables.isEmpty { return session.output.line("no variables") }
      // A secret's value is not shown (`db_password=(secret)`), as the history does not keep it;
      // a name that ends as one (`PGPASSWORD`, `openaiKey`) is taken for one.
      return session.variables.sorted { $0.key < $1.key }.forEach { name, value in
        session.output.line("\(name)=\(SecretScanner.isSecretVariableName(name) ? "(secret)" : value)")
      }
    }
    if name == "on-error" { return session.continueOnError = value == "continue" }
    session.variables[name] = value
  }
}
