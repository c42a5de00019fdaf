/// Splits a command line into words the way a shell would: whitespace separates, `'...'` is
/// literal, `"..."` allows `\"`, `\\` and variables, a backslash escapes the next character, a
/// `#` at the start of a word starts a comment (but after the first word, `#4`, a commit as
/// `log` numbers it, is a word), `${name}` and `${env:NAME}` expand, and so does a `~` that
/// begins a word, to the home folder, as shells do (`load ~/exports/orders.json`).
struct Tokenizer {
  /// Looks up a session variable; nil when undefined.
  let variable: (String) -> String?
  /// Looks up an environment variable; nil when undefined.
  let environment: (String) -> String?

  /// `text` written so a command line reads it back as this one word: quoted when it holds what
  /// the tokenizer would split or expand. For the names in commands a message suggests
  /// (`show 'Flow 1'`): written bare, such a name made a command that could not be run as given.
  /// A `~` the tokenizer would expand (alone, or before `/`) is quoted too.
  static func word(_ text: String) -> String {
    if text.isEmpty { return "''" }
    let expandsHome = text == "~" || text.hasPrefix("~/")
    return quoted(text, keeping: expandsHome ? "'" : nil, closed: true)
  }

  /// `name` written so the tokenizer reads it back as one word: as it is when it can be, else
  /// in single quotes (double quotes when it holds a single quote). `quote` keeps the one a
  /// word being typed is open in (Tab completion); `closed` ends the quote.
  static func quoted(_ name: String, keeping quote: Character?, closed: Bool) -> String {
    let special: Set<Character> = [" ", "\t", "'", "\"", "\\", "$", "#", ";", "|", "&", "<", ">", "(", ")", "{", "}", "*", "?"]
    guard quote != nil || name.contains(where: special.contains) else { return name }
    let mark: Character = name.contains("'") ? "\"" : (quote ?? "'")
    var body = name
    if mark == "\"" {
      body = String(name.flatMap { "\\\"$".contains($0) ? ["\\", $0] : [$0] })
    }
    return String(mark) + body + (closed ? String(mark) : "")
  }

  /// True when what follows a `#` is ASCII digits up to the end of the word: `undo #4`.
  private static func startsCommitNumber(_ rest: ArraySlice<Character>) -> Bool {
    let word = rest.prefix { $0 != " " && $0 != "\t" }
    return !word.isEmpty && word.allSatisfy { $0.isASCII && $0.isNumber }
  }

  func words(_ line: String) throws -> [String] {
    try read(line).words
  }

  /// True when `line` ends in a comment, as `words` reads it: quotes, escapes and `#4` as
  /// `words` takes them, nothing looked up (every variable reads as empty, which moves no
  /// comment). A `\` that ends a comment is the comment's, and continues no line (`echo x  #
  /// a note \` swallowed the next command); false for a line `words` cannot read.
  static func endsInComment(_ line: String) -> Bool {
    let lexical = Tokenizer(variable: { _ in "" }, environment: { _ in "" })
    return (try? lexical.read(line).endsInComment) ?? false
  }

  /// The words of `line`, and whether a comment ends it.
  private func read(_ line: String) throws -> (words: [String], endsInComment: Bool) {
    try CommandText.refuseNUL(line)
    var words: [String] = []
    var endsInComment = false
    var current = ""
    var inWord = false
    var iterator = Array(line)[...]
    func expand(_ rest: inout ArraySlice<Character>) throws -> String { try self.expand(&rest, in: line) }

    while let character = iterator.popFirst() {
      switch character {
      case " ", "\t":
        if inWord { words.append(current) }
        current = ""
        inWord = false
      case "#" where !inWord && (words.isEmpty || !Self.startsCommitNumber(iterator)):
        iterator = []
        endsInComment = true
      case "~" where !inWord && [nil, "/", " ", "\t"].contains(iterator.first) && environment("HOME") != nil:
        inWord = true
        current += environment("HOME") ?? ""
      case "\\":
        inWord = true
        if let next = iterator.popFirst() { current.append(next) }
      case "'":
        inWord = true
        guard let end = iterator.firstIndex(of: "'") else { throw UsageError("unterminated ' quote in: \(line)") }
        current += String(iterator[..<end])
        iterator = iterator[(end + 1)...]
      case "\"":
        inWord = true
        var closed = false
        while let next = iterator.popFirst() {
          if next == "\"" {
            closed = true
            break
          }
          if next == "\\", let escaped = iterator.first, escaped == "\"" || escaped == "\\" || escaped == "$" {
            current.append(escaped)
            iterator.removeFirst()
          } else if next == "$" {
            current += try expand(&iterator)
          } else {
            current.append(next)
          }
        }
        guard closed else { throw UsageError("unterminated \" quote in: \(line)") }
      case "$":
        inWord = true
        current += try expand(&iterator)
      default:
        inWord = true
        current.append(character)
      }
    }
    if inWord { words.append(current) }
    return (words, endsInComment)
  }

  /// `text` with every `${name}` and `${env:NAME}` in it replaced, nothing else touched: for
  /// values read from files (an environment file's `set`), which are not command lines.
  func expanding(_ text: String) throws -> String {
    var rest = Array(text)[...]
    var result = ""
    while let character = rest.popFirst() {
      if character == "$" { result += try expand(&rest, in: text) } else { result.append(character) }
    }
    return result
  }

  /// What follows a `$`: a `{name}` or `{env:NAME}` replaced by its value; a lone `$` stays.
  private func expand(_ rest: inout ArraySlice<Character>, in text: String) throws -> String {
    guard rest.first == "{" else { return "$" }
    rest.removeFirst()
    var name = ""
    while let character = rest.first, character != "}" {
      name.append(character)
      rest.removeFirst()
    }
    guard rest.first == "}" else { throw UsageError("unterminated ${ in: \(text)") }
    rest.removeFirst()
    if name.hasPrefix("env:") {
      let key = String(name.dropFirst(4))
      guard let value = environment(key) else { throw SessionError.undefinedEnvironmentVariable(key) }
      return value
    }
    guard let value = variable(name) else { throw SessionError.undefinedVariable(name) }
    return value
  }
}
