import FlowDiff
import FlowFormats
import FlowModel
import FlowStore
import Foundation

/// `diff`: what differs between two flow versions, node by node, or between two workspaces.
struct Diff: Command {
  /// The options and keywords, declared once: the spec lists them and `init` looks them up by
  /// these values, never by spelling.
  enum Option {
    static let stat = OptionSpec("--stat", help: "one line per changed node and the summary")
    static let json = OptionSpec("--json", help: "a JSON document for scripts (schema in README)")
    static let dot = OptionSpec("--dot", help: "a Graphviz picture: added green, removed red, changed amber")
    static let svg = OptionSpec("--svg", value: "file", completion: .path, help: "render the picture to an SVG file (needs Graphviz `dot`)")
    static let all = OptionSpec(
      "--all", help: "also compare canvas positions and volatile ids, and show every changed line and value whole")
    static let ignore = OptionSpec(
      "--ignore", value: "path", help: "leave out property paths matching this pattern (`*` any text; `name`: renames); repeatable")
    static let label = OptionSpec(
      "--label", value: "name", help: "name a side in the output, in order: left, right (with --base: base, target, new)")
    static let base = OptionSpec(
      "--base", value: "export", completion: .path,
      help: "three-way: the flow the target was built from; the sides are then the target and the new export")
  }

  static let spec = CommandSpec(
    name: "diff",
    synopsis: "[--base <export>] <a> [<b>] [--stat | --json | --dot | --svg <file>] [--all] [--ignore <path>]...",
    summary: "Show the semantic difference of two flows (nodes added, removed, renamed, changed; edges; connections) or two workspaces.",
    discussion: """
      Each side is a file, a loaded export, a pending import, or a workspace flow
      (`prod:orders`, `prod:orders@2`, or `orders` in the target). A name that is also a file
      in the current folder is refused until you say which: `./orders` for the file,
      `prod:orders` for the flow. With one pending import,
      shows what committing it would change in its target. With two open workspaces, lists the
      flows only on one side and those that differ. Nodes are paired by id, then by name, then
      by similarity (same type, mostly the same configuration: a rename); canvas positions and
      volatile ids are ignored unless --all is given. In the shell and in scripts a difference
      is not a failure; `fps diff A B` from a system shell exits 1 when there is one.
      `/dev/null` as a side is an empty flow, so a new flow shows all it has.

      With --base, a three-way diff for promotion: `diff --base <export> <target> <new>`
      shows, first, the conflicts (a property both the target and the new export changed to
      different values, a node one removed and the other changed), then what the target
      changed on its own since the base (importing the new export as it is undoes it), what
      the new export brings, and what both changed alike. As text or --json; the exit status
      is as with two sides. The plan of an import whose target flow got a version from
      elsewhere since the last import from the same file says so and gives this command.

        diff exports/orders-v1.json exports/orders-v2.json
        diff exports/orders-v2.json prod:orders
        diff prod:orders@1 prod:orders@2 --stat
        diff orders                       # a pending import against its target
        diff test prod                    # two open workspaces
        diff a.json b.json --ignore 'config.parameters.options.*' --dot > diff.dot
        diff --base prod:orders@1 prod:orders exports/orders.json
      """,
    options: [Option.stat, Option.json, Option.dot, Option.svg, Option.all, Option.ignore, Option.label, Option.base],
    positionals: .anyName)

  /// Which renderer prints the result.
  enum View {
    case terminal, stat, json, dot
    case svg(String)
  }

  let left: String
  let right: String?
  let view: View
  let options: DiffOptions
  /// With `--all`: long values and every changed line of a text shown whole, not cut.
  let showsWhole: Bool
  /// What `--label` names the sides, in order.
  let labels: [String]
  /// With `--base`, the base of a three-way diff: `left` is then the target, `right` the new export.
  let base: String?

