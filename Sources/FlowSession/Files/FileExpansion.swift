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
    let names = try contents(of: argument)
    let files = names.filter { $0.hasSuffix(".json") }.sorted().map { PathText.join(argument, $0) }
    if files.isEmpty { throw SessionError.noMatches("\(argument)/*.json") }
    return files
  }

  /// Matches of a shell pattern in its folder (`*`, `?` and `[...]` in the last component).
  private static func globMatches(_ pattern: String) throws -> [String] {
    let folder = PathText.folder(of: pattern)
    let namePattern = PathText.name(of: pattern)
    if folder.contains(where: { "*?[".contains($0) }) {
      throw UsageError("wildcards are allowed in the file name only, not in folders: \(pattern)", command: "load")
    }
    let directory = folder.isEmpty ? "." : folder
    return try contents(of: directory).filter { !$0.hasPrefix(".") && fnmatch(namePattern, $0, 0) == 0 }.sorted()
      .map { folder.isEmpty ? $0 : PathText.join(folder, $0) }
  }

  /// The names in a folder; a folder that is missing or cannot be read (permissions) says so
  /// rather than reading as empty.
  private static func contents(of directory: String) throws -> [String] {
    guard FileManager.default.fileExists(atPath: directory) else { throw SessionError.fileNotFound(directory) }
    do { return try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
      throw SessionError.unlistable(directory, error.localizedDescription)
    }
  }
}
