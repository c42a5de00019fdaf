extension Dictionary {
  /// Sets `value` for `key` unless the key has a value already (the first one set wins), and
  /// says whether it did. One lookup when the key is new: asking first and then setting took
  /// two, and the indexes of a bulk load and of a large diff ask it of every node (a key that
  /// has a value costs two, and is rare in an index). Inlinable, so that each caller's
  /// dictionary is specialized, not reached through its generic interface.
  @inlinable @discardableResult
  public mutating func setFirst(_ value: Value, forKey key: Key) -> Bool {
    guard let earlier = updateValue(value, forKey: key) else { return true }
    updateValue(earlier, forKey: key)
    return false
  }
}
