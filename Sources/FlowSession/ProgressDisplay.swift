/// Where long work (a bulk load, a big commit) says how far it is. The shell draws a bar on a
/// terminal's standard error once the work has taken about a second; scripts and pipes get none.
public protocol ProgressDisplay: Sendable {
  /// `done` of `total` items of `task` (`reading files`, `writing flows`) are finished.
  func show(_ task: String, done: Int, total: Int)
  /// The work ended: take the bar away.
  func finish()
}
