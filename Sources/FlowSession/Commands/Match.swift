import FlowFormats
import FlowModel
import FlowStore
import Foundation

/// `match`: lists connection references with ranked candidates, and binds them.
struct Match: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let auto = OptionSpec("--auto", help: "bind by same name and type, then by the only connection of the type")
    static let unbind = OptionSpec("--unbind", value: "reference", completion: .reference, help: "remove a reference's binding")
    static let importName = OptionSpec("--import", value: "import", completion: .pendingImport, help: "act on this pending import only")
    static let json = OptionSpec("--json", help: "list references, bindings and candidates as JSON (schema in README)")
    static let strict = OptionSpec("--strict", help: "with load: fail when an entry of the file binds nothing")
    static let forget = OptionSpec(
      "--forget", value: "reference", completion: .reference, help: "forget what the workspace remembers for a reference (staged)")
  }

  static let spec = CommandSpec(
    name: "match",
    synopsis:
      "[<import>] | <reference> <connection> | --auto [<import>] | --unbind <reference> | load <env.yaml> [--strict] | save <env.yaml> | --forget <reference>",
    summary: "Bind each connection reference of the pending imports to a connection of the target.",
    discussion: """
      Exports carry no credentials, so every connection a flow uses must be matched to one that
      exists in the target workspace. With no arguments, lists every reference of the pending
      imports with candidates (same type first, ranked by name similarity). `match <ref> <conn>`
      binds a reference in every pending import of the target that uses it (or in one, with
      --import); `<ref>` is its key or, when no other reference has it, the name `match` shows
      beside the key. `--unbind` takes one away, and it stays away: what the workspace remembers
      does not bind it again. `--auto` binds by name and type, then by the only connection of
      the type; it prints each guess (the only connection of the type) for review and counts
      the others, which `match` then lists. `match save` writes a reference whose name holds a
      URL's password by its id.

      `match load prod.yaml` applies an environment file to every pending import of the target,
      and to later loads: its connection entries (by name, type or source id, and rules such as
      `*_TEST` -> `*_PROD`) bind what they pick out, and its values are set in the nodes they
      select. `match save prod.yaml` writes the current bindings as entries, keeping the file's
      rules and values. Every commit remembers its bindings: the next import of a flow with the
      same reference is bound the same way. Order: by hand, the environment file (exact entries
      before rules), what the workspace remembers, then --auto; each binding says why.

        match
        match kafka-test kafka-prod
        match --auto
        match load environments/prod.yaml --strict
        match save environments/prod.yaml
      """,
    options: [Option.auto, Option.unbind, Option.importName, Option.json, Option.strict, Option.forget],
    positionals: .reference)

  enum Action {
    case list(String?)
    case bind(reference: String, connection: String)
    case auto(String?)
    case unbind(String)
    case loadEnvironment(String)
    case saveEnvironment(String)
    case forget(String)
  }

  let action: Action
  let importName: String?
  let json: Bool
  let strict: Bool

  init(_ arguments: ParsedArguments) throws {
    importName = arguments.value(Option.importName)
    json = arguments.flag(Option.json)
    strict = arguments.flag(Option.strict)
    if arguments.flag(Option.auto) {
      try arguments.expectPositionals(atMost: 1)
      action = .auto(arguments.positionals.first ?? importName)
    } else if let verb = arguments.positionals.first, verb == "load" || verb == "save" {
      guard arguments.positionals.count == 2 else {
        throw UsageError("`match \(verb)` takes one environment file: `match \(verb) <env.yaml>`", command: "match")
      }
      action = verb == "load" ? .loadEnvironment(arguments.positionals[1]) : .saveEnvironment(arguments.positionals[1])
    } else if let reference = arguments.value(Option.forget) {
      try arguments.expectPositionals(atMost: 0)
      action = .forget(reference)
    } else if let reference = arguments.value(Option.unbind) {
      try arguments.expectPositionals(atMost: 0)
      action = .unbind(reference)
    } else if arguments.positionals.count == 2 {
      action = .bind(reference: arguments.positionals[0], connection: arguments.positionals[1])
    } else {
      try arguments.expectPositionals(atMost: 2)
      action = .list(arguments.positionals.first ?? importName)
    }
    if strict {
      guard case .loadEnvironment = action else { throw UsageError("--strict is for `match load <env.yaml> --strict`", command: "match") }
    }
  }

  func run(in session: Session) throws {
    switch action {
    case .list(let name) where json: try listJSON(session.importIndices(name), in: session)
    case .list(let name): try list(session.importIndices(name), in: session)
    case .bind(let reference, let connection): try bind(reference, to: connection, in: session)
    case .auto(let name): try auto(session.importIndices(name), in: session)
    case .unbind(let reference): try unbind(reference, in: session)
    case .loadEnvironment(let path): try loadEnvironment(path, in: session)
    case .saveEnvironment(let path): try saveEnvironment(path, in: session)
    case .forget(let reference): try forget(reference, in: session)
    }
  }

  /// Applies an environment file to the target's pending imports and to its later loads.
  private func loadEnvironment(_ path: String, in session: Session) throws {
    let open = try session.workspace(importName.map { name in session.imports[try session.importIndex(named: name)].workspace })
    let file = try session.readEnvironment(at: path)
    session.environments[open.name] = file
    let before = session.imports.filter { $0.workspace == open.name }.reduce(0) { $0 + $1.bindings.count }
    try session.applyEnvironment(to: open.name, overridingUnbinds: true)
    let pending = session.imports.filter { $0.workspace == open.name }
    let bound = pending.reduce(0) { $0 + $1.bindings.count }
    session.output.line(
      "applied \(path) to \(open.name): \(Describe.count(file.connections.count, "connection entry", plural: "connection entries")), "
        + "\(Describe.count(file.values.count, "value entry", plural: "value entries")); \(bound - before) more bound, "
        + "\(pending.reduce(0) { $0 + $1.unmatched.count }) still unmatched")
    let unused = session.unusedEntries(of: open.name)
    if strict, !unused.isEmpty { throw SessionError.unusedEntries(file: path, lines: unused.map(\.line)) }
    for entry in unused { session.output.warning("\(path):\(entry.line): \(entry.label) binds no reference of the pending imports") }
  }

  /// Writes the target's bindings as exact entries, merged with what the file holds: its rules,
  /// values and the entries for other references are kept; a binding the file already makes
  /// (by an entry or a rule) is not written again. The file is merged as written, `${env:NAME}`
  /// unexpanded: saving must not put an environment variable's value into it.
  private func saveEnvironment(_ path: String, in session: Session) throws {
    let open = try session.workspace()
    let existing = FileManager.default.fileExists(atPath: path) ? try session.readEnvironment(at: path, expanding: false) : nil
    var entries = existing?.connections ?? []
    var written = 0
    for pending in session.imports where pending.workspace == open.name {
      for reference in pending.outline.connections {
        guard let binding = pending.bindings[reference.key], existing?.entry(for: reference)?.target != binding.connection else {
          continue
        }
        // The file is kept in git: a name holding a URL's password is written by its id.
        let source: EnvironmentFile.ConnectionEntry.Source
        if !URLPassword.isFound(in: reference.name) {
          source = .name(reference.name)
        } else if let id = reference.properties["id"]?.stringValue {
          source = .id(id)
        } else {
          session.output.warning("\(reference.key) is not saved: its name holds a password, and it has no id to be saved by")
          continue
        }
        entries.removeAll { $0.source == source }
        entries.append(EnvironmentFile.ConnectionEntry(source: source, target: binding.connection, line: 0))
        written += 1
      }
    }
    let file = EnvironmentFile(path: path, connections: entries, values: existing?.values ?? [])
    do { try Data(file.yaml.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
      throw SessionError.writeFailed(path, error.localizedDescription)
    }
    session.output.line(
      "wrote \(path): \(Describe.count(written, "binding")) of \(open.name), \(Describe.count(entries.count, "connection entry", plural: "connection entries")) in all"
    )
  }

  /// Stages forgetting what the workspace remembers for a reference.
  private func forget(_ reference: String, in session: Session) throws {
    let open = try session.workspace()
    // By its key, or by its name where that names one reference's, as binding takes it.
    let all = try open.snapshot().remembered
    var remembered = all.filter { $0.key == reference }
    if remembered.isEmpty {
      remembered = all.filter { $0.name == reference }
      let keys = Set(remembered.map(\.key)).sorted()
      if keys.count > 1 {
        throw UsageError(
          "'\(reference)' names \(keys.count) remembered bindings: \(keys.joined(separator: ", ")); name one by its key", command: "match")
      }
    }
    guard !remembered.isEmpty else {
      throw SessionError.unknownName(
        kind: "remembered binding in \(open.name)", name: reference, known: try open.snapshot().remembered.map(\.key))
    }
    for binding in remembered { try session.stage(.forgetBinding(type: binding.type, key: binding.key), in: open) }
    session.output.line(
      fitting: "staged: forget \(name: reference) -> \(name: remembered[0].connection) in \(open.name); `commit` writes it")
  }

  /// `match --json`: every reference of the pending imports with its binding or candidates.
  private func listJSON(_ indices: [Int], in session: Session) throws {
    var references: [JSONValue] = []
    for index in indices {
      let pending = session.imports[index]
      let connections = try session.state(of: pending.workspace).connections
      for ref in pending.outline.connections {
        var object: JSONObject = [
          "import": .name(pending.name), "workspace": .string(pending.workspace), "reference": .name(ref.key),
          "name": .name(ref.name), "type": .string(ref.type),
        ]
        if let binding = pending.bindings[ref.key] {
          object["connection"] = .name(binding.connection)
          object["reason"] = .name(binding.reason)
        } else {
          object["connection"] = .null
          object["candidates"] = .array(
            CandidateRanking.rank(ref, among: connections.filter { $0.type == ref.type }).map { .name($0.name) })
        }
        references.append(.object(object))
      }
    }
    session.output.line(JSONWriter().string(.array(references)))
  }

  private func list(_ indices: [Int], in session: Session) throws {
    if indices.isEmpty { return session.output.line("nothing is pending: stage exports with `load <file> into <workspace>`") }
    for index in indices {
      let pending = session.imports[index]
      let connections = try session.state(of: pending.workspace).connections
      session.output.line(fitting: "\(name: pending.name) -> \(pending.workspace):")
      if pending.outline.connections.isEmpty { session.output.line("  no connection references") }
      for ref in pending.outline.connections {
        // The name the export gave it (n8n's credential name, Make's label, the Node-RED config
        // node's name) is what a person maps by; the key is what `match <ref>` takes.
        let (key, refName) = (Secrets.redacted(name: ref.key), Secrets.redacted(name: ref.name))
        let label = ref.name.isEmpty || ref.name == ref.key ? "\(key) (\(ref.type))" : "\(key) \"\(refName)\" (\(ref.type))"
        if let binding = pending.bindings[ref.key] {
          session.output.line("  \(label) -> \(Secrets.redacted(name: binding.connection)) [\(Secrets.redacted(name: binding.reason))]")
        } else {
          let ranked = CandidateRanking.rank(ref, among: connections.filter { $0.type == ref.type }).prefix(3)
          let candidates =
            ranked.isEmpty
            ? "no \(ref.type) connection in \(pending.workspace); add one with `connection add <name> --type \(ref.type)`"
            : "candidates: " + ranked.map { Secrets.redacted(name: $0.name) }.joined(separator: ", ")
          session.output.line("  \(label) unmatched; \(candidates)")
        }
      }
    }
  }

  private func bind(_ word: String, to connectionName: String, in session: Session) throws {
    let indices = try session.importIndices(importName)
    let reference = try Self.referenceKey(named: word, in: indices.map { session.imports[$0] })
    let using = indices.filter { session.imports[$0].outline.connection(key: reference) != nil }
    guard !using.isEmpty else {
      let known = Set(indices.flatMap { session.imports[$0].outline.connections.map(\.key) })
      throw SessionError.unknownName(kind: "connection reference in the pending imports", name: reference, known: known.sorted())
    }
    for index in using {
      let pending = session.imports[index]
      let state = try session.state(of: pending.workspace)
      guard let connection = state.connection(named: connectionName) else {
        throw SessionError.unknownName(
          kind: "connection in \(pending.workspace)", name: connectionName, known: state.connections.map(\.name))
      }
      // Every import in `using` has the reference.
      if let ref = pending.outline.connection(key: reference), connection.type != ref.type {
        throw SessionError.typeMismatch(
          reference: reference, referenceType: ref.type, connection: connection.name, connectionType: connection.type)
      }
    }
    for index in using {
      session.imports[index].bindings[reference] = Binding(connection: connectionName, reason: Binding.byHand)
      session.imports[index].unbound.remove(reference)
    }
    let names = using.map { session.imports[$0].name }.joined(separator: ", ")
    session.output.line(fitting: "bound \(name: reference) -> \(name: connectionName) in \(name: names)")
  }

  /// Binds what it can and prints each guess (`only kafka connection`) for review; bindings by
  /// same name and type are only counted (`match` lists them), or a bulk load's tens of
  /// thousands of references would each take a line.
  private func auto(_ indices: [Int], in session: Session) throws {
    var bound = 0
    var routine = 0
    var left: [(importName: String, reference: String)] = []
    // Read once per workspace, not per import: reading them builds an index of the workspace's
    // flows, and a migration run again has thousands (2,000 imports into 2,000 flows: 0.8 s).
    // Not the whole state: binding changes the imports, which would re-plan it each time.
    var connectionsOf: [String: [Connection]] = [:]
    for workspace in Set(indices.map { session.imports[$0].workspace }) {
      connectionsOf[workspace] = try session.connections(of: workspace)
    }
    // Decided once for each name and type a workspace is asked about (`CandidateRanking.automatic`
    // reads nothing else): a bulk load's tens of thousands of references name a few dozen
    // connections (2,000 n8n flows: 37,644 and 30), each decision a search of them all.
    struct Asked: Hashable {
      let workspace: String
      let name: String
      let type: String
    }
    var decided: [Asked: Binding?] = [:]
    for index in indices {
      let pending = session.imports[index]
      let connections = connectionsOf[pending.workspace] ?? []
      let unmatched = pending.unmatched
      // Room made once: grown binding by binding, each import's table was hashed again at
      // every doubling (a third of `match --auto` over 2,000 imports).
      session.imports[index].bindings.reserveCapacity(pending.bindings.count + unmatched.count)
      for ref in unmatched {
        let asked = Asked(workspace: pending.workspace, name: ref.name, type: ref.type)
        let decision: Binding?
        if let known = decided[asked] {
          decision = known
        } else {
          decision = CandidateRanking.automatic(ref, among: connections)
          decided[asked] = .some(decision)
        }
        guard let binding = decision else {
          left.append((pending.name, "\(ref.key) (\(ref.type))"))
          continue
        }
        session.imports[index].bindings[ref.key] = binding
        session.imports[index].unbound.remove(ref.key)
        bound += 1
        guard !binding.isRoutine else {
          routine += 1
          continue
        }
        session.output.line(fitting: "\(name: pending.name): \(name: ref.key) -> \(name: binding.connection) [\(name: binding.reason)]")
      }
    }
    // `match` lists those by same name and type (its help says so): this line stays within 80
    // columns at a bulk load's hundreds of thousands of references.
    let counted = routine == 0 ? "" : " (\(routine) by same name and type)"
    session.output.line("\(Describe.count(bound, "reference")) bound\(counted), \(left.count) still unmatched")
    for item in left { session.output.line(fitting: "  unmatched: \(name: item.importName): \(name: item.reference)") }
  }

  private func unbind(_ word: String, in session: Session) throws {
    let all = try session.importIndices(importName)
    let reference = try Self.referenceKey(named: word, in: all.map { session.imports[$0] })
    let indices = all.filter { session.imports[$0].bindings[reference] != nil }
    guard !indices.isEmpty else { throw SessionError.notBound(reference: reference) }
    for index in indices {
      session.imports[index].bindings[reference] = nil
      session.imports[index].unbound.insert(reference)
    }
    session.output.line(fitting: "unbound \(name: reference) in \(name: indices.map { session.imports[$0].name }.joined(separator: ", "))")
  }

  /// The key of the reference `word` names: its key (`httpHeaderAuth:xSwMnm3OFH6znkts`), or
  /// the name it had in its export (`header-fal-ai`), which `match` shows beside the key, when
  /// that names one reference only. A word that is neither is returned as it is, for the
  /// caller to say it names nothing.
  static func referenceKey(named word: String, in imports: [PendingImport]) throws -> String {
    let references = imports.flatMap(\.outline.connections)
    if references.contains(where: { $0.key == word }) { return word }
    let keys = Set(references.filter { $0.name == word }.map(\.key))
    guard keys.count > 1 else { return keys.first ?? word }
    throw UsageError(
      "'\(word)' names \(keys.count) references: \(keys.sorted().joined(separator: ", ")); name one by its key", command: "match")
  }
}
