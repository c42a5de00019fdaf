/// How a sealed secret reads where a secret stood: `fps-sealed:v1:<key id>:<AES-GCM box,
/// base64>`. The text is plain JSON-safe ASCII, so a stored document holding one stays valid
/// JSON; the store opens it, the formats never take it for a secret to seal or redact again.
public enum SealedSecret {
  /// What every sealed secret starts with.
  public static let prefix = "fps-sealed:"
  /// What a secret the workspace's key cannot open reads as, in every view and export.
  public static let unreadable = "<sealed secret: the workspace key is not available>"
}
