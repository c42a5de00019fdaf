import FlowModel

/// The names a diff shows connection references by: their own, and their key too where the
/// name alone does not tell them apart. n8n names credentials by a display name that many
/// share (`Postgres account`): a node moved from one to another showed as
/// `~ connection: "pg account" -> "pg account"`, and the credentials added and removed as
/// lines alike. A reference and the one it pairs with on the other side, under one name, count
/// as one: another instance's ids alone make no name ambiguous.
struct ConnectionNames {
  /// Names held by more than one reference.
  private let ambiguous: Set<String>

  init(left: [ConnectionRef], right: [ConnectionRef], pairing: Pairing) {
    var holders: [String: Int] = [:]
    for reference in right { holders[reference.name, default: 0] += 1 }
    for (index, reference) in left.enumerated() {
      if let paired = pairing.connectionRightForLeft[index], right[paired].name == reference.name { continue }
      holders[reference.name, default: 0] += 1
    }
    ambiguous = Set(holders.compactMap { name, count in count > 1 ? name : nil })
  }

  /// How `reference` is shown: `pg account (postgres:AB12)` where its name is ambiguous.
  func shown(_ reference: ConnectionRef) -> String {
    ambiguous.contains(reference.name) ? "\(reference.name) (\(reference.key))" : reference.name
  }

  /// How the reference `key` names among `references` is shown; the key itself when none has it.
  func shown(key: String, among references: [ConnectionRef]) -> String {
    references.first { $0.key == key }.map(shown) ?? key
  }
}
