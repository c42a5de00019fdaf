/// Questions only a person at a terminal can answer: confirmations and secrets typed without echo.
public protocol Interaction: AnyObject {
  /// True when a person can answer; false for scripts, pipes and CI.
  var isInteractive: Bool { get }
  /// Asks a yes/no question; the default answer is no.
  func confirm(_ question: String) -> Bool
  /// Asks for a secret without echoing it; nil when none was given.
  func readSecret(_ prompt: String) -> String?
}

/// The answer for scripts: nobody is there, so nothing is asked.
public final class NoInteraction: Interaction {
  /// The interaction for scripts, `-c` and tests.
  public init() {}
  /// Always false: nobody can answer.
  public var isInteractive: Bool { false }
  /// Always no, so a script never does what needs a confirmation.
  public func confirm(_ question: String) -> Bool { false }
  /// Always nil: a secret a script needs must be given on the command line.
  public func readSecret(_ prompt: String) -> String? { nil }
}
