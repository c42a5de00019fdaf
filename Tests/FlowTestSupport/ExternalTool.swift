import Foundation
import Testing

/// A program some tests need that is not part of the package; scripts/setup installs each. A test
/// that needs one is skipped, with the reason, when it is missing:
/// `@Test(.enabled(if: ExternalTool.tmux.isInstalled, ExternalTool.tmux.missing))`.
public struct ExternalTool: Sendable {
  /// Where the executable may be, first choice first.
  public let candidates: [String]
  /// What it is, for the skip reason.
  public let name: String

  init(path: String..., name: String) {
    self.candidates = path
    self.name = name
  }

  /// The first candidate that is there and executable.
  public var path: String? { candidates.first { FileManager.default.isExecutableFile(atPath: $0) } }

  /// git, for fps as git's diff driver in a real repository.
  public static let git = ExternalTool(path: "/usr/bin/git", "/usr/local/bin/git", "/opt/homebrew/bin/git", name: "git")
  /// tmux, for the terminal tests.
  public static let tmux = ExternalTool(path: "/usr/bin/tmux", name: "tmux")
  /// Graphviz's `dot`, which draws the diff's graph.
  public static let dot = ExternalTool(path: "/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot", name: "Graphviz dot")
  /// PyFlink's Python in `.build-flink`, for checking the Flink SQL export with Flink itself.
  public static let pyFlink = ExternalTool(
    path: Corpus.repositoryRoot.appendingPathComponent(".build-flink/bin/python").path, name: "PyFlink")

  /// True when the program is there and executable.
  public var isInstalled: Bool { path != nil }

  /// The reason a test that needs the program is skipped.
  public var missing: Comment {
    Comment(rawValue: "\(name) is not installed (looked for \(candidates.joined(separator: ", "))): run scripts/setup")
  }
}
