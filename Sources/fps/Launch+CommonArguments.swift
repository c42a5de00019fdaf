extension Launch {
  /// Reads the command lines people type most without argument-parser: `fps`, `fps script.fps`,
  /// `fps diff a b`, `fps -c '...'`, with fps's own options spelt out before or after, each
  /// followed by its value as the next word. Anything else gives nil: help, version, a misspelt
  /// option, one other than `-c` and `--var` given twice, `-cquit` or `--user=ann`, a value
  /// that starts with `-`, `--`, an option fps does not have (`diff --all`). argument-parser
  /// then reads that line, and reports its mistakes, as it always has.
  ///
  /// Why by hand: argument-parser reflects on the command's properties at every start, and the
  /// Swift runtime's conformance lookups that reflection sets off were 15.5 of the 24.2 million
  /// instructions `fps -c quit` ran (callgrind, static release build), 40% of its time.
  /// `LaunchTests` checks that the two readers agree on a list of lines, and that this one knows
  /// every option `fps --help` lists.
  ///
  /// The options given are kept in a list, not a dictionary keyed by option: a dictionary's
  /// storage is made at run time for its key type, which has the runtime search every
  /// conformance of the binary for the key's `Hashable` (0.6 million instructions at each start).
  init?(commonArguments arguments: [String]) {
    self.init()
    var given: [(option: CommonOption, value: String?)] = []
    var words = arguments.makeIterator()
    while let word = words.next() {
      guard word.hasPrefix("-") else {
        self.words.append(word)
        continue
      }
      guard let option = CommonOption(rawValue: word), option.repeats || !given.contains(where: { $0.option == option }) else {
        return nil
      }
      guard option.takesValue else {
        given.append((option, nil))
        continue
      }
      guard let value = words.next(), !value.hasPrefix("-") else { return nil }
      given.append((option, value))
    }
    func values(of option: CommonOption) -> [String] { given.compactMap { $0.option == option ? $0.value : nil } }
    commands = values(of: .command)
    variables = values(of: .variable)
    workspace = values(of: .workspace).first
    user = values(of: .user).first
    restore = given.contains { $0.option == .restore }
    noPager = given.contains { $0.option == .noPager }
  }

  /// The options `FPS` and `SessionOptions` declare, as they are spelt on the command line.
  private enum CommonOption: String {
    case command = "-c"
    case variable = "--var"
    case workspace = "--workspace"
    case user = "--user"
    case restore = "--restore"
    case noPager = "--no-pager"

    var takesValue: Bool { self != .restore && self != .noPager }
    /// `-c` and `--var` gather every occurrence; the rest are given once.
    var repeats: Bool { self == .command || self == .variable }
  }
}
