import Foundation

/// Turns a `load` argument into files: a glob's matches, a folder's `.json` files (its
/// sub-folders too: exports grouped by team or category are the common case), or the path.
/// A pipe, socket or device found in a folder or by a pattern is not an export, and reading
/// one would wait for a writer that may never come: only one named itself is read.
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
    let files = try walk(argument).filter { $0.hasSuffix(".json") }.map { PathText.join(argument, $0) }
    if files.isEmpty { throw SessionError.noMatches("\(argument)/**/*.json") }
    return files
  }

  /// Matches of a shell pattern: `*`, `?` and `[...]` within a name, `**` for any depth of
  /// folders (`exports/**/*.json`). Hidden files and folders are left out.
  private static func globMatches(_ pattern: String) throws -> [String] {
    let parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    let fixed = parts.prefix { !$0.contains(where: { "*?[".contains($0) }) }
    let root = fixed.joined(separator: "/")
    let rest = Array(parts.dropFirst(fixed.count))
    let directory = root.isEmpty ? (pattern.hasPrefix("/") ? "/" : ".") : root
    let candidates = rest.count == 1 ? try contents(of: directory).filter { !$0.hasPrefix(".") }.sorted() : try walk(directory)
    return candidates.filter { matches(rest[...], $0.split(separator: "/").map(String.init)[...]) }
      .map { root.isEmpty ? $0 : PathText.join(root, $0) }
      .filter { FileStatus(of: $0)?.isPipeOrDevice != true }
  }

  /// True when path components match pattern components, `**` standing for any number of them.
  private static func matches(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
    guard let first = pattern.first else { return path.isEmpty }
    if first == "**" {
      return (0...path.count).contains { matches(pattern.dropFirst(), path.dropFirst($0)) }
    }
    guard let name = path.first, fnmatch(first, name, 0) == 0 else { return false }
    return matches(pattern.dropFirst(), path.dropFirst())
  }

  /// Every file below a folder, as paths relative to it, sorted; hidden ones left out. A
  /// folder met again through a symbolic link (`a/up -> ..`) is not walked again.
  private static func walk(_ directory: String) throws -> [String] {
    var files: [String] = []
    var folders = [""]
    var walked = Set([FileStatus(of: directory)?.identity].compactMap { $0 })
    while let folder = folders.popLast() {
      for name in try contents(of: folder.isEmpty ? directory : PathText.join(directory, folder)) where !name.hasPrefix(".") {
        let relative = folder.isEmpty ? name : PathText.join(folder, name)
        // A link that leads nowhere is kept: reading it says so.
        guard let status = FileStatus(of: PathText.join(directory, relative)) else {
          files.append(relative)
          continue
        }
        switch status.kind {
        case .directory: if walked.insert(status.identity).inserted { folders.append(relative) }
        case .other: continue
        case .regularFile: files.append(relative)
        }
      }
    }
    return files.sorted()
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
