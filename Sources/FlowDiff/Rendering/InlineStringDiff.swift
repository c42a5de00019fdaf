import FlowModel

/// A long string edit shown compactly: the common start and end trimmed to a little context,
/// the edit as `[-removed-]{+added+}`, like `git diff --word-diff`.
struct InlineStringDiff {
  let old: String
  let new: String

  /// Characters of unchanged text kept on each side of the edit.
  static let context = 24

  /// How many characters the two have alike at their start, and then at their end (the two
  /// never overlap): what lies between is the edit.
  static func commonEnds(_ old: [Character], _ new: [Character]) -> (prefix: Int, suffix: Int) {
    var prefix = 0
    while prefix < min(old.count, new.count), old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < min(old.count, new.count) - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
    return (prefix, suffix)
  }

  /// The edit with `context` characters of unchanged text each side of it (all of them for
  /// `diff --all`).
  ///
  /// A URL's password is masked on both sides first: marked up as an edit, the URL is no
  /// longer one the output's redaction finds, and a name's changed password was printed. Two
  /// texts alike but for a password are `changed (secret)`.
  func text(palette: Palette, context: Int = Self.context) -> String {
    let oldCharacters = Array(URLPassword.masking(in: old))
    let newCharacters = Array(URLPassword.masking(in: new))
    if oldCharacters == newCharacters { return "changed (secret)" }
    let (prefix, suffix) = Self.commonEnds(oldCharacters, newCharacters)
    let head = String(oldCharacters[..<prefix].suffix(context))
    let tail = String(oldCharacters[(oldCharacters.count - suffix)...].prefix(context))
    let removed = String(oldCharacters[prefix..<(oldCharacters.count - suffix)])
    let added = String(newCharacters[prefix..<(newCharacters.count - suffix)])
    var result = (prefix > context ? "…" : "") + head.escapedAsInJSON
    if !removed.isEmpty { result += "\(palette.removed)[-\(removed.escapedAsInJSON)-]\(palette.changed)" }
    if !added.isEmpty { result += "\(palette.added){+\(added.escapedAsInJSON)+}\(palette.changed)" }
    result += tail.escapedAsInJSON + (suffix > context ? "…" : "")
    return "\"" + result + "\""
  }
}
