#if os(Linux)
  import Foundation
  import Glibc

  /// A large run's heap on transparent huge pages, where the system gives them only to memory
  /// that asks (`madvise`, as Debian and Ubuntu ship): glibc's malloc asks when the
  /// `glibc.malloc.hugetlb` tunable is set, and it reads tunables from the environment alone,
  /// at start. So a run that will build a large heap starts itself again, at once, with the
  /// tunable set. A page fault for every 4 KB of a fresh heap was a tenth of the CPU time of
  /// a 10,000-node diff and of a 2,000-flow migration; on huge pages the diff took 124 -> 117
  /// ms, and the migration 751 -> 690 ms. The new start costs about a millisecond, so small
  /// runs are left as they are.
  enum HugePageHeap {
    /// The tunable, as `GLIBC_TUNABLES` holds it.
    static let tunable = "glibc.malloc.hugetlb=1"

    /// Starts this program again with `tunable` set, when `buildsLargeHeap`, the system
    /// gives huge pages on request, glibc knows the tunable (2.35 and later), and neither the
    /// user nor a start before this one set it (to anything: `hugetlb=0` is kept). Returns
    /// when it does not start again, or cannot: the run goes on as it is.
    static func restart(if buildsLargeHeap: @autoclosure () -> Bool) {
      let tunables = ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] ?? ""
      guard !tunables.contains("glibc.malloc.hugetlb"), glibcKnowsTunable, systemGivesHugePagesOnRequest, buildsLargeHeap() else {
        return
      }
      // The binary by its own path, not `/proc/self/exe`: a process is named after the file it
      // runs (`ps`, `pkill fps`), and that one is named `exe`.
      guard let binary = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return }
      setenv("GLIBC_TUNABLES", tunables.isEmpty ? tunable : tunables + ":" + tunable, 1)
      execv(binary, CommandLine.unsafeArgv)
      // Not started again (the binary replaced meanwhile): as it was.
      if tunables.isEmpty { unsetenv("GLIBC_TUNABLES") } else { setenv("GLIBC_TUNABLES", tunables, 1) }
    }

    /// True for glibc 2.35 and later, by the version it reports (`glibc 2.36`).
    private static var glibcKnowsTunable: Bool {
      var buffer = [CChar](repeating: 0, count: 64)
      guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return false }
      let version = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      let parts = version.drop { !$0.isNumber }.split(separator: ".").compactMap { Int($0) }
      return parts.count >= 2 && (parts[0], parts[1]) >= (2, 35)
    }

    private static var systemGivesHugePagesOnRequest: Bool {
      let setting = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
      return setting?.contains("[madvise]") ?? false
    }
  }
#endif
