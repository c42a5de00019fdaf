import Foundation

/// Standard input's lines as bytes, read as they arrive so a pipe streams: the session decodes
/// them, and refuses one that is not UTF-8 at its line, where `readLine()` would have put U+FFFD
/// in its place without a word.
struct StandardInputLines: IteratorProtocol {
  private var buffer: [UInt8] = []
  private var ended = false

  mutating func next() -> [UInt8]? {
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        defer { buffer.removeSubrange(...newline) }
        return Array(buffer[..<newline])
      }
      if ended { return nil }
      let chunk = FileHandle.standardInput.availableData
      if chunk.isEmpty {
        ended = true
        if buffer.isEmpty { return nil }
        defer { buffer = [] }
        return buffer
      }
      buffer += chunk
    }
  }
}
