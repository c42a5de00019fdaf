/// The node (or connection) changes of two diffs from one base merged: by the base node each
/// pairs with, or by name and type where both sides added one.
///
/// Removed on both sides is agreed; removed on one side and changed on the other is a
/// conflict; changed on both is split property by property (`PropertySplit`), a rename like a
/// property; added on both is agreed when the two added nodes are alike, else a conflict.
struct EntityMerge {
  private(set) var conflicts: [MergeConflict] = []
  /// In the target's order.
  private(set) var targetOnly: [NodeChange] = []
  /// In the new export's order.
  private(set) var incoming: [NodeChange] = []
  /// In the new export's order, as the new export has them.
  private(set) var agreed: [NodeChange] = []

  /// Merges `ours` (base -> target) and `theirs` (base -> new); `addedAlike` says whether the
  /// nodes both sides added under a name are the same.
  init(_ ours: [NodeChange], _ theirs: [NodeChange], place: MergeConflict.Place, addedAlike: (String) -> Bool) {
    struct Added: Hashable {
      let name: String, type: String
      init(_ change: NodeChange) { (name, type) = (change.name, change.type) }
    }
    let theirsByBase = Dictionary(theirs.compactMap { change in change.leftIndex.map { ($0, change) } }) { first, _ in first }
    let oursByBase = Set(ours.compactMap(\.leftIndex))
    let theirsAdded = Dictionary(theirs.filter { $0.kind == .added }.map { (Added($0), $0) }) { first, _ in first }
    let oursAdded = Set(ours.filter { $0.kind == .added }.map(Added.init))
    var agreedAdded: Set<Added> = []
    var incomingPart: [Int: NodeChange] = [:]
    var agreedPart: [Int: NodeChange] = [:]

    for change in ours {
      if change.kind == .added {
        guard let other = theirsAdded[Added(change)] else {
          targetOnly.append(change)
          continue
        }
        if addedAlike(change.name) {
          agreedAdded.insert(Added(change))
        } else {
          conflicts.append(MergeConflict(place: place, name: change.name, type: change.type, target: change, incoming: other))
        }
        continue
      }
      guard let index = change.leftIndex, let other = theirsByBase[index] else {
        targetOnly.append(change)
        continue
      }
      switch (change.kind, other.kind) {
      case (.removed, .removed):
        agreedPart[index] = other
      case (.removed, _), (_, .removed):
        conflicts.append(MergeConflict(place: place, name: change.leftName, type: change.type, target: change, incoming: other))
      default:
        let split = PropertySplit(target: change.changes, new: other.changes)
        let (ourName, theirName) = (change.oldName.map { _ in change.name }, other.oldName.map { _ in other.name })
        let renamesConflict = ourName != nil && theirName != nil && ourName != theirName
        if let target = change.restricted(to: split.targetConflicts, renamed: renamesConflict),
          let incoming = other.restricted(to: split.incomingConflicts, renamed: renamesConflict)
        {
          conflicts.append(MergeConflict(place: place, name: change.leftName, type: change.type, target: target, incoming: incoming))
        }
        if let part = change.restricted(to: split.targetOnly, renamed: ourName != nil && theirName == nil) { targetOnly.append(part) }
        incomingPart[index] = other.restricted(to: split.incoming, renamed: theirName != nil && ourName == nil)
        agreedPart[index] = other.restricted(to: split.agreed, renamed: ourName != nil && ourName == theirName)
      }
    }
    for change in theirs {
      if change.kind == .added {
        if !oursAdded.contains(Added(change)) {
          incoming.append(change)
        } else if agreedAdded.contains(Added(change)) {
          agreed.append(change)
        }
        continue
      }
      guard let index = change.leftIndex, oursByBase.contains(index) else {
        incoming.append(change)
        continue
      }
      if let part = incomingPart[index] { incoming.append(part) }
      if let part = agreedPart[index] { agreed.append(part) }
    }
  }
}

extension NodeChange {
  /// The node's name on the left side (the base, in a three-way diff).
  var leftName: String { kind == .removed ? name : oldName ?? name }

  /// This change with only `changes`, and its rename only when `renamed`; nil when that leaves
  /// nothing to show.
  func restricted(to changes: [PropertyChange], renamed: Bool) -> NodeChange? {
    guard !changes.isEmpty || renamed else { return nil }
    var part = self
    part.changes = changes
    if !renamed { part.oldName = nil }
    return part
  }
}
