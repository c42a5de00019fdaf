#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes a parse was handed (`JSONParser.parse(handingOver:)`), given back to the system
/// a megabyte at a time as the reader leaves them behind: a large export read for a diff was
/// held whole until its tree was built, on top of the tree (one side's 11 MB at the peak of a
/// 10,000-node diff). Their lines are counted first (`lines`), so an error found later still
/// says its line and column. Given back by whole pages, which read as zeros after (Linux's
/// `MADV_DONTNEED`): the memory is the parse's alone, and nothing reads it again.
struct PassedPages {
  /// The reader gives back once it stands this far past the last give-back: a call to the
  /// system per megabyte read, and none for a file under a megabyte.
  static let step = 1 << 20
  private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// Bytes below this offset may read as zeros.
  private(set) var givenBack = 0
  /// The lines of the bytes given back.
  private(set) var lines = LineCount()

  /// Gives back the whole pages of `bytes` from `givenBack` up to `end`; the bytes up to the
  /// last of them are counted first.
  mutating func giveBack(below end: Int, of bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress else { return }
    let address = Int(bitPattern: base)
    let first = (address + givenBack + Self.pageSize - 1) / Self.pageSize * Self.pageSize
    let last = (address + end) / Self.pageSize * Self.pageSize
    guard last > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
    lines.count(bytes, upTo: last - address)
    givenBack = last - address
    _ = madvise(start, last - first, Int32(MADV_DONTNEED))
  }
}