  init(_ arguments: ParsedArguments) throws {
    left = try arguments.positional(0, "the flows to compare")
    right = arguments.positionals.count > 1 ? arguments.positionals[1] : nil
    try arguments.expectPositionals(atMost: 2)
    let views: [(option: OptionSpec, view: View)] = [
      (Option.stat, .stat), (Option.json, .json), (Option.dot, .dot), (Option.svg, .svg(arguments.value(Option.svg) ?? "")),
    ]
    let chosen = views.filter { arguments.flag($0.option) }
    if chosen.count > 1 { throw UsageError("choose one of \(chosen.map(\.option.name).joined(separator: ", "))", command: "diff") }
    view = chosen.first?.view ?? .terminal
    labels = arguments.values(Option.label)
    base = arguments.value(Option.base)
    if base != nil {
      if right == nil {
        throw UsageError("--base compares a target and a new export: diff --base <export> <target> <new>", command: "diff")
      }
      if let other = chosen.first(where: { $0.option.name != Option.json.name }) {
        throw UsageError("a three-way diff shows as text or --json, not \(other.option.name)", command: "diff")
      }
      if labels.count > 3 { throw UsageError("--label names three sides at most: base, target, new", command: "diff") }
    } else if labels.count > 2 {
      throw UsageError("--label names two sides at most", command: "diff")
    }
    showsWhole = arguments.flag(Option.all)
    var options = DiffOptions(
      includeVolatile: arguments.flag(Option.all), ignoredPaths: arguments.values(Option.ignore),
      includeGraph: arguments.flag(Option.dot) || arguments.flag(Option.svg))
    // What an export left out is no change to a reader (a commit plan sees it; see the option).
    options.oneSidedSecrets.placeholderIsLeftOut = true
    self.options = options
  }

  func run(in session: Session) throws {
    if let base, let right { return try compareThreeWay(base: base, target: left, new: right, in: session) }
    if let right, let leftWorkspace = session.workspaces[left], let rightWorkspace = session.workspaces[right] {
      return try compareWorkspaces(leftWorkspace, rightWorkspace, in: session)
    }
    // Each side is its diff view (`ExportFormat.diffView`): secrets are stand-ins there.
    let (a, b, formats) = try operands(in: session)
    // Ctrl-C is asked after each step: it was asked only while a pipe was read, and a large
    // diff at the prompt or in a script ran on to print everything (a script ending with it
    // exited 0, the interrupt lost).
    try session.stopIfInterrupted()
    let diff = FlowDiffer.diff(
      a.version, b.version, leftLabel: labels.first ?? a.shownLabel, rightLabel: labels.count > 1 ? labels[1] : b.shownLabel,
      options: options.comparingViews(of: formats))
    try session.stopIfInterrupted()
    session.lastDiffDiffered = !diff.isEmpty
    // Freeing two large models is a tenth of a large diff, and nobody need wait for it: `fps
    // diff` ends before it would be done, the shell goes on to the next prompt.
    BackgroundRelease.release(((consume a).version, (consume b).version))
    switch view {
    case .terminal: session.output.write(DiffRenderer.terminal(colour: session.output.usesColour, whole: showsWhole).render(diff))
    case .stat: session.output.write(DiffRenderer.stat.render(diff))
    case .json: session.output.write(DiffRenderer.json.render(diff))
    case .dot: session.output.write(DiffRenderer.dot.render(diff))
    case .svg(let path):
      // Names are drawn in the picture, which no output redaction sees.
      try GraphvizRenderer.svg(URLPassword.masking(in: DiffRenderer.dot.render(diff)), to: path)
      session.output.line("wrote \(path) (\(diff.stat.summary))")
    }
  }

  /// `--base`: the target and the new export, each against the base, merged (`ThreeWayDiffer`).
  private func compareThreeWay(base: String, target: String, new: String, in session: Session) throws {
    let sides = try comparedSides([base, target, new], in: session)
    try session.stopIfInterrupted()
    let names = sides.indices.map { labels.indices.contains($0) ? labels[$0] : sides[$0].0.shownLabel }
    let diff = ThreeWayDiffer.diff(
      base: sides[0].0.version, target: sides[1].0.version, new: sides[2].0.version, labels: (names[0], names[1], names[2]),
      options: options.comparingViews(of: sides.map(\.1)))
    try session.stopIfInterrupted()
    session.lastDiffDiffered = !diff.isEmpty
    if case .json = view { return session.output.write(diff.json) }
    session.output.write(diff.text(colour: session.output.usesColour))
  }

