import FlowModel
import FlowStore
import Foundation

/// What Tab offers: the start of the word being completed (a UTF-8 offset) and the candidates.
public struct Completion: Equatable, Sendable {
  /// Where the word being completed starts, in UTF-8 bytes from the line start.
  public var wordStart: Int
  /// The words that can replace the word being completed, in the order offered.
  public var candidates: [String]
}

extension Session {
  /// Completes the word before `cursor` (a UTF-8 offset): command names first, then the
  /// command's actions, options, keywords, and the names its arguments take (workspaces, flows,
  /// connections, imports, references, files), all read from the command's spec.
  public func completions(line: String, cursor: Int) -> Completion {
    let prefix = String(decoding: line.utf8.prefix(cursor), as: UTF8.self)
    var words = prefix.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let current = prefix.hasSuffix(" ") || prefix.isEmpty ? "" : words.removeLast()
    let wordStart = cursor - current.utf8.count
    func offer(_ candidates: [String]) -> Completion {
      Completion(wordStart: wordStart, candidates: Array(Set(candidates.filter { $0.hasPrefix(current) })).sorted())
    }
    guard let commandName = words.first else { return offer(CommandRegistry.names) }
    guard let command = CommandRegistry.command(named: commandName) else { return offer([]) }
    let spec = command.spec
    if current.hasPrefix("-") { return offer(spec.options.map(\.name)) }
    let previous = words[words.count - 1]
    if words.count > 1,
      let option = (spec.options + spec.keywords).first(where: { ($0.name == previous || $0.short == previous) && $0.value != nil })
    {
      return offer(candidates(option.completion, prefix: current))
    }
    if words.count == 1, !spec.actions.isEmpty { return offer(spec.actions) }
    return offer(candidates(spec.positionals, prefix: current) + spec.keywords.map(\.name))
  }

  private func candidates(_ kind: CompletionKind, prefix: String) -> [String] {
    switch kind {
    case .none: return []
    case .command: return CommandRegistry.names
    case .words(let words): return words
    case .workspace: return Array(workspaces.keys)
    case .pendingImport: return imports.map(\.name)
    case .reference: return imports.flatMap { $0.version.connections.map(\.key) }
    case .flow: return targetFlowNames()
    case .connection: return targetState()?.connections.map(\.name) ?? []
    case .anyName: return imports.map(\.name) + Array(exports.keys) + targetFlowNames() + PathCompletion.candidates(prefix)
    case .path: return PathCompletion.candidates(prefix)
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
  static func candidates(_ prefix: String) -> [String] {
    let folder = prefix.hasSuffix("/") ? prefix : (prefix as NSString).deletingLastPathComponent
    let directory = folder.isEmpty ? "." : (folder as NSString).expandingTildeInPath
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
    let base = folder.isEmpty ? "" : (folder.hasSuffix("/") ? folder : folder + "/")
    return names.filter { !$0.hasPrefix(".") }.map { name in
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
      return base + name + (isDirectory.boolValue ? "/" : "")
    }
  }
}
