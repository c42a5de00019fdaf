/// A growing run of bytes written through a pointer: what `JSONWriter` writes into.
///
/// Hand-rolled rather than an `[UInt8]`: a bulk commit writes every stored version through
/// `JSONWriter`, and `Array.append` pays a uniqueness and capacity check per call, a quarter of
/// the writer's cost when nearly every call appends a few bytes (a key, a quote, a comma). Here
/// a caller reserves once for what it is about to write and then stores bytes directly.
struct ByteSink: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// How many bytes have been written.
  private(set) var count = 0

  /// An empty sink with room for `capacity` bytes before it first grows.
  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// Makes room for `extra` more bytes, so the appends that follow need no check of their own.
  @inline(__always) mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(to: count + extra) }
  }

  private mutating func grow(to needed: Int) {
    let larger = max(needed, capacity * 2)
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    moved.moveInitialize(from: base, count: count)
    base.deallocate()
    base = moved
    capacity = larger
  }

  /// Appends one byte; room for it must have been reserved.
  @inline(__always) mutating func appendReserved(_ byte: UInt8) {
    base[count] = byte
    count += 1
  }

  /// Appends one byte.
  @inline(__always) mutating func append(_ byte: UInt8) {
    reserve(1)
    appendReserved(byte)
  }

  /// Appends `bytes`.
  @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    reserve(bytes.count)
    (base + count).initialize(from: source, count: bytes.count)
    count += bytes.count
  }

  /// Appends the text of a literal (`null`, `[]`, `u00`).
  @inline(__always) mutating func append(_ literal: StaticString) {
    append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// Appends `byte` `times` times (indentation).
  mutating func append(repeating byte: UInt8, times: Int) {
    guard times > 0 else { return }
    reserve(times)
    (base + count).initialize(repeating: byte, count: times)
    count += times
  }

  /// The bytes written, as an array.
  consuming func array() -> [UInt8] {
    Array(UnsafeBufferPointer(start: base, count: count))
  }

  /// The bytes written, as text (the writer only writes whole UTF-8 sequences).
  consuming func string() -> String {
    String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
  }
}
