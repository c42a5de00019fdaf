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

  /// A text written in place of one string value: a document held as its text (`OutlinedFlow`)
  /// written inside the value built around it, never parsed into a tree again.
  public struct Splice: Sendable {
    /// The string value the text stands in for; nothing else in the value may be it.
    public var marker: String
    /// The JSON text written in its place, as it is.
    public var text: [UInt8]

    /// `text`, to be written where the string `marker` stands.
    public init(marker: String, text: [UInt8]) {
      self.marker = marker
      self.text = text
    }
  }

  let layout: Layout
  let splice: Splice?
  /// The length of `splice`'s marker in bytes, -1 without one: most strings are told from the
  /// marker by their length alone, without a look at the splice (a copy of it was a retain and
  /// a release of its text per string written).
  private let markerLength: Int

  /// A writer with this layout (two-space indentation by default, as exports are written),
  /// writing `splice`'s text where its marker stands.
  public init(layout: Layout = .indented(2), splice: Splice? = nil) {
    self.layout = layout
    self.splice = splice
    markerLength = splice?.marker.utf8.count ?? -1
  }

  /// The text of the value, with no trailing newline.
  public func string(_ value: JSONValue) -> String {
    // Room for the splice from the start: a bulk commit writes a document of 50 KB around each
    // flow's short outline, and doubling up to it copied the text written so far five times.
    var sink = ByteSink(capacity: 4096 + (splice?.text.count ?? 0))
    write(value, into: &sink, level: 0)
    return sink.string()
  }

  /// The UTF-8 bytes of the value, with no trailing newline.
  public func bytes(_ value: JSONValue) -> [UInt8] {
    var sink = ByteSink(capacity: 4096)
    write(value, into: &sink, level: 0)
    return sink.array()
  }

  private func newline(_ output: inout ByteSink, level: Int) {
    guard case .indented(let width) = layout else { return }
    output.append(0x0A)
    output.append(repeating: 0x20, times: width * level)
  }

  private func write(_ value: JSONValue, into output: inout ByteSink, level: Int) {
    switch value {
    case .null: output.append("null")
    case .bool(let flag): output.append(flag ? "true" : "false")
    case .number(let number):
      StringBytes.bytes(of: number.text) { output.append($0) }
    case .string(let text):
      if text.utf8.count == markerLength, let splice, text == splice.marker {
        splice.text.withUnsafeBufferPointer { output.append($0) }
      } else {
        Self.writeString(text, into: &output)
      }
    case .array(let elements):
      guard !elements.isEmpty else { return output.append("[]") }
      output.append(UInt8(ascii: "["))
      // Elements and members are read in place, not copied out (a retain and a release each).
      elements.withUnsafeBufferPointer { elements in
        for position in elements.indices {
          if position > 0 { output.append(UInt8(ascii: ",")) }
          newline(&output, level: level + 1)
          write(elements[position], into: &output, level: level + 1)
        }
      }
      newline(&output, level: level)
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      guard !object.isEmpty else { return output.append("{}") }
      output.append(UInt8(ascii: "{"))
      object.members.withUnsafeBufferPointer { members in
        for position in members.indices {
          if position > 0 { output.append(UInt8(ascii: ",")) }
          newline(&output, level: level + 1)
          Self.writeString(members[position].key, into: &output)
          output.append(UInt8(ascii: ":"))
          if case .indented = layout { output.append(0x20) }
          write(members[position].value, into: &output, level: level + 1)
        }
      }
      newline(&output, level: level)
      output.append(UInt8(ascii: "}"))
    }
  }

  private static func writeString(_ text: String, into output: inout ByteSink) {
    StringBytes.bytes(of: text) { bytes in
      // Room for the quotes and the text as it is; each escape reserves its own few bytes.
      output.reserve(bytes.count + 2)
      output.appendReserved(UInt8(ascii: "\""))
      // Runs of bytes that need no escape (nearly all of them) are found eight bytes at a time
      // (`StringBytes`) and copied at once.
      var runStart = 0
      var index = 0
      while true {
        index = StringBytes.firstSpecial(in: bytes, from: index)
        if runStart < index { output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
        guard index < bytes.count else { break }
        let byte = bytes[index]
        index += 1
        runStart = index
        output.reserve(6)
        output.appendReserved(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): output.appendReserved(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.appendReserved(UInt8(ascii: "\\"))
        case 0x0A: output.appendReserved(UInt8(ascii: "n"))
        case 0x0D: output.appendReserved(UInt8(ascii: "r"))
        case 0x09: output.appendReserved(UInt8(ascii: "t"))
        case 0x08: output.appendReserved(UInt8(ascii: "b"))
        case 0x0C: output.appendReserved(UInt8(ascii: "f"))
        default:
          output.appendReserved(UInt8(ascii: "u"))
          output.appendReserved(UInt8(ascii: "0"))
          output.appendReserved(UInt8(ascii: "0"))
          output.appendReserved(lowerCaseHexDigits.utf8Start[Int(byte >> 4)])
          output.appendReserved(lowerCaseHexDigits.utf8Start[Int(byte & 0xF)])
        }
      }
      output.append(UInt8(ascii: "\""))
    }
  }
}
