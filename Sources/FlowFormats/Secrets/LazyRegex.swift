import Foundation

/// A regular expression built the first time it is matched. Swift builds one from a literal by
/// parsing it, at about a million instructions each: the scanner's patterns were a seventh of a
/// diff of two small exports, and most runs never match one (their anchors are looked for
/// first).
final class LazyRegex: @unchecked Sendable {
  // `built` is guarded by `lock` (not `Mutex`, which needs macOS 15); the scanner runs on
  // every core of a bulk load.
  private let make: @Sendable () -> Regex<Substring>
  private var built: Regex<Substring>?
  private let lock = NSLock()

  init(_ make: @escaping @Sendable () -> Regex<Substring>) { self.make = make }

  var regex: Regex<Substring> {
    lock.withLock {
      if let built { return built }
      let made = make()
      built = made
      return made
    }
  }
}
