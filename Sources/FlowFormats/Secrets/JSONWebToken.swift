/// Finds JSON Web Tokens in text by hand: `eyJ<header>.eyJ<payload>.<signature>`, each part a
/// run of base64url of at least 8 characters after its `eyJ`.
///
/// Not a regular expression: Swift's tries every start, and from each `eyJ` of a long run of
/// them read the run to its end before failing, so 40 KB of `eyJ` took 11 s to load. Here a
/// start that fails skips the rest of its header's run: every later start in that run would
/// end its header where this one did, shorter, and fail the same way.
enum JSONWebToken {
  /// The range of the first token in `text`, as the expression
  /// `eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}` would find it.
  static func first(in text: Substring) -> Range<String.Index>? {
    let utf8 = text.utf8
    var from = utf8.startIndex
    while let start = find(eyJ, in: utf8, from: from) {
      let header = runEnd(in: utf8, from: utf8.index(start, offsetBy: 3))
      if let end = rest(in: utf8, afterHeaderFrom: start, to: header) { return start..<end }
      from = header
    }
    return nil
  }

  private static let eyJ: [UInt8] = Array("eyJ".utf8)

  /// Where the token whose header runs from `start` to `header` ends, or nil when what follows
  /// the header is not a payload and a signature.
  private static func rest(in utf8: Substring.UTF8View, afterHeaderFrom start: String.Index, to header: String.Index) -> String.Index? {
    guard utf8.distance(from: start, to: header) >= 3 + 8, header < utf8.endIndex, utf8[header] == UInt8(ascii: ".") else { return nil }
    let payloadStart = utf8.index(after: header)
    guard utf8[payloadStart...].starts(with: eyJ) else { return nil }
    let payload = runEnd(in: utf8, from: utf8.index(payloadStart, offsetBy: 3))
    guard utf8.distance(from: payloadStart, to: payload) >= 3 + 8, payload < utf8.endIndex, utf8[payload] == UInt8(ascii: ".") else {
      return nil
    }
    let signatureStart = utf8.index(after: payload)
    let signature = runEnd(in: utf8, from: signatureStart)
    return utf8.distance(from: signatureStart, to: signature) >= 8 ? signature : nil
  }

  /// The first index at or after `from` that is not base64url (`A-Z a-z 0-9 _ -`).
  private static func runEnd(in utf8: Substring.UTF8View, from: String.Index) -> String.Index {
    utf8[from...].firstIndex { !isBase64URL($0) } ?? utf8.endIndex
  }

  private static func isBase64URL(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "_"), UInt8(ascii: "-"):
      true
    default: false
    }
  }

  /// The index of the first occurrence of `literal` at or after `from`.
  private static func find(_ literal: [UInt8], in utf8: Substring.UTF8View, from: String.Index) -> String.Index? {
    var index = from
    while let first = utf8[index...].firstIndex(of: literal[0]) {
      if utf8[first...].starts(with: literal) { return first }
      index = utf8.index(after: first)
    }
    return nil
  }
}
