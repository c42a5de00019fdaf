import Crypto
import FlowModel
import Foundation

/// Seals and opens secrets with a workspace key (AES-GCM): `fps-sealed:v1:<key id>:<nonce,
/// ciphertext and tag, base64>` (with `json:` before the box for a number). A sealed secret
/// names the key that sealed it, so one that another key sealed is told apart from a damaged one.
public struct Sealer: Sendable {
  /// The key it seals with and opens with.
  public let key: WorkspaceKey
  /// Keys it also opens with (the old key, while `workspace rekey` re-seals).
  let alsoOpening: [WorkspaceKey]

  /// A sealer for `key`, which also opens what `alsoOpening` sealed.
  public init(key: WorkspaceKey, alsoOpening: [WorkspaceKey] = []) {
    self.key = key
    self.alsoOpening = alsoOpening
  }

  static let version = "v1"

  /// The ids of the keys it opens with.
  var keyIDs: [String] { ([key] + alsoOpening).map(\.id) }

  /// True for text that is a sealed secret.
  public static func isSealed(_ text: some StringProtocol) -> Bool { text.hasPrefix(SealedSecret.prefix) }

  /// The id of the key that sealed `text`, if it is a sealed secret.
  public static func keyID(of text: String) -> String? {
    let parts = text.split(separator: ":", maxSplits: 3)
    guard parts.count == 4, isSealed(text), parts[1] == version else { return nil }
    return String(parts[2])
  }

  /// `plaintext` sealed; text that is sealed already is left as it is.
  public func seal(_ plaintext: String) -> String {
    if Self.isSealed(plaintext) { return plaintext }
    return sealed(plaintext, mark: "")
  }

  /// A secret that is a JSON number, given as its text, sealed with a mark (`...:json:<box>`)
  /// so that opening a stored document puts the number back, not a string holding it.
  public func sealNumber(_ text: String) -> String {
    sealed(text, mark: Self.numberMark)
  }

  /// What sits before the box of a sealed JSON number.
  static let numberMark = "json:"

  /// `secret`, a part of a text (a token in a header, a password in a URL), sealed where it
  /// stands, and ended by `inPlaceEnd`: what follows it in the text may read as base64 too
  /// (`/orders` after a token in a URL's path), and the end says where the box stops, with the
  /// key or without it.
  public func sealInPlace(_ secret: String) -> String {
    Self.isSealed(secret) ? secret : seal(secret) + Self.inPlaceEnd
  }

  /// What ends a secret sealed in place: a character no base64 holds, taken with the secret
  /// when it is opened.
  static let inPlaceEnd = "."

  private func sealed(_ plaintext: String, mark: String) -> String {
    // AES-GCM with a 256-bit key and a random 12-byte nonce cannot fail, and its combined form
    // always exists for the standard nonce size; were either to fail, no secret is written.
    guard let box = try? AES.GCM.seal(Array(plaintext.utf8), using: key.key), let combined = box.combined else {
      preconditionFailure("AES-GCM could not seal with a 256-bit key")
    }
    return "\(SealedSecret.prefix)\(Self.version):\(key.id):\(mark)\(combined.base64EncodedString())"
  }

  /// Why a sealed secret could not be opened.
  public enum OpenError: Error, Hashable, Sendable {
    /// It was sealed with another key, named by its id.
    case otherKey(String)
    /// It does not read as a sealed secret, or fails authentication: edited or damaged.
    case damaged
  }

  /// The secret in `text`; text that is not sealed (written before sealing) is returned as it is.
  public func open(_ text: String) throws(OpenError) -> String {
    guard Self.isSealed(text) else { return text }
    if text.hasSuffix(Self.inPlaceEnd) { return try open(String(text.dropLast())) }
    guard let id = Self.keyID(of: text), let last = text.split(separator: ":").last, let data = Data(base64Encoded: String(last)) else {
      throw .damaged
    }
    guard let key = ([key] + alsoOpening).first(where: { $0.id == id }) else { throw .otherKey(id) }
    do {
      let opened = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key.key)
      return String(decoding: opened, as: UTF8.self)
    } catch { throw .damaged }
  }

  /// Every sealed secret in a stored document's text opened in place (each stands for a whole
  /// JSON string's content, so its plaintext is written JSON-escaped); one that cannot be opened
  /// reads `SealedSecret.unreadable`. Returns the text and how many could not be opened.
  public func openAll(in document: String) -> (text: String, unreadable: Int) {
    guard StringBytes.contains(SealedSecret.prefix, in: document) else { return (document, 0) }
    var unreadable = 0
    let text = SealedSecretSearch.replacing(in: document, takingNumberQuotes: true) { sealed in
      // A sealed number replaces its whole JSON string, quotes and all, by the number.
      if sealed.first == "\"" {
        if let opened = try? open(String(sealed.dropFirst().dropLast())), case .number? = try? JSONParser.parse(opened) { return opened }
        unreadable += 1
        return "\"\(Self.jsonEscaped(SealedSecret.unreadable))\""
      }
      do throws(OpenError) { return Self.jsonEscaped(try open(String(sealed))) } catch {
        unreadable += 1
        return Self.jsonEscaped(SealedSecret.unreadable)
      }
    }
    return (text, unreadable)
  }

  /// `text` (a value, not a document's JSON) with each sealed secret in it opened as it was
  /// written; one this sealer cannot open stays sealed. For a value to be sealed whole that
  /// holds one sealed in place (a password in a URL sealed by scanning, in a text a dialect
  /// calls secret): sealed around it, it would open to a sealed secret, never its text.
  func opening(_ text: String) -> String {
    guard StringBytes.contains(SealedSecret.prefix, in: text) else { return text }
    return SealedSecretSearch.replacing(in: text) { sealed in (try? open(String(sealed))) ?? String(sealed) }
  }

  /// `text`, a value a dialect calls secret, sealed whole, with any secret sealed in place in
  /// it opened first (`opening`); a sealed number stays as it is, so that it opens a number.
  public func sealingWhole(_ text: String) -> String {
    if SealedSecretSearch.isWholeNumber(text) { return text }
    return seal(opening(text))
  }

  /// Every sealed secret in a document's text re-sealed with this sealer's key; fails on one it
  /// cannot open.
  func resealAll(in document: String) throws(OpenError) -> (text: String, count: Int) {
    var failure: OpenError?
    var count = 0
    let text = SealedSecretSearch.replacing(in: document) { sealed in
      do throws(OpenError) {
        let plaintext = try open(String(sealed))
        count += 1
        if sealed.hasSuffix(Self.inPlaceEnd) { return sealInPlace(plaintext) }
        return sealed.contains(":\(Self.numberMark)") ? sealNumber(plaintext) : seal(plaintext)
      } catch {
        failure = error
        return String(sealed)
      }
    }
    if let failure { throw failure }
    return (text, count)
  }

  /// How many sealed secrets in `document` this sealer cannot open.
  func unreadableCount(in document: String) -> Int {
    SealedSecretSearch.ranges(in: document).filter { (try? open(String(document[$0]))) == nil }.count
  }

  /// The text as the inside of a JSON string.
  static func jsonEscaped(_ text: String) -> String {
    let quoted = JSONWriter(layout: .minified).string(.string(text))
    return String(quoted.dropFirst().dropLast())
  }
}
