extension SecretScanner {
  /// A password given on a command line (an Execute Command node, a shell step, a script): a
  /// long option named as a secret's (`--password=…`, `--api-key …`), MySQL's `-p…`, sshpass's
  /// `-p`, redis-cli's `-a`, curl's `-u user:…`, Kafka's `basic.auth.user.info`, sqlcmd's
  /// `-P`, MongoDB's `-p`, keytool's `-storepass`, OpenSSL's `pass:`, libpq's `password=`, and a
  /// variable set for a command (`PGPASSWORD=… psql`). A value in quotes is taken whole, spaces
  /// and the other quote in it (`-p "pa ss"` left `ss` in clear when a value was a word); a
  /// word ends before a template's `{` (`-P s3cret{{ $json.n }}` keeps its expression). A value
  /// that begins as a reference (`$PW`, `{{ … }}`, `%PW%`) or a placeholder (`<password>`,
  /// `YOUR_…`, `***`) is none, nor is a prompt (`mysql -p`).
  /// Anchors stand in few texts: a tool's name, a variable's ending in capitals. `--` stands in
  /// SQL comments and Markdown rules too: the name after it is read first. Every run is
  /// bounded: tried from each time a tool is named to the end of a long line, a 160 KB note
  /// took 70 s; a secret is shorter than 256 bytes.
  nonisolated(unsafe) static let commandLinePatterns: [Pattern] =
    ([
      Pattern(
        "password in command line", ["--"], sharing: longOption, mayMatch: namesSecretOption, secret: Pattern.valueAfterName),
      Pattern("password in command line", ["mysql"], sharing: mysqlPassword, secret: Pattern.endingValue(after: "-p")),
      Pattern("password in command line", ["mariadb"], sharing: mysqlPassword, secret: Pattern.endingValue(after: "-p")),
      Pattern(
        "password in command line", ["sshpass"], sharing: CommandLineText.expression(#"sshpass[ \t]+-p[ \t]*"# + CommandLineText.value(3)),
        secret: Pattern.endingValue(after: "-p")),
      Pattern(
        "password in command line", ["redis-cli"],
        sharing: CommandLineText.expression(#"redis-cli"# + CommandLineText.optionsBefore + #"-a[ \t]+(?!-)"# + CommandLineText.value(3)),
        secret: Pattern.lastValue),
      Pattern(
        "password in command line", ["curl"],
        sharing: CommandLineText.expression(
          #"curl(?:[ \t][^\n|;&]{0,200}?)?[ \t](?:-u|--user)(?:[ \t]*|=)"#
            + CommandLineText.userAndPassword("[^" + CommandLineText.wordEnd + "]")),
        secret: Pattern.passwordAfterUser),
      Pattern(
        "password in command line", ["basic.auth.user.info"],
        sharing: CommandLineText.expression(
          #"basic\.auth\.user\.info["']?[ \t]*[=:][ \t]*"# + CommandLineText.userAndPassword("[^" + CommandLineText.wordEnd + "]")),
        secret: Pattern.passwordAfterUser),
      Pattern("password in command line", ["sqlcmd"], sharing: sqlcmdPassword, secret: Pattern.endingValue(after: "-P")),
      Pattern("password in command line", ["SQLCMD"], sharing: sqlcmdPassword, secret: Pattern.endingValue(after: "-P")),
      // MongoDB's tools take the password as the word after `-p`; `-p` last, or before another
      // option, asks for it.
      Pattern(
        "password in command line", ["mongo"],
        sharing: CommandLineText.expression(
          #"(?:^|[\s;&|("'`])mongo(?:sh|dump|restore|export|import|stat|top|files)?(?:\.exe)?[ \t]"# + CommandLineText.optionsBefore
            + #"-p[ \t]+(?!-)"# + CommandLineText.value(3)),
        secret: Pattern.lastValue),
      // keytool's and jarsigner's `-storepass`, `-keypass`, `-srcstorepass`, …; `-storepass:env
      // NAME` and `-storepass:file path` name where it is.
      Pattern("password in command line", ["storepass"], sharing: keystorePassword, secret: Pattern.lastValue),
      Pattern("password in command line", ["keypass"], sharing: keystorePassword, secret: Pattern.lastValue),
      // OpenSSL's `-passin pass:…`; `env:NAME`, `file:path` and `stdin` name where it is.
      Pattern(
        "password in command line", ["pass:"],
        sharing: CommandLineText.expression(
          #"-pass(?:in|out)?[ \t]+(?:"pass:"# + CommandLineText.notPlaceholder + #"[^"\n]{3,256}"|'pass:"# + CommandLineText.notPlaceholder
            + #"[^'\n]{3,256}'|pass:"# + CommandLineText.value(3) + ")"),
        secret: Pattern.endingValue(after: "pass:")),
      Pattern(
        "password in command line", ["docker"],
        sharing: CommandLineText.expression(
          #"docker(?:\.exe)?[ \t]+login[ \t]"# + CommandLineText.optionsBefore + #"(?:-p|--password)[ \t]+(?!-)"# + CommandLineText.value(3)
        ),
        secret: Pattern.lastValue),
      // A Java system property named as a secret's (`-Djavax.net.ssl.keyStorePassword=…`).
      Pattern(
        "password in command line", ["-D", "="],
        sharing: CommandLineText.expression(
          #"-D[A-Za-z0-9_.\-]{0,128}(?i:password|passwd|secret|token|apikey|api\.key)="# + CommandLineText.value(3)),
        mayMatch: namesSecretParameter, secret: Pattern.valueAfterEquals),
      // libpq's connection string, `host=db dbname=app password=…`, as psql and the drivers take it.
      Pattern("password in connection string", ["password", "host="], sharing: keywordPassword, secret: Pattern.valueAfterEquals),
      Pattern("password in connection string", ["password", "dbname="], sharing: keywordPassword, secret: Pattern.valueAfterEquals),
    ]
    + ["WORD=", "WD=", "PHRASE=", "PASS=", "TOKEN=", "SECRET=", "KEY="].map { ending in
      Pattern("password in command line", [ending], sharing: secretVariable, secret: Pattern.valueAfterEquals)
    }).map { $0.leavingPlaceholders() }

  /// The pieces the command-line expressions share, as expression text: Swift's expression
  /// literals cannot take a piece from elsewhere, and each spelled the same placeholders.
  enum CommandLineText {
    /// What a value must not begin with: a reference or a placeholder.
    static let notPlaceholder = #"(?!\$|\{\{|<|%|YOUR|REPLACE|xxx|XXX|\*\*\*)"#
    /// Other options and words between a tool's name and the option that takes the password.
    static let optionsBefore = #"(?:[^\n|;&]{0,200}?[ \t])?"#

    /// The characters a word ends before, as an expression's class holds them: a space, a quote,
    /// a backslash, a shell operator, a template's `{`, and what closes code or markup around
    /// it (`` ` ``, `)`, `]`, `}`, `<`, `,`), which the redaction took with it.
    static let wordEnd = #"\s"'|;&{\\`()\[\]}<>,"#

    /// A value of `minimum` characters or more in quotes, whole: escapes in it (`"pa\"ss"`), or
    /// the quotes themselves escaped in code (`\"…\"`); `after` follows a closing quote.
    static func quotedValue(_ minimum: Int, after: String = "") -> String {
      "\"" + notPlaceholder + #"(?:[^"\\\n]|\\.){\#(minimum),256}""# + after + #"|'"# + notPlaceholder
        + #"(?:[^'\\\n]|\\.){\#(minimum),256}'"# + after + #"|\\""# + notPlaceholder + #"[^"\\\n]{\#(minimum),256}\\"|\\'"#
        + notPlaceholder + #"[^'\\\n]{\#(minimum),256}\\'"#
    }

    /// A value of `minimum` characters or more: in quotes (`quotedValue`), or a word up to a
    /// `wordEnd`.
    static func value(_ minimum: Int) -> String {
      "(?:" + quotedValue(minimum) + "|" + notPlaceholder + "[^" + wordEnd + #"]{\#(minimum),256})"#
    }

    /// `user:password`, in quotes or not, the password's characters outside quotes being
    /// `unquoted`; a user that is a reference or a placeholder (`$U`, `<redacted:…>`) is none.
    static func userAndPassword(_ unquoted: String) -> String {
      #"(?:"[^\s:"$<]{1,128}:"# + notPlaceholder + #"[^"\n]{3,256}"|'[^\s:'$<]{1,128}:"# + notPlaceholder
        + #"[^'\n]{3,256}'|[^\s:"'$<]{1,128}:"# + notPlaceholder + unquoted + "{3,256})"
    }

    /// The expression of `text`, built when first matched (`LazyRegex`); the text is this
    /// file's own, and the scanner's tests match every pattern.
    static func expression(_ text: String) -> LazyRegex {
      LazyRegex {
        do { return try Regex(text, as: Substring.self) } catch { preconditionFailure("a command-line pattern does not compile: \(error)") }
      }
    }
  }

  /// `--password=…`, `--db-password …`, `--api-key …`, in lower case as options are written: in
  /// quotes, a value of six characters or more (not a quoted key before its `=`, as fps's own
  /// `--secret 'my key'=…` has); outside them, one with a digit too, since prose names options
  /// ("pass it with the --api-key option").
  private static let longOption = CommandLineText.expression(
    #"--(?:[A-Za-z0-9]+[\-_])*(?:password|passwd|passphrase|pass|pwd|token|api[\-_]?key|secret|client[\-_]?secret|access[\-_]?key|secret[\-_]?key|auth[\-_]?token|access[\-_]?token)(?:=|[ \t]+)(?:"#
      + CommandLineText.quotedValue(6, after: "(?!=)") + "|(?!-)" + CommandLineText.notPlaceholder + "(?=[^" + CommandLineText.wordEnd
      + "]{0,255}[0-9])[^" + CommandLineText.wordEnd + "]{6,256})")
  /// MySQL's and MariaDB's tools, named as a command (not `mysqlRowsLeft`), take the password
  /// joined to `-p` (`-pS3cret`); `-p` alone asks, and `-p3306:3306` is a port (docker's), as
  /// `-pno:cacheprovider` is pytest's: a word that goes on with a colon is none.
  private static let mysqlPassword = CommandLineText.expression(
    #"(?:^|[\s;&|("'`])(?:mysql(?:dump|admin|import|check|show|sh)?|mariadb(?:-dump|-admin)?)(?:\.exe)?[ \t]"#
      + CommandLineText.optionsBefore + "-p(?:" + CommandLineText.quotedValue(3) + "|" + CommandLineText.notPlaceholder + "[^"
      + CommandLineText.wordEnd + ":]{3,256}(?![^" + CommandLineText.wordEnd + "]))")
  /// A variable set for a command or exported (`PGPASSWORD=… psql`, `export API_TOKEN=…`,
  /// `PASSWORD=… ./run`, docker's `-e "POSTGRES_PASSWORD=…"`), named in capitals as shells
  /// name them: its value in quotes, of eight characters or more, or a word of eight or more
  /// with letters and a digit, as a value given to a name in code must be (`assignedValue`).
  /// The shell's working folders (`PWD`, `OLDPWD`) are none.
  private static let secretVariable = CommandLineText.expression(
    #"(?:^|[\s;&|("'`])(?!(?:OLD)?PWD=)[A-Z0-9_]{0,64}(?:PASSWORD|PASSWD|PASSPHRASE|PWD|PASS|TOKEN|SECRET|API_KEY|APIKEY|ACCESS_KEY|SECRET_KEY)=(?:"#
      + CommandLineText.quotedValue(8) + "|" + CommandLineText.notPlaceholder + "(?=[^" + CommandLineText.wordEnd + "$]{0,255}[0-9])(?=[^"
      + CommandLineText.wordEnd + "$]{0,255}[A-Za-z])[^" + CommandLineText.wordEnd + "$]{8,256})")
  /// sqlcmd's `-P`, its name in either case as Windows runs it (`SQLCMD.EXE`).
  private static let sqlcmdPassword = CommandLineText.expression(
    #"(?i:sqlcmd(?:\.exe)?)[ \t]"# + CommandLineText.optionsBefore + #"-P[ \t]*(?!-)"# + CommandLineText.value(3))
  private static let keystorePassword = CommandLineText.expression(
    #"-(?:src|dest)?(?:store|key)pass[ \t]+(?!-)"# + CommandLineText.value(3))
  /// `password=…` among libpq's `keyword=value` pairs, quoted in single quotes or not; a value
  /// that runs into code (`password=pw)`, `password=os.environ[…]`) is none, nor one that
  /// names where the password is (`env:`, `file:`).
  private static let keywordPassword = CommandLineText.expression(
    #"(?:^|[\s"'])password[ \t]*=[ \t]*(?:'"# + CommandLineText.notPlaceholder + #"(?!env:|file:)[^'\\\n]{3,256}'|(?!['"{])"#
      + CommandLineText.notPlaceholder + #"(?!env:|file:)[^\s'"()\[\]{},;]{3,256}(?![^\s'"]))"#)
}

extension SecretScanner.Pattern {
  /// What a match's closing quote encloses, when it ends with one, up to a template in it
  /// (`"s3cret{{ $json.n }}"` keeps its expression); else nil. A closing quote escaped in code
  /// (`\"…\"`) opens with one escaped too, and holds no backslash; any other opens at the last
  /// quote before it that no backslash escapes (`"pa\"ss"` is all of `pa\"ss`).
  private static func quoted(_ match: Substring) -> Substring? {
    guard let quote = match.last, quote == "\"" || quote == "'" else { return nil }
    var body = match.dropLast()
    let escaped = body.last == "\\"
    if escaped { body = body.dropLast() }
    var open = body.endIndex
    repeat {
      guard let found = body[..<open].lastIndex(of: quote) else { return nil }
      open = found
    } while !escaped && open > body.startIndex && body[body.index(before: open)] == "\\"
    let value = body[body.index(after: open)...]
    return value.firstRange(of: "{{").map { value[..<$0.lowerBound] } ?? value
  }

  /// The value a match ends with, in quotes or a word (after its last space or quote), without
  /// `prefix` (an option joined to it, `-pS3cret`; OpenSSL's `pass:`).
  static func endingValue(after prefix: String) -> (Substring) -> Substring {
    { match in
      let value = quoted(match) ?? match.lastIndex { " \t'\"".contains($0) }.map { match[match.index(after: $0)...] } ?? match
      return value.hasPrefix(prefix) ? value.dropFirst(prefix.count) : value
    }
  }

  /// The value a match ends with, in quotes or a word (`endingValue`).
  static func lastValue(_ match: Substring) -> Substring { endingValue(after: "")(match) }

  /// The password of `user:password` a match ends with (`curl -u ana:…`, `-u 'ana:pa ss'`,
  /// `--user=ana:…`): a user holds no colon.
  static func passwordAfterUser(_ match: Substring) -> Substring {
    let value = lastValue(match)
    return value.firstIndex(of: ":").map { value[value.index(after: $0)...] } ?? value
  }

  /// The value after a long option's name: in quotes, or all after the `=` or spaces that
  /// follow the name (a word may hold `=`).
  static func valueAfterName(_ match: Substring) -> Substring {
    if let value = quoted(match) { return value }
    guard let end = match.firstIndex(where: { $0 == "=" || $0 == " " || $0 == "\t" }) else { return match }
    return match[end...].drop { "= \t".contains($0) }
  }

  /// The value after a match's first `=`: in quotes, or all of the word (a variable's,
  /// `PGPASSWORD=…`; a connection string's, `password = …`).
  static func valueAfterEquals(_ match: Substring) -> Substring {
    if let value = quoted(match) { return value }
    guard let equals = match.firstIndex(of: "=") else { return match }
    return match[match.index(after: equals)...].drop { " \t".contains($0) }
  }
}
