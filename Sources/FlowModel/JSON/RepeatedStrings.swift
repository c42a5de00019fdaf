import Dispatch

/// Strings of 16 to 48 bytes that a document already held, handed out again instead of
/// allocated anew while it is parsed.
///
/// Swift keeps a string of up to 15 UTF-8 bytes inline; a longer one is an allocation of its
/// own. Exports repeat such strings on every node: types (`n8n-nodes-base.httpRequest`),
/// credential names (`httpHeaderAuth account`), expressions. In the 2,000 workflows of
/// `scripts/bench-bulk`, 307,000 of the 835,000 strings longer than 15 bytes repeat one of the
/// same file, and 522,000 one of an earlier file (with `SharedStrings`): 35 MB of heap, and as
/// many allocations and frees. Equal strings that share storage also compare at once.
///
/// A table is direct-mapped by a hash of the bytes. A slot's string is handed out only when its
/// bytes are the ones asked for; a collision makes the string as before and takes the slot.
/// The slots for longer strings are made at the first one asked for: most documents a session
/// parses are small, and hold few.
///
/// Strings of up to 15 bytes (keys, most of all) have a table of their own (`shortString`):
/// they cost no allocation, but making one checks its bytes as UTF-8 and packs them one at a
/// time, where a slot compares two words.
final class RepeatedStrings {
  /// The lengths kept. The repeats measured are 16 to 32 bytes (types, credential names); the
  /// range reaches 48 for longer type names (`@n8n/n8n-nodes-langchain.lmChatOpenAi`, 37) and
  /// expressions. Longer strings (code, descriptions) seldom repeat, and would cost more to hash
  /// and compare than they save.
  static let lengths = 16...48
  private let slotBits: Int
  private var slots: UnsafeMutablePointer<String>?
  /// Made with the table: every document has keys, and asking whether they were made yet cost
  /// a call for each key read.
  private let shortSlots: UnsafeMutablePointer<ShortSlot>

  /// A string of up to 15 bytes, with its bytes as two little-endian words, zero beyond its
  /// end, and its length in the top byte of the second (where no byte of the string is): the
  /// words tell such strings apart, also ones that would end in NUL bytes.
  private struct ShortSlot {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var text = ""
  }

  /// A table of `2^slotBits` slots of each kind.
  init(slotBits: Int) {
    self.slotBits = slotBits
    shortSlots = .allocate(capacity: 1 << slotBits)
    shortSlots.initialize(repeating: ShortSlot(), count: 1 << slotBits)
  }

  /// A table for one document of `count` bytes: about a slot for every 32 bytes, up to 1,024.
  /// A session parses many small documents (settings, each stored version a plan reads) for
  /// which 32 KB was too many.
  convenience init(forDocumentOf count: Int) {
    self.init(slotBits: max(4, min(10, Int.bitWidth - (count / 32).leadingZeroBitCount)))
  }

  deinit {
    slots?.deinitialize(count: 1 << slotBits)
    slots?.deallocate()
    shortSlots.deinitialize(count: 1 << slotBits)
    shortSlots.deallocate()
  }

  /// The longest string `shortString` keeps: the longest Swift stores inline.
  static let shortLength = 15
  /// How many bytes `shortString` reads from a string's start, whatever its length.
  static let shortReadLength = 16

  /// The string of the `count` bytes at `start` (at most `shortLength`, written without
  /// escapes): the one kept for the same bytes, or the one `make` returns, kept from now on.
  /// `shortReadLength` bytes must be readable from `start`.
  @inline(__always)
  func shortString<Failure>(
    at start: UnsafeRawPointer, count: Int, orMake make: () throws(Failure) -> String
  ) throws(Failure) -> String {
    let lowMask: UInt64 = count >= 8 ? .max : (1 &<< UInt64(truncatingIfNeeded: count &* 8)) &- 1
    let highMask: UInt64 = count <= 8 ? 0 : (1 &<< UInt64(truncatingIfNeeded: (count &- 8) &* 8)) &- 1
    let low = start.loadUnaligned(as: UInt64.self).littleEndian & lowMask
    let high =
      start.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian & highMask
      | UInt64(truncatingIfNeeded: count) &<< 56
    let hash = ((low &* 0x9E37_79B9_7F4A_7C15) ^ high) &* 0xFF51_AFD7_ED55_8CCD
    let slot = shortSlots + Int(truncatingIfNeeded: hash >> UInt64(64 - slotBits))
    if slot.pointee.low == low, slot.pointee.high == high { return slot.pointee.text }
    let text = try make()
    slot.pointee = ShortSlot(low: low, high: high, text: text)
    return text
  }

  /// The string of `bytes` (of a length in `lengths`): the one kept for the same bytes, or the
  /// one `make` returns, kept from now on.
  func string<Failure>(
    _ bytes: UnsafeBufferPointer<UInt8>, orMake make: () throws(Failure) -> String
  ) throws(Failure) -> String {
    let slot = table() + slotIndex(bytes)
    if Self.holds(slot.pointee, bytes) { return slot.pointee }
    let text = try make()
    slot.pointee = text
    return text
  }

  private func table() -> UnsafeMutablePointer<String> {
    if let slots { return slots }
    let made = UnsafeMutablePointer<String>.allocate(capacity: 1 << slotBits)
    made.initialize(repeating: "", count: 1 << slotBits)
    slots = made
    return made
  }

  /// A hash of the first two and the last two eight-byte words (all bytes up to 32), mixed by
  /// multiplication so that its top bits, the slot, depend on every word.
  @inline(__always) private func slotIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
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

/// Tables of repeated strings (`RepeatedStrings`) shared by the parses of one bulk read: each
/// parse under way borrows a table of its own and gives it back for the next file, so the files
/// share the strings they repeat without a lock per string. Let go with the read: the strings
/// it kept (a secret among them, perhaps) then live only as long as the documents that hold
/// them.
public final class SharedStrings: @unchecked Sendable {
  // Guarded by `lock`; a table is used by the one parse that borrowed it.
  private var idle: [RepeatedStrings] = []
  private let lock = DispatchSemaphore(value: 1)

  /// Tables for one bulk read, made as its parses need them.
  public init() {}

  /// `body` run with a table no other parse uses meanwhile: an idle one, or a new one.
  func borrowed<Result, Failure>(_ body: (RepeatedStrings) throws(Failure) -> Result) throws(Failure) -> Result {
    lock.wait()
    let table = idle.popLast() ?? RepeatedStrings(slotBits: 12)
    lock.signal()
    defer {
      lock.wait()
      idle.append(table)
      lock.signal()
    }
    return try body(table)
  }
}
