import Foundation

extension FPSProcess.Result {
  /// The whole run as one text, for a snapshot file: the standard output, the standard error and
  /// the exit status, with what changes from run to run replaced by stable placeholders.
  /// `paths` maps folders to their placeholders (`[fps.home.path: "$OUT"]`); dates and times
  /// become `<timestamp>`, process ids `<pid>`.
  public func transcript(replacing paths: [String: String]) -> String {
    Transcript.stable(
      "--- standard output\n\(standardOutput)--- standard error\n\(standardError)--- exit status \(status)\n", replacing: paths)
  }
}

/// Makes program output stable enough to compare with a recorded copy.
public enum Transcript {
  /// `text` with each of `paths` (longest first) replaced by its placeholder, ISO 8601 dates and
  /// times by `<timestamp>`, and `pid 1234` by `pid <pid>`.
  public static func stable(_ text: String, replacing paths: [String: String]) -> String {
    var text = text
    for (path, placeholder) in paths.sorted(by: { $0.key.count > $1.key.count }) {
      text = text.replacingOccurrences(of: path, with: placeholder)
    }
    let patterns = [
      (#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?"#, "<timestamp>"),
      (#"\bpid \d+"#, "pid <pid>"),
    ]
    for (pattern, placeholder) in patterns {
      text = text.replacingOccurrences(of: pattern, with: placeholder, options: .regularExpression)
    }
    return text
  }
}
