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
    // A sealed number replaces its whole JSON string, quotes and all, by the number.
    let numbersOpened = document.replacing(Self.sealedNumberPattern) { match in
      let token = match.output.dropFirst().dropLast()
      if let opened = try? open(String(token)), case .number? = try? JSONParser.parse(opened) { return opened }
      unreadable += 1
      return "\"\(Self.jsonEscaped(SealedSecret.unreadable))\""
    }
    let text = numbersOpened.replacing(Self.sealedPattern) { match in
      let opened: String
      do { opened = try open(String(match.output)) } catch {
        unreadable += 1
        opened = SealedSecret.unreadable
      }
      return Self.jsonEscaped(opened)
    }
    return (text, unreadable)
  }

  /// Every sealed secret in a document's text re-sealed with this sealer's key; fails on one it
  /// cannot open.
  func resealAll(in document: String) throws(OpenError) -> (text: String, count: Int) {
    var failure: OpenError?
    var count = 0
    let text = document.replacing(Self.sealedPattern) { match in
      do throws(OpenError) {
        let plaintext = try open(String(match.output))
        count += 1
        return match.output.contains(":\(Self.numberMark)") ? sealNumber(plaintext) : seal(plaintext)
      } catch {
        failure = error
        return String(match.output)
      }
    }
    if let failure { throw failure }
    return (text, count)
  }

  /// How many sealed secrets in `document` this sealer cannot open.
  func unreadableCount(in document: String) -> Int {
    document.matches(of: Self.sealedPattern).filter { (try? open(String($0.output))) == nil }.count
  }

  nonisolated(unsafe) static let sealedPattern = /fps-sealed:v1:[0-9a-f]{16}:(?:json:)?[A-Za-z0-9+\/=]+/
  /// A sealed number as a stored document holds it: a JSON string of its own.
  nonisolated(unsafe) static let sealedNumberPattern = /"fps-sealed:v1:[0-9a-f]{16}:json:[A-Za-z0-9+\/=]+"/

  /// The text as the inside of a JSON string.
  static func jsonEscaped(_ text: String) -> String {
    let quoted = JSONWriter(layout: .minified).string(.string(text))
    return String(quoted.dropFirst().dropLast())
  }
}
