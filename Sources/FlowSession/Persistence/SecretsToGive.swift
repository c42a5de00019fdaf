import FlowFormats
import FlowModel
import FlowStore

/// The secrets a restored session's staged connections still need. A kept session names the
/// secrets a staged `connection add` or `set` was given but never their values (nothing secret
/// is written to disk), so a restored change holds `notKept` in their place; committing it as
/// it is would write a connection without its password. The commit is blocked until a later
/// `connection set <name> --secret <key>` gives each one again.
enum SecretsToGive {
  /// What a restored change holds for a secret's value: a NUL, which no typed or scripted
  /// value can hold (the tokenizer refuses it), so it is never mistaken for one.
  static let notKept = "\u{0}not kept with the session"

  /// An error for each secret still to give, in the order the connections were staged: `status`
  /// lists them, and they block `commit`.
  static func findings(in changes: [WorkspaceChange]) -> [Finding] {
    var missing: [(connection: String, secret: String)] = []
    for change in changes {
      let connection: String
      let secrets: [String: String]
      switch change {
      case .addConnection(let added, let given): (connection, secrets) = (added.name, given)
      case .setConnection(let name, _, let given): (connection, secrets) = (name, given)
      case .removeConnection(let name):
        missing.removeAll { $0.connection == name }
        continue
      default: continue
      }
      missing.removeAll { $0.connection == connection && secrets[$0.secret] != nil }
      missing += secrets.filter { $0.value == notKept }.keys.sorted().map { (connection, $0) }
    }
    return missing.map {
      .error(
        "connection \($0.connection) was restored without its secret \($0.secret) (never kept on disk): "
          + "`connection set \(Tokenizer.word($0.connection)) --secret \(Tokenizer.word($0.secret))` gives it again")
    }
  }
}
