import FlowModel
import FlowStore

/// `match`: lists connection references with ranked candidates, and binds them.
struct Match: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let auto = OptionSpec("--auto", help: "bind by same name and type, then by the only connection of the type")
    static let unbind = OptionSpec("--unbind", value: "reference", completion: .reference, help: "remove a reference's binding")
    static let importName = OptionSpec("--import", value: "import", completion: .pendingImport, help: "act on this pending import only")
    static let json = OptionSpec("--json", help: "list references, bindings and candidates as JSON (schema in README)")
  }

  static let spec = CommandSpec(
    name: "match", synopsis: "[<import>] | <reference> <connection> | --auto [<import>] | --unbind <reference>",
    summary: "Bind each connection reference of the pending imports to a connection of the target.",
    discussion: """
      Exports carry no credentials, so every connection a flow uses must be matched to one that
      exists in the target workspace. With no arguments, lists every reference of the pending
      imports with candidates (same type first, ranked by name similarity). `match <ref> <conn>`
      binds a reference in every pending import of the target that uses it (or in one, with
      --import). `--auto` binds by name and type, then by the only connection of the type.

        match
        match kafka-test kafka-prod
        match --auto
        match --unbind kafka-test
      """,
    options: [Option.auto, Option.unbind, Option.importName, Option.json],
    positionals: .reference)

  enum Action {
    case list(String?)
    case bind(reference: String, connection: String)
    case auto(String?)
    case unbind(String)
  }

  let action: Action
  let importName: String?
  let json: Bool

  init(_ arguments: ParsedArguments) throws {
    importName = arguments.value(Option.importName)
    json = arguments.flag(Option.json)
    if arguments.flag(Option.auto) {
      try arguments.expectPositionals(atMost: 1)
      action = .auto(arguments.positionals.first ?? importName)
    } else if let reference = arguments.value(Option.unbind) {
      try arguments.expectPositionals(atMost: 0)
      action = .unbind(reference)
    } else if arguments.positionals.count == 2 {
      action = .bind(reference: arguments.positionals[0], connection: arguments.positionals[1])
    } else {
      try arguments.expectPositionals(atMost: 2)
      action = .list(arguments.positionals.first ?? importName)
    }
  }

  func run(in session: Session) throws {
    switch action {
    case .list(let name) where json: try listJSON(session.importIndices(name), in: session)
    case .list(let name): try list(session.importIndices(name), in: session)
    case .bind(let reference, let connection): try bind(reference, to: connection, in: session)
    case .auto(let name): try auto(session.importIndices(name), in: session)
    case .unbind(let reference): try unbind(reference, in: session)
    }
  }

  /// `match --json`: every reference of the pending imports with its binding or candidates.
  private func listJSON(_ indices: [Int], in session: Session) throws {
    var references: [JSONValue] = []
    for index in indices {
      let pending = session.imports[index]
      let connections = try session.state(of: pending.workspace).connections
      for ref in pending.version.connections {
        var object: JSONObject = [
          "import": .string(pending.name), "workspace": .string(pending.workspace), "reference": .string(ref.key),
          "name": .string(ref.name), "type": .string(ref.type),
        ]
        if let binding = pending.bindings[ref.key] {
          object["connection"] = .string(binding.connection)
          object["reason"] = .string(binding.reason)
        } else {
          object["connection"] = .null
          object["candidates"] = .array(
            CandidateRanking.rank(ref, among: connections.filter { $0.type == ref.type }).map { .string($0.name) })
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
      session.output.line("\(pending.name) -> \(pending.workspace):")
      if pending.version.connections.isEmpty { session.output.line("  no connection references") }
      for ref in pending.version.connections {
        // The name the export gave it (n8n's credential name, Make's label, the Node-RED config
        // node's name) is what a person maps by; the key is what `match <ref>` takes.
        let label = ref.name.isEmpty || ref.name == ref.key ? "\(ref.key) (\(ref.type))" : "\(ref.key) \"\(ref.name)\" (\(ref.type))"
        if let binding = pending.bindings[ref.key] {
          session.output.line("  \(label) -> \(binding.connection) [\(binding.reason)]")
        } else {
          let ranked = CandidateRanking.rank(ref, among: connections.filter { $0.type == ref.type }).prefix(3)
          let candidates =
            ranked.isEmpty
            ? "no \(ref.type) connection in \(pending.workspace); add one with `connection add <name> --type \(ref.type)`"
            : "candidates: " + ranked.map(\.name).joined(separator: ", ")
          session.output.line("  \(label) unmatched; \(candidates)")
        }
      }
    }
  }

  private func bind(_ reference: String, to connectionName: String, in session: Session) throws {
    let indices = try session.importIndices(importName)
    let using = indices.filter { session.imports[$0].version.connection(key: reference) != nil }
    guard !using.isEmpty else {
      let known = Set(indices.flatMap { session.imports[$0].version.connections.map(\.key) })
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
      if let ref = pending.version.connection(key: reference), connection.type != ref.type {
        throw SessionError.typeMismatch(
          reference: reference, referenceType: ref.type, connection: connection.name, connectionType: connection.type)
      }
    }
    for index in using {
      session.imports[index].bindings[reference] = Binding(connection: connectionName, reason: "by hand")
    }
    let names = using.map { session.imports[$0].name }.joined(separator: ", ")
    session.output.line("bound \(reference) -> \(connectionName) in \(names)")
  }

  private func auto(_ indices: [Int], in session: Session) throws {
    var bound = 0
    var left: [String] = []
    for index in indices {
      let pending = session.imports[index]
      // Not the whole state: binding changes the imports, which would re-plan each time.
      let connections = try session.connections(of: pending.workspace)
      for ref in pending.unmatched {
        guard let binding = CandidateRanking.automatic(ref, among: connections) else {
          left.append("\(pending.name): \(ref.key) (\(ref.type))")
          continue
        }
        session.imports[index].bindings[ref.key] = binding
        bound += 1
        session.output.line("\(pending.name): \(ref.key) -> \(binding.connection) [\(binding.reason)]")
      }
    }
    session.output.line("\(Describe.count(bound, "reference")) bound, \(left.count) still unmatched")
    for item in left { session.output.line("  unmatched: \(item)") }
  }

  private func unbind(_ reference: String, in session: Session) throws {
    let indices = try session.importIndices(importName).filter { session.imports[$0].bindings[reference] != nil }
    guard !indices.isEmpty else { throw SessionError.notBound(reference: reference) }
    for index in indices { session.imports[index].bindings[reference] = nil }
    session.output.line("unbound \(reference) in \(indices.map { session.imports[$0].name }.joined(separator: ", "))")
  }
}
