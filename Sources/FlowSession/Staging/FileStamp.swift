import Foundation

/// A file's size and modification time when it was read: how a restored session tells that an
/// export changed on disk since it was loaded, without hashing every byte of a bulk load again.
struct FileStamp: Hashable, Sendable, Codable {
  var size: UInt64
  var modified: Double

  /// The stamp of the file at `path` now; nil when it cannot be read.
  static func of(_ path: String) -> FileStamp? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let size = (attributes[.size] as? NSNumber)?.uint64Value,
      let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970
    else { return nil }
    return FileStamp(size: size, modified: modified)
  }
}
