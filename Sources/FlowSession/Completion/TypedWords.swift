/// A partly typed line read the way the tokenizer will read it once it is finished: the words
/// before the cursor and the one being typed, with the quote it is inside, so Tab works in
/// `show "Extract sp|` as well as in `show Extr|`.
struct TypedWords {
  /// The finished words, unquoted.
  var finished: [String] = []
  /// The word under the cursor, unquoted, as typed so far.
  var current = ""
  /// Where the word under the cursor starts (its opening quote included), in UTF-8 bytes.
  var currentStart = 0
  /// The quote the word under the cursor is inside, if it is open.
  var openQuote: Character?

  init(_ prefix: String) {
    var offset = 0
    var inWord = false
    var escaped = false
    for character in prefix {
      defer { offset += character.utf8.count }
      if escaped {
        current.append(character)
        escaped = false
        continue
      }
      switch (openQuote, character) {
      case (nil, " "), (nil, "\t"):
        if inWord { finished.append(current) }
        current = ""
        inWord = false
      case (nil, "'"), (nil, "\""):
        if !inWord { currentStart = offset }
        inWord = true
        openQuote = character
      case (nil, "\\"), ("\"", "\\"):
        if !inWord { currentStart = offset }
        inWord = true
        escaped = true
      case (let quote?, _) where character == quote:
        openQuote = nil
      default:
        if !inWord { currentStart = offset }
        inWord = true
        current.append(character)
      }
    }
    if !inWord { currentStart = offset }
  }
}
