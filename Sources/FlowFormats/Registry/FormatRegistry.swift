/// Every format FlowPort knows, in the order lists, hints and help show them. A new dialect is
/// one file with a `DialectCodec` and one line here.
enum FormatRegistry {
  static let all: [any FormatCodec.Type] = [
    NativeJSONCodec.self,
    N8nCodec.self,
    NodeRedCodec.self,
    MakeCodec.self,
    NiFiCodec.self,
    IBMEventProcessingCodec.self,
    BundleCodec.self,
    FlinkSQLWriter.self,
  ]

  /// The foreign dialects, in the order lists show them.
  static let dialects: [any DialectCodec.Type] = all.compactMap { $0.asDialectCodec }

  /// The foreign dialects in the order detection tries them: most specific first.
  static let detectionOrder: [any DialectCodec.Type] = dialects.sorted { $0.detectionRank > $1.detectionRank }

  /// The codec of a format or dialect name, if it is one.
  static func codec(named name: String) -> (any FormatCodec.Type)? {
    all.first { $0.formatName == name }
  }
}
