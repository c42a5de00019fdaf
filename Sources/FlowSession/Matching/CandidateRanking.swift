import FlowModel

/// Orders a target's connections as candidates for a reference: same type first, then by how
/// alike the names are, so `kafka-test` offers `kafka-prod` before `kafka-analytics`.
enum CandidateRanking {
  static func rank(_ ref: ConnectionRef, among connections: [Connection]) -> [Connection] {
    connections.map { ($0, score(ref, $0)) }.sorted { $0.1 > $1.1 || $0.1 == $1.1 && $0.0.name < $1.0.name }.map(\.0)
  }

  /// Same type counts most; then the share of the longer name that is not edited away.
  static func score(_ ref: ConnectionRef, _ connection: Connection) -> Double {
    let distance = Suggestion.editDistance(ref.name.lowercased(), connection.name.lowercased())
    let similarity = 1 - Double(distance) / Double(max(ref.name.count, connection.name.count, 1))
    return (connection.type == ref.type ? 1 : 0) + similarity
  }

  /// The binding `match --auto` makes: same name and type, else the only connection of the type.
  static func automatic(_ ref: ConnectionRef, among connections: [Connection]) -> Binding? {
    if let same = connections.first(where: { $0.name == ref.name && $0.type == ref.type }) {
      return Binding(connection: same.name, reason: Binding.sameNameAndType)
    }
    let sameType = connections.filter { $0.type == ref.type }
    if sameType.count == 1 { return Binding(connection: sameType[0].name, reason: "only \(ref.type) connection") }
    return nil
  }
}
