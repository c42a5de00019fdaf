/// The property changes one place (a node, a connection, the flow, its dependencies) got on
/// each side since the base, split by who made them.
///
/// Paths overlap when one is the other or holds it (`config.a` and `config.a.b`). A change
/// with no overlapping change on the other side belongs to its side; one path changed on both
/// sides to the same value (a secret to the same stand-in) is agreed; any other overlap is a
/// conflict, listed on both sides. A conflict where either side changed a secret shows both as
/// secrets: the place holds one, although one side's rules may not know it for one (a header's
/// value under a name the other side changed to `X-Auth-Token`).
struct PropertySplit {
  var targetConflicts: [PropertyChange] = []
  var incomingConflicts: [PropertyChange] = []
  var targetOnly: [PropertyChange] = []
  var incoming: [PropertyChange] = []
  /// The changes made the same on both sides, as the new export has them.
  var agreed: [PropertyChange] = []

  init(target: [PropertyChange], new: [PropertyChange]) {
    var agreedNew: Set<Int> = []
    var conflictingNew: Set<Int> = []
    var secretNew: Set<Int> = []
    for change in target {
      let overlapping = new.indices.filter { Self.overlaps(change.components, new[$0].components) }
      if overlapping.isEmpty {
        targetOnly.append(change)
      } else if overlapping.count == 1, case let other = new[overlapping[0]], other.components == change.components,
        other.outcome == change.outcome
      {
        agreedNew.insert(overlapping[0])
      } else {
        targetConflicts.append(overlapping.contains { new[$0].isSecret } ? change.maskedAsSecret : change)
        conflictingNew.formUnion(overlapping)
        if change.isSecret { secretNew.formUnion(overlapping) }
      }
    }
    for (index, change) in new.enumerated() {
      if agreedNew.contains(index) {
        agreed.append(change)
      } else if conflictingNew.contains(index) {
        incomingConflicts.append(secretNew.contains(index) ? change.maskedAsSecret : change)
      } else {
        incoming.append(change)
      }
    }
  }

  var hasConflicts: Bool { !targetConflicts.isEmpty }

  private static func overlaps(_ a: [PropertyChange.Component], _ b: [PropertyChange.Component]) -> Bool {
    a.starts(with: b) || b.starts(with: a)
  }
}
