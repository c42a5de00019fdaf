import FlowFormats
import FlowModel

/// A line of per-flow output (`staged`, a plan's headline, `created`) that fits the terminal.
///
/// A bulk migration prints a line per flow, and a line wider than the terminal wraps into two
/// or three: thousands of flows become an unreadable wall. When the whole is wider than the
/// width given, the line's long parts give way: a file's path loses its front, at a folder
/// where it can (`…/exports/orders.json`, down to its last 15 columns), then a name loses its
/// middle (`Sync Sales…and notify`, down to nine columns): the flow's name is what a person
/// reads a plan for. Words and counts never shrink, and a line that cannot fit even so is left
/// at its shortest rather than cut to nothing. Without a width (standard output is a pipe or a
/// file) every line is whole, for the tools that read it.
///
/// Written as an interpolation: `"staged \(name: flow): new flow in \(workspace)"`. Width is
/// counted in terminal columns: two for an East Asian ideograph or an emoji, one otherwise.
struct FittedLine: ExpressibleByStringInterpolation {
  /// A stretch of the line, and whether it may give way.
  fileprivate enum Part {
    case fixed(String)
    case name(String)
    case path(String)
  }

  private var parts: [Part] = []

  init(stringLiteral text: String) { parts = [.fixed(text)] }

  init(stringInterpolation: Interpolation) { parts = stringInterpolation.parts }

  struct Interpolation: StringInterpolationProtocol {
    fileprivate var parts: [Part] = []

    init(literalCapacity: Int, interpolationCount: Int) {}

    mutating func appendLiteral(_ literal: String) { parts.append(.fixed(literal)) }
    /// Text that stays whole: a workspace's name, a count.
    mutating func appendInterpolation(_ value: some CustomStringConvertible) { parts.append(.fixed(value.description)) }
    /// A flow's or an import's name: gives way from the middle. A secret a pattern finds in it
    /// (a token pasted into a name) is redacted as `show` redacts it, and a password in a URL
    /// replaced: cut short, the URL was no longer found by the output's own redaction
    /// (`RedactingOutput`), and the end of the password was printed. `load`, `status`, `list`,
    /// `log` and a commit's plan printed the token of a flow named with one.
    mutating func appendInterpolation(name: String) { parts.append(.name(Self.shown(Secrets.redacted(name: name)))) }
    /// A file's path: gives way from the front, down to its last `shortestPath` columns.
    mutating func appendInterpolation(path: String) { parts.append(.path(Self.shown(path))) }
    /// Another fitted line within this one, its parts giving way as they would there.
    mutating func appendInterpolation(_ line: FittedLine) { parts += line.parts }

    /// A name or path as a terminal may show it: no password, nothing the terminal acts on.
    private static func shown(_ text: String) -> String {
      TerminalText.visible(URLPassword.masking(in: text))
    }
  }

  /// The fewest columns a name keeps: `Workf…ders` still tells most names apart.
  static let shortestName = 9
  /// The fewest columns a path keeps, its end (`…5YK8e8JGt2.json`); fewer only where it is cut at
  /// a folder's slash (`…/orders.json`).
  static let shortestPath = 15

  /// The line as it is printed in `width` columns; whole when `width` is nil.
  func text(width: Int?) -> String {
    let whole = parts.map(Self.text).joined()
    guard let width else { return whole }
    var excess = Self.columns(whole) - width
    guard excess > 0 else { return whole }
    var fitted = parts
    // Paths give way before names: the plan's headline still names the flow in full.
    for giving in [Self.isPath, Self.isName] {
      for index in fitted.indices where excess > 0 && giving(fitted[index]) {
        let before = Self.columns(Self.text(fitted[index]))
        fitted[index] = Self.shortened(fitted[index], by: excess)
        excess -= before - Self.columns(Self.text(fitted[index]))
      }
    }
    return fitted.map(Self.text).joined()
  }

  private static func text(_ part: Part) -> String {
    switch part {
    case .fixed(let text), .name(let text), .path(let text): text
    }
  }

  private static func isPath(_ part: Part) -> Bool {
    if case .path = part { true } else { false }
  }

  private static func isName(_ part: Part) -> Bool {
    if case .name = part { true } else { false }
  }

  /// The part at most `excess` columns narrower, as far as it may give way; an ellipsis takes
  /// the place of what is left out.
  private static func shortened(_ part: Part, by excess: Int) -> Part {
    switch part {
    case .fixed: return part
    case .name(let name):
      let kept = max(shortestName, columns(name) - excess - 1)
      guard kept < columns(name) - 1 else { return part }
      let head = (kept + 1) / 2
      return .name(leading(name, columns: head) + "…" + trailing(name, columns: kept - head))
    case .path(let path):
      let kept = max(shortestPath, columns(path) - excess - 1)
      guard kept < columns(path) - 1 else { return part }
      let end = trailing(path, columns: kept)
      // From a folder's slash when the end holds one: `…/orders.json`, not `…rts/orders.json`.
      return .path("…" + (end.firstIndex(of: "/").map { end[$0...] } ?? end))
    }
  }

  /// The first characters of `text` that take at most `columns` columns.
  private static func leading(_ text: String, columns limit: Int) -> Substring {
    var used = 0
    let end = text.firstIndex { character in
      used += columns(character)
      return used > limit
    }
    return text[..<(end ?? text.endIndex)]
  }

  /// The last characters of `text` that take at most `columns` columns.
  private static func trailing(_ text: String, columns limit: Int) -> Substring {
    var used = 0
    let start = text.lastIndex { character in
      used += columns(character)
      return used > limit
    }
    return text[(start.map(text.index(after:)) ?? text.startIndex)...]
  }

  /// The columns `text` takes in a terminal.
  static func columns(_ text: some StringProtocol) -> Int {
    text.reduce(0) { $0 + columns($1) }
  }

  /// Two columns for a wide character (East Asian Wide and Fullwidth ranges, emoji shown as
  /// pictures), one for the others.
  private static func columns(_ character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first, scalar.value >= 0x1100 else { return 1 }
    if scalar.properties.isEmojiPresentation || character.unicodeScalars.contains("\u{FE0F}") { return 2 }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3,
      0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      return 2
    default: return 1
    }
  }
}

extension Output {
  /// Writes one line fitted to the terminal's width (see `FittedLine`).
  func line(fitting line: FittedLine) { self.line(line.text(width: lineWidth)) }
}
