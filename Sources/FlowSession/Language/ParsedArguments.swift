/// A command's words sorted into positionals, options and keywords, checked against its spec.
struct ParsedArguments: Sendable {
  private(set) var positionals: [String] = []
  private var values: [String: [String]] = [:]
  let spec: CommandSpec

  /// Parses words after the command name. Unknown options are usage errors with a suggestion.
  init(_ words: [String], spec: CommandSpec) throws {
    self.spec = spec
    var rest = words[...]
    var optionsEnded = spec.takesWordsAsTheyAre
    // `--secret password` without `=`: the word after it, when it is neither an option nor a
    // keyword, is the secret typed without its `=`. Refused, never shown (in the error, the log).
    var secretKey: String?
    while let word = rest.popFirst() {
      let bareSecretKey = secretKey
      secretKey = nil
      if let bareSecretKey, word != "--", optionsEnded || !Self.isOption(word, of: spec),
        !spec.keywords.contains(where: { $0.name == word })
      {
        throw UsageError(
          "\(bareSecretKey) takes its value after `=` (`\(bareSecretKey)=<value>`), or none to be asked for it; "
            + "the word after it is not shown",
          command: spec.name)
      }
      if !optionsEnded, word == "--" {
        optionsEnded = true
        secretKey = bareSecretKey  // `--secret password -- hunter2`: the word after is still the secret
      } else if !optionsEnded, word.hasPrefix("-"), word.count > 1, Double(word) == nil {
        var name = word
        var inline: String?
        if let equals = word.firstIndex(of: "=") {
          name = String(word[..<equals])
          inline = String(word[word.index(after: equals)...])
        }
        guard let option = spec.options.first(where: { $0.name == name || $0.short == name }) else {
          let known = spec.options.flatMap { [$0.name] + ($0.short.map { [$0] } ?? []) }
          let hint = Suggestion.closest(to: name, among: known).map { "; did you mean '\($0)'?" } ?? ""
          throw UsageError("unknown option '\(name)'\(hint)", command: spec.name)
        }
        if let placeholder = option.value {
          guard let value = inline ?? rest.popFirst() else {
            throw UsageError("\(option.name) needs a value <\(placeholder)>", command: spec.name)
          }
          // `--prop --secret password=...`: the value was forgotten. Taking the next option as
          // it would leave what follows an argument, printed in the error, secret and all.
          if inline == nil, spec.options.contains(where: { $0.name == value || $0.short == value }) {
            throw UsageError("\(option.name) needs a value <\(placeholder)> before \(value)", command: spec.name)
          }
          values[option.name, default: []].append(value)
          if option.takesSecret, !value.contains("=") { secretKey = "\(option.name) \(value)" }
        } else {
          if inline != nil { throw UsageError("\(option.name) takes no value", command: spec.name) }
          values[option.name, default: []].append("")
        }
      } else if let keyword = spec.keywords.first(where: { $0.name == word }) {
        // Keywords stay keywords after `--`, which ends options only: `export -- -dash to out/`.
        guard let value = rest.popFirst() else {
          throw UsageError("`\(keyword.name)` needs <\(keyword.value ?? "value")>", command: spec.name)
        }
        values[keyword.name, default: []].append(value)
      } else {
        positionals.append(word)
      }
    }
  }

  /// True when `word` names one of the command's options (`--type`, `-m`, `--secret=k`).
  private static func isOption(_ word: String, of spec: CommandSpec) -> Bool {
    let name = String(word.prefix { $0 != "=" })
    return word.hasPrefix("-") && spec.options.contains { $0.name == name || $0.short == name }
  }

  /// True when the flag was given.
  func flag(_ option: OptionSpec) -> Bool { given(option) != nil }

  /// The last value given for an option or keyword.
  func value(_ option: OptionSpec) -> String? { given(option)?.last }

  /// Refuses any of `options` that was given: they belong to another action of the command
  /// (`workspace new`'s `--if-missing` given to `workspace copy`), where they would be ignored
  /// without a word.
  func expectNone(of options: [OptionSpec]) throws(UsageError) {
    guard let given = options.first(where: { given($0) != nil }) else { return }
    throw UsageError("\(given.name) does not apply to this action", command: spec.name)
  }

  /// Every value given for a repeatable option.
  func values(_ option: OptionSpec) -> [String] { given(option) ?? [] }

  /// What was given for an option of this command's spec. Asking for one the spec does not
  /// declare is a programming error (it could never be given): loud in debug builds.
  private func given(_ option: OptionSpec) -> [String]? {
    assert(
      (spec.options + spec.keywords).contains { $0.name == option.name },
      "\(spec.name) looks up \(option.name), which its spec does not declare")
    return values[option.name]
  }

  /// The positional at `index`, or a usage error naming what is missing.
  func positional(_ index: Int, _ what: String) throws -> String {
    guard index < positionals.count else {
      throw UsageError("missing \(what)", command: spec.name)
    }
    return positionals[index]
  }

  /// Fails when more positionals were given than the command takes.
  func expectPositionals(atMost count: Int) throws {
    guard positionals.count > count else { return }
    throw UsageError("unexpected argument '\(positionals[count])'", command: spec.name)
  }
}
