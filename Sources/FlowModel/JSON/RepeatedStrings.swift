import Synchronization

/// Strings of 16 to 48 bytes that the documents read so far held, handed out again instead of
/// allocated anew while a document is parsed.
///
/// Swift keeps a string of up to 15 UTF-8 bytes inline; a longer one is an allocation of its
/// own. Exports repeat such strings on every node: types (`n8n-nodes-base.httpRequest`),
/// credential names (`httpHeaderAuth account`), expressions. In the 2,000 workflows of
/// `scripts/bench-bulk`, 307,000 of the 835,000 strings longer than 15 bytes repeat one of the
/// same file, and 522,000 one of an earlier file, all of them 16 to 32 bytes long: 35 MB of
/// heap, and as many allocations and frees. Equal strings that share storage also compare at
/// once.
///
/// A table is direct-mapped by a hash of the bytes. A slot's string is handed out only when its
/// bytes are the ones asked for; a collision makes the string as before and takes the slot.
/// Each parse under way borrows a table of its own (`borrowed`), and gives it back for the
/// next, so the files of a bulk load share their strings without a lock per string.
final class RepeatedStrings: @unchecked Sendable {
  /// The lengths kept: longer strings (code, descriptions) seldom repeat, and would cost more to
  /// hash and compare than they save.
  static let lengths = 16...48
  private static let slotBits = 12
  // Used by one parse at a time: `borrowed` lends a table to one caller until it returns.
  private let slots: UnsafeMutablePointer<String>

  private init() {
    slots = .allocate(capacity: 1 << Self.slotBits)
    slots.initialize(repeating: "", count: 1 << Self.slotBits)
  }

  deinit {
    slots.deinitialize(count: 1 << Self.slotBits)
    slots.deallocate()
  }

  /// The tables no parse holds now.
  private static let idle = Mutex<[RepeatedStrings]>([])

  /// `body` run with a table no other parse uses meanwhile: an idle one, or a new one.
  static func borrowed<Result, Failure>(_ body: (RepeatedStrings) throws(Failure) -> Result) throws(Failure) -> Result {
    let table = idle.withLock { $0.popLast() } ?? RepeatedStrings()
    defer { idle.withLock { $0.append(table) } }
    return try body(table)
  }

  /// The string of `bytes` (of a length in `lengths`): the one kept for the same bytes, or the
  /// one `make` returns, kept from now on.
  func string<Failure>(
    _ bytes: UnsafeBufferPointer<UInt8>, orMake make: () throws(Failure) -> String
  ) throws(Failure) -> String {
    let slot = slots + Self.slotIndex(bytes)
    if Self.holds(slot.pointee, bytes) { return slot.pointee }
    let text = try make()
    slot.pointee = text
    return text
  }

  /// A hash of the first two and the last two eight-byte words (all bytes up to 32), mixed by
  /// multiplication so that its top bits, the slot, depend on every word.
  @inline(__always) private static func slotIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let count = bytes.count
    let word = { (offset: Int) in UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
    let mix = { (hash: UInt64, word: UInt64) in (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD }
    let hash = mix(
      mix(mix(mix(UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15, word(0)), word(8)), word(count - 16)), word(count - 8))
    return Int(truncatingIfNeeded: hash >> UInt64(64 - slotBits))
  }

  /// True when `text` is these bytes, compared eight at a time (the last word overlapping).
  @inline(__always) private static func holds(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    guard text.utf8.count == count else { return false }
    return text.utf8.withContiguousStorageIfAvailable { stored in
      let kept = UnsafeRawPointer(stored.baseAddress!)
      let read = UnsafeRawPointer(bytes.baseAddress!)
      for offset in stride(from: 0, to: count - 8, by: 8)
      where kept.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != read.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
        return false
      }
      return kept.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        == read.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    } ?? false
  }
}
