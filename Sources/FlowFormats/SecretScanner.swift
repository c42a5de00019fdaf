import FlowModel

/// Finds secrets written in clear into a flow: bearer tokens, API keys, JWTs, passwords in URLs,
/// basic-auth headers, private keys, and non-empty literal values of members named like
/// passwords or tokens. Credentials belong in connections; these are findings on load, and
/// `export --redact` replaces them with placeholders.
public enum SecretScanner {
  /// One secret found: where, and what kind.
  public struct Match: Hashable, Sendable, CustomStringConvertible {
    /// The JSON path of the string that holds it.
    public var path: String
    public var kind: String
    public var description: String { "\(kind) in clear at \(path)" }
  }

  /// Patterns with their kind. Each is specific enough that an ordinary sentence does not match:
  /// tokens must hold a digit ("Bearer YOUR-API-KEY-HERE", "Basic Authentication" are not
  /// secrets), a private key must be followed by key material.
  nonisolated(unsafe) static let patterns: [(kind: String, regex: Regex<Substring>)] = [
    ("private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+\/=\s]{40,}(?:-----END [A-Z ]*PRIVATE KEY-----)?/),
    ("JWT", /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/),
    ("bearer token", /Bearer\s+(?=[A-Za-z0-9\-._~+\/]*[0-9])[A-Za-z0-9\-._~+\/]{16,}=*/),
    ("API key", /sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}/),
    ("basic-auth header", /Basic\s+(?=[A-Za-z0-9+\/]*[0-9+\/=])[A-Za-z0-9+\/]{12,}={0,2}/),
    ("password in URL", /[A-Za-z][A-Za-z0-9+.\-]*:\/\/[^\/\s:@{}]+:[^\/\s@{}]+@/),
  ]

  /// Member names whose literal value is a secret.
  static let secretNames: Set<String> = ["password", "passwd", "secret", "token", "apikey", "api_key", "clientsecret", "client_secret", "accesstoken", "access_token"]

  /// Every secret in the value, with its path.
  public static func scan(_ value: JSONValue) -> [Match] {
    var matches: [Match] = []
    visit(value, path: "", key: nil, matches: &matches)
    return matches
  }

  /// The value with every secret replaced by `<redacted:kind>`.
  public static func redact(_ value: JSONValue) -> JSONValue {
    rewrite(value, key: nil)
  }

  private static func visit(_ value: JSONValue, path: String, key: String?, matches: inout [Match]) {
    switch value {
    case .string(let text):
      if let kind = kind(of: text, key: key) { matches.append(Match(path: path.isEmpty ? "(top level)" : path, kind: kind)) }
    case .array(let elements):
      for (index, element) in elements.enumerated() { visit(element, path: "\(path)[\(index)]", key: key, matches: &matches) }
    case .object(let object):
      for member in object { visit(member.value, path: path.isEmpty ? member.key : "\(path).\(member.key)", key: member.key, matches: &matches) }
    default: break
    }
  }

  private static func kind(of text: String, key: String?) -> String? {
    if let key, secretNames.contains(key.lowercased()), isLiteral(text) { return "\(key) value" }
    guard text.count >= 12 else { return nil }
    return patterns.first { text.contains($0.regex) }?.kind
  }

  /// True for a literal value, not an empty one, a placeholder or an expression.
  private static func isLiteral(_ text: String) -> Bool {
    let trimmed = text.trimmingPrefix(" ")
    guard trimmed.count >= 4 else { return false }
    for marker in ["{{", "={{", "${", "#{", "<", "$(", "YOUR", "REPLACE", "xxx", "XXX", "***", "env."] where trimmed.hasPrefix(marker) {
      return false
    }
    // `oauth2Response.access_token`: a property path naming where the secret is, not the secret.
    return trimmed.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+/) == nil
  }

  private static func rewrite(_ value: JSONValue, key: String?) -> JSONValue {
    switch value {
    case .string(let text):
      if let key, secretNames.contains(key.lowercased()), isLiteral(text) { return .string("<redacted:\(key)>") }
      var result = text
      for pattern in patterns { result = result.replacing(pattern.regex, with: "<redacted:\(pattern.kind)>") }
      return .string(result)
    case .array(let elements): return .array(elements.map { rewrite($0, key: key) })
    case .object(var object):
      for index in object.members.indices { object.members[index].value = rewrite(object.members[index].value, key: object.members[index].key) }
      return .object(object)
    default: return value
    }
  }
}
