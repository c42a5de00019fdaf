/// What a command accepts, as data: the one description that parsing, `help` and tab completion
/// all read, so the three can never disagree.
///
/// Hand-rolled rather than swift-argument-parser's `ParsableCommand` because the shell's grammar
/// has keyword arguments (`load x into prod as v2`) and completion needs the option list at run
/// time; argument-parser still parses `fps`'s own command line.
struct CommandSpec: Sendable {
  let name: String
  /// The synopsis after the name, e.g. `<path>... [into <workspace>]`.
  let synopsis: String
  /// One line for the `help` overview.
  let summary: String
  /// Paragraphs for `help <command>`: what it does, examples.
  let discussion: String
  let options: [OptionSpec]
  /// Bare words that take the next word as their value (`into`, `as`, `to`, `in`).
  let keywords: [OptionSpec]
  /// What the positional words are, for completion.
  let positionals: CompletionKind
  /// The fixed first words, for commands with actions (`workspace new`, `connection add`).
  let actions: [String]
  /// True when every word is taken as it is, one that begins with a dash too (`echo --- x`);
  /// other commands refuse an option they do not know.
  let takesWordsAsTheyAre: Bool

  init(
    name: String, synopsis: String, summary: String, discussion: String = "", options: [OptionSpec] = [],
    keywords: [OptionSpec] = [], positionals: CompletionKind = .none, actions: [String] = [], takesWordsAsTheyAre: Bool = false
  ) {
    self.name = name
    self.synopsis = synopsis
    self.summary = summary
    self.discussion = discussion
    self.options = options
    self.keywords = keywords
    self.positionals = positionals
    self.actions = actions
    self.takesWordsAsTheyAre = takesWordsAsTheyAre
  }

  /// The full help text.
  var help: String {
    var text = TextLayout.row("usage: \(name) ", synopsis, column: "usage: \(name) ".count) + "\n\n"
    text += TextLayout.paragraphs(summary) + "\n"
    if !discussion.isEmpty { text += "\n" + TextLayout.paragraphs(discussion) + "\n" }
    let described = keywords + options
    if !described.isEmpty {
      text += "\n"
      let labels = described.map { "  " + $0.label }
      let column = min(28, labels.map(\.count).max() ?? 0) + 2
      for (label, option) in zip(labels, described) {
        text += TextLayout.row(label, option.help, column: column) + "\n"
      }
    }
    return text
  }
}

/// One option (`--name <n>`, `-m <message>`, `--yes`) or keyword (`into <workspace>`).
struct OptionSpec: Sendable {
  /// `in <workspace>`: the keyword every command that acts on one workspace shares.
  static let inWorkspace = OptionSpec("in", value: "workspace", completion: .workspace, help: "the workspace (default: the target)")

  let name: String
  let short: String?
  /// The value's placeholder, or nil for a flag.
  let value: String?
  let help: String
  /// What the value is, for completion.
  let completion: CompletionKind
  /// True when the value is `key[=secret]` (`--secret`): a word typed after a bare key is
  /// likely the secret without its `=`, and is never echoed.
  let takesSecret: Bool

  init(
    _ name: String, short: String? = nil, value: String? = nil, completion: CompletionKind = .none, takesSecret: Bool = false,
    help: String
  ) {
    self.name = name
    self.short = short
    self.value = value
    self.help = help
    self.completion = completion
    self.takesSecret = takesSecret
  }

  var label: String {
    let names = [short, name].compactMap { $0 }.joined(separator: ", ")
    return value.map { "\(names) <\($0)>" } ?? names
  }
}

/// The kinds of word the completer can offer.
enum CompletionKind: Sendable, Hashable {
  case none
  case path
  case workspace
  case flow
  case connection
  case pendingImport
  case reference
  case command
  /// Anything with a name in the session: imports, exports, flows.
  case anyName
  case words([String])
  /// A setting's name, then one of its values: `set on-error continue`.
  case settings([String: [String]])
}
