import FlowModel

/// The file formats FlowPort reads or writes.
public enum ExportFormat: String, CaseIterable, Sendable {
  /// FlowPort's own JSON envelope, `"format": "flowport/1"`.
  case json

  /// The file name extension a file of this format gets.
  public var fileExtension: String {
    switch self {
    case .json: "json"
    }
  }

  /// Names the format by content, never by file name: extensions lie, contents do not.
  public static func detect(_ bytes: [UInt8]) throws(FormatError) -> (ExportFormat, JSONValue) {
    if bytes.prefix(4096).contains(0) { throw .binary }
    let value: JSONValue
    do { value = try JSONParser.parse(bytes) } catch {
      if looksLikeSQL(bytes) { throw .writeOnly("Flink SQL") }
      throw .syntax(error)
    }
    guard case .object(let object) = value else {
      throw .unrecognized("the top level is \(value.kindName), and a FlowPort export is an object")
    }
    guard let format = object["format"]?.stringValue else {
      throw .unrecognized("it has no \"format\": \"flowport/1\" member")
    }
    guard format == NativeJSONCodec.formatTag else { throw .unsupportedVersion(format) }
    return (.json, value)
  }

  private static func looksLikeSQL(_ bytes: [UInt8]) -> Bool {
    let head = String(decoding: bytes.prefix(2048), as: UTF8.self).uppercased()
    return ["CREATE TABLE", "INSERT INTO", "CREATE TEMPORARY", "SELECT "].contains { head.contains($0) }
  }
}
