import Algorithms
import FlowDiff
import FlowFormats
import FlowModel
import FlowStore

/// The reviewed summary of what a commit will write: one line per flow (created, versioned with
/// what its diff against the target's current version says, or unchanged and skipped), its
/// bindings and dependencies below it, the staged connection and member changes, and a total.
/// `--verbose` lists nodes. The same plan is rendered as text and as JSON.
struct CommitPlan {
  /// One pending import as the commit will treat it.
  struct Entry {
    let pending: PendingImport
    /// The version as it will be written, every reference renamed to its connection: outlined
    /// when the import is (the plan reads its outline, the commit stores its text).
    let bound: StagedVersion
    /// For a new version: how it differs from the target's current version; nil for a new flow.
    let diff: FlowDiff?
    /// The version number it gets; 1 for a new flow.
    let number: Int
    /// The target version last imported from the same file, when the target changed since
    /// (`WorkspaceState.changedSince`).
    let changedSince: Int?

    /// Identical to what the target has now: skipped, so a migration can run again.
    var isUnchanged: Bool { diff?.isEmpty == true }
  }

  let entries: [Entry]
  /// The imports that will be written (not unchanged).
  let writing: [Entry]
  /// Connection, member and flow-removal changes staged for the workspace.
  let changes: [WorkspaceChange]
  let dependencies: DependencyPlan

  /// The plan for the imports and changes staged for a workspace in `state`. `current` reads a
  /// flow's current version from the store, on this thread; `decode` reads it into the model.
  init(
    imports: [PendingImport], changes: [WorkspaceChange], state: WorkspaceState, current: (String) throws -> StoredVersion,
    decode: @escaping @Sendable (StoredVersion) throws -> FlowVersion
  ) throws {
    var nextVersion = Dictionary(state.flows.map { ($0.name, $0.versionCount + 1) }, uniquingKeysWith: max)
    var entries: [Entry] = []
    entries.reserveCapacity(imports.count)
    // Each import is bound, and a new version compared with its flow's current one, on every
    // core, a batch at a time: a migration run again compares each of its thousands of flows
    // with what it wrote the time before (2,000 n8n flows: 4.2 s on one core). The stored
    // versions are read here, and only a batch of them is held at once.
    for batch in imports.chunks(ofCount: Session.bulkBatchSize) {
      // A flow that cannot be read fails its own import, in order, not the batch at once.
      let targets = batch.map { pending in Result { try pending.mode.isNewFlow ? nil : current(pending.mode.flowName) } }
      let compared = Array(zip(batch, targets)).concurrentMap { pending, target in
        Result { try Self.compare(pending, with: target, state: state, decode: decode) }
      }
      for (pending, result) in zip(batch, compared) {
        let (bound, diff) = try result.get()
        guard let diff else {
          entries.append(Entry(pending: pending, bound: bound, diff: nil, number: 1, changedSince: nil))
          continue
        }
        let flow = pending.mode.flowName
        let number = nextVersion[flow] ?? 1
        if !diff.isEmpty { nextVersion[flow] = number + 1 }
        entries.append(Entry(pending: pending, bound: bound, diff: diff, number: number, changedSince: state.changedSince(pending)))
      }
    }
    self.entries = entries
    self.writing = entries.filter { !$0.isUnchanged }
    self.changes = changes
    self.dependencies = state.dependencies
  }

  /// The import as it will be written, and for a new version, how it differs from `target`,
  /// its flow's current version as stored.
  private static func compare(
    _ pending: PendingImport, with target: Result<StoredVersion?, any Error>, state: WorkspaceState,
    decode: (StoredVersion) throws -> FlowVersion
  ) throws -> (bound: StagedVersion, diff: FlowDiff?) {
    let bound = try pending.boundVersion(using: state)
    guard let target = try target.get() else { return (bound, nil) }
    // Compared as `diff` compares them (`ExportFormat.comparedView`): the model alone missed what
    // differs in a platform's connection objects, a Node-RED broker's host or password, and
    // skipped such an import as unchanged.
    let (current, currentFormat) = ExportFormat.comparedView(of: try decode(target))
    // The export's own version number says nothing about the target's history, and its name
    // none about the flow's, which the commit stores it under (one loaded with `--name` was
    // otherwise a change at every run).
    var whole = bound.whole
    whole.number = current.number
    whole.name = pending.mode.flowName
    let (compared, comparedFormat) = ExportFormat.comparedView(of: whole)
    let diff = FlowDiffer.diff(
      current, compared, leftLabel: pending.mode.flowName, rightLabel: pending.name,
      options: DiffOptions().comparingViews(of: [currentFormat, comparedFormat]), usingCores: false)
    return (bound, diff)
  }

