/// The UTF-8 lengths of a few strings, a bit each (63 bytes and more share the last): a string
/// of a length none of them has is none of them, which neither a hash nor a comparison need
/// say. Finding a node's modelled members among its keys, or a config node's id among its
/// values, asked every key or value so; most are of other lengths. Inlinable: it is asked in
/// the loops of other modules.
public struct UTF8Lengths: Sendable {
  @usableFromInline var bits: UInt64 = 0

  /// The lengths of `strings`.
  @inlinable public init(_ strings: some Sequence<String>) {
    for string in strings { bits |= Self.bit(of: string) }
  }

  /// False when no string given has the length of `string`; true when one may be it.
  @inlinable public func mayContain(_ string: String) -> Bool { bits & Self.bit(of: string) != 0 }

  @inlinable static func bit(of string: String) -> UInt64 { 1 << Swift.min(string.utf8.count, 63) }
}
