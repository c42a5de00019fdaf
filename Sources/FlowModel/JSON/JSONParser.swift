/// Reads JSON text into a `JSONValue`, byte by byte over one contiguous buffer.
///
/// Hand-written rather than built on Foundation: `JSONSerialization` drops key order and number
/// text, which the lossless round trips need, and this path is the hot one of `diff` on large
/// exports. Tolerates a UTF-8 byte order mark and CRLF line ends; rejects everything else the
/// grammar forbids (trailing commas, comments, control characters in strings, invalid UTF-8),
/// and never recurses deeper than `maximumDepth`, so hostile input cannot overflow the stack.
public struct JSONParser {
  /// Nesting beyond this is refused rather than risking the stack.
  static let maximumDepth = 512

  /// Parses a whole document; anything but whitespace after the value is an error. Strings of
  /// 16 to 48 bytes that repeat share their storage: within the document, and with `sharing`,
  /// across the documents of one bulk read (`RepeatedStrings`).
  public static func parse(_ bytes: some Collection<UInt8>, sharing: SharedStrings? = nil) throws(JSONParseError) -> JSONValue {
    try parse(bytes, sharing: sharing, keepingText: false).value
  }

  /// Parses a string's UTF-8 text.
  public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try parse(Array(text.utf8))
  }

  /// `parse(_:sharing:)`, and the document's minified text: without the whitespace between its
  /// tokens, strings as they are written (escapes and all), a byte order mark dropped. It reads
  /// back to the same value, and it is how a document held as text (`OutlinedFlow`) is kept and
  /// stored: a bulk load holds thousands, and exports are often half indentation. The parse
  /// steps over every run of whitespace anyway, so it copies what lies between them as it goes;
  /// a second pass over the bytes to minify them was a tenth of a bulk load.
  public static func parseKeepingMinifiedText(
    _ bytes: some Collection<UInt8>, sharing: SharedStrings? = nil
  ) throws(JSONParseError) -> (value: JSONValue, minifiedText: [UInt8]) {
    let (value, text) = try parse(bytes, sharing: sharing, keepingText: true)
    return (value, text ?? [])
  }

  /// `parse(_:sharing:)`, or with `keepingText` `parseKeepingMinifiedText`, of bytes handed
  /// over to the parse: the caller reads them no more (a file read for this parse alone), and
  /// the parse returns the memory of the pages it has passed to the system as it goes
  /// (`PassedPages`), so a large file's bytes and its tree are not held at once. Their bytes
  /// read as zeros after: only `ExportFormat`, which owns them, hands bytes over.
  package static func parse(
    handingOver bytes: UnsafeMutableBufferPointer<UInt8>, sharing: SharedStrings? = nil, keepingText: Bool = false
  ) throws(JSONParseError) -> (value: JSONValue, minifiedText: [UInt8]?) {
    try parseBuffer(UnsafeBufferPointer(bytes), sharing: sharing, keepingText: keepingText, givingBack: true)
  }

  /// The bytes parsed in place when they lie in one buffer, from a copy when not.
  private static func parse(
    _ bytes: some Collection<UInt8>, sharing: SharedStrings?, keepingText: Bool
  ) throws(JSONParseError) -> (value: JSONValue, text: [UInt8]?) {
    let result: Result<(JSONValue, [UInt8]?), JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
      Result { () throws(JSONParseError) in try parseBuffer(buffer, sharing: sharing, keepingText: keepingText, givingBack: false) }
    }
    if let result { return try result.get() }
    return try Array(bytes).withUnsafeBufferPointer { buffer throws(JSONParseError) in
      try parseBuffer(buffer, sharing: sharing, keepingText: keepingText, givingBack: false)
    }
  }

  private static func parseBuffer(
    _ buffer: UnsafeBufferPointer<UInt8>, sharing: SharedStrings?, keepingText: Bool, givingBack: Bool
  ) throws(JSONParseError) -> (JSONValue, [UInt8]?) {
    guard let sharing else {
      return try parseBuffer(
        buffer, repeating: RepeatedStrings(forDocumentOf: buffer.count), keepingText: keepingText, givingBack: givingBack)
    }
    return try sharing.borrowed { table throws(JSONParseError) in
      try parseBuffer(buffer, repeating: table, keepingText: keepingText, givingBack: givingBack)
    }
  }

  private static func parseBuffer(
    _ buffer: UnsafeBufferPointer<UInt8>, repeating repeated: RepeatedStrings, keepingText: Bool, givingBack: Bool
  ) throws(JSONParseError) -> (JSONValue, [UInt8]?) {
    // The minified text is never longer than the bytes: written into room for all of them,
    // then copied out exactly as long as it is.
    let scratch = keepingText ? UnsafeMutablePointer<UInt8>.allocate(capacity: max(buffer.count, 1)) : nil
    defer { scratch?.deallocate() }
    var reader = Reader(bytes: buffer, repeated: repeated, minified: scratch)
    if givingBack, PassedPages.returnsMemory { reader.giveBackAt = PassedPages.step }
    // A parse's tree takes about twice its text (a 10,000-node n8n export's, 11 MB, 20).
    if buffer.count >= 1 << 20 { ArenaReserve.make(buffer.count * 2) }
    if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
      reader.index = 3
      reader.minifiedUpTo = 3
    }
    let value: JSONValue
    do throws(JSONParseError) {
      reader.skipWhitespace()
      guard reader.index < buffer.count else { throw reader.error("the document is empty") }
      value = try reader.value(depth: 0)
      reader.skipWhitespace()
      guard reader.index == buffer.count else { throw reader.error("unexpected text after the JSON value") }
    } catch {
      throw error.placed(in: buffer, counted: reader.passed.lines)
    }
    guard let scratch else { return (value, nil) }
    reader.keepText(upTo: reader.index, in: scratch)
    return (value, Array(UnsafeBufferPointer(start: scratch, count: reader.minifiedCount)))
  }
}

