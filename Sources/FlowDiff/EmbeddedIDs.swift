/// Where a format writes node ids inside its expressions, so diff can follow a node that
/// another instance renumbered: Make names a module as `3.field` anywhere inside `{{ … }}`,
/// at the start (`{{3.total}}`) or as an argument (`{{substring(3.date; 0; 10)}}`,
/// `{{get(3.items; 1)}}`). Ids are runs of ASCII digits there.
public struct EmbeddedIDs: Hashable, Sendable {
  /// What opens an expression: `{{`.
  public var open: String
  /// What closes it: `}}`.
  public var close: String
  /// What follows an id: `.`.
  public var suffix: Character

  /// Ids written as digits followed by `suffix` inside `open` … `close`.
  public init(open: String, close: String, suffix: Character) {
    self.open = open
    self.close = close
    self.suffix = suffix
  }

  /// Where ids stand in `text`: each a run of digits inside an expression that no letter,
  /// digit, `_`, `.` or quote comes right before (so `v2.x` and `a.3.x` are not one), and that
  /// `suffix` follows with anything but a digit after it (`1.5` is a number). An expression
  /// ends at the first `close` outside a double-quoted string (`{{if(1.a; "}}"; 2.c)}}`), or
  /// left open, at the end of the text.
  public func ranges(in text: String) -> [Range<String.Index>] {
    var ranges: [Range<String.Index>] = []
    var rest = text[...]
    while let opening = rest.firstRange(of: open) {
      let end = Self.end(of: text[opening.upperBound...], closedBy: close)
      var previous: Character?
      var index = opening.upperBound
      while index < end {
        let character = text[index]
        guard Self.isDigit(character), !(previous.map(Self.joinsAWord) ?? false) else {
          previous = character
          index = text.index(after: index)
          continue
        }
        var digitsEnd = index
        while digitsEnd < end, Self.isDigit(text[digitsEnd]) { digitsEnd = text.index(after: digitsEnd) }
        if digitsEnd < end, text[digitsEnd] == suffix {
          let next = text.index(after: digitsEnd)
          if next == text.endIndex || !Self.isDigit(text[next]) { ranges.append(index..<digitsEnd) }
        }
        previous = text[text.index(before: digitsEnd)]
        index = digitsEnd
      }
      rest = text[end...]
    }
    return ranges
  }

  /// Where the expression that `body` begins closes: the first `close` outside quotes.
  private static func end(of body: Substring, closedBy close: String) -> String.Index {
    var quoted = false
    var index = body.startIndex
    while index < body.endIndex {
      if body[index] == "\"" {
        quoted.toggle()
      } else if !quoted, body[index...].hasPrefix(close) {
        return index
      }
      index = body.index(after: index)
    }
    return body.endIndex
  }

  private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

  /// True for what makes digits after it part of a longer word or number.
  private static func joinsAWord(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || "_.\"'`".contains(character)
  }
}
