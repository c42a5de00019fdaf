#if os(Linux)
  import Foundation
  import Glibc

  /// A large run's heap on transparent huge pages, where the system gives them only to memory
  /// that asks (`madvise`, as Debian and Ubuntu ship): glibc's malloc asks when the
  /// `glibc.malloc.hugetlb` tunable is set, and it reads tunables from the environment alone,
  /// at start. So a run that will build a large heap starts itself again, at once, with the
  /// tunable set. A page fault for every 4 KB of a fresh heap was a tenth of the CPU time of
  /// a 10,000-node diff and of a 2,000-flow migration; started again on huge pages, the diff
  /// took 121 -> 116 ms, and the migration 682 -> 664 ms. The new start costs a millisecond
  /// and a half, so small runs are left as they are.
  enum HugePageHeap {
    /// The tunable, as `GLIBC_TUNABLES` holds it.
    static let tunable = "glibc.malloc.hugetlb=1"

    /// Where a run started again finds the `GLIBC_TUNABLES` it was first given ("" for none),
    /// to put it back at once: glibc reads the tunable at start alone, and scripts
    /// (`${env:GLIBC_TUNABLES}`), the pager and every program fps runs see the environment the
    /// user gave.
    static let firstGiven = "FLOWPORT_GLIBC_TUNABLES_GIVEN"

    /// Starts this program again with `tunable` set, when `buildsLargeHeap`, the system
    /// gives huge pages on request, glibc knows the tunable (2.35 and later), and the user set
    /// none of `glibc.malloc.hugetlb` (to anything: `hugetlb=0` is kept). Returns when it does
    /// not start again, or cannot: the run goes on as it is. A run started again returns at
    /// once, its environment as first given.
    static func restart(if buildsLargeHeap: @autoclosure () -> Bool) {
      // The system's own calls, and the cheapest check first: most runs are small, and each
      // check may bring in code (and memory) a small run never needs.
      if let given = getenv(firstGiven) {
        restore(String(cString: given))
        return
      }
      guard buildsLargeHeap() else { return }
      let tunables = getenv("GLIBC_TUNABLES").map { String(cString: $0) } ?? ""
      let entries = tunables.split(separator: ":").map(String.init)
      guard !entries.contains(where: { $0.split(separator: "=").first == "glibc.malloc.hugetlb" }), systemGivesHugePagesOnRequest,
        glibcKnowsTunable, let binary = runningBinary
      else { return }
      setenv(firstGiven, tunables, 1)
      setenv("GLIBC_TUNABLES", (entries + [tunable]).joined(separator: ":"), 1)
      execv(binary, CommandLine.unsafeArgv)
      restore(tunables)
    }

    /// The environment with `GLIBC_TUNABLES` as first given, and no `firstGiven`.
    private static func restore(_ given: String) {
      if given.isEmpty { unsetenv("GLIBC_TUNABLES") } else { setenv("GLIBC_TUNABLES", given, 1) }
      unsetenv(firstGiven)
    }

    /// The path of this program's binary, while it names the file running (not one removed,
    /// or put in its place, since): started by its path, not by `/proc/self/exe`, since a
    /// process is named after the file it runs (`ps`, `pkill fps`) and that one is `exe`.
    private static var runningBinary: String? {
      guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
      var (running, named) = (stat(), stat())
      guard stat("/proc/self/exe", &running) == 0, stat(path, &named) == 0, running.st_dev == named.st_dev, running.st_ino == named.st_ino
      else { return nil }
      return path
    }

    /// True for glibc 2.35 and later, by the version it reports (`glibc 2.36`).
    private static var glibcKnowsTunable: Bool {
      var buffer = [CChar](repeating: 0, count: 64)
      guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return false }
      let version = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      let parts = version.drop { !$0.isNumber }.split(separator: ".").compactMap { Int($0) }
      return parts.count >= 2 && (parts[0], parts[1]) >= (2, 35)
    }

    /// True when the kernel's setting is `[madvise]`; read with the system's own calls.
    private static var systemGivesHugePagesOnRequest: Bool {
      let descriptor = open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY)
      guard descriptor >= 0 else { return false }
      defer { close(descriptor) }
      var bytes = [UInt8](repeating: 0, count: 128)
      let count = read(descriptor, &bytes, bytes.count)
      return count > 0 && String(decoding: bytes.prefix(count), as: UTF8.self).contains("[madvise]")
    }
  }
#endif
