import Foundation

/// Turns a `load` argument into files: a glob's matches, a folder's `.json` files (its
/// sub-folders too: exports grouped by team or category are the common case), or the path.
/// A pipe, socket or device found in a folder or by a pattern is not an export, and reading
/// one would wait for a writer that may never come: only one named itself is read.
enum FileExpansion {
  /// The files `argument` names, and the pipes, sockets and devices passed over.
  static func expand(_ argument: String) throws -> (files: [String], passedOver: [String]) {
    let (found, passedOver) = try candidates(argument)
    if found.isEmpty {
      throw SessionError.noMatches(isPattern(argument) ? argument : "\(argument)/**/*.json")
    }
    return (found, passedOver)
  }

  private static func isPattern(_ argument: String) -> Bool { argument.contains(where: { "*?[".contains($0) }) }

  private static func candidates(_ argument: String) throws -> (files: [String], passedOver: [String]) {
    if isPattern(argument) { return try globMatches(argument) }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
      throw SessionError.fileNotFound(argument)
    }
    guard isDirectory.boolValue else { return ([argument], []) }
    let (files, passedOver) = try walk(argument)
    return (files.filter { $0.hasSuffix(".json") }.map { PathText.join(argument, $0) }, passedOver.map { PathText.join(argument, $0) })
  }

  /// Matches of a shell pattern: `*`, `?` and `[...]` within a name, `**` for any depth of
  /// folders (`exports/**/*.json`). Hidden files and folders are left out; pipes, sockets and
  /// devices are apart.
  private static func globMatches(_ pattern: String) throws -> (files: [String], passedOver: [String]) {
    let parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    let fixed = parts.prefix { !$0.contains(where: { "*?[".contains($0) }) }
    let root = fixed.joined(separator: "/")
    let rest = Array(parts.dropFirst(fixed.count))
    let directory = root.isEmpty ? (pattern.hasPrefix("/") ? "/" : ".") : root
    func matching(_ candidates: [String]) -> [String] {
      candidates.filter { matches(rest[...], $0.split(separator: "/").map(String.init)[...]) }
        .map { root.isEmpty ? $0 : PathText.join(root, $0) }
    }
    guard rest.count == 1 else {
      let walked = try walk(directory)
      return (matching(walked.files), matching(walked.passedOver))
    }
    // Within one folder: only what matches is asked what it is.
    let matched = matching(try contents(of: directory).filter { !$0.hasPrefix(".") }.sorted())
    let passedOver = matched.filter { FileStatus(of: $0)?.isPipeOrDevice == true }
    return (matched.filter { !passedOver.contains($0) }, passedOver)
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

  /// Every file below a folder, as paths relative to it, sorted, and apart the pipes, sockets
  /// and devices; hidden ones left out. Each folder is walked once: by its own path rather
  /// than a symbolic link's (`latest -> 2024`) when it has both, and not again through a link
  /// back up the tree (`a/up -> ..`). Real folders first, then linked ones, each in name order:
  /// the same tree gives the same paths every time.
  private static func walk(_ directory: String) throws -> (files: [String], passedOver: [String]) {
    var (files, passedOver): ([String], [String]) = ([], [])
    var (folders, linkedFolders) = ([""], [String]())
    var walked = Set([FileStatus(of: directory)?.identity].compactMap { $0 })
    // The next linked folder, in the order found, that is none of the folders walked.
    func nextLinkedFolder() -> String? {
      while !linkedFolders.isEmpty {
        let linked = linkedFolders.removeFirst()
        if let status = FileStatus(of: PathText.join(directory, linked)), walked.insert(status.identity).inserted { return linked }
      }
      return nil
    }
    while let folder = folders.popLast() ?? nextLinkedFolder() {
      let names = try contents(of: folder.isEmpty ? directory : PathText.join(directory, folder)).filter { !$0.hasPrefix(".") }
      for name in names.sorted().reversed() {
        let relative = folder.isEmpty ? name : PathText.join(folder, name)
        let path = PathText.join(directory, relative)
        // A link that leads nowhere is kept: reading it says so.
        guard let status = FileStatus(of: path) else {
          files.append(relative)
          continue
        }
        switch status.kind {
        case .directory:
          if FileStatus.isSymbolicLink(path) {
            linkedFolders.append(relative)
          } else if walked.insert(status.identity).inserted {
            folders.append(relative)
          }
        case .other: passedOver.append(relative)
        case .regularFile: files.append(relative)
        }
      }
    }
    return (files.sorted(), passedOver.sorted())
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
