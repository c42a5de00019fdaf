import Crypto
import FlowModel
import Foundation

/// The file a flow is exported to when only a folder, or nothing, is named: the flow's name,
/// made safe to be a file name without two flows of a bulk export landing on one file.
enum ExportFileName {
  /// The longest stem in UTF-8 bytes: file systems allow 255 for a name, and the extension,
  /// the short hash and a temporary file's `.<pid>.tmp` must fit beside it.
  static let maximumStemBytes = 200

  /// `<name>.<ext>` when the name can be a file name as it is. A name that had to change (a
  /// path separator, a control character, a leading dot, surrounding spaces, nothing but
  /// spaces, more than `maximumStemBytes`) keeps what it can and gains a short hash of the
  /// whole name: `a/b` and `a_b`, `..` and three spaces, two long names alike in their first
  /// 200 bytes, all get files of their own, the same ones at every run.
  ///
  /// A password in a URL in the name is replaced first (`URLPassword`), by a word a file name
  /// holds: file names are listed, shown by every shell and kept by git. The hash is of the
  /// name so redacted, since eight hex digits of a hash of the password would let it be
  /// guessed; two names alike but for a password share a file, and `export` refuses to replace
  /// one flow's with another's.
  static func name(for flowName: String, extension fileExtension: String) -> String {
    let flowName = URLPassword.masking(in: flowName, with: URLPassword.redactedWord)
    var stem = String(flowName.map(Self.safe)).trimmingCharacters(in: .whitespaces)
    if stem.hasPrefix(".") { stem = "_" + stem.drop(while: { $0 == "." }) }
    let tooLong = stem.utf8.count > maximumStemBytes
    if tooLong { stem = prefix(of: stem, fittingIn: maximumStemBytes) }
    guard stem != flowName || stem.isEmpty else { return stem + "." + fileExtension }
    return (stem.isEmpty ? "flow" : stem) + "-" + shortHash(of: flowName) + "." + fileExtension
  }

  /// `_` for what a file name cannot hold or a terminal would act on: `/`, `\`, `:`, NUL,
  /// every control character and the bidirectional controls (`‮evil.json.json`).
  private static func safe(_ character: Character) -> Character {
    character.unicodeScalars.contains(where: TerminalText.actsOnTerminal) || "/\\:".contains(character) ? "_" : character
  }

  /// The longest prefix of whole characters within `bytes` UTF-8 bytes.
  private static func prefix(of text: String, fittingIn bytes: Int) -> String {
    var count = 0
    return String(
      text.prefix { character in
        count += character.utf8.count
        return count <= bytes
      })
  }

  /// Eight hex digits of the name's SHA-256: the same in every process, unlike `Hasher`.
  private static func shortHash(of name: String) -> String {
    SHA256.hash(data: Data(name.utf8)).prefix(4).hexDigits
  }
}
