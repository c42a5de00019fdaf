import CEditShim

/// The interactive line on libedit: prompt, emacs editing, history kept in a file, Tab completion.
///
/// Per-instance state reaches libedit's C callbacks through its client-data pointer, so there are
/// no globals; history is saved after every entry, because a terminal closed under the shell
/// (SIGHUP) never runs deinit.
public final class LineEditor {
  /// What reading a line produced.
  public enum Input: Equatable {
    case line(String)
    /// Ctrl-C: the line was abandoned (the cursor is already on a fresh line).
    case interrupted
    /// Ctrl-D or Ctrl-\ on an empty line, or the end of input.
    case endOfInput
  }

  /// Answers Tab: for the line and a cursor (UTF-8 offset), where the word being completed
  /// starts, the names that fit it (for listing), and what to put in its place (nil for nothing).
  public typealias Completer = (_ line: String, _ cursor: Int) -> (wordStart: Int, candidates: [String], replacement: String?)

  private let editor: OpaquePointer
  private let history: OpaquePointer
  private let historyFile: String?
  private let completer: Completer
  private var promptText: [CChar] = [0]
  /// How many columns the prompt takes, for placing a list of candidates below a long line.
  private var promptWidth = 0

  /// Opens the editor on the terminal, loading history from `historyFile` if it exists.
  public init?(program: String, historyFile: String?, completer: @escaping Completer) {
    fps_set_locale()
    guard let editor = fps_el_open(program), let history = fps_history_open(Self.historySize) else { return nil }
    self.editor = editor
    self.history = history
    self.historyFile = historyFile
    self.completer = completer
    fps_install_quit_key_handler()
    if let historyFile { _ = fps_history_load(history, historyFile) }
    _ = fps_el_set_history(editor, history)
    _ = fps_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
    _ = fps_el_set_prompt(editor) { editor in
      guard let data = fps_el_get_clientdata(editor) else { return nil }
      let lineEditor = Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
      return lineEditor.promptText.withUnsafeMutableBufferPointer { $0.baseAddress }
    }
    _ = fps_el_bind_function(
      editor, "fps-complete", "complete the word",
      { editor, _ in
        guard let editor, let data = fps_el_get_clientdata(editor) else { return UInt8(CC_ERROR) }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().complete()
      }, "^I")
  }

  deinit {
    fps_el_close(editor)
    fps_history_close(history)
  }

  /// Shows the prompt and reads one line (without its newline).
  public func readLine(prompt: String) -> Input {
    promptText = Array(prompt.utf8CString)
    promptWidth = Self.displayWidth(prompt)
    // A Ctrl-C (or Ctrl-\) pressed while the last command ran is spent: it must not abandon
    // this line.
    Self.takeInterrupt()
    fps_take_quit_key()
    var count: Int32 = 0
    let raw = el_gets(editor, &count)
    // Always take the flag, so a Ctrl-C is never left over to spoil the next line.
    let interrupted = Self.takeInterrupt()
    // Ctrl-\ on an empty line asks to leave, as Ctrl-D does (the shell warns of pending work
    // first); with a line typed, it abandons the line as Ctrl-C does.
    if fps_take_quit_key() != 0 {
      guard let line = el_line(editor)?.pointee, line.lastchar != line.buffer else { return .endOfInput }
      fps_el_write("\n")
      return .interrupted
    }
    guard let raw else {
      guard count == -1 || interrupted else { return .endOfInput }
      fps_el_write("\n")
      return .interrupted
    }
    if interrupted { return .interrupted }
    var line = String(cString: raw)
    if line.hasSuffix("\n") { line.removeLast() }
    return .line(line)
  }

  /// Adds a line to the history and to the history file at once. The file is read again and
  /// the line added to what it holds: two shells open at once each keep their lines there
  /// (saving this shell's own list overwrote the other's).
  public func remember(_ line: String) {
    guard !line.allSatisfy(\.isWhitespace) else { return }
    _ = fps_history_enter(history, line)
    if let historyFile { _ = fps_history_add_to_file(historyFile, line, Self.historySize) }
  }

  /// How many lines the history keeps.
  private static let historySize: Int32 = 1000

