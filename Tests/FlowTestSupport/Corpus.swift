import Foundation

/// The shared corpus of real exports beside the checkout (`../shared/corpus`), located from this
/// file so tests find it whatever the working directory.
public enum Corpus {
  /// The repository root.
  public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/corpus`, or `FLOWPORT_CORPUS` when set.
  public static var directory: URL {
    if let override = ProcessInfo.processInfo.environment["FLOWPORT_CORPUS"] { return URL(fileURLWithPath: override) }
    return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
  }

  /// Why the corpus cannot be used, or nil when it is there.
  public static var missingReason: String? {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue { return nil }
    return "the shared corpus is missing: expected it at \(directory.path) (../shared/corpus beside the checkout, or set FLOWPORT_CORPUS)"
  }

  /// Every file of the corpus with the given extension, sorted, recursively.
  public static func files(withExtension fileExtension: String) -> [URL] {
    guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
    return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == fileExtension }
      .sorted { $0.path < $1.path }
  }

  /// The example exports shipped in `scripts/examples`.
  public static var examples: URL { repositoryRoot.appendingPathComponent("scripts/examples") }
}
