#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The bytes a parse was handed (`JSONParser.parse(handingOver:)`), their memory returned to
/// the system a megabyte at a time as the reader leaves them behind: a large export read for a
/// diff or a load was held whole until its tree was built, on top of the tree (one side's
/// 11 MB at the peak of a 10,000-node diff's read). Their lines are counted first (`lines`),
/// so an error found later still says its line and column. Returned by whole pages, which read
/// as zeros after: the memory is the parse's alone, and its caller reads it no more but for
/// its first `keptHead` bytes, which stay (a text the parse refuses is told by its head: SQL,
/// a binary file).
package struct PassedPages {
  /// True where the system takes the memory back at once (Linux's `MADV_DONTNEED`). Darwin's
  /// only lowers the pages' priority and saves nothing: there the parse keeps the bytes, and
  /// counts no lines for nothing.
  #if os(Linux)
    static let returnsMemory = true
  #else
    static let returnsMemory = false
  #endif
  /// The reader gives back once it stands this far past the last give-back: a call to the
  /// system per megabyte read, and none for a file under a megabyte.
  static let step = 1 << 20
  /// The bytes at the start that are never given back.
  package static let keptHead = 4096

  /// Bytes below this offset may read as zeros.
  private(set) var givenBack = 0
  /// The lines of the bytes given back.
  private(set) var lines = LineCount()

  /// Gives back the whole pages of `bytes` from `givenBack` up to `end`; the bytes up to the
  /// last of them are counted first.
  mutating func giveBack(below end: Int, of bytes: UnsafeBufferPointer<UInt8>) {
    #if os(Linux)
      guard let base = bytes.baseAddress else { return }
      let page = Int(sysconf(Int32(_SC_PAGESIZE)))
      let address = Int(bitPattern: base)
      let first = (address + max(givenBack, Self.keptHead) + page - 1) / page * page
      let last = (address + end) / page * page
      guard last > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
      lines.count(bytes, upTo: last - address)
      givenBack = last - address
      _ = madvise(start, last - first, Int32(MADV_DONTNEED))
    #endif
  }
}
