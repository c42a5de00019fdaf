import Foundation

/// A file's size and modification time when it was read: how a restored session tells that an
/// export changed on disk since it was loaded, without hashing every byte of a bulk load again.
struct FileStamp: Hashable, Sendable, Codable {
  var size: UInt64
  var modified: Double
}
