/// Why a JSON text could not be read, and where: 1-based line and column (in bytes) and offset.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, as a lowercase phrase a user can act on.
  public let reason: String
  /// 1-based line of the offending byte.
  public let line: Int
  /// 1-based column of the offending byte, counted in bytes from the line start.
  public let column: Int
  /// 0-based byte offset of the offending byte.
  let offset: Int

  /// `line:column: reason`, for messages that prefix the file name.
  public var description: String { "\(line):\(column): \(reason)" }

  /// Makes an error for a byte offset, finding line and column by counting newlines before it.
  /// Done only on failure, so the parser's hot path never tracks lines.
  static func at(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>, _ reason: String) -> JSONParseError {
    var line = 1
    var lineStart = 0
    let end = min(offset, bytes.count)
    for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    return JSONParseError(reason: reason, line: line, column: end - lineStart + 1, offset: offset)
  }
}