/// The cursor over the bytes; a struct with an index so the hot loops stay in registers.
private struct Reader: ~Copyable {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  /// The members of the objects being read, all levels on one stack.
  var members = ParseStack<JSONObject.Member>()
  /// The elements of the arrays being read.
  var elements = ParseStack<JSONValue>()
  /// Strings of 16 to 48 bytes, shared where they repeat.
  let repeated: RepeatedStrings
  /// Where the minified text is written, when it is asked for: room for all the bytes.
  let minified: UnsafeMutablePointer<UInt8>?
  /// How many bytes of minified text are written.
  var minifiedCount = 0
  /// Every byte before this is in the minified text, or was whitespace between tokens.
  var minifiedUpTo = 0
  /// The pages behind the reader given back, when the bytes were handed over to the parse.
  var passed = PassedPages()
  /// Where the reader gives back the pages it passed next; never, unless the bytes were
  /// handed over. Asked between the elements and members of every container: one comparison.
  var giveBackAt = Int.max

  init(bytes: UnsafeBufferPointer<UInt8>, repeated: RepeatedStrings, minified: UnsafeMutablePointer<UInt8>?) {
    self.bytes = bytes
    self.repeated = repeated
    self.minified = minified
  }

  /// An error at `offset` (where the reader stands, by default), placed where the parse ends
  /// (`JSONParseError.placed`); `refusingJSON` when other readers would take the text
  /// (`JSONParseError.isJSONRefusedHere`).
  func error(_ reason: String, at offset: Int? = nil, refusingJSON: Bool = false) -> JSONParseError {
    .unplaced(reason, at: offset ?? index, isJSONRefusedHere: refusingJSON)
  }

  /// Nesting deeper than the reader goes: JSON other readers may take.
  func tooDeep() -> JSONParseError { error("nesting deeper than \(JSONParser.maximumDepth) levels", refusingJSON: true) }

  /// Steps over whitespace between tokens, the only place the reader does: when the minified
  /// text is kept, what stands between the last run of whitespace and this one goes into it.
  /// Most tokens have none before them (`"key":`, `,`): that answer is inlined, one test.
  @inline(__always) mutating func skipWhitespace() {
    guard index < bytes.count, StringBytes.isWhitespace(bytes[index]) else { return }
    skipWhitespaceRun()
  }

  /// `skipWhitespace` where a pretty printer writes one space (`"key": value`): half the runs
  /// of whitespace in a pretty-printed export, each a call of `skipWhitespaceRun` that was
  /// most of its cost. Stepped over in place when no minified text is kept.
  @inline(__always) mutating func skipWhitespaceAfterColon() {
    if minified == nil, index + 1 < bytes.count, bytes[index] == UInt8(ascii: " "), !StringBytes.isWhitespace(bytes[index + 1]) {
      index += 1
    } else {
      skipWhitespace()
    }
  }

  mutating func skipWhitespaceRun() {
    let end = StringBytes.endOfWhitespace(in: bytes, from: index)
    if let minified {
      keepText(upTo: index, in: minified)
      minifiedUpTo = end
    }
    index = end
  }

  /// Runs up to this long are copied into the minified text two words at a time.
  static let wordCopyLimit = 16