  /// Nothing would be written: every import is unchanged and no change is staged.
  var writesNothing: Bool { writing.isEmpty && changes.isEmpty }

  /// `2 imports and 3 changes`: what the commit writes, in a few words.
  var summary: String {
    [writing.isEmpty ? nil : Describe.count(writing.count, "import"), changes.isEmpty ? nil : Describe.count(changes.count, "change")]
      .compactMap { $0 }.joined(separator: " and ")
  }

  /// The plan as text: a line per flow, what comes with it below, and a total. Routine
  /// bindings (`Binding.isRoutine`) are counted by reason, in the order first met, and listed
  /// only when `verbose`. Flow lines fit `width` columns (see `FittedLine`).
  func text(workspace: String, verbose: Bool, width: Int?) -> String {
    var lines = ["plan for \(workspace):"]
    var routine: [(reason: String, count: Int)] = []
    lines += changes.map { "  " + Session.describe($0) }
    for entry in entries {
      lines.append(headline(entry).text(width: width))
      guard !entry.isUnchanged else { continue }
      if let base = entry.changedSince {
        let flow = entry.pending.mode.flowName
        let line: FittedLine =
          "    \(Describe.changedSince(base)): diff --base \(workspace):\(name: flow)@\(base) \(workspace):\(name: flow) \(name: entry.pending.name)"
        lines.append(line.text(width: width))
      }
      if verbose { lines += nodeLines(entry).map { "      " + $0 } }
      for ref in entry.pending.outline.connections {
        guard let binding = entry.pending.bindings[ref.key] else {
          lines.append(FittedLine("    unmatched \(name: ref.key) (\(ref.type))").text(width: width))
          continue
        }
        guard verbose || !binding.isRoutine else {
          if let index = routine.firstIndex(where: { $0.reason == binding.reason }) {
            routine[index].count += 1
          } else {
            routine.append((binding.reason, 1))
          }
          continue
        }
        let line: FittedLine = "    binds \(name: ref.key) (\(ref.type)) -> \(name: binding.connection) [\(name: binding.reason)]"
        lines.append(line.text(width: width))
      }
      lines += entry.pending.values.map { value in
        let nodes = value.node.label
        let line: FittedLine =
          "    keeps \(value.path) = \(name: JSONWriter(layout: .minified).string(value.value))\(nodes.isEmpty ? "" : " on \(nodes)") [\(value.origin)]"
        return line.text(width: width)
      }
      lines += dependencies.lines(for: entry.pending.name).map { "    \($0)" }
      let carried = DependencyListing.carried(entry.bound.outline)
      if verbose, !carried.isEmpty { lines.append("    carries \(carried.joined(separator: ", "))") }
    }
    if !routine.isEmpty {
      let counts = routine.map { "\($0.count) \($0.reason == Binding.sameNameAndType ? "by " : "")\($0.reason)" }.joined(separator: ", ")
      lines.append("bindings not listed: \(counts) (commit --verbose lists them)")
    }
    lines.append("total: \(total)")
    return lines.joined(separator: "\n") + "\n"
  }

  /// `create flow orders: 12 nodes, 3 bindings (orders.json)`, `add version 3 to payments: 2 nodes
  /// changed, …`, `unchanged orders: skipped (…)`, indented under the plan's title.
  private func headline(_ entry: Entry) -> FittedLine {
    let bindings = Describe.count(entry.pending.bindings.count, "binding")
    let origin = entry.pending.origin
    switch (entry.pending.mode, entry.diff) {
    case (.newFlow(let flow), _):
      return "  create flow \(name: flow): \(Describe.count(entry.bound.outline.nodes.count, "node")), \(bindings) (\(origin))"
    case (.newVersion(of: let flow), let diff?) where diff.isEmpty:
      return "  unchanged \(name: flow): skipped (\(origin))"
    case (.newVersion(of: let flow), let diff):
      return "  add version \(entry.number) to \(name: flow): \(diff?.stat.summary ?? "new"), \(bindings) (\(origin))"
    }
  }

  /// With --verbose: the nodes of a new flow, or the nodes a new version adds, removes or changes.
  private func nodeLines(_ entry: Entry) -> [String] {
    guard let diff = entry.diff else { return entry.bound.outline.nodes.map { "+ \"\($0.name)\" (\($0.type))" } }
    return diff.nodes.map { change in
      let mark =
        switch change.kind {
        case .added: "+"
        case .removed: "-"
        default: "~"
        }
      return "\(mark) \"\(change.name)\" (\(change.type))"
    }
  }

