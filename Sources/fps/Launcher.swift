import ArgumentParser
import FlowSession

/// The one place a failure is printed and becomes an exit status (`CommandFailure.exitStatus`):
/// for `-c`, scripts, piped standard input, `fps diff` and the prompt alike.
enum Launcher {
  /// Runs `work`; a failure is reported on stderr and ends the process with its status, or with
  /// `status` when the caller has its own convention (diff(1)'s 2 for trouble).
  static func exit(on session: Session, status: Int32? = nil, _ work: () throws -> Void) throws {
    do { try work() } catch {
      let failure = report(error, in: session)
      throw ExitCode(status ?? failure.exitStatus)
    }
  }

  /// Prints a failure the one way fps prints failures. One that has no script position is
  /// prefixed `fps:` as a system shell's tools do, except at fps's own prompt.
  @discardableResult
  static func report(_ error: any Error, in session: Session, atPrompt: Bool = false) -> CommandFailure {
    let failure = CommandFailure(error)
    let prefix = failure.position == nil && !atPrompt ? "fps: " : ""
    session.output.writeError("\(prefix)\(failure)\n")
    return failure
  }
}
