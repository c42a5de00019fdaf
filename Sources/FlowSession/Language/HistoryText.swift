import FlowFormats
import FlowModel
import FlowStore

/// What the shell's history keeps of a line: the line with every secret typed into it masked,
/// so `connection add k --secret password=hunter2` is remembered as
/// `connection add k --secret password=***`. A reference such as `${env:KAFKA_PASSWORD}` is
/// kept, since it names where the secret is, not the secret.
public enum HistoryText {
  /// What a masked value reads.
  public static let mask = StoreError.maskedInHistory

  /// The options whose `key=value` argument holds a secret: always for `--secret`; for
  /// `--prop` when its key names one or its value holds one (`--prop password=...`,
  /// `--prop url=https://u:pw@host`, which `connection` refuses, but history keeps every line
  /// typed).
  static let pairOptions: Set<String> = ["--secret", "--prop"]

  /// True when `pair`, the argument of `option`, holds a secret.
  private static func holdsSecret(_ pair: String, after option: String) -> Bool {
    guard option != "--secret" else { return true }
    let key = pair.prefix { $0 != "=" }
    return SecretInProperty(key: String(key), value: String(pair.dropFirst(key.count + 1))) != nil
  }

  /// `line` with the value of every secret `key=value` (`--secret key=value`, also
  /// `--secret=key=value`, and `--prop` with a secret's name) masked; quoting is followed as
  /// the tokenizer does, so a quoted value with spaces is masked whole.
  /// The password of a URL anywhere in the line is masked too (`workspace new
  /// postgres://ana:***@db/prod`), as is any secret the scanner finds in it (`echo mysql
  /// -p***`, `load 'PGPASSWORD=*** psql'`) and the value of a variable named as a secret
  /// (`set db_password ***`).
  public static func masked(_ line: String) -> String {
    // Pairs first: a pair whose value is a URL with a password is masked whole.
    let paired = URLPassword.masking(in: maskingPairs(in: line), with: mask)
    return maskingSecretVariable(in: SecretScanner.redact(.string(paired)) { _, _ in mask }.stringValue ?? paired)
  }

  /// `line` with the value of every secret `key=value` of an option in `pairOptions` masked.
  private static func maskingPairs(in line: String) -> String {
    let tokens = rawTokens(line)
    guard tokens.contains(where: { token in pairOptions.contains { token.text.hasPrefix($0) } }) else { return line }
    var result = ""
    var cursor = line.startIndex
    var option: String?
    // After `--secret password` without `=`, a word that is neither a long option nor `in` is
    // the value typed without its `=` (`--secret password hunter2`, or `-hunter2`: refused).
    var afterBareSecret = false
    for token in tokens {
      result += line[cursor..<token.range.lowerBound]
      cursor = token.range.upperBound
      let isLongOption = token.text.hasPrefix("--") && token.text.count > 2
      if afterBareSecret, token.text != "--", !isLongOption, token.text != "in" {
        result += mask
        afterBareSecret = false
        continue
      }
      // `--` between a bare key and its value (`--secret password -- hunter2`) keeps it masked.
      afterBareSecret = afterBareSecret && token.text == "--"
      // An option where a pair should be (`--prop --secret password=...`, a value forgotten)
      // is read as the option it is, so what follows it is still masked.
      if let given = option, !token.text.hasPrefix("-") {
        result += holdsSecret(token.text, after: given) ? maskedPair(token.text) : String(line[token.range])
        afterBareSecret = given == "--secret" && !token.text.contains("=")
        option = nil
        continue
      }
      option = nil
      if pairOptions.contains(token.text) {
        option = token.text
        result += line[token.range]
      } else if let given = pairOptions.first(where: { token.text.hasPrefix($0 + "=") }),
        case let pair = String(token.text.dropFirst(given.count + 1)), holdsSecret(pair, after: given)
      {
        result += given + "=" + maskedPair(pair)
        afterBareSecret = given == "--secret" && !pair.contains("=")
      } else {
        result += line[token.range]
      }
    }
    result += line[cursor...]
    return result
  }

  /// `set <name> <value>` with the value masked when the name is a secret's (`db_password`,
  /// `PGPASSWORD`, `openaiKey`: `SecretScanner.isSecretVariableName`).
  private static func maskingSecretVariable(in line: String) -> String {
    let tokens = rawTokens(line)
    guard tokens.count > 2, tokens[0].text == SetVariable.spec.name, SecretScanner.isSecretVariableName(tokens[1].text) else { return line }
    return line[..<tokens[2].range.lowerBound] + mask
  }

  /// `key=value` as history keeps it: `key=***`; a bare `key` (asked for without echo) and an
  /// `${env:NAME}` reference stay as they are.
  private static func maskedPair(_ text: String) -> String {
    guard let equals = text.firstIndex(of: "=") else { return quotedIfNeeded(text) }
    let key = String(text[..<equals])
    let value = text[text.index(after: equals)...]
    if value.hasPrefix("${env:"), value.hasSuffix("}"), !value.dropFirst(6).dropLast().contains("}") { return quotedIfNeeded(text) }
    return quotedIfNeeded(key) + "=" + mask
  }

  private static func quotedIfNeeded(_ text: String) -> String {
    text.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" || $0 == "\\" || $0 == "#" })
      ? "'" + text.replacing("'", with: "'\\''") + "'" : text
  }

  /// The line's words with the text they stand for (quotes and escapes removed) and the range
  /// of their raw text.
  static func rawTokens(_ line: String) -> [(text: String, range: Range<String.Index>)] {
    var tokens: [(String, Range<String.Index>)] = []
    var index = line.startIndex
    while index < line.endIndex {
      if line[index].isWhitespace {
        index = line.index(after: index)
        continue
      }
      let start = index
      var text = ""
      var quote: Character?
      while index < line.endIndex {
        let character = line[index]
        if let open = quote {
          if character == open {
            quote = nil
          } else if character == "\\", open == "\"", line.index(after: index) < line.endIndex {
            index = line.index(after: index)
            text.append(line[index])
          } else {
            text.append(character)
          }
        } else if character.isWhitespace {
          break
        } else if character == "'" || character == "\"" {
          quote = character
        } else if character == "\\", line.index(after: index) < line.endIndex {
          index = line.index(after: index)
          text.append(line[index])
        } else {
          text.append(character)
        }
        index = line.index(after: index)
      }
      tokens.append((text, start..<index))
    }
    return tokens
  }
}