  /// Tab: puts the completer's replacement in place of the word being typed, or, when it adds
  /// nothing, lists the candidates in columns that fit the terminal.
  private func complete() -> UInt8 {
    guard let info = el_line(editor)?.pointee, let start = info.buffer else { return UInt8(CC_ERROR) }
    let length = info.lastchar - start
    let cursor = info.cursor - start
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(start).assumingMemoryBound(to: UInt8.self), count: length)
    let line = String(decoding: bytes, as: UTF8.self)
    let (wordStart, candidates, replacement) = completer(line, cursor)
    let typed = String(decoding: bytes[min(wordStart, cursor)..<cursor], as: UTF8.self)
    let width = max(1, Int(fps_terminal_columns()))
    /// The row, below the prompt's, that text this many columns wide after the prompt ends on.
    func row(after columns: Int) -> Int { (promptWidth + columns) / width }
    if let replacement, replacement != typed {
      // libedit counts characters, not bytes.
      el_deletestr(editor, Int32(typed.unicodeScalars.count))
      _ = el_insertstr(editor, replacement)
      // A line that wraps is drawn again whole: libedit's refresh in place left the rows after
      // the insertion half drawn (the end of `… alpha-orders.json` missing).
      let wraps = row(after: Self.displayWidth(line) - Self.displayWidth(typed) + Self.displayWidth(replacement)) > 0
      return UInt8(wraps ? CC_REDISPLAY : CC_REFRESH)
    }
    guard candidates.count > 1 else { return UInt8(CC_ERROR) }
    let rows = max(2, Int(fps_terminal_rows()) - 2)
    // libedit redraws the prompt as many rows above where the list leaves the cursor as the
    // cursor stood below the prompt's row: on a line that wraps, the prompt came down over the
    // list's last names. So the list starts below the line's last row, and is followed by as
    // many line ends as libedit goes back up; it is cut to the rows the line leaves free.
    let cursorRow = row(after: Self.displayWidth(String(decoding: bytes[..<cursor], as: UTF8.self)))
    let lastRow = row(after: Self.displayWidth(line))
    fps_el_write(
      String(repeating: "\n", count: lastRow - cursorRow + 1)
        + Self.columns(Self.shown(candidates), width: width, rows: max(1, rows - lastRow))
        + String(repeating: "\n", count: cursorRow))
    return UInt8(CC_REDISPLAY)
  }

  /// The candidates as a list shows them: files of one folder by their names alone, as shells
  /// list them (`alpha-orders.json`, not the folder again on every line, which wrapped each
  /// name in a narrow terminal). A quoted folder stays: its quote belongs to the whole word.
  static func shown(_ candidates: [String]) -> [String] {
    guard let first = candidates.first else { return candidates }
    let common = candidates.dropFirst().reduce(Substring(first)) { common, candidate in
      common.prefix(zip(common, candidate).prefix { $0 == $1 }.count)
    }
    guard let slash = common.lastIndex(of: "/"), !common.contains("'"), !common.contains("\"") else { return candidates }
    let folder = common.distance(from: common.startIndex, to: slash) + 1
    return candidates.map { String($0.dropFirst(folder)) }
  }

  /// How many columns `text` takes in the terminal: two for a wide character (日本) and for a
  /// control character (libedit draws `^A`), none for a combining one.
  static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
      let columns = Int(fps_character_width(scalar.value))
      return width + (columns >= 0 ? columns : scalar.value < 0x20 || scalar.value == 0x7F ? 2 : 1)
    }
  }

  /// Candidates laid out in as many columns as fit `width`, filled down each column, as shells
  /// list completions; never a name cut or wrapped in the middle. At most `rows` lines: when
  /// more would be needed (Tab on a folder of 2,000 exports), the first names fill all but the
  /// last, which says how many more there are, so the list never scrolls the prompt away.
  public static func columns(_ names: [String], width: Int, rows maximumRows: Int = .max) -> String {
    let widths = names.map(displayWidth)
    let cell = (widths.max() ?? 0) + 2
    let columns = max(1, width / cell)
    guard (names.count + columns - 1) / columns <= maximumRows else {
      let shown = max(1, maximumRows - 1) * columns
      return Self.columns(Array(names.prefix(shown)), width: width)
        + "… and \(names.count - shown) more: type more of the name to narrow them\n"
    }
    let rows = (names.count + columns - 1) / columns
    var text = ""
    for row in 0..<rows {
      var line = ""
      for column in 0..<columns {
        let index = column * rows + row
        guard index < names.count else { break }
        let name = names[index]
        line += index + rows < names.count ? name + String(repeating: " ", count: cell - widths[index]) : name
      }
      text += line + "\n"
    }
    return text
  }

  /// Installs the Ctrl-C handler: reading a line returns `.interrupted`, and a running command
  /// sees `interruptPending`.
  public static func installInterruptHandler() { fps_install_interrupt_handler() }

  /// Lets Ctrl-C end the process at once, saying `message` on standard error, with the status a
  /// shell reads as interrupted (130): for a run that has nothing to keep or clean up.
  public static func endOnInterrupt(saying message: String) { fps_end_on_interrupt(message) }

  /// True once Ctrl-C was pressed since the last `takeInterrupt`; clears it.
  @discardableResult static func takeInterrupt() -> Bool { fps_take_interrupt() != 0 }

  /// Shows `text` through the pager `command` (run by /bin/sh, in this process group, so it
  /// reads keys from the terminal); false when it could not be started, found or run.
  public static func page(_ text: String, through command: String) -> Bool {
    var bytes = Array(text.utf8)
    return fps_page(command, &bytes, UInt(bytes.count)) >= 0
  }

  /// The terminal's width in columns (80 when standard output is not a terminal).
  public static var terminalColumns: Int { Int(fps_terminal_columns()) }

  /// The terminal's height in lines (24 when standard output is not a terminal).
  public static var terminalRows: Int { Int(fps_terminal_rows()) }

  /// True when Ctrl-C was pressed and not yet taken.
  public static var interruptPending: Bool { fps_interrupt_pending() != 0 }

  /// Reads a secret from the terminal without echo; nil on Ctrl-C or Ctrl-D.
  public static func readSecret(prompt: String) -> String? {
    readAnswer { fps_read_secret(prompt, $0, $1) }
  }

  /// Reads the answer to a question, typed in full and ended by Return; nil on Ctrl-C or Ctrl-D,
  /// after which the next question still waits for its own answer.
  public static func readAnswer() -> String? {
    readAnswer { fps_read_answer($0, $1) }
  }

  private static func readAnswer(_ read: (UnsafeMutablePointer<CChar>, UInt) -> Int) -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let length = buffer.withUnsafeMutableBufferPointer { read($0.baseAddress!, UInt($0.count)) }
    guard length >= 0 else {
      // The cursor is left after the question: end its line, and spend the Ctrl-C.
      fps_el_write("\n")
      takeInterrupt()
      return nil
    }
    return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
