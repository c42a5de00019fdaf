import FlowFormats
import Foundation

extension Session {
  /// `diff -u` of two files that are text to git's driver (`DiffFileKind.text`: a
  /// `package.json` under git's `*.json diff=flowport`, JSON with comments, JSON of no format
  /// FlowPort knows), under the labels git gives them, with what looks like a secret in each line redacted
  /// (`Secrets.redacted(text:)`: `<redacted:bearer token>`): git shows the driver's output
  /// as the diff, and a plain diff printed a token in such a file in clear. Each line is
  /// searched alone, so a secret written over several (a PEM key's body) is not found. Nil
  /// when the files are equal; a failure of `diff` itself (a missing file, no `diff`) throws.
  public static func plainDiff(_ old: String, labelled oldLabel: String, _ new: String, labelled newLabel: String) throws -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["diff", "-u", "--label", oldLabel, "--label", newLabel, old, new]
    let output = Pipe()
    process.standardOutput = output
    do { try process.run() } catch {
      throw SessionError.plainDiffFailed(old: oldLabel, new: newLabel, reason: "cannot run it: \(error.localizedDescription)")
    }
    let text = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    switch process.terminationStatus {
    case 0: return nil
    case 1: break
    default: throw SessionError.plainDiffFailed(old: oldLabel, new: newLabel, reason: "it failed with status \(process.terminationStatus)")
    }
    return String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      .map { Secrets.redacted(text: String($0)) }.joined(separator: "\n")
  }
}