  /// `1 flow created, 2 versions added, 497 unchanged, 3 changes`.
  var total: String {
    let created = writing.count { $0.diff == nil }
    let versions = writing.count - created
    let unchanged = entries.count - writing.count
    var parts: [String] = []
    if created > 0 { parts.append("\(Describe.count(created, "flow")) created") }
    if versions > 0 { parts.append("\(Describe.count(versions, "version")) added") }
    if unchanged > 0 { parts.append("\(unchanged) unchanged") }
    if !changes.isEmpty { parts.append(Describe.count(changes.count, "change")) }
    return parts.isEmpty ? "nothing to write" : parts.joined(separator: ", ")
  }

  /// The bindings of the imports written, for the workspace to remember: one per reference,
  /// the last import's, as the store's upsert of each would leave it. A bulk migration's tens of
  /// thousands of references name a few dozen credentials (2,000 n8n flows: 37,644 and 30), and
  /// each row is a round trip to a PostgreSQL workspace (26 of its 34 seconds).
  var rememberedBindings: [RememberedBinding] {
    var position: [RememberedBinding.Reference: Int] = [:]
    var bindings: [RememberedBinding] = []
    for entry in writing {
      for reference in entry.pending.outline.connections {
        guard let binding = entry.pending.bindings[reference.key] else { continue }
        let remembered = RememberedBinding(type: reference.type, key: reference.key, name: reference.name, connection: binding.connection)
        let identity = remembered.reference
        if let index = position[identity] {
          bindings[index] = remembered
        } else {
          position[identity] = bindings.count
          bindings.append(remembered)
        }
      }
    }
    return bindings
  }

  /// The node values of the imports written, for the workspace to keep.
  var keptValues: [KeptValue] {
    writing.flatMap { entry in
      entry.pending.values.map { value in
        KeptValue(
          flow: entry.pending.mode.flowName, nodeType: value.node.type ?? "", nodeName: value.node.name ?? "", path: value.path,
          value: JSONWriter(layout: .minified).string(value.value), create: value.create)
      }
    }
  }

  /// The journal message when none is given: `import orders, payments`, `add connection kafka-prod`.
  /// Names are redacted (`Secrets.redacted(name:)`): the message is kept in the journal and
  /// printed by `log`, a token pasted into a flow's name with it.
  var defaultMessage: String {
    let names = writing.map { Secrets.redacted(name: $0.pending.mode.flowName) }
    let flows = writing.isEmpty ? [] : ["import " + names.joined(separator: ", ")]
    return (flows + changes.map(Session.describe)).joined(separator: "; ")
  }

  /// The plan for `commit --dry-run --json` (schema in README).
  func json(workspace: String, blockers: [String]) -> JSONValue {
    let flows: [JSONValue] = entries.map { entry in
      var object: JSONObject = [
        "import": .name(entry.pending.name), "flow": .name(entry.pending.mode.flowName),
        "action": .string(entry.isUnchanged ? "unchanged" : entry.diff == nil ? "create" : "version"),
        "path": .string(entry.pending.path), "nodes": .number(JSONNumber(entry.bound.outline.nodes.count)),
      ]
      if !entry.isUnchanged { object["version"] = .number(JSONNumber(entry.number)) }
      if let base = entry.changedSince, !entry.isUnchanged { object["changedSince"] = .number(JSONNumber(base)) }
      if let stat = entry.diff?.stat, !entry.isUnchanged {
        object["changes"] = [
          "nodesAdded": .number(JSONNumber(stat.nodesAdded)), "nodesRemoved": .number(JSONNumber(stat.nodesRemoved)),
          "nodesChanged": .number(JSONNumber(stat.nodesChanged)), "edgesAdded": .number(JSONNumber(stat.edgesAdded)),
          "edgesRemoved": .number(JSONNumber(stat.edgesRemoved)), "connectionsAdded": .number(JSONNumber(stat.connectionsAdded)),
          "connectionsRemoved": .number(JSONNumber(stat.connectionsRemoved)),
          "connectionsChanged": .number(JSONNumber(stat.connectionsChanged)), "other": .number(JSONNumber(stat.otherChanges)),
        ]
      }
      object["bindings"] = .array(
        entry.pending.outline.connections.map { ref in
          var binding: JSONObject = ["reference": .name(ref.key), "type": .string(ref.type)]
          binding["connection"] = entry.pending.bindings[ref.key].map { .name($0.connection) } ?? .null
          binding["reason"] = entry.pending.bindings[ref.key].map { .name($0.reason) } ?? .null
          return .object(binding)
        })
      return .object(object)
    }
    return [
      "workspace": .string(workspace), "flows": .array(flows), "changes": .array(changes.map { .string(Session.describe($0)) }),
      "blockers": .array(blockers.map(JSONValue.string)), "total": .string(total),
    ]
  }
}
