import FlowFormats
import FlowStore

/// Why a command failed: the user's input was fine as a command, but what it asked for could not
/// be done. Each case carries the values its message needs; the message is written here only, and
/// `CommandFailure` puts the script position and command name in front of it.
public enum SessionError: Error, CustomStringConvertible {
  /// A flow of a bulk load that the target has already, and the file it was read from.
  public struct FlowInTarget: Sendable {
    let flow: String
    let path: String
  }

  /// A file named on the command line does not exist.
  case fileNotFound(String)
  /// Several of the files or patterns named find nothing, each for its reason.
  case nothingFound([SessionError])
  /// A file was expected, a folder was named.
  case isDirectory(String)
  /// A file exists but cannot be read (permissions, not text), with the reason.
  case unreadable(String, String)
  /// A folder cannot be listed (permissions), with the reason.
  case unlistable(String, String)
  /// A file could not be read as an export, or a flow could not be written in a format.
  case format(file: String, FormatError)
  /// A name that the session does not know, with the names it knows for a suggestion.
  case unknownName(kind: String, name: String, known: [String])
  /// A bare name that is both a file in the current folder and `other` (a pending import, a
  /// loaded export, a target's flow); `explicitly` is how to name the other one, when it has a form.
  case ambiguousName(String, other: String, explicitly: String? = nil)
  /// `load ... as <name>` would shadow a pending import.
  case importExists(String)
  /// A new flow would take a name the target already has.
  case flowExists(flow: String, workspace: String)
  /// Another pending import already creates this flow.
  case flowPending(flow: String, workspace: String, pendingImport: String)
  /// A workspace name the session already uses for another workspace.
  case workspaceOpen(name: String, location: String)
  /// A workspace file was given among several exports to stage.
  case workspaceAmongExports(path: String)
  /// No workspace is open and there is no default.
  case noWorkspace
  /// `commit` with nothing staged for the workspace.
  case nothingPending(String)
  /// What stops a commit, all at once.
  case commitBlocked(workspace: String, blockers: [String])
  /// `match` of a reference to a connection of another type.
  case typeMismatch(reference: String, referenceType: String, connection: String, connectionType: String)
  /// `connection add` of a name that exists with other settings.
  case connectionDiffers(name: String, workspace: String, in: [String])
  /// `connection remove` of a connection flows or pending imports are bound to.
  case connectionInUse(name: String, workspace: String, by: [String])
  /// An environment file entry that cannot be applied: a missing or mistyped connection, a
  /// value path a node lacks.
  case environmentTarget(file: String, line: Int, problem: String)
  /// A value an environment file or the workspace keeps could not be set in a node.
  case valueNotSet(origin: String, flow: String, node: String, reason: String)
  /// Environment entries that bound nothing, refused by `match load --strict`.
  case unusedEntries(file: String, lines: [Int])
  /// `match --unbind` of a reference no pending import binds.
  case notBound(reference: String)
  /// `${name}` of a variable nobody set.
  case undefinedVariable(String)
  /// `${env:NAME}` of an environment variable that is not set.
  case undefinedEnvironmentVariable(String)
  /// A secret must be given on the command line when nobody can be asked.
  case secretNeeded(String)
  /// A secret asked for at the prompt was not typed (Ctrl-C, Ctrl-D or an empty line).
  case secretNotTyped(String)
  /// The session's user lacks the role for what they asked; `role` is nil for a non-member.
  case notPermitted(user: String, role: Role?, action: String, workspace: String, owners: [String])
  /// Removing or demoting the only owner would leave nobody able to change the members.
  case lastOwner(user: String, workspace: String)
  /// Validation found errors before a bundle or SQL export; nothing was written.
  case invalidFlow(flow: String, format: String, findings: [String])
  /// A stored flow calls a subflow the workspace does not have.
  case missingSubflow(caller: String, subflow: String, workspace: String)
  /// A stored version's document no longer reads as a flow.
  case damagedVersion(location: String, flow: String, number: Int, FormatError)
  /// A glob that matched no file.
  case noMatches(String)
  /// Flow names that repeat among the files of one load, each with both files; nothing was staged.
  case repeatedFlowNames([String])
  /// Some files of a bulk load failed; nothing was staged. The flow names that repeat among
  /// the files that did read come with them (`repeatedFlowNames`), so one run shows all.
  case bulk(failed: [String], total: Int, repeatedNames: [String] = [])
  /// Flows of a bulk load that the target has already, loaded without `--on-conflict`.
  case flowsExist([FlowInTarget], workspace: String, total: Int)
  /// `undo` in a workspace whose journal has nothing left to undo.
  case nothingToUndo(String)
  /// `undo` without a commit where the latest commit is an undo itself (`commit` undid `undid`).
  case latestIsAnUndo(workspace: String, commit: Int, undid: Int)
  /// A confirmation in a script was answered no; nothing was written.
  case declined
  /// The user pressed Ctrl-C.
  case cancelled
  /// A file could not be written, with the reason.
  case writeFailed(String, String)
  /// `diff -u` of two files that are not flows could not run or failed, with the reason.
  case plainDiffFailed(old: String, new: String, reason: String)
  /// A flow export was given where a `.fps` script was expected (`fps flow.json`).
  case exportGivenAsScript(String)
  /// A `.fps` script was given where an export was expected (`load mapping.fps`).
  case scriptGivenAsExport(String)
  /// A script sources itself, through the scripts named.
  case sourcesItself(path: String, chain: [String])
  /// A helper program (Graphviz's `dot`) is not installed; `hint` says how to get it.
  case toolMissing(tool: String, hint: String)
  /// A helper program could not be started.
  case toolFailed(tool: String, reason: String)
  /// A script ran on past failures (`set on-error continue`), each already reported.
  case scriptFailed(source: String, failures: Int)