  /// Copies the bytes from `minifiedUpTo` to `end` into the minified text. Most runs are a key
  /// and its colon, or a short value and its comma: two unaligned words copy them, where a
  /// call to `memcpy` each was a twentieth of a bulk load. The words may carry bytes past the
  /// run, which the next run overwrites. They stay in bounds: they are read only where 16
  /// bytes remain (`minifiedUpTo + 16 <= bytes.count`), and written at `minifiedCount`, which
  /// is never past `minifiedUpTo` (the text is the bytes less whitespace), into room for all
  /// the bytes.
  mutating func keepText(upTo end: Int, in minified: UnsafeMutablePointer<UInt8>) {
    guard let base = bytes.baseAddress, end > minifiedUpTo else { return }
    let count = end - minifiedUpTo
    let source = UnsafeRawPointer(base + minifiedUpTo)
    let target = UnsafeMutableRawPointer(minified + minifiedCount)
    assert(minifiedCount <= minifiedUpTo)
    if count <= Self.wordCopyLimit, minifiedUpTo + Self.wordCopyLimit <= bytes.count {
      target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
      (target + 8).storeBytes(of: (source + 8).loadUnaligned(as: UInt64.self), as: UInt64.self)
    } else {
      target.copyMemory(from: source, byteCount: count)
    }
    minifiedCount += count
  }

  /// Gives back the pages before the reader (`PassedPages`). Kept text is copied up to the
  /// reader first: between the last run of whitespace and a comma stand only tokens, and a
  /// minified file has no whitespace to copy them at.
  mutating func givePassedPagesBack() {
    if let minified {
      keepText(upTo: index, in: minified)
      minifiedUpTo = index
    }
    passed.giveBack(below: index, of: bytes)
    giveBackAt = index + PassedPages.step
  }

  func describeByte(at offset: Int) -> String {
    guard offset < bytes.count else { return "the end of the text (is the file truncated?)" }
    let byte = bytes[offset]
    if byte == 0 { return "a NUL byte (is this a binary file?)" }
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x\(String(byte, radix: 16, uppercase: true))"
  }

  mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
    guard index < bytes.count else { throw error("expected a value, found \(describeByte(at: index))") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth + 1)
    case UInt8(ascii: "["): return try array(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw error("expected a value, found \(describeByte(at: index))")
    }
  }

  /// `true`, `false` or `null`; anything else that begins with its letter is said whole, at
  /// its start (`expected 'null', found 'not'`: a text that is no JSON at all).
  mutating func literal(_ word: StaticString) throws(JSONParseError) {
    let count = word.utf8CodeUnitCount
    let start = index
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
    guard start + count <= bytes.count, (0..<count).allSatisfy({ bytes[start + $0] == expected[$0] }) else {
      let letters = bytes[start...].prefix { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) }.prefix(24)
      if start + letters.count == bytes.count, expected.starts(with: letters) {
        throw error("expected '\(word)', found \(describeByte(at: bytes.count))", at: bytes.count)
      }
      throw error("expected '\(word)', found '\(String(decoding: letters, as: UTF8.self))'", at: start)
    }
    index += count
  }

  mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
    guard depth <= JSONParser.maximumDepth else { throw tooDeep() }
    index += 1
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(JSONObject())
    }
    let start = members.count
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw error("expected a member name in quotes, found \(describeByte(at: index))")
      }
      let key = try string()
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error("expected ':' after member name \"\(key)\", found \(describeByte(at: index))")
      }
      index += 1
      skipWhitespaceAfterColon()
      let value = try value(depth: depth)
      members.push(JSONObject.Member(key, value))
      skipWhitespace()
      guard index < bytes.count else { throw error("expected ',' or '}' in object, found \(describeByte(at: index))") }
      switch bytes[index] {
      case UInt8(ascii: ","):
        index += 1
        if index >= giveBackAt { givePassedPagesBack() }
      case UInt8(ascii: "}"):
        index += 1
        return .object(JSONObject(members.pop(from: start)))
      default: throw error("expected ',' or '}' in object, found \(describeByte(at: index))")
      }
    }
  }

  mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
    guard depth <= JSONParser.maximumDepth else { throw tooDeep() }
    index += 1
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array([])
    }
    let start = elements.count
    while true {
      skipWhitespace()
      let element = try value(depth: depth)
      elements.push(element)
      skipWhitespace()
      guard index < bytes.count else { throw error("expected ',' or ']' in array, found \(describeByte(at: index))") }
      switch bytes[index] {
      case UInt8(ascii: ","):
        index += 1
        if index >= giveBackAt { givePassedPagesBack() }
      case UInt8(ascii: "]"):
        index += 1
        return .array(elements.pop(from: start))
      default: throw error("expected ',' or ']' in array, found \(describeByte(at: index))")
      }
    }
  }

  mutating func number() throws(JSONParseError) -> JSONNumber {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in number") }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
      if index < bytes.count, isDigit(bytes[index]) { throw error("a number cannot have a leading zero") }
    } else {
      skipDigits()
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after '.'") }
      skipDigits()
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in exponent") }
      skipDigits()
    }
    let text = String(unsafeUninitializedCapacity: index - start) { target in
      _ = target.initialize(from: bytes[start..<index])
      return index - start
    }
    return JSONNumber(unchecked: text)
  }

  @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

  @inline(__always) mutating func skipDigits() {
    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
  }

  /// Reads a string starting at its opening quote. The common case, no escapes, is one scan
  /// (eight bytes at a time, `StringBytes`) and one validating copy; escapes fall back to
  /// building the bytes.
  mutating func string() throws(JSONParseError) -> String {
    let start = index + 1
    var sawNonASCII = false
    index = StringBytes.firstSpecial(in: bytes, from: start, sawNonASCII: &sawNonASCII)
    guard index < bytes.count else { throw error("unterminated string starting here", at: start - 1) }
    let byte = bytes[index]
    if byte == UInt8(ascii: "\"") {
      let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
      index += 1
      if slice.count <= RepeatedStrings.shortLength, start + RepeatedStrings.shortReadLength <= bytes.count, let base = bytes.baseAddress {
        return try repeated.shortString(at: UnsafeRawPointer(base + start), count: slice.count) { () throws(JSONParseError) in
          try Self.makeString(slice, validate: sawNonASCII, startingAt: start)
        }
      }
      guard RepeatedStrings.lengths.contains(slice.count) else {
        return try Self.makeString(slice, validate: sawNonASCII, startingAt: start)
      }
      return try repeated.string(slice) { () throws(JSONParseError) in
        try Self.makeString(slice, validate: sawNonASCII, startingAt: start)
      }
    }
    if byte == UInt8(ascii: "\\") { return try escapedString(from: start, sawNonASCII: sawNonASCII) }
    throw error("control character in string (escape it as \\u00\(hex2(byte)))")
  }

  func hex2(_ byte: UInt8) -> String {
    let text = String(byte, radix: 16)
    return text.count == 1 ? "0" + text : text
  }

  /// The string of `slice`, validated as UTF-8 when it holds bytes beyond ASCII; an error names
  /// the first byte that is not UTF-8, `slice` standing at offset `start` of the text. Static:
  /// it needs the bytes alone, and the table of repeated strings calls it in the middle of the
  /// reader's `string()`.
  static func makeString(_ slice: UnsafeBufferPointer<UInt8>, validate: Bool, startingAt start: Int) throws(JSONParseError) -> String {
    if !validate { return String(decoding: slice, as: UTF8.self) }
    guard let text = String(validating: slice, as: UTF8.self) else { throw invalidUTF8(in: slice, at: start) }
    return text
  }

  /// The error for a string's bytes as written, `slice`, standing at `start`: at the first byte
  /// that is not UTF-8, which it names, not the string's start (a long text's bad byte was left
  /// to be found by hand).
  static func invalidUTF8(in slice: UnsafeBufferPointer<UInt8>, at start: Int) -> JSONParseError {
    let offset = UTF8Text.firstInvalidByte(in: slice) ?? 0
    let byte = offset < slice.count ? " (byte 0x\(String(slice[offset], radix: 16, uppercase: true)))" : ""
    return .unplaced("invalid UTF-8 in string\(byte): is this a binary file, or text in another encoding?", at: start + offset)
  }

  /// Reads a string from `start`, its first byte, with `index` at its first escape. The
  /// string's storage is made once, as large as the text as written (unescaped it is never
  /// longer), and the text is unescaped straight into it: built in a growing array and then
  /// copied, a string of a megabyte (a NiFi template's flow) touched three.
  mutating func escapedString(from start: Int, sawNonASCII: Bool) throws(JSONParseError) -> String {
    // Without a closing quote the string is in error: it is read without being kept, so that
    // the error is the one it meets first, and no room is made for the rest of the file.
    guard let end = StringBytes.closingQuote(in: bytes, from: index) else {
      var sawNonASCII = sawNonASCII
      _ = try unescape(from: start, into: nil, sawNonASCII: &sawNonASCII)
      throw error("unterminated string starting here", at: start - 1)
    }
    let capacity = end - start
    // Only bytes as written can be malformed; those an escape spells are whole characters.
    var sawNonASCII = sawNonASCII
    var failure: JSONParseError?
    var text = String(unsafeUninitializedCapacity: capacity) { buffer in
      do throws(JSONParseError) {
        return try unescape(from: start, into: buffer, sawNonASCII: &sawNonASCII)
      } catch {
        failure = error
        return 0
      }
    }
    if let failure { throw failure }
    // Escapes are ASCII and unescape to whole characters: the text is well-formed exactly
    // when the bytes written are (the string repaired what was not).
    let written = UnsafeBufferPointer(rebasing: bytes[start..<index - 1])
    if sawNonASCII, !StringBytes.isValidUTF8(written) { throw Self.invalidUTF8(in: written, at: start) }
    // A string that unescaped to much less than was written (`\u00e9` for `é`) is copied to
    // room of its own size rather than keep more than a quarter of its room unused for its life.
    if text.utf8.count < capacity - capacity / 4 { text = text.withUTF8 { String(decoding: $0, as: UTF8.self) } }
    return text
  }

  /// Unescapes the string at `start` into `buffer` (when given) up to its closing quote,
  /// which `index` is left past; the count of bytes written. `sawNonASCII` is set by bytes
  /// beyond ASCII as written.
  private mutating func unescape(
    from start: Int, into buffer: UnsafeMutableBufferPointer<UInt8>?, sawNonASCII: inout Bool
  ) throws(JSONParseError) -> Int {
    // Unescaped text is never longer than the text as written, which `buffer` holds: the
    // checks cost a comparison a run, and stop a miscounted end writing past it.
    var count = 0
    func append(_ run: Range<Int>) {
      guard let buffer, !run.isEmpty, let base = bytes.baseAddress, let target = buffer.baseAddress else { return }
      precondition(count + run.count <= buffer.count, "unescaped text longer than written")
      (target + count).initialize(from: base + run.lowerBound, count: run.count)
      count += run.count
    }
    func append(_ byte: UInt8) {
      guard let buffer else { return }
      precondition(count < buffer.count, "unescaped text longer than written")
      buffer[count] = byte
      count += 1
    }
    append(start..<index)
    while index < bytes.count {
      // Between escapes, plain runs are found eight bytes at a time and copied whole, as in
      // `string()`: code and templates in n8n nodes escape every line end and quote.
      let runStart = index
      index = StringBytes.firstSpecial(in: bytes, from: index, sawNonASCII: &sawNonASCII)
      append(runStart..<index)
      guard index < bytes.count else { break }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return count
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { break }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): append(escape)
        case UInt8(ascii: "b"): append(0x08)
        case UInt8(ascii: "f"): append(0x0C)
        case UInt8(ascii: "n"): append(0x0A)
        case UInt8(ascii: "r"): append(0x0D)
        case UInt8(ascii: "t"): append(0x09)
        case UInt8(ascii: "u"):
          UTF8.encode(try unicodeEscape(), into: append)
        default: throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in string", at: index - 2)
        }
      default:
        throw error("control character in string (escape it as \\u00\(hex2(byte)))")
      }
    }
    throw error("unterminated string starting here", at: start - 1)
  }

  /// Reads the four hex digits after `\u`, joining a surrogate pair into one scalar. A lone
  /// surrogate is refused, where it stands: it is no character, a Swift string cannot hold it,
  /// and reading it as U+FFFD (as most JSON readers do) would change the text without a word.
  mutating func unicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
    let start = index - 2
    let high = try hex4()
    if (0xD800..<0xDC00).contains(high), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
      bytes[index + 1] == UInt8(ascii: "u")
    {
      let saved = index
      index += 2
      let low = try hex4()
      if (0xDC00..<0xE000).contains(low) {
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
      }
      index = saved
    }
    guard let scalar = Unicode.Scalar(high) else {
      // A first half the text ends after, before a second could: a file cut short, not a lone
      // surrogate written so.
      if high < 0xDC00, bytes.count - index < 6, !bytes[index...].contains(UInt8(ascii: "\"")) {
        throw error("expected the second half of the surrogate pair, found the end of the text (is the file truncated?)", at: bytes.count)
      }
      let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + 6]), as: UTF8.self)
      throw error(
        "lone surrogate \(text) in string: it stands for no character and cannot be kept (a pair is \\uD800-\\uDBFF then \\uDC00-\\uDFFF)",
        at: start, refusingJSON: true)
    }
    return scalar
  }

  /// The four hex digits at `index`; an error names the first byte that is not one, or the end
  /// of a text cut short.
  mutating func hex4() throws(JSONParseError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = index < bytes.count ? bytes[index] : 0
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error("expected a hex digit after \\u, found \(describeByte(at: index))")
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }
}
