/// A line of per-flow output (`staged`, a plan's headline, `created`) that fits the terminal.
///
/// A bulk migration prints a line per flow, and a line wider than the terminal wraps into two
/// or three: thousands of flows become an unreadable wall. When the whole is wider than the
/// width given, the line's long parts give way: a file's path loses its front
/// (`…/exports/orders.json`, down to its last 15 characters), then a name loses its middle
/// (`Sync Sales…and notify`, down to nine characters): the flow's name is what a person reads a
/// plan for. Words and counts never shrink, and a line
/// that cannot fit even so is left at its shortest rather than cut to nothing. Without a width
/// (standard output is a pipe or a file) every line is whole, for the tools that read it.
///
/// Written as an interpolation: `"staged \(name: import) into \(workspace)"`. Width is counted
/// in characters, which is the terminal's columns for all but wide (East Asian) characters.
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
    /// A flow's or an import's name: gives way from the middle.
    mutating func appendInterpolation(name: String) { parts.append(.name(name)) }
    /// A file's path: gives way from the front, down to its last `shortestPath` characters.
    mutating func appendInterpolation(path: String) { parts.append(.path(path)) }
  }

  /// The line after `prefix` (an indentation), which stays whole.
  func indented(by prefix: String) -> FittedLine {
    var line = self
    line.parts.insert(.fixed(prefix), at: 0)
    return line
  }

  /// The fewest characters a name keeps: `Sync…tify` still tells most names apart.
  static let shortestName = 9
  /// The fewest characters a path keeps, its end: `…/orders.json`, `…YK8e8JGt2.json`.
  static let shortestPath = 15

  /// The line as it is printed in `width` columns; whole when `width` is nil.
  func text(width: Int?) -> String {
    let whole = parts.map(Self.text).joined()
    guard let width else { return whole }
    var excess = whole.count - width
    guard excess > 0 else { return whole }
    var fitted = parts
    // Paths give way before names: the plan's headline still names the flow in full.
    for giving in [Self.isPath, Self.isName] {
      for index in fitted.indices where excess > 0 && giving(fitted[index]) {
        let before = Self.text(fitted[index]).count
        fitted[index] = Self.shortened(fitted[index], by: excess)
        excess -= before - Self.text(fitted[index]).count
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

  /// The part at most `excess` characters shorter, as far as it may give way; an ellipsis takes
  /// the place of what is left out.
  private static func shortened(_ part: Part, by excess: Int) -> Part {
    switch part {
    case .fixed: return part
    case .name(let name):
      let length = max(shortestName, name.count - excess - 1)
      guard length < name.count - 1 else { return part }
      let head = (length + 1) / 2
      return .name(name.prefix(head) + "…" + name.suffix(length - head))
    case .path(let path):
      let length = max(shortestPath, path.count - excess - 1)
      guard length < path.count - 1 else { return part }
      return .path("…" + path.suffix(length))
    }
  }
}

extension Output {
  /// Writes one line fitted to the terminal's width (see `FittedLine`).
  func line(fitting line: FittedLine) { self.line(line.text(width: lineWidth)) }
}
