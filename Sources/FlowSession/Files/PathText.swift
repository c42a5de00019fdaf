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
    // Over the UTF-8 bytes: a bulk load asks this of every file, and `/` is one byte, never
    // part of another character's.
    var trimmed = Substring(path)
    while trimmed.utf8.count > 1, trimmed.utf8.last == UInt8(ascii: "/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return String(trimmed) }
    return String(trimmed[trimmed.utf8.index(after: slash)...])
  }

  /// The last part without its extension: `dir/a.b.json` -> `a.b`; `.hidden` and `a.` keep
  /// theirs. As `URL.deletingPathExtension().lastPathComponent`, without the `stat(2)` that
  /// `URL(fileURLWithPath:)` makes of the path (a bulk load names every file's flow so).
  static func stem(of path: String) -> String {
    let name = name(of: path)
    guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex, name.utf8.index(after: dot) != name.endIndex
    else { return name }
    return String(name[..<dot])
  }

  /// `path` made absolute (read from `directory` when it is relative) and without `.`, `..`
  /// or doubled slashes, by string arithmetic alone: `URL.standardizedFileURL.path` for a
  /// file, but that symbolic links are never resolved. Foundation took 57,000 instructions a
  /// path, and a bulk commit records the file of every flow it writes.
  /// Split over the UTF-8 bytes, as `name(of:)` is: splitting into characters cost as much.
  static func absolute(_ path: String, from directory: @autoclosure () -> String) -> String {
    let dot = UInt8(ascii: ".")
    var parts: [Substring] = []
    for part in (path.hasPrefix("/") ? path : join(directory(), path)).utf8.split(separator: UInt8(ascii: "/")) {
      if part.elementsEqual([dot]) { continue }
      if part.elementsEqual([dot, dot]) {
        _ = parts.popLast()
      } else {
        parts.append(Substring(part))
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  /// `name` inside `folder`; `folder` empty means the current folder.
  static func join(_ folder: String, _ name: String) -> String {
    if folder.isEmpty { return name }
    return folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}
