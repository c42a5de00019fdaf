import FlowFormats
import FlowModel
import Foundation

/// An export staged for a workspace: written only by `commit`.
struct PendingImport: Sendable {
  /// How the import lands in the target.
  enum Mode: Hashable, Sendable {
    /// Create a flow of this name; its first version is the export.
    case newFlow(String)
    /// Add the export as the next version of this existing flow.
    case newVersion(of: String)

    var isNewFlow: Bool {
      if case .newFlow = self { true } else { false }
    }

    /// The flow the import writes.
    var flowName: String {
      switch self {
      case .newFlow(let name), .newVersion(of: let name): name
      }
    }
  }

  /// The session name of the import.
  var name: String
  /// The file it came from.
  var path: String
  var format: ExportFormat
  /// The session name of the target workspace.
  var workspace: String
  var mode: Mode
  /// The version, whole or outlined (see `version` and `outline`).
  var staged: StagedVersion
  /// What was noticed on load: structural problems, secrets in clear.
  var notes: [String] = []
  /// Reference key -> the target connection it is bound to.
  var bindings: [String: Binding] = [:]
  /// References unbound by hand (`match --unbind`): neither a binding the workspace remembers
  /// nor the environment applied again on restore binds them back; a binding by hand,
  /// `match --auto` or `match load` does.
  var unbound: Set<String> = []
  /// Node renames applied since the file was read, in order.
  var renames: [NodeRename] = []
  /// The pending import whose export carried this one as a subflow; nil for a file of its own.
  var parentImport: String? = nil
  /// The file as it was when read, to tell a changed file on restore.
  var stamp: FileStamp? = nil
  /// The node values an environment file or the workspace set in it, shown in the plan and
  /// kept by the workspace at commit.
  var values: [AppliedValue] = []

  /// The whole version: read again from its text when outlined, which costs a parse; setting it
  /// makes the import whole.
  var version: FlowVersion {
    get { staged.whole }
    set { staged = .whole(newValue) }
  }

  /// The version without its document and node configurations: what bulk steps read.
  var outline: FlowVersion { staged.outline }

  /// The file it was loaded from as an absolute path, which commit records with the version it
  /// writes; nil for a subflow carried inside another export, which has no file of its own.
  var source: String? {
    parentImport == nil ? PathText.absolute(path, from: FileManager.default.currentDirectoryPath) : nil
  }

  /// `new flow`, `new version of 'orders'`: how the import lands in its target, as `load` and
  /// `status` say it; the flow is named only where it is not the import's own name.
  var landing: FittedLine {
    let kind = mode.isNewFlow ? "new flow" : "new version"
    let flow = mode.flowName
    guard flow != name else { return "\(kind)" }
    return "\(kind)\(mode.isNewFlow ? "" : " of") '\(name: flow)'"
  }

  /// Where the import came from, as the plan and `status` say it: the file's path, which gives
  /// way from the front on a narrow terminal; for a subflow, its parent's file and
  /// `(subflow of <parent>)`, which stays whole (see `Load.subflowImports`).
  var origin: FittedLine {
    let subflowOf = parentImport.map(Self.subflowSuffix) ?? ""
    guard !subflowOf.isEmpty, path.hasSuffix(subflowOf) else { return "\(path: path)" }
    return "\(path: String(path.dropLast(subflowOf.count)))\(subflowOf)"
  }

  /// What follows the parent's file in a subflow import's `path`: ` (subflow of <parent>)`.
  static func subflowSuffix(of parent: String) -> String { " (subflow of \(parent))" }

  /// References not yet bound to a connection of the target.
  var unmatched: [ConnectionRef] {
    outline.connections.filter { bindings[$0.key] == nil }
  }
}

/// A reference bound to a connection of the target, and why.
struct Binding: Hashable, Sendable, Codable {
  var connection: String
  /// How it was chosen: `by hand`, `same name and type`, `only kafka connection`.
  var reason: String

  /// The reason of a binding made by hand, which nothing else replaces.
  static let byHand = "by hand"
  /// The reason of `match --auto`'s first choice: the connection of the reference's own name and type.
  static let sameNameAndType = "same name and type"

  /// The reason of a binding remembered from commit `number`.
  static func remembered(from number: Int) -> String { rememberedPrefix + "\(number)" }
  private static let rememberedPrefix = "as in commit #"

  /// Repeats what the target already says (its connection of the reference's name, or an
  /// earlier commit's choice). A plan lists these only with `--verbose`, so the bindings a
  /// person made or `match --auto` guessed stand out, and 2,000 flows' plan is not 40,000 lines.
  var isRoutine: Bool { reason == Self.sameNameAndType || reason.hasPrefix(Self.rememberedPrefix) }
}
