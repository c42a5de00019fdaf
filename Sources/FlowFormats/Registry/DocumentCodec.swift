import FlowModel
import Foundation

/// A format whose file is one JSON document: FlowPort's own and every foreign dialect. Such a
/// file is laid out and redacted as `EncodeOptions` ask.
protocol DocumentCodec: FormatCodec {
  /// The document a flow is written as.
  static func document(for version: FlowVersion, stamp: ExportStamp?, options: EncodeOptions) throws(FormatError) -> JSONValue
}

extension DocumentCodec {
  static var asDocumentCodec: (any DocumentCodec.Type)? { Self.self }

  static func file(for version: FlowVersion, stamp: ExportStamp?, options: EncodeOptions) throws(FormatError) -> Data {
    var document = try document(for: version, stamp: stamp, options: options)
    if options.redactSecrets { document = SecretScanner.redact(document) }
    return Data(JSONWriter(layout: options.layout).bytes(document) + [0x0A])
  }
}
