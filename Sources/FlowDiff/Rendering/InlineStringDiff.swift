/// A long string edit shown compactly: the common start and end trimmed to a little context,
/// the edit as `[-removed-]{+added+}`, like `git diff --word-diff`.
struct InlineStringDiff {
  let old: String
  let new: String

  /// Characters of unchanged text kept on each side of the edit.
  static let context = 24

  func text(palette: Palette) -> String {
    let oldCharacters = Array(old)
    let newCharacters = Array(new)
    var prefix = 0
    while prefix < min(oldCharacters.count, newCharacters.count), oldCharacters[prefix] == newCharacters[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < min(oldCharacters.count, newCharacters.count) - prefix,
      oldCharacters[oldCharacters.count - 1 - suffix] == newCharacters[newCharacters.count - 1 - suffix]
    {
      suffix += 1
    }
    let head = String(oldCharacters[..<prefix].suffix(Self.context))
    let tail = String(oldCharacters[(oldCharacters.count - suffix)...].prefix(Self.context))
    let removed = String(oldCharacters[prefix..<(oldCharacters.count - suffix)])
    let added = String(newCharacters[prefix..<(newCharacters.count - suffix)])
    var result = (prefix > Self.context ? "…" : "") + head.escapedAsInJSON
    if !removed.isEmpty { result += "\(palette.removed)[-\(removed.escapedAsInJSON)-]\(palette.changed)" }
    if !added.isEmpty { result += "\(palette.added){+\(added.escapedAsInJSON)+}\(palette.changed)" }
    result += tail.escapedAsInJSON + (suffix > Self.context ? "…" : "")
    return "\"" + result + "\""
  }
}
