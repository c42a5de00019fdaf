import FlowModel
import Foundation

/// A file format FlowPort writes: everything the session, `export` and its help need to know
/// about it. `ExportFormat` is a value backed by one of these, listed in `FormatRegistry`.
protocol FormatCodec: Sendable {
  /// The name `--format` takes and `SourceDocument.dialect` records: `json`, `n8n`, `node-red`.
  static var formatName: String { get }
  /// How people call the format, for messages: `n8n workflow`.
  static var displayName: String { get }
  /// The file name extension a file of this format gets.
  static var fileExtension: String { get }
  /// True when a flow is written in this format only if it passes `ExportValidation`.
  static var needsValidation: Bool { get }
  /// Property paths a diff of flows read from this format leaves out unless asked: ids and
  /// stamps the platform mints per instance or per save (see `DiffOptions.volatilePaths`).
  static var volatilePaths: [String] { get }
  /// The bytes of a file of this format.
  static func file(for version: FlowVersion, stamp: ExportStamp?, options: EncodeOptions) throws(FormatError) -> Data
  /// What this format adds to `ExportValidation`'s findings for a flow about to be written in it.
  static func exportFindings(_ version: FlowVersion) -> [Finding]
  /// The codec as a `DocumentCodec`, when it is one. The refining protocols answer it, so the
  /// question is never a cast of a metatype (`as? any DocumentCodec.Type`): the runtime answers
  /// a cast's first asking by searching every conformance in the binary, Foundation's with
  /// them, and such searches were half of the time of a diff of two small files.
  static var asDocumentCodec: (any DocumentCodec.Type)? { get }
  /// The codec as a `DialectCodec`, when it is one (see `asDocumentCodec`).
  static var asDialectCodec: (any DialectCodec.Type)? { get }
}

extension FormatCodec {
  static var fileExtension: String { "json" }
  static var needsValidation: Bool { false }
  static var volatilePaths: [String] { [] }
  static func exportFindings(_ version: FlowVersion) -> [Finding] { [] }
  static var asDocumentCodec: (any DocumentCodec.Type)? { nil }
  static var asDialectCodec: (any DialectCodec.Type)? { nil }
}