  /// The two sides and the formats they were read in; one pending import alone is compared
  /// with what its target has now.
  private func operands(in session: Session) throws -> (FlowOperand, FlowOperand, [ExportFormat]) {
    guard let right else {
      if !session.imports.contains(where: { $0.name == left }), FileManager.default.fileExists(atPath: left) {
        throw UsageError(
          "one side alone is a pending import, compared with its target; for a file, name both sides: `diff \(Tokenizer.word(left)) <other>`",
          command: "diff")
      }
      let pending = session.imports[try session.importIndex(named: left)]
      let (after, format) = modelOnly(try session.operand(of: pending))
      guard case .newVersion(of: let flow) = pending.mode else {
        let empty = Self.empty(named: pending.mode.flowName, beside: after.version)
        let before = FlowOperand(label: "\(pending.workspace) (no flow '\(pending.mode.flowName)' yet)", version: empty, origin: "")
        return (before, after, [format])
      }
      let (before, targetFormat) = modelOnly(try session.workspaceFlow(flow, in: try session.workspace(pending.workspace)))
      return (before, after, [targetFormat, format])
    }
    let sides = try comparedSides([left, right], in: session)
    return (sides[0].0, sides[1].0, sides.map(\.1))
  }

  /// The sides named by `words`, each as diff compares it (`modelOnly`). Files are read at
  /// once, one per core: reading and scanning a side is most of a large diff (two 10,000-node
  /// exports: 0.66 -> 0.42 s), and a side read from a file needs nothing of the session. The
  /// first file is started on another core before the words are located (`Session.mayNameFile`):
  /// a bare word that names a file is looked for among the target's flows too, and opening a
  /// default workspace to look (8.5 M instructions, 5 ms) held up reading both files of
  /// `fps diff a.json b.json`. The others are read after, one on this thread: every file
  /// started on another, this one waiting, made the 10,000-node diff 7% slower.
  /// Errors come in the order of the words, as when each side was found and read in turn.
  private func comparedSides(_ words: [String], in session: Session) throws -> [(FlowOperand, ExportFormat)] {
    let first = words.firstIndex { $0 != Self.nothing && session.mayNameFile($0) }
    let reads = words.indices.map { index in index == first ? StartedWork { Self.view(ofFile: words[index]) } : nil }
    // Every read started is waited for, so that none outlives the command (one after a word
    // that is not found, or of a word that names something else after all).
    defer { for read in reads { _ = read?.result } }
    var located: [LocatedOperand] = []
    for word in words {
      do {
        located.append(try locate(word, in: session))
      } catch {
        _ = try views(of: located, started: reads)
        throw error
      }
    }
    var views = try views(of: located, started: reads).makeIterator()
    var sides = located.map { side in
      switch side {
      case .flow(let operand): return modelOnly(operand)
      case .file(let path):
        guard let (version, format) = views.next() else { preconditionFailure("one view read per file side") }
        return (FlowOperand(file: path, version: version), format)
      }
    }
    if let flow = sides.first(where: { $0.0.origin != Self.nothing })?.0.version {
      for index in sides.indices where sides[index].0.origin == Self.nothing {
        sides[index].0.version = Self.empty(named: "", beside: flow)
      }
    }
    return sides
  }

  /// The empty flow a side that does not exist stands for (a new or deleted file, a flow not
  /// yet in its target), of the format of the flow it is compared with: it has no format of
  /// its own to show as changed.
  private static func empty(named name: String, beside flow: FlowVersion) -> FlowVersion {
    var empty = FlowVersion(name: name)
    empty.source = flow.source.map { SourceDocument(dialect: $0.dialect, document: .null) }
    return empty
  }

  /// What a word names as a side: `/dev/null` is an empty flow (a file new or deleted), the
  /// rest what `Session.locateOperand` finds.
  private func locate(_ word: String, in session: Session) throws -> LocatedOperand {
    if word == Self.nothing { return .flow(FlowOperand(label: word, version: FlowVersion(name: ""), origin: word)) }
    return try session.locateOperand(word)
  }

