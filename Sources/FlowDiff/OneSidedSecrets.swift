/// How the differ takes a secret present in one of the flows it compares and not in the other.
public struct OneSidedSecrets: Sendable {
  /// A secret missing on one side is no change: the platform's exports drop the members that
  /// hold secrets (Node-RED's `credentials`, NiFi's sensitive properties), so one missing may be
  /// one left out. Where exports keep every member (n8n, Make: their credentials live
  /// elsewhere), a secret added or removed shows as such; it read "no changes", exit 0.
  public var missingIsLeftOut = true
  /// A placeholder an export wrote in a secret's place (`SecretStandIn.leftOut`) against a
  /// secret, and a `credentials` member of secrets alone against none, are no change: what
  /// `diff` shows. A commit plan must see such a secret given, or blanked.
  public var placeholderIsLeftOut = false

  /// The defaults: a missing secret is one left out, a placeholder is not.
  public init() {}
}
