import Foundation
import ZIPFoundation

/// Reads the entries of a zip archive held in memory, refusing rather than trusting anything in
/// it: every offset and size is checked against the bytes, a deflated entry is inflated only from
/// its own compressed bytes (ZIPFoundation's reader loops forever on a deflate stream that does
/// not end within them, and traps on offsets past the end: both found by `scripts/fuzz`), and
/// every entry's CRC-32 is checked. ZIP64 is not read: a bundle is far smaller.
struct ZipReader {
  /// One entry of the central directory.
  struct Entry {
    var path: String
    var method: UInt16
    var compressedSize: Int
    var crc32: UInt32
    var localHeaderOffset: Int
    /// True when the entry is a symbolic link (Unix mode in the external attributes).
    var isSymbolicLink: Bool
    /// True when the entry is a folder.
    var isDirectory: Bool
  }

  /// Why an archive was refused.
  struct Refusal: Error {
    var reason: String
  }

  let bytes: [UInt8]

  init(_ data: Data) { bytes = Array(data) }

  private func uint16(_ offset: Int) throws(Refusal) -> UInt16 {
    guard offset >= 0, offset + 2 <= bytes.count else { throw Refusal(reason: "not a readable zip archive (it may be truncated)") }
    return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
  }

  private func uint32(_ offset: Int) throws(Refusal) -> UInt32 {
    UInt32(try uint16(offset)) | UInt32(try uint16(offset + 2)) << 16
  }

  /// The entries listed by the central directory, in its order.
  func entries() throws(Refusal) -> [Entry] {
    let truncated = Refusal(reason: "not a readable zip archive (it may be truncated)")
    // The end of central directory record: within the last 22 + 65535 bytes.
    var end = bytes.count - 22
    let lowest = max(0, bytes.count - 22 - 65_535)
    while end >= lowest, !(bytes[end] == 0x50 && bytes[end + 1] == 0x4B && bytes[end + 2] == 0x05 && bytes[end + 3] == 0x06) {
      end -= 1
    }
    guard end >= lowest, bytes.count >= 22 else { throw truncated }
    let count = Int(try uint16(end + 10))
    let directorySize = Int(try uint32(end + 12))
    let directoryOffset = Int(try uint32(end + 16))
    guard directoryOffset + directorySize <= end, count <= directorySize / 46 + 1 else { throw truncated }
    var entries: [Entry] = []
    var offset = directoryOffset
    for _ in 0..<count {
      guard try uint32(offset) == 0x0201_4B50 else { throw truncated }
      let nameLength = Int(try uint16(offset + 28))
      let extraLength = Int(try uint16(offset + 30))
      let commentLength = Int(try uint16(offset + 32))
      guard offset + 46 + nameLength <= bytes.count else { throw truncated }
      let attributes = try uint32(offset + 38)
      let mode = attributes >> 16
      let path = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
      let compressed = try uint32(offset + 20)
      let uncompressed = try uint32(offset + 24)
      let local = try uint32(offset + 42)
      if compressed == .max || uncompressed == .max || local == .max { throw Refusal(reason: "it is a ZIP64 archive; a bundle never is") }
      entries.append(
        Entry(
          path: path, method: try uint16(offset + 10), compressedSize: Int(compressed),
          crc32: try uint32(offset + 16), localHeaderOffset: Int(local), isSymbolicLink: mode & 0o170000 == 0o120000,
          isDirectory: path.hasSuffix("/") || mode & 0o170000 == 0o040000))
      offset += 46 + nameLength + extraLength + commentLength
    }
    return entries
  }

  /// The entry's bytes, never more than `limit` of them in all (`expanded` counts across entries).
  func contents(of entry: Entry, expanded: inout Int, limit: Int) throws(Refusal) -> Data {
    let damaged = Refusal(reason: "entry '\(entry.path)' is damaged")
    let header = entry.localHeaderOffset
    guard try uint32(header) == 0x0403_4B50 else { throw damaged }
    let start = header + 30 + Int(try uint16(header + 26)) + Int(try uint16(header + 28))
    guard start + entry.compressedSize <= bytes.count else { throw damaged }
    let compressed = bytes[start..<(start + entry.compressedSize)]
    let tooBig = Refusal(reason: "it expands to more than \(limit) bytes, far beyond its size; refused")
    switch entry.method {
    case 0:
      expanded += compressed.count
      if expanded > limit { throw tooBig }
      let data = Data(compressed)
      guard data.crc32(checksum: 0) == entry.crc32 else { throw damaged }
      return data
    case 8:
      var output = Data()
      var total = expanded
      let crc: CRC32
      do {
        crc = try Data.decompress(
          size: Int64(compressed.count), bufferSize: 16 * 1024, skipCRC32: false,
          provider: { position, size in
            // Asked past its own bytes: the stream did not end where it should.
            guard position < compressed.count else { throw damaged }
            let from = compressed.startIndex + Int(position)
            return Data(compressed[from..<min(compressed.endIndex, from + size)])
          },
          consumer: { chunk in
            total += chunk.count
            if total > limit { throw tooBig }
            output.append(chunk)
          })
      } catch let refusal as Refusal {
        throw refusal
      } catch {
        throw damaged
      }
      expanded = total
      guard crc == entry.crc32 else { throw damaged }
      return output
    default:
      throw Refusal(reason: "entry '\(entry.path)' uses compression method \(entry.method); a bundle uses deflate")
    }
  }
}