  /// The file sides among `located`, each as `ExportFormat.comparedView` makes it: the read
  /// `started` for its word where one was, read now where none was; the first
  /// side's error, if any, is thrown. A flow its export names none of is named by its file, as
  /// `load` names it, but when neither file names its flow both take the first file's name:
  /// two copies of an unnamed export diffed as `~ name: "orders-v1" -> "orders-v2"`.
  private func views(
    of located: [LocatedOperand], started: [StartedWork<Result<(FlowVersion, ExportFormat), any Error>>?]
  ) throws -> [(FlowVersion, ExportFormat)] {
    let files = located.indices.compactMap { index in if case .file(let path) = located[index] { (index, path) } else { nil } }
    // A pipe is read on this thread, the one that takes Ctrl-C (Dispatch's threads block it):
    // read on another, its wait for a writer went on after Ctrl-C. Files, one per core.
    // After one fails (Ctrl-C ended its wait), the next is not waited for: the first error is
    // the one thrown.
    var read: [Int: Result<(FlowVersion, ExportFormat), any Error>] = [:]
    var failure: (any Error)?
    for (index, path) in files where started[index] == nil && Session.isPipeOrDevice(path) {
      let view = failure.map { .failure($0) } ?? Self.view(ofFile: path)
      if case .failure(let error) = view { failure = error }
      read[index] = view
    }
    let regular = files.filter { started[$0.0] == nil && read[$0.0] == nil }
    for ((index, _), view) in zip(regular, regular.map(\.1).concurrentMap(Self.view(ofFile:))) { read[index] = view }
    var views = try files.map { index, _ in
      guard let view = started[index]?.result ?? read[index] else { preconditionFailure("every file side read") }
      return try view.get()
    }
    let unnamed = views.indices.filter { views[$0].0.name == Self.unnamed }
    for index in unnamed { views[index].0.name = Session.fallbackName(of: files[unnamed.count == views.count ? 0 : index].1) }
    return views
  }

  /// The file at `path` read as `ExportFormat.comparedView` makes it. Its document is let go in
  /// the background (`BackgroundRelease`): freeing it on the reading core held up the diff by a
  /// twentieth, while the other core waits for most of pairing.
  private static func view(ofFile path: String) -> Result<(FlowVersion, ExportFormat), any Error> {
    Result {
      let read = try Session.readExport(at: path, scanningSecrets: false, fallbackName: Self.unnamed, onlyToCompare: true).version
      let view = ExportFormat.comparedView(of: read)
      BackgroundRelease.release(consume read)
      return view
    }
  }

  /// The name a file side's flow is read with when its export names none: a Unicode
  /// noncharacter, which no export's name holds (and a name check lets through, unlike a NUL).
  private static let unnamed = "\u{FFFF}unnamed"

  /// The operand as diff compares it (`ExportFormat.diffView`), without its foreign source
  /// document: diff reads only the model, and each side's document is let go once its view is
  /// made. The format it was read in comes along, for its volatile paths.
  private func modelOnly(_ operand: FlowOperand) -> (FlowOperand, ExportFormat) {
    if operand.origin == Self.nothing { return (operand, .json) }
    var operand = operand
    let format: ExportFormat
    (operand.version, format) = ExportFormat.comparedView(of: operand.version)
    return (operand, format)
  }

  /// The side git and diff(1) write for a file that does not exist on it.
  static let nothing = "/dev/null"

  private func compareWorkspaces(_ left: OpenWorkspace, _ right: OpenWorkspace, in session: Session) throws {
    func current(_ open: OpenWorkspace) throws -> [String: FlowVersion] {
      var flows: [String: FlowVersion] = [:]
      for stored in try open.store.currentVersions() {
        flows[stored.flow] = ExportFormat.diffView(of: try session.decodeStored(stored, in: open))
      }
      return flows
    }
    let (leftFlows, rightFlows) = (try current(left), try current(right))
    try session.stopIfInterrupted()
    let formats = (Array(leftFlows.values) + Array(rightFlows.values)).map(ExportFormat.natural)
    let diff = WorkspaceDiff.compare(
      left: left.name, leftFlows: leftFlows, right: right.name, rightFlows: rightFlows,
      options: options.comparingViews(of: formats), showingNames: Secrets.redacted(name:))
    session.lastDiffDiffered = !diff.isEmpty
    switch view {
    case .json: session.output.write(diff.json)
    case .terminal, .stat: session.output.write(diff.text)
    case .dot, .svg: throw UsageError("--dot and --svg draw one flow; compare two flows for a picture", command: "diff")
    }
  }
}
