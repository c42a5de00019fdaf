#if canImport(Glibc)
  import Glibc
#endif

/// Room made ahead in the calling thread's `malloc` arena for a large tree. glibc grows the
/// arena of any thread but the main one by exactly what an allocation lacks, page by page, one
/// `mprotect` each, and a page's worth of small values at a time is what a parse allocates: a
/// 10,000-node diff made 5,667 of them, each taking the process's memory map for writing, so
/// that the other side's parse stalled on its page faults. Made in steps just under the size
/// glibc maps on their own, and given back at once, the room stays the arena's: glibc returns
/// the pages (`MADV_DONTNEED`) but keeps them open, and grows into them again without a call.
/// The main thread's arena grows by `brk` in larger steps, and gives room back for good: it
/// is left alone.
enum ArenaReserve {
  /// Each step of the reserve, under glibc's smallest threshold for mapping an allocation on
  /// its own (128 KiB), so that it comes from the arena.
  static let step = 120 << 10
  /// The most a reserve asks for: an arena of a thread other than the main one is at most
  /// 64 MiB, and what lies beyond would be another, unmapped at once.
  static let most = 60 << 20

  /// Makes room for about `bytes` in this thread's arena, unless it is the main thread's or
  /// the system commits memory strictly (glibc then closes the room again when it gives the
  /// pages back, and the reserve would only hold memory while another thread needs it).
  static func make(_ bytes: Int) {
    #if canImport(Glibc)
      guard !strictOvercommit, !onMainThread else { return }
      var blocks: [UnsafeMutableRawPointer] = []
      blocks.reserveCapacity(min(bytes, most) / step)
      for _ in 0..<(min(bytes, most) / step) {
        guard let block = malloc(step) else { break }
        blocks.append(block)
      }
      // Freed in order, the blocks join the arena's top at the last, which is given back once.
      for block in blocks { free(block) }
    #endif
  }

  /// True on the process's main thread: its task id, the last part of `/proc/thread-self`
  /// (`4182/task/4182`), is the process's.
  private static var onMainThread: Bool {
    #if canImport(Glibc)
      var link = [CChar](repeating: 0, count: 64)
      let count = readlink("/proc/thread-self", &link, link.count - 1)
      guard count > 0 else { return false }
      let text = String(decoding: link.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      return text.split(separator: "/").last == "\(getpid())"
    #else
      return false
    #endif
  }

  /// True when `vm.overcommit_memory` is 2: every allocation is committed as it is made.
  private static let strictOvercommit: Bool = {
    #if canImport(Glibc)
      let descriptor = open("/proc/sys/vm/overcommit_memory", O_RDONLY)
      guard descriptor >= 0 else { return false }
      defer { close(descriptor) }
      var byte: UInt8 = 0
      return read(descriptor, &byte, 1) == 1 && byte == UInt8(ascii: "2")
    #else
      return false
    #endif
  }()
}
