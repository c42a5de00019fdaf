import FlowModel
import FlowStore
import Foundation

/// What Tab offers: the names that fit the word being typed, and what to put in its place.
public struct Completion: Equatable, Sendable {
  /// Where the word being completed starts (its opening quote included), in UTF-8 bytes.
  public var wordStart: Int
  /// The names that fit, as they are (unquoted), for listing.
  public var candidates: [String]
  /// What replaces the word from `wordStart` to the cursor: the one fitting name, quoted as the
  /// command language needs and followed by a space, or the fitting names' longest common
  /// start; nil when Tab can add nothing.
  public var replacement: String?
}

extension Session {
  /// Completes the word before `cursor` (a UTF-8 offset): command names first, then the
  /// command's actions, options, keywords, and the names its arguments take (workspaces, flows,
  /// connections, imports, references, files), all read from the command's spec. Names that
  /// need quotes come back quoted, and a word inside an open quote completes too.
  public func completions(line: String, cursor: Int) -> Completion {
    let typed = TypedWords(String(decoding: line.utf8.prefix(cursor), as: UTF8.self))
    let names = Set(candidateNames(for: typed)).filter { $0.hasPrefix(typed.current) }.sorted()
    var replacement: String?
    if names.count == 1, let name = names.first {
      let isFolder = name.hasSuffix("/")
      replacement = Tokenizer.quoted(name, keeping: typed.openQuote, closed: !isFolder) + (isFolder ? "" : " ")
    } else if let common = names.first.map({ first in names.dropFirst().reduce(first) { String($0.commonPrefix(with: $1)) } }),
      common.count > typed.current.count
    {
      replacement = Tokenizer.quoted(common, keeping: typed.openQuote, closed: false)
    }
    return Completion(wordStart: typed.currentStart, candidates: names, replacement: replacement)
  }

  private func candidateNames(for typed: TypedWords) -> [String] {
    guard let commandName = typed.finished.first else { return CommandRegistry.names }
    guard let command = CommandRegistry.command(named: commandName) else { return [] }
    let spec = command.spec
    if typed.current.hasPrefix("-") { return spec.options.map(\.name) }
    let words = typed.finished
    if words.count > 1, let previous = words.last,
      let option = (spec.options + spec.keywords).first(where: { ($0.name == previous || $0.short == previous) && $0.value != nil })
    {
      return candidates(option.completion, prefix: typed.current)
    }
    if words.count == 1, !spec.actions.isEmpty { return spec.actions }
    let positionals = words.dropFirst().filter { !$0.hasPrefix("-") }
    if spec.positionals == .reference, let reference = positionals.first {
      return connections(for: reference)
    }
    if case .settings(let settings) = spec.positionals {
      return positionals.isEmpty ? Array(settings.keys) : positionals.count == 1 ? settings[positionals[0]] ?? [] : []
    }
    return candidates(spec.positionals, prefix: typed.current) + spec.keywords.map(\.name)
  }

  /// The target's connections a reference can be bound to: those of its type, or every one when
  /// none is (binding then says why not).
  private func connections(for reference: String) -> [String] {
    let connections = targetState()?.connections ?? []
    let types = Set(imports.compactMap { $0.outline.connection(key: reference)?.type })
    let sameType = connections.filter { types.contains($0.type) }
    return (sameType.isEmpty ? connections : sameType).map(\.name)
  }

  /// Files and folders for a path being typed, `~/` read with the session's home folder.
  private func pathCandidates(_ prefix: String) -> [String] {
    PathCompletion.candidates(prefix, home: configuration.environment["HOME"])
  }

  private func candidates(_ kind: CompletionKind, prefix: String) -> [String] {
    switch kind {
    case .none: return []
    case .command: return CommandRegistry.names
    case .words(let words): return words
    case .settings(let settings): return Array(settings.keys)
    case .workspace: return Array(workspaces.keys)
    case .pendingImport: return imports.map(\.name)
    case .reference: return imports.flatMap { $0.outline.connections.map(\.key) }
    case .flow: return targetFlowNames()
    case .connection: return targetState()?.connections.map(\.name) ?? []
    case .anyName: return imports.map(\.name) + Array(exports.keys) + targetFlowNames() + pathCandidates(prefix)
    case .path: return pathCandidates(prefix)
    }
  }

  private func targetFlowNames() -> [String] {
    targetState()?.flows.map(\.name) ?? []
  }

  /// The target's state (cached per revision, so a Tab press does not read the store again).
  /// Completion has nowhere to show an error: a workspace that cannot be read offers nothing,
  /// and the command typed next reports why.
  private func targetState() -> WorkspaceState? {
    guard let targetName, workspaces[targetName] != nil else { return nil }
    return try? state(of: targetName)
  }
}

/// File and folder names for a partly typed path; folders end in `/` so Tab can go on.
enum PathCompletion {
  /// The files and folders whose paths start with `prefix`, as typed; a `~/` at its start is
  /// `home`, as the tokenizer reads it.
  static func candidates(_ prefix: String, home: String?) -> [String] {
    let folder = prefix.hasSuffix("/") ? prefix : PathText.folder(of: prefix)
    let fromHome = folder == "~" || folder.hasPrefix("~/")
    let directory = folder.isEmpty ? "." : fromHome ? (home ?? "~") + folder.dropFirst() : folder
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
    let base = folder.isEmpty ? "" : (folder.hasSuffix("/") ? folder : folder + "/")
    return names.filter { !$0.hasPrefix(".") }.map { name in
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: PathText.join(directory, name), isDirectory: &isDirectory)
      return base + name + (isDirectory.boolValue ? "/" : "")
    }
  }
}
