#if canImport(Glibc)
  import Glibc
#endif

/// Room made ahead in the calling thread's `malloc` arena for a large tree. glibc grows the
/// arena of any thread but the main one by exactly what an allocation lacks, page by page, one
/// `mprotect` each, and a page's worth of small values at a time is what a parse allocates: a
/// 10,000-node diff made 5,667 of them, each taking the process's memory map for writing, so
/// that the other side's parse stalled on its page faults. Made once, in steps just under the
/// size glibc maps on their own, and given back at once, the room stays the arena's: glibc
/// returns the pages (`MADV_DONTNEED`) but keeps them open, and grows into them again without
/// a call.
enum ArenaReserve {
  /// Each step of the reserve, under glibc's smallest threshold for mapping an allocation on
  /// its own (128 KiB), so that it comes from the arena.
  static let step = 120 << 10

  /// Makes room for about `bytes` in this thread's arena.
  static func make(_ bytes: Int) {
    #if canImport(Glibc)
      var blocks: [UnsafeMutableRawPointer] = []
      blocks.reserveCapacity(bytes / step + 1)
      for _ in 0..<(bytes / step) {
        guard let block = malloc(step) else { break }
        blocks.append(block)
      }
      // Freed in order, the blocks join the arena's top at the last, which is given back once.
      for block in blocks { free(block) }
    #endif
  }
}
