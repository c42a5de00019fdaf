import FlowDiff
import FlowFormats
import FlowModel
import FlowStore

/// What a commit does with what its flows bring along: each event, form and rule is created
/// where the target lacks it, reused where the target has the same, and a conflict where the
/// target has a different one of that name; a subflow the target has is reused (one it lacks is
/// staged by `load` as an import of its own). Planned over all imports of one commit, so an
/// event two flows share is created once.
struct DependencyPlan {
  enum Decision: Equatable {
    case create, reuse
    /// Reused, but the target's differs; the target's is kept.
    case keepTargets
    /// Blocks the commit.
    case conflict
  }

  struct Item {
    let kind: String
    let name: String
    let decision: Decision
  }

  /// An event, form or rule of the registry, by its kind and name.
  private struct RegistryName: Hashable {
    let kind: RegistryEntry.Kind
    let name: String
  }

  /// The items of each import by its name, in the order planned: asked for one import at a
  /// time, by every check and plan line of a commit of thousands.
  private var itemsByImport: [String: [Item]] = [:]
  private(set) var registryWrites: [RegistryEntry] = []

  /// The plan when nothing is pending.
  init() {}

  /// `currentVersions`: the target's current version of each subflow it already has.
  init(imports: [PendingImport], state: WorkspaceState, currentVersions: [String: FlowVersion]) {
    var planned: [RegistryName: String] = [:]
    // The target's entries by kind and name: looked up for every entry of every import.
    let registry = Dictionary(state.registry.map { (RegistryName(kind: $0.kind, name: $0.name), $0.definition) }) { first, _ in first }
    for pending in imports {
      for subflow in pending.outline.subflowDefinitions where state.hasFlow(named: subflow.name) {
        plan(subflow, of: pending, current: currentVersions[subflow.name])
      }
      for (kind, entries) in [
        (RegistryEntry.Kind.event, pending.outline.dependencies.events), (.form, pending.outline.dependencies.forms),
        (.rule, pending.outline.dependencies.rules),
      ] {
        for entry in entries {
          guard let name = Dependencies.name(of: entry) else { continue }
          let definition = JSONWriter(layout: .minified).string(entry)
          let key = RegistryName(kind: kind, name: name)
          let existing = registry[key] ?? planned[key]
          let decision: Decision
          switch existing {
          case nil:
            decision = .create
            planned[key] = definition
            registryWrites.append(RegistryEntry(kind: kind, name: name, definition: definition))
          case definition?: decision = .reuse
          case _?: decision = .conflict
          }
          itemsByImport[pending.name, default: []].append(Item(kind: kind.rawValue, name: name, decision: decision))
        }
      }
    }
  }

  private mutating func plan(_ subflow: FlowVersion, of pending: PendingImport, current: FlowVersion?) {
    let same = current.map {
      FlowDiffer.diff(
        $0, subflow, leftLabel: "target", rightLabel: "export",
        options: DiffOptions().comparingViews(of: [$0, subflow].map(ExportFormat.natural))
      ).isEmpty
    }
    let decision: Decision = same == false ? .keepTargets : .reuse
    itemsByImport[pending.name, default: []].append(Item(kind: "subflow", name: subflow.name, decision: decision))
  }

  /// What blocks the commit of one import, and what it should warn about.
  func findings(for importName: String) -> [Finding] {
    (itemsByImport[importName] ?? []).compactMap { item in
      switch item.decision {
      case .conflict:
        .error("\(importName): \(item.kind) '\(item.name)' differs from the one of that name in the target; align them or rename one")
      case .keepTargets:
        .warning("\(importName): subflow '\(item.name)' differs from the target's current version, which is kept")
      case .create, .reuse: nil
      }
    }
  }

  /// The plan's lines for one import: `create event 'FraudSuspected'`, `reuse subflow 'notify'`.
  func lines(for importName: String) -> [String] {
    (itemsByImport[importName] ?? []).map { item in
      let verb =
        switch item.decision {
        case .create: "create"
        case .reuse: "reuse"
        case .keepTargets: "reuse (target's differs, kept)"
        case .conflict: "CONFLICT"
        }
      return "\(verb) \(item.kind) '\(item.name)'"
    }
  }
}
