extension String {
  /// The text, or its first `width - 1` characters and `…` when it is longer: a long value or
  /// line shown in a diff without flooding the screen.
  func cut(toWidth width: Int) -> String {
    count > width ? String(prefix(width - 1)) + "…" : self
  }
}
