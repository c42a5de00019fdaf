import FlowFormats
import FlowModel

/// Why a connection's `--prop key=value` would hold a secret, which a property must not: it is
/// stored and listed in clear. `connection` refuses such a pair, and history masks it, by this
/// one rule.
enum SecretInProperty: Equatable {
  /// The key names a secret (`password`, `apiKey`).
  case named
  /// The value holds one, of this kind (`password in URL`).
  case inValue(kind: String)

  /// Nil when the pair holds no secret. A switch or a number (`use_credentials=true`,
  /// `passwordLength=16`) is none, whatever its name.
  init?(key: String, value: String) {
    if SecretScanner.isSecretName(key), !["true", "false", ""].contains(value.lowercased()), Double(value) == nil {
      self = .named
    } else if let found = SecretScanner.scan(.string(value)).first {
      self = .inValue(kind: found.kind)
    } else {
      return nil
    }
  }
}