  /// A flow's or an import's name as a message shows it: a token pasted into it redacted, as
  /// every line about a flow shows it (`Secrets.redacted(name:)`).
  private func shown(_ name: String) -> String { Secrets.redacted(name: name) }

  /// A name as a command the message suggests takes it: as the user types it, or a placeholder
  /// when it holds a secret, which the message does not print.
  private func typed(_ name: String) -> String { shown(name) == name ? Tokenizer.word(name) : "<its name>" }

  /// The message shown to the user, naming the file or thing concerned and, where there is one, the fix.
  public var description: String {
    switch self {
    case .fileNotFound(let path): return "\(path): no such file or directory"
    case .nothingFound(let errors):
      return "\(errors.count) of the names given find nothing; nothing was staged:\n" + errors.map { "  \($0)" }.joined(separator: "\n")
    case .isDirectory(let path): return "\(path) is a directory; give a file"
    case .unreadable(let path, let reason): return "\(path): cannot be read: \(reason)"
    case .unlistable(let path, let reason): return "\(path): cannot list the folder: \(reason)"
    case .format(let file, let error): return error.saysLineAndColumn ? "\(file):\(error)" : "\(file): \(error)"
    case .unknownName(let kind, let name, let known):
      let hint = Suggestion.closest(to: name, among: known).map { " (did you mean '\(shown($0))'?)" } ?? ""
      let list =
        known.isEmpty ? "there are none" : "known: \(known.prefix(8).map(shown).joined(separator: ", "))\(known.count > 8 ? ", ..." : "")"
      return "no \(kind) named '\(shown(name))'\(hint); \(list)"
    case .ambiguousName(let name, let other, let explicitly):
      let otherForm =
        explicitly.map { " or `\($0)` for \(other)" } ?? "; to name \(other), give it another name with `load <file> as <name>`"
      return "'\(name)' is both a file in this folder and \(other): write `./\(name)` for the file\(otherForm)"
    case .importExists(let name):
      return "an import named '\(shown(name))' is already pending; load with `as <other name>`, or `discard \(typed(name))` first"
    case .flowExists(let flow, let workspace):
      return
        "\(workspace) already has a flow named '\(shown(flow))': load with `--as-version-of \(typed(flow))` to add a version, or `--name <new name>` to create another flow"
    case .flowPending(let flow, let workspace, let pendingImport):
      return
        "the pending import '\(shown(pendingImport))' already creates flow '\(shown(flow))' in \(workspace): commit it first and load with `--as-version-of \(typed(flow))`, or use `--name <new name>`"
    case .workspaceOpen(let name, let location):
      return "a workspace named '\(name)' is already open (\(location)); use `as <other name>`"
    case .workspaceAmongExports(let path): return "\(path) is a workspace; open it on its own with `load \(Tokenizer.word(path))`"
    case .noWorkspace:
      return "no workspace is open: create one with `workspace new <file.fpsw>` or open one with `load <file.fpsw>`"
    case .nothingPending(let workspace):
      return "nothing is pending for \(workspace): stage exports with `load <file> into \(Tokenizer.word(workspace))`"
    case .commitBlocked(let workspace, let blockers):
      return
        "\(blockers.count == 1 ? "1 problem blocks" : "\(blockers.count) problems block") the commit to \(workspace); nothing was written:\n"
        + blockers.map { "  - \($0)" }.joined(separator: "\n")
    case .typeMismatch(let reference, let referenceType, let connection, let connectionType):
      return "'\(reference)' needs a \(referenceType) connection, but '\(connection)' is \(connectionType)"
    case .connectionDiffers(let name, let workspace, let differences):
      let options = differences.filter { $0 != "type" }.map { $0.hasPrefix("--prop") ? $0 + "=<value>" : $0 }
      var advice = options.isEmpty ? [] : ["change it with `connection set \(typed(name)) \(options.joined(separator: " "))`"]
      if differences.contains("type") { advice.append("its type changes only by `connection remove \(typed(name))`, then `add`") }
      return "\(workspace) has a connection \(shown(name)) with other settings (\(differences.joined(separator: ", "))): "
        + advice.joined(separator: "; ")
    case .connectionInUse(let name, let workspace, let users):
      let list = users.prefix(8).map(shown).joined(separator: ", ") + (users.count > 8 ? ", ..." : "")
      return "\(shown(name)) is in use in \(workspace), by \(list): bind them to another connection first"
    case .environmentTarget(let file, let line, let problem): return "\(file):\(line): \(problem)"
    case .valueNotSet(let origin, let flow, let node, let reason): return "\(origin): \(flow): node '\(node)': \(reason)"
    case .unusedEntries(let file, let lines):
      return
        "\(file): \(lines.count == 1 ? "the entry at line" : "the entries at lines") \(lines.map(String.init).joined(separator: ", ")) matched no reference (--strict)"
    case .notBound(let reference): return "'\(reference)' is not bound in any pending import"
    case .undefinedVariable(let name):
      return "undefined variable ${\(name)} (define it with `set \(name) <value>` or `--var \(name)=<value>`)"
    case .undefinedEnvironmentVariable(let name): return "environment variable \(name) is not set"
    case .secretNotTyped(let name): return "no value typed for secret '\(name)'; nothing was staged"
    case .secretNeeded(let name):
      return "no value for secret '\(name)': give it as --secret \(name)=<value> (e.g. \(name)=${env:SECRET}) when not interactive"
    case .notPermitted(let user, let role, let action, let workspace, let owners):
      let who =
        role.map { "\(user) is a \($0.rawValue) of \(workspace): a \($0.rawValue) cannot \(action) it" }
        ?? "\(user) is not a member of \(workspace) and cannot \(action) it"
      return "\(who); ask an owner (\(owners.joined(separator: ", ")))"
    case .lastOwner(let user, let workspace):
      return "\(user) is the last owner of \(workspace): make another member owner first, or nobody could change its members"
    case .invalidFlow(let flow, let format, let findings):
      return "\(flow) cannot be written as \(format); nothing was written:\n" + findings.map { "  - \($0)" }.joined(separator: "\n")
    case .missingSubflow(let caller, let subflow, let workspace):
      return "\(caller) calls subflow '\(subflow)', which \(workspace) does not have"
    case .plainDiffFailed(let old, let new, let reason): return "diff -u \(old) \(new): \(reason)"
    case .damagedVersion(let location, let flow, let number, let error):
      return "\(location): flow '\(flow)' version \(number) is damaged: \(error)"
    case .noMatches(let pattern): return "\(pattern): no files match"
    case .repeatedFlowNames(let repeats): return Self.repeating(repeats, " in this load; nothing was staged")
    case .bulk(let failed, let total, let repeatedNames):
      return "\(failed.count) of \(total) files could not be loaded; nothing was staged:\n"
        + failed.map { "  \($0)" }.joined(separator: "\n") + (repeatedNames.isEmpty ? "" : "\nand " + Self.repeating(repeatedNames, ""))
    case .flowsExist(let flows, let workspace, let total):
      return "\(flows.count) of \(total) flows are in \(workspace) already; nothing was staged. Load with `--on-conflict version` to "
        + "stage each as its flow's next version (one that has not changed is skipped at commit), `--on-conflict skip` to leave them "
        + "out, or `--on-conflict rename` to create flows named after their files:\n"
        + Self.firstLines(of: flows.map { "  \($0.flow) (\($0.path))" }, more: "flows")
    case .cancelled: return "interrupted (Ctrl-C)"
    case .declined: return "not confirmed; nothing was written"
    case .nothingToUndo(let workspace): return "\(workspace) has no commit left to undo (see `log`)"
    case .latestIsAnUndo(let workspace, let commit, let undid):
      return "the latest commit to \(workspace), #\(commit), undid #\(undid); nothing was written. `undo` alone takes back the latest "
        + "commit only, so a rollback run again takes back no more: name an earlier commit to take it back too (see `log`), "
        + "or load the exports again to redo #\(undid)"
    case .writeFailed(let path, let reason): return "\(path): cannot be written: \(reason)"
    case .exportGivenAsScript(let path):
      return "\(path) is a flow export, not a .fps script: open it with `fps -c 'load \(path)'`, or `load \(path)` in the shell"
    case .scriptGivenAsExport(let path):
      return "\(path) is a .fps script, not an export: run it with `source \(path)` (or `fps \(path)` from a system shell)"
    case .sourcesItself(let path, let chain):
      return "\(path) sources itself (through \(chain.joined(separator: " -> ")))"
    case .toolMissing(let tool, let hint): return "\(tool) is not installed: \(hint)"
    case .toolFailed(let tool, let reason): return "could not run \(tool): \(reason)"
    case .scriptFailed(let source, let failures):
      return "\(source): \(failures) command\(failures == 1 ? "" : "s") failed (reported above)"
    }
  }

  /// The first `shown` lines, and how many more there are: a migration run again without
  /// `--on-conflict` named each of its 2,000 flows, a screenful forty times over.
  private static func firstLines(of lines: [String], shown: Int = 10, more what: String) -> String {
    guard lines.count > shown + 1 else { return lines.joined(separator: "\n") }
    return (lines.prefix(shown) + ["  … and \(lines.count - shown) more \(what)"]).joined(separator: "\n")
  }

  /// How many flow names repeat, `place`, what names the later ones after their files, and
  /// each repeat on a line of its own.
  private static func repeating(_ repeats: [String], _ place: String) -> String {
    "\(repeats.count == 1 ? "1 flow name repeats" : "\(repeats.count) flow names repeat")\(place) "
      + "(`--on-conflict rename` names the later ones after their files):\n" + repeats.map { "  \($0)" }.joined(separator: "\n")
  }
}
