import Foundation

/// Standard input's lines as bytes, read as they arrive so a pipe streams: the session decodes
/// them, and refuses one that is not UTF-8 at its line, where `readLine()` would have put U+FFFD
/// in its place without a word.
struct StandardInputLines: IteratorProtocol {
  private var buffer: [UInt8] = []
  /// Where the next line starts in `buffer`. Lines are taken by moving it, and what was taken is
  /// dropped once per chunk read: dropping each line at once moved the rest of the buffer every
  /// time, quadratic in the lines of a chunk.
  private var start = 0
  private var ended = false

  mutating func next() -> [UInt8]? {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        defer { start = newline + 1 }
        return Array(buffer[start..<newline])
      }
      if ended { return nil }
      let chunk = FileHandle.standardInput.availableData
      if chunk.isEmpty {
        ended = true
        if start == buffer.count { return nil }
        defer { start = buffer.count }
        return Array(buffer[start...])
      }
      buffer.removeSubrange(..<start)
      start = 0
      buffer += chunk
    }
  }
}
