import ArgumentParser
import FlowSession

/// The one place errors become exit statuses: usage errors 2, failed commands 1.
enum Launcher {
  static func exit(on session: Session, _ work: () throws -> Void) throws {
    do {
      try work()
    } catch let error as ScriptError {
      session.output.writeError("\(error)\n")
      throw ExitCode(error.isUsageError ? 2 : 1)
    } catch let error as UsageError {
      session.output.writeError("fps: \(error)\n")
      throw ExitCode(2)
    } catch {
      session.output.writeError("fps: \(error)\n")
      throw ExitCode(1)
    }
  }
}
