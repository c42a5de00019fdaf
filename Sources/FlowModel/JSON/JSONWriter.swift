/// Writes a `JSONValue` back to text: numbers as their original text, keys in their order, strings
/// escaped the way JavaScript's `JSON.stringify` does, so files from n8n and Node-RED come back
/// as they were written (whitespace aside).
public struct JSONWriter: Sendable {
  /// How the text is laid out.
  public enum Layout: Hashable, Sendable {
    /// One line, no spaces: `{"a":[1,2]}`.
    case minified
    /// One member or element a line, indented by this many spaces, `"key": value`.
    case indented(Int)
  }

  var layout: Layout

  /// A writer with this layout; two-space indentation by default, as exports are written.
  public init(layout: Layout = .indented(2)) { self.layout = layout }

  /// The text of the value, with no trailing newline.
  public func string(_ value: JSONValue) -> String {
    String(decoding: bytes(value), as: UTF8.self)
  }

  /// The UTF-8 bytes of the value, with no trailing newline.
  public func bytes(_ value: JSONValue) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(4096)
    write(value, into: &output, level: 0)
    return output
  }

  private func newline(_ output: inout [UInt8], level: Int) {
    guard case .indented(let width) = layout else { return }
    output.append(0x0A)
    output.append(contentsOf: repeatElement(0x20, count: width * level))
  }

  private func write(_ value: JSONValue, into output: inout [UInt8], level: Int) {
    switch value {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .number(let number): output.append(contentsOf: number.text.utf8)
    case .string(let text): Self.writeString(text, into: &output)
    case .array(let elements):
      guard !elements.isEmpty else { return output.append(contentsOf: "[]".utf8) }
      output.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(&output, level: level + 1)
        write(element, into: &output, level: level + 1)
      }
      newline(&output, level: level)
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      guard !object.isEmpty else { return output.append(contentsOf: "{}".utf8) }
      output.append(UInt8(ascii: "{"))
      for (position, member) in object.members.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(&output, level: level + 1)
        Self.writeString(member.key, into: &output)
        output.append(UInt8(ascii: ":"))
        if case .indented = layout { output.append(0x20) }
        write(member.value, into: &output, level: level + 1)
      }
      newline(&output, level: level)
      output.append(UInt8(ascii: "}"))
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  static func writeString(_ text: String, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { bytes in
      // Runs of bytes that need no escape (nearly all of them) are found eight bytes at a time
      // (`StringBytes`) and copied at once.
      var runStart = 0
      var index = 0
      while true {
        index = StringBytes.firstSpecial(in: bytes, from: index)
        if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        runStart = index
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
          output.append(contentsOf: "u00".utf8)
          output.append(hexDigits[Int(byte >> 4)])
          output.append(hexDigits[Int(byte & 0xF)])
        }
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}
