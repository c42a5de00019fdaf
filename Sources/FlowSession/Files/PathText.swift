/// Path arithmetic on plain strings. Foundation's `NSString` path methods trap on some inputs in
/// this toolchain (Swift 6.3.1: `("s" as NSString).deletingLastPathComponent` and `"x/"` crash
/// the process), and a partly typed path at a Tab press is often one character.
enum PathText {
  /// The folder part: `a/b` -> `a`, `/b` -> `/`, `b` -> `` (the current folder).
  static func folder(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
  }

  /// The last part: `a/b` -> `b`, `a/b/` -> `b`.
  static func name(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
    return String(trimmed[trimmed.index(after: slash)...])
  }

  /// `name` inside `folder`; `folder` empty means the current folder.
  static func join(_ folder: String, _ name: String) -> String {
    if folder.isEmpty { return name }
    return folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}
