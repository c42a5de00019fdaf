/// Why a JSON text could not be read, and where: 1-based line and column (in Unicode scalars,
/// as Python's `json` counts them) and byte offset.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, as a lowercase phrase a user can act on.
  public let reason: String
  /// 1-based line of the offending byte.
  public let line: Int
  /// 1-based column of the offending byte: the Unicode scalars from the line start to it, plus
  /// one.
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

  /// Makes an error for a byte offset, finding line and column by counting the line feeds and
  /// characters before it (`LineCount`).
  /// Done only on failure, so the parser's hot path never tracks lines. Public for problems
  /// found in a document after it parsed (a name a workspace cannot keep), said the same way.
  public static func at(
    _ offset: Int, in bytes: some Collection<UInt8>, _ reason: String, isJSONRefusedHere: Bool = false
  ) -> JSONParseError {
    let error = bytes.withContiguousStorageIfAvailable { bytes in
      at(offset, in: bytes, counted: LineCount(), reason, isJSONRefusedHere: isJSONRefusedHere)
    }
    return error
      ?? Array(bytes.prefix(offset)).withUnsafeBufferPointer { bytes in
        at(offset, in: bytes, counted: LineCount(), reason, isJSONRefusedHere: isJSONRefusedHere)
      }
  }

  /// An error at `offset` of `bytes`, whose lines are `counted` up to some offset before it
  /// (those of pages a parse gave back, `PassedPages`).
  static func at(
    _ offset: Int, in bytes: UnsafeBufferPointer<UInt8>, counted: LineCount, _ reason: String, isJSONRefusedHere: Bool = false
  ) -> JSONParseError {
    let (line, column) = counted.position(of: min(offset, bytes.count), in: bytes)
    return JSONParseError(reason: reason, line: line, column: column, offset: offset, isJSONRefusedHere: isJSONRefusedHere)
  }

  /// An error the parser found at `offset`, its line and column not yet known: they are
  /// counted once, where the parse ends (`placed`), from what the parse counted as it went.
  static func unplaced(_ reason: String, at offset: Int, isJSONRefusedHere: Bool = false) -> JSONParseError {
    JSONParseError(reason: reason, line: 0, column: 0, offset: offset, isJSONRefusedHere: isJSONRefusedHere)
  }

  /// This error with its line and column, counted on from `counted` over `bytes`.
  func placed(in bytes: UnsafeBufferPointer<UInt8>, counted: LineCount) -> JSONParseError {
    .at(offset, in: bytes, counted: counted, reason, isJSONRefusedHere: isJSONRefusedHere)
  }
}
