import FlowFormats
import FlowModel
import FlowStore
import Foundation

extension Session {
  /// Reads an environment file, `${env:NAME}` in its values expanded (unless `expanding` is
  /// false: what `match save` merges into); every problem names `file:line:column`.
  func readEnvironment(at path: String, expanding: Bool = true) throws -> EnvironmentFile {
    let file = try EnvironmentFile(contents: Array(readFile(at: path)), path: path)
    guard expanding else { return file }
    // Only the process environment: the session's own variables are not the file's business.
    let tokenizer = Tokenizer(variable: { _ in nil }, environment: { self.configuration.environment[$0] })
    return try file.mappingValues { text, line in
      do { return text.contains("$") ? try tokenizer.expanding(text) : text } catch {
        throw SessionError.environmentTarget(file: path, line: line, problem: "\(error)")
      }
    }
  }

  /// Binds the workspace's pending imports in the order people expect: a binding made by hand
  /// stays; then the environment file (exact entries before rules, first match wins); then what
  /// the workspace remembers from earlier commits. `--auto` only fills what is left. Each
  /// binding says why. Also sets the environment's values in the nodes they select.
  /// `only` limits it to the named imports (those a load just staged). A reference unbound by
  /// hand stays unbound, but for the file's own entries when `overridingUnbinds` (`match load`,
  /// asked for by name; not the same file applied again on restore).
  func applyEnvironment(to workspaceName: String, only names: Set<String>? = nil, overridingUnbinds: Bool = false) throws {
    let open = try workspace(workspaceName)
    let snapshot = try open.snapshot()
    let connections = try self.connections(of: workspaceName)
    let remembered = Dictionary(snapshot.remembered.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
    let environment = environments[workspaceName]
    for index in imports.indices where imports[index].workspace == workspaceName && names.map({ $0.contains(imports[index].name) }) ?? true
    {
      var pending = imports[index]
      for reference in pending.outline.connections {
        if let binding = pending.bindings[reference.key], binding.reason == Binding.byHand { continue }
        let unboundByHand = pending.unbound.contains(reference.key)
        if unboundByHand, !overridingUnbinds { continue }
        if let environment, let (entry, target) = environment.entry(for: reference) {
          guard let connection = connections.first(where: { $0.name == target }) else {
            throw SessionError.environmentTarget(
              file: environment.path, line: entry.line,
              problem: "\(target) is not a connection of \(workspaceName) (for \(reference.key))")
          }
          guard connection.type == reference.type else {
            throw SessionError.environmentTarget(
              file: environment.path, line: entry.line,
              problem: "\(target) is \(connection.type), but \(reference.key) needs a \(reference.type) connection")
          }
          pending.bindings[reference.key] = Binding(
            connection: target, reason: "\(entry.label), \(PathText.name(of: environment.path)):\(entry.line)")
          pending.unbound.remove(reference.key)
        } else if pending.bindings[reference.key] == nil, !unboundByHand,
          let known = remembered[RememberedBinding.Reference(type: reference.type, key: reference.key)],
          connections.contains(where: { $0.name == known.connection })
        {
          pending.bindings[reference.key] = Binding(connection: known.connection, reason: Binding.remembered(from: known.commit))
        }
      }
      pending.values = try Self.values(for: pending, environment: environment, kept: snapshot.kept)
      // Checked here, so the command that set a path a node lacks is the one refused; written
      // only as the flow is bound (`boundVersion`), so another file's values replace these
      // instead of landing on top of them.
      _ = try pending.withValuesSet()
      imports[index] = pending
    }
  }

  /// The values for an import: the environment file's entries that select its flow, then what
  /// the workspace keeps for the flow where the file does not set the same path.
  private static func values(for pending: PendingImport, environment: EnvironmentFile?, kept: [KeptValue]) throws -> [AppliedValue] {
    let flow = pending.mode.flowName
    var values: [AppliedValue] = []
    for entry in environment?.values ?? [] where entry.selects(flow: flow) {
      for assignment in entry.set {
        values.append(
          AppliedValue(
            node: entry.node, path: assignment.path, value: assignment.value,
            create: entry.create, origin: "\(PathText.name(of: environment?.path ?? "")):\(entry.line)"))
      }
    }
    for value in kept where value.flow == flow {
      let applied = AppliedValue(
        node: NodeSelector(type: value.nodeType, name: value.nodeName), path: value.path, value: try JSONParser.parse(value.value),
        create: value.create, origin: "kept since commit #\(value.commit)")
      if !values.contains(where: { $0.overrides(applied) }) { values.append(applied) }
    }
    return values
  }

  /// The environment entries that bind no reference of the workspace's pending imports.
  func unusedEntries(of workspaceName: String) -> [EnvironmentFile.ConnectionEntry] {
    guard let environment = environments[workspaceName] else { return [] }
    let references = imports.filter { $0.workspace == workspaceName }.flatMap(\.outline.connections)
    return environment.connections.filter { entry in !references.contains { entry.target(for: $0) != nil } }
  }
}

extension PendingImport {
  /// The staged version with the import's values set in the nodes they select: as staged
  /// when there are none, or else whole, since values go into node configurations, which only
  /// the whole version has (an outlined one is read whole only then).
  func withValuesSet() throws -> StagedVersion {
    guard !values.isEmpty else { return staged }
    let version = self.version
    var writer = try NodeValueWriter(version)
    for value in values {
      for node in version.nodes where value.node.selects(type: node.type, name: node.name) {
        do { try writer.set(value.path, to: value.value, inNode: node.id, create: value.create) } catch {
          throw SessionError.valueNotSet(origin: value.origin, flow: name, node: node.name, reason: "\(error)")
        }
      }
    }
    return .whole(writer.version)
  }
}
