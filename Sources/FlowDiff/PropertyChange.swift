import FlowModel

/// One value that differs, at a path such as `config.query` or `nodes[2]`.
public struct PropertyChange: Hashable, Sendable {
  /// One step of a path: an object member's key or an array element's index.
  public typealias Component = JSONStep

  /// Where the value sits, step by step (`--json` writes it as an array of keys and indices).
  public var components: [Component]
  /// The left side's value; nil when the right side added it. A secret is never here, only
  /// `"(secret)"` in its place.
  var old: JSONValue?
  /// The right side's value; nil when the right side removed it.
  var new: JSONValue?
  /// True when the value that changed is a secret: views say `changed (secret)`, never the value.
  public var isSecret: Bool
  /// True when a secret inside a value changed along with the rest of it (a token in code
  /// rotated, and a line edited too): views say so, since the masked lines do not show it.
  public var secretChangedWithin = false
  /// The right side's value as compared, a secret's stand-in left unmasked (a stand-in says
  /// nothing about the secret): two changes of one secret are the same change only when their
  /// stand-ins are equal. Never rendered.
  var outcome: JSONValue?

  /// What views show in place of a secret value.
  static let secretText = JSONValue.string(secretWords)
  static let secretWords = "(secret)"

  /// A change at `components` from `old` to `new`, either nil when that side lacks the value;
  /// secret stand-ins in either value are masked, and a change of a secret itself is marked so.
  /// Where a value changed from or to a secret whole (a stand-in, or secrets alone: Node-RED's
  /// `credentials`), the other side's value is masked whole too: it is the same secret, which
  /// the rules may not have recognized there (a token rotated to one without a digit, a
  /// password replaced by an object). A secret replaced by a reference (`{{ $env.PW }}`) or by
  /// null is masked so too. A value added or removed whole keeps its shape, its secrets masked.
  public init(components: [Component], old: JSONValue?, new: JSONValue?) {
    self.components = components
    outcome = new
    let standsIn = old.map(SecretStandIn.isStandIn) == true || new.map(SecretStandIn.isStandIn) == true
    let replaced = old != nil && new != nil && [old, new].contains { $0.map(SecretStandIn.holdsOnlySecrets) == true }
    self.old = old.map { replaced ? Self.secretText : SecretStandIn.masked($0, with: Self.secretText) }
    self.new = new.map { replaced ? Self.secretText : SecretStandIn.masked($0, with: Self.secretText) }
    // A secret inside a value (a password in a URL) that alone changed leaves the masked
    // values equal where the values were not: the change is the secret's.
    let onlyMaskedDiffer = self.old == self.new && (self.old != old || self.new != new)
    isSecret = standsIn || replaced || onlyMaskedDiffer
    if !isSecret, let old, let new { secretChangedWithin = SecretStandIn.standIns(in: old) != SecretStandIn.standIns(in: new) }
  }

  /// This change shown as a secret's: its values, where it has them, masked whole.
  var maskedAsSecret: PropertyChange {
    var masked = self
    masked.old = old.map { _ in Self.secretText }
    masked.new = new.map { _ in Self.secretText }
    masked.isSecret = true
    masked.secretChangedWithin = false
    return masked
  }

  /// A change at a dotted `path` (`config.query`, `nodes[2]`), for callers that build one by hand.
  public init(path: String, old: JSONValue?, new: JSONValue?) {
    self.init(components: Self.components(of: path), old: old, new: new)
  }

  /// Where the value sits, such as `config.query`, `nodes[2]` or `credentials["api key"]`.
  public var path: String { Self.text(of: shownComponents) }

  /// The components as views show them: a secret's stand-in in a key (a token in the URL a
  /// key names a node by) reads `(secret)`, as in a value. The components keep it, so that
  /// two changes under keys holding different secrets stay apart.
  public var shownComponents: [Component] {
    components.map { component in
      guard case .key(let key) = component, case .string(let shown) = SecretStandIn.masked(.string(key), with: Self.secretText)
      else { return component }
      return .key(shown)
    }
  }

  /// `config.query`, `nodes[2]`, `headers["x-api-key"]`: keys that are not plain words are quoted.
  static func text(of components: some Collection<Component>) -> String {
    var text = ""
    for component in components {
      switch component {
      case .index(let index): text += "[\(index)]"
      case .key(let key):
        let simple = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        if !simple {
          text += "[\(JSONWriter(layout: .minified).string(.string(key)))]"
        } else {
          text += (text.isEmpty ? "" : ".") + key
        }
      }
    }
    return text
  }

  /// The components of a dotted path with `[n]` indices (quoted keys are not parsed).
  static func components(of path: String) -> [Component] {
    var components: [Component] = []
    for part in path.split(separator: ".", omittingEmptySubsequences: false) {
      var rest = Substring(part)
      if let bracket = rest.firstIndex(of: "[") {
        if bracket > rest.startIndex { components.append(.key(String(rest[..<bracket]))) }
        rest = rest[bracket...]
        while rest.first == "[", let close = rest.firstIndex(of: "]") {
          let inside = rest[rest.index(after: rest.startIndex)..<close]
          components.append(Int(inside).map(Component.index) ?? .key(String(inside)))
          rest = rest[rest.index(after: close)...]
        }
      } else if !rest.isEmpty {
        components.append(.key(String(rest)))
      }
    }
    return components
  }
}
