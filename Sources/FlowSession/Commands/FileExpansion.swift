import Foundation

/// Turns a `load` argument into files: a glob's matches, a folder's `.json` files, or the path.
enum FileExpansion {
  static func expand(_ argument: String) throws -> [String] {
    if argument.contains(where: { "*?[".contains($0) }) {
      let matches = try globMatches(argument)
      if matches.isEmpty { throw SessionError.noMatches(argument) }
      return matches
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
      throw SessionError.fileNotFound(argument)
    }
    guard isDirectory.boolValue else { return [argument] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
    let files = names.filter { $0.hasSuffix(".json") }.sorted().map { (argument as NSString).appendingPathComponent($0) }
    if files.isEmpty { throw SessionError.noMatches("\(argument)/*.json") }
    return files
  }

  /// Matches of a shell pattern in its folder (`*`, `?` and `[...]` in the last component).
  private static func globMatches(_ pattern: String) throws -> [String] {
    let folder = (pattern as NSString).deletingLastPathComponent
    let namePattern = (pattern as NSString).lastPathComponent
    if folder.contains(where: { "*?[".contains($0) }) {
      throw UsageError("load: wildcards are allowed in the file name only, not in folders: \(pattern)", command: "load")
    }
    let directory = folder.isEmpty ? "." : folder
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      throw SessionError.fileNotFound(directory)
    }
    return names.filter { !$0.hasPrefix(".") && fnmatch(namePattern, $0, 0) == 0 }.sorted()
      .map { folder.isEmpty ? $0 : (folder as NSString).appendingPathComponent($0) }
  }
}
