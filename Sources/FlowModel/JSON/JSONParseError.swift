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

  /// True when the text is JSON other readers take, refused here only to keep it exactly (a
  /// lone surrogate) or to bound the reader (nesting deeper than it goes): git's diff driver
  /// does not show such a file as text, where JSON with comments or one value a line is just
  /// text. Said by the reader where it refuses, not read back out of `reason`.
  public var isJSONRefusedHere = false

  /// `line:column: reason`, for messages that prefix the file name.
  public var description: String { "\(line):\(column): \(reason)" }

  /// Makes an error for a byte offset, finding line and column by counting newlines before it.
  /// Done only on failure, so the parser's hot path never tracks lines. Public for problems
  /// found in a document after it parsed (a name a workspace cannot keep), said the same way.
  public static func at(
    _ offset: Int, in bytes: some Collection<UInt8>, _ reason: String, isJSONRefusedHere: Bool = false
  ) -> JSONParseError {
    var line = 1
    var lineStart = 0
    var end = 0
    for byte in bytes.prefix(offset) {
      end += 1
      if byte == UInt8(ascii: "\n") {
        line += 1
        lineStart = end
      }
    }
    return JSONParseError(
      reason: reason, line: line, column: end - lineStart + 1, offset: offset, isJSONRefusedHere: isJSONRefusedHere)
  }
}
