import FlowModel

/// Finds secrets written in clear into a flow: bearer tokens, API keys, JWTs, passwords in URLs,
/// basic-auth headers, private keys, and non-empty literal values of members named like
/// passwords or tokens. Credentials belong in connections; these are findings on load, and
/// `export --redact` replaces them with placeholders.
public enum SecretScanner {
  /// One secret found: where, and what kind.
  public struct Match: Hashable, Sendable, CustomStringConvertible {
    /// The JSON path of the string that holds it.
    public var path: String
    /// What it looks like, such as `bearer token` or `password value`, for the finding's message.
    public var kind: String
    /// The finding as shown on load: `bearer token in clear at nodes[1].config.headers`.
    public var description: String { "\(kind) in clear at \(path)" }
  }

  /// Patterns with their kind. Each is specific enough that an ordinary sentence does not match:
  /// tokens must hold a digit ("Bearer YOUR-API-KEY-HERE", "Basic Authentication" are not
  /// secrets), a private key must be followed by key material.
  ///
  /// Each has a literal anchor every match contains, checked first: regular expressions are
  /// slow, and almost no string holds an anchor, so scanning stays a byte search.
  nonisolated(unsafe) static let patterns: [Pattern] =
    [
      Pattern(
        // Its lines may be written as `\n` escapes, in code that builds the key.
        "private key", ["PRIVATE KEY"], /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+\/=\s\\]{40,}(?:-----END [A-Z ]*PRIVATE KEY-----)?/
      ),
      Pattern("JWT", ["eyJ"], finding: JSONWebToken.first(in:)),
      // HTTP's scheme names are case-insensitive: code writes `bearer` too. Two anchors, not
      // `earer`: `e` begins most words, and each is a candidate to compare.
      Pattern("bearer token", ["Bearer"], sharing: bearer).leavingPlaceholders(),
      Pattern("bearer token", ["bearer"], sharing: bearer).leavingPlaceholders(),
      Pattern("API key", ["sk-"], /sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}/),
      Pattern("basic-auth header", ["Basic"], /Basic\s+(?=[A-Za-z0-9+\/]*[0-9+\/=])[A-Za-z0-9+\/]{12,}={0,2}/),
      // A scheme of at most 32 characters: unbounded, a run of letters was read to its end from
      // each of its letters in turn, and a 40 KB one took 39 s. The password runs to the last
      // `@` before the path, the query or a quote: one written unencoded (`app:p@ss@db`) left
      // the rest of it in clear.
      Pattern(
        "password in URL", ["://", "@"], /[A-Za-z][A-Za-z0-9+.\-]{0,31}:\/\/[^\/\s:@{}?#]*:[^\/\s{}"?#]+@/, secret: Pattern.passwordInURL),
      // Oracle's thin driver writes `jdbc:oracle:thin:user/password@host:1521:sid`, without `//`.
      Pattern("password in URL", ["jdbc:oracle", "@"], /jdbc:oracle:thin:[^\/\s@:]+\/[^\/\s@]+@/, secret: Pattern.oraclePassword),
      // Google's API keys.
      Pattern("API key", ["AIza"], /AIza[0-9A-Za-z_\-]{35}/),
      // In a URL (JDBC's `;password=` too), or in a query after a path that is not one yet
      // (`{{base}}/v1?api_key=…`).
      Pattern("secret in URL parameter", ["://", "="], sharing: urlParameter, mayMatch: namesSecretParameter, secret: Pattern.queryValue),
      Pattern("secret in URL parameter", ["?", "="], sharing: urlParameter, mayMatch: namesSecretParameter, secret: Pattern.queryValue),
      // A form-encoded body: `grant_type=password&username=u&password=…`.
      Pattern("secret in URL parameter", ["&", "="], sharing: urlParameter, mayMatch: namesSecretParameter, secret: Pattern.queryValue),
      // A connection string of `key=value;` pairs (ADO.NET's, ODBC's): `…;Password=…;`.
      Pattern(
        "password in connection string", [";", "="], sharing: urlParameter, mayMatch: namesSecretParameter, secret: Pattern.queryValue),
      // Tokens a service marks by their prefix: GitHub's (`ghp_`, `github_pat_`), Slack's
      // (`xoxb-`), AWS access key ids (`AKIA`, `ASIA`), Telegram bots' (`123456789:AA…`).
      // One pattern a prefix, not `gh` and `_`: those two stand in most code.
      Pattern("GitHub token", ["ghp_"], sharing: gitHubToken),
      Pattern("GitHub token", ["gho_"], sharing: gitHubToken),
      Pattern("GitHub token", ["ghu_"], sharing: gitHubToken),
      Pattern("GitHub token", ["ghs_"], sharing: gitHubToken),
      Pattern("GitHub token", ["ghr_"], sharing: gitHubToken),
      Pattern("GitHub token", ["github_pat_"], sharing: gitHubToken),
      // Slack's token kinds (bot, user, app, refresh, session), with a digit: `xoxo-…` is a kiss.
      Pattern("Slack token", ["xox"], /xox[abprs]-(?=[A-Za-z0-9\-]*[0-9])[A-Za-z0-9\-]{10,}/),
      Pattern("AWS access key", ["AKIA"], sharing: awsAccessKey),
      Pattern("AWS access key", ["ASIA"], sharing: awsAccessKey),
      Pattern("Telegram bot token", [":AA"], /[0-9]{8,10}:AA[A-Za-z0-9_\-]{26,}/),
      // Webhook URLs whose path is the secret: anyone who has one can post.
      Pattern(
        "webhook URL", ["hooks.slack.com/services/"], /hooks\.slack\.com\/services\/(?=[A-Za-z0-9_\/\-]*[0-9])[A-Za-z0-9_\/\-]{16,}/,
        secret: Pattern.afterLast("services/")),
      Pattern(
        "webhook URL", ["/api/webhooks/"], /\/api\/webhooks\/[0-9]+\/(?=[A-Za-z_\-]*[0-9])[A-Za-z0-9_\-]{16,}/,
        secret: Pattern.afterLast("/")
      ),
      // A header written in code or a command line (`curl -H 'Authorization: Token …'`,
      // `{Authorization: 'key=…'}`), a digit in its token: a reference (`{{ … }}`, `$…`), a
      // property (`msg.payload.token`), a call or a placeholder (`YOUR_API_TOKEN`) is not one.
      Pattern("authorization header", ["uthorization"], sharing: authorizationHeader, secret: Pattern.lastWord).leavingPlaceholders(),
      Pattern("authorization header", ["UTHORIZATION"], sharing: authorizationHeader, secret: Pattern.lastWord).leavingPlaceholders(),
      // `X-API-Key: …` as a header is written in any case.
      Pattern("API key header", ["pi-key"], sharing: apiKeyHeader, secret: Pattern.lastWord).leavingPlaceholders(),
      Pattern("API key header", ["pi-Key"], sharing: apiKeyHeader, secret: Pattern.lastWord).leavingPlaceholders(),
      Pattern("API key header", ["PI-Key"], sharing: apiKeyHeader, secret: Pattern.lastWord).leavingPlaceholders(),
      Pattern("API key header", ["PI-KEY"], sharing: apiKeyHeader, secret: Pattern.lastWord).leavingPlaceholders(),
    ] + commandLinePatterns

  /// True when some `--` in `bytes` opens an option whose name ends as a secret's does
  /// (`--password`, `--api-key`), followed by `=` or a space: `longOption` is worth running.
  /// `--` stands in SQL comments, decrements and Markdown rules.
  static func namesSecretOption(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index + 2 < bytes.count {
      guard bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-") else {
        index += 1
        continue
      }
      var end = index + 2
      while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
      if end < bytes.count, bytes[end] == UInt8(ascii: "=") || bytes[end] == 0x20 || bytes[end] == 0x09, endsSecretName(bytes, at: end) {
        return true
      }
      index = max(end, index + 2)
    }
    return false
  }

  private static let gitHubToken = LazyRegex {
    /gh[pousr]_(?=[A-Za-z]*[0-9])[A-Za-z0-9]{30,}|github_pat_(?=[A-Za-z_]*[0-9])[A-Za-z0-9_]{40,}/
  }
  /// Twenty letters and digits, a digit among them, not part of a longer word, and not AWS's
  /// documentation's example (`AKIAIOSFODNN7EXAMPLE`).
  private static let awsAccessKey = LazyRegex { /(?:AKIA|ASIA)(?=[0-9A-Z]{0,15}[0-9])(?![0-9A-Z]*EXAMPLE)[0-9A-Z]{16}(?![0-9A-Za-z])/ }
  private static let apiKeyHeader = LazyRegex {
    /(?i:api-key)["']?\s*:\s*["']?(?=[A-Za-z0-9\-._~+\/=]{0,1023}[0-9])[A-Za-z0-9\-._~+\/=]{12,1024}(?![A-Za-z0-9(])/
  }
  private static let authorizationHeader = LazyRegex {
    /(?i:authorization)["']?\s*[:=]\s*["']?(?:(?i:token|bot|digest)\s+)?(?=[A-Za-z0-9\-._~+\/=:]{0,1023}[0-9])[A-Za-z0-9\-._~+\/=:]{12,1024}(?![A-Za-z0-9(])/
  }

  /// `Bearer …` or `bearer …`: a token of 16 characters or more, a digit among them.
  private static let bearer = LazyRegex { /[Bb]earer\s+(?=[A-Za-z0-9\-._~+\/]*[0-9])[A-Za-z0-9\-._~+\/]{16,}=*/ }

  /// `?password=…`, `&api_key=…`, `;password=…` (JDBC), `&sig=…` (a signed URL); a value that
  /// is an expression or a placeholder (`{{…}}`, `${…}`, `<key>`, `YOUR_KEY`) is not a secret.
  private static let urlParameter = LazyRegex {
    /[?&;](?:[A-Za-z0-9_\-]*[_\-])?(?i:password|passwd|passphrase|pwd|pw|pass|api[_\-]?key|access[_\-]?key|app[_\-]?key|access[_\-]?token|auth[_\-]?token|token|secret|client[_\-]?secret|sig|signature)=(?!YOUR|REPLACE|xxx|XXX|\*\*\*|\$\{|\{\{)[^&;\s#{}<>"']{4,}/
  }

  /// The ends of the names `urlParameter` takes, lower-case: every name it matches ends in one
  /// (`SecretScannerTests` tries each of its names).
  static let secretParameterEndings: [[UInt8]] = ["word", "wd", "phrase", "pw", "pass", "key", "token", "secret", "sig", "signature"]
    .map { Array($0.utf8) }
  private static let longestEnding = secretParameterEndings.map(\.count).max() ?? 0

  /// True when some `=` in `bytes` follows a name that ends as a secret parameter's does
  /// (`password=`, `api_key=`, `sig=`), ASCII case folded, or follows letters beyond ASCII,
  /// which the expression's case folding may take for ASCII ones (`K`, the Kelvin sign, is
  /// `k`): `urlParameter` is worth running.
  /// Its anchors, `?` and `=`, stand in most lines of code, and the regular expression steps
  /// through a long text slowly: it was an eighth of a diff of Node-RED flows full of
  /// function nodes, none of which passed this test.
  static func namesSecretParameter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.indices.contains { end in bytes[end] == UInt8(ascii: "=") && endsSecretName(bytes, at: end) }
  }

  /// True when the bytes before `end` end as a secret name does (`password`, `api_key`,
  /// `sig`), ASCII case folded, or hold letters beyond ASCII, which the expressions' case
  /// folding may take for ASCII ones (`K`, the Kelvin sign, is `k`).
  private static func endsSecretName(_ bytes: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
    bytes[end - min(end, longestEnding)..<end].contains { $0 >= 0x80 }
      || secretParameterEndings.contains { ending in
        end >= ending.count && ending.indices.allSatisfy { bytes[end - ending.count + $0] | 0x20 == ending[$0] }
      }
  }

  /// A kind of secret written into text, found by a regular expression or by hand.
  struct Pattern {
    let kind: String
    /// Literals every match holds, looked for first.
    let anchors: [String]
    /// A cheaper test every match passes, asked of the text's UTF-8 once its anchors are found.
    let mayMatch: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool
    /// The range of the first match in a text, or nil.
    let firstMatch: @Sendable (Substring) -> Range<String.Index>?
    /// The secret inside a match: all of it but for a URL, whose scheme, user and host stay
    /// readable around a replaced password (`https://ana:<secret removed>@nas.local/`).
    let secret: (Substring) -> Substring
    /// True for a pattern whose match is no secret when its secret is a placeholder or prose
    /// (`-P flag`, `X-API-Key: your-…-key`; `leavingPlaceholders()`): one that reads a value
    /// given to an option or a header, not key material (a private key, a JWT, a URL).
    private(set) var leavesPlaceholders = false

    /// The pattern, leaving matches whose secret is a placeholder or prose.
    func leavingPlaceholders() -> Pattern {
      var pattern = self
      pattern.leavesPlaceholders = true
      return pattern
    }

    /// True when `match` holds a secret by this pattern (see `leavesPlaceholders`).
    private func holdsSecret(_ match: Substring) -> Bool {
      !leavesPlaceholders || !SecretScanner.isPlaceholderOrProse(secret(match))
    }

    init(
      _ kind: String, _ anchors: [String], _ regex: @autoclosure @escaping @Sendable () -> Regex<Substring>,
      mayMatch: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Bool = { _ in true },
      secret: @escaping (Substring) -> Substring = { $0 }
    ) {
      self.init(kind, anchors, sharing: LazyRegex(regex), mayMatch: mayMatch, secret: secret)
    }

    /// A pattern whose expression another pattern uses too, built once for both.
    init(
      _ kind: String, _ anchors: [String], sharing regex: LazyRegex,
      mayMatch: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Bool = { _ in true },
      secret: @escaping (Substring) -> Substring = { $0 }
    ) {
      self.init(kind, anchors, finding: { $0.firstMatch(of: regex.regex)?.range }, mayMatch: mayMatch, secret: secret)
    }

    /// A pattern found by hand, where a regular expression would take time quadratic in the
    /// length of some texts.
    init(
      _ kind: String, _ anchors: [String], finding firstMatch: @escaping @Sendable (Substring) -> Range<String.Index>?,
      mayMatch: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Bool = { _ in true },
      secret: @escaping (Substring) -> Substring = { $0 }
    ) {
      (self.kind, self.anchors, self.firstMatch, self.mayMatch, self.secret) = (kind, anchors, firstMatch, mayMatch, secret)
    }

    /// True when the pattern matches somewhere in `text`.
    func matches(_ text: String) -> Bool {
      var rest = text[...]
      while let match = firstMatch(rest), !match.isEmpty {
        if holdsSecret(rest[match]) { return true }
        rest = rest[match.upperBound...]
      }
      return false
    }

    /// `text` with each match that holds a secret (`holdsSecret`) replaced by what
    /// `replacement` makes of it. No pattern matches an empty text (each needs characters of a
    /// secret), so each match moves on.
    func replacingMatches(in text: String, _ replacement: (Substring) -> String) -> String {
      var (result, rest) = ("", text[...])
      while let match = firstMatch(rest), !match.isEmpty {
        let matched = rest[match]
        result += rest[..<match.lowerBound] + (holdsSecret(matched) ? replacement(matched) : String(matched))
        rest = rest[match.upperBound...]
      }
      return result + rest
    }

    /// The password of Oracle's `jdbc:oracle:thin:user/password@host`: between the `/` and
    /// the `@` that ends the match.
    static func oraclePassword(_ match: Substring) -> Substring {
      guard let slash = match.firstIndex(of: "/"), match.last == "@" else { return match }
      return match[match.index(after: slash)..<match.index(before: match.endIndex)]
    }

    /// What follows the last `marker` in the match: a webhook's path after `services/`.
    static func afterLast(_ marker: String) -> (Substring) -> Substring {
      { match in match.ranges(of: marker).last.map { match[$0.upperBound...] } ?? match }
    }

    /// A header's value after its name and scheme: the match's last word, or what follows its
    /// first `:` or `=` when it has one word (`Authorization:abc…`).
    static func lastWord(_ match: Substring) -> Substring {
      let before = match.lastIndex { " '\"\t".contains($0) } ?? match.firstIndex { $0 == ":" || $0 == "=" }
      return before.map { match[match.index(after: $0)...] } ?? match
    }

    /// The value of `?name=value`: all after the first `=`.
    static func queryValue(_ match: Substring) -> Substring {
      match.firstIndex(of: "=").map { match[match.index(after: $0)...] } ?? match
    }

    /// The password of `scheme://user:password@`: from the first `:` after `://` (a user
    /// holds none) to the `@` that ends the match.
    static func passwordInURL(_ match: Substring) -> Substring {
      guard let authority = match.firstRange(of: "://")?.upperBound, let colon = match[authority...].firstIndex(of: ":"),
        match.last == "@"
      else { return match }
      return match[match.index(after: colon)..<match.index(before: match.endIndex)]
    }
  }

  /// Every anchor of `patterns`, once, as bytes; a pattern's anchors as bits of this list.
  private static let anchors: [[UInt8]] = Set(patterns.flatMap(\.anchors)).sorted().map { Array($0.utf8) }
  private static let anchorMasks: [UInt64] = patterns.map { pattern in
    pattern.anchors.reduce(0) { mask, anchor in mask | 1 << anchors.firstIndex(of: Array(anchor.utf8))! }
  }
  /// True when some pattern has no anchor, and so may match any text.
  private static let somePatternHasNoAnchor = anchorMasks.contains(0)
  /// For each byte value, the anchors that start with it, as bits of `anchors`.
  private static let anchorsStartingWith: [UInt64] = (0...255).map { byte in
    anchors.indices.reduce(0) { mask, index in anchors[index].first == UInt8(byte) ? mask | 1 << index : mask }
  }

  /// For each two bytes side by side, whether an anchor may start at the first: bit
  /// `first << 8 | second` of the table is set for each anchor's first two bytes, and for
  /// every byte after a one-byte anchor. Most bytes of a text begin some anchor (`e`, `s`,
  /// `p`, `=`), and almost no two do.
  private static let anchorPairs: [UInt64] = anchors.reduce(into: [UInt64](repeating: 0, count: 1 << 16 / 64)) { table, anchor in
    for second in anchor.count > 1 ? anchor[1]...anchor[1] : 0...255 {
      let pair = Int(anchor[0]) << 8 | Int(second)
      table[pair >> 6] |= 1 << (pair & 63)
    }
  }

  /// Which anchors `bytes` hold, as bits of `anchors`, in one pass: a string is searched once,
  /// not once per anchor (scanning every string of a bulk load was a seventh of it). Each byte
  /// is looked up with the one after it (`anchorPairs`, the last with a NUL, which no anchor
  /// holds), and only where the two begin some anchor are the anchors that begin with the
  /// first compared (`anchorsBeginning`, out of the loop: most bytes begin none). The tables
  /// are read through pointers: indexing the arrays themselves in this loop retained and
  /// released a table per byte, most of the scan's cost; and the loop steps a pointer, where an
  /// index checked for overflow at each step took twice the instructions a byte.
  private static func anchorsFound(in bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let first = bytes.baseAddress, !bytes.isEmpty else { return 0 }
    return anchorPairs.withUnsafeBufferPointer { pairs in
      let pairs = pairs.baseAddress!
      var found: UInt64 = 0
      var byte = first
      let last = first + (bytes.count - 1)
      while byte < last {
        let pair = Int(byte.pointee) << 8 | Int(byte[1])
        if pairs[pair >> 6] & 1 << (pair & 63) != 0 {
          found |= anchorsBeginning(at: byte - first, in: bytes, besides: found)
        }
        byte += 1
      }
      let pair = Int(last.pointee) << 8
      if pairs[pair >> 6] & 1 << (pair & 63) != 0 {
        found |= anchorsBeginning(at: bytes.count - 1, in: bytes, besides: found)
      }
      return found
    }
  }

  /// The anchors other than `found` that stand in `bytes` at `start`, as bits of `anchors`.
  @inline(never)
  private static func anchorsBeginning(at start: Int, in bytes: UnsafeBufferPointer<UInt8>, besides found: UInt64) -> UInt64 {
    var beginning: UInt64 = 0
    var candidates = anchorsStartingWith[Int(bytes[start])] & ~found
    while candidates != 0 {
      let anchor = candidates.trailingZeroBitCount
      candidates &= candidates - 1
      if holds(anchors[anchor], at: start, in: bytes) { beginning |= 1 << anchor }
    }
    return beginning
  }

  /// True when `literal` stands in `bytes` at `start`.
  private static func holds(_ literal: [UInt8], at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard start + literal.count <= bytes.count else { return false }
    return literal.indices.allSatisfy { bytes[start + $0] == literal[$0] }
  }

  /// The patterns whose anchors all appear in `text`: the only ones worth a regular expression.
  /// Most strings that hold an anchor (`://` in every URL) hold no pattern's whole set, and
  /// are answered without building a list.
  private static func candidates(in text: String) -> [Pattern] {
    StringBytes.bytes(of: text) { bytes in
      let found = anchorsFound(in: bytes)
      // Most texts hold no anchor at all (a member's name, a word): no mask is looked at.
      guard found != 0 || somePatternHasNoAnchor, anchorMasks.contains(where: { $0 & found == $0 }) else { return [] }
      return patterns.indices.filter { anchorMasks[$0] & found == anchorMasks[$0] && patterns[$0].mayMatch(bytes) }.map { patterns[$0] }
    }
  }

  /// Words that make a member name a secret's wherever they stand: `Secret Access Key`,
  /// `Client Secret Value`, `db_password`, `sasl.jaas.config`.
  static let secretWords: Set<String> = [
    "password", "passwd", "pwd", "pw", "passphrase", "secret", "secrets", "jaas", "credential", "credentials",
  ]
  /// Last words that make a name a secret's: `token`, `apiKey`, `x-api-key`, and the HTTP
  /// headers that carry credentials, `Authorization`, `Proxy-Authorization`, `Cookie`.
  static let secretLastWords: Set<String> = [
    "token", "apikey", "accesstoken", "refreshtoken", "clientsecret", "privatekey", "secretkey", "authorization", "cookie", "cookies",
    "pass",
  ]
  /// Words before a final `key` that make it a secret: `api key`, `private key`, `access key`.
  static let keyQualifiers: Set<String> = [
    "api", "access", "secret", "private", "client", "auth", "signing", "encryption", "master", "account", "subscription", "shared",
  ]
  /// Last words that name something about a secret, not the secret: `tokenUrl`, `passwordType`,
  /// `credentialsId`, `AWS Credentials Provider service`, `basic.auth.credentials.source`.
  static let aboutWords: Set<String> = [
    "url", "uri", "endpoint", "type", "name", "names", "path", "file", "id", "ids", "expiry", "expires", "expiration", "header",
    "location", "field", "prefix", "length", "mode", "provider", "service", "strategy", "algorithm", "format", "policy", "ref",
    "reference", "required", "enabled", "set", "source",
  ]

  /// True for the words of Kafka's `basic.auth.user.info`, which holds `user:password`.
  private static func isUserInfoName(_ words: [String]) -> Bool {
    words.suffix(3).elementsEqual(["auth", "user", "info"])
  }

  /// First words that make a name a setting about secrets, not one: Make's `shareCookies`,
  /// `useToken`, `askPassword`. Not `store` or `save`: `storePassword` is a keystore's.
  static let settingVerbs: Set<String> = ["share", "use", "enable", "allow", "include", "ask"]

  /// The words of a member name, lower-cased: split at anything not a letter or digit and
  /// between a lower-case letter and an upper-case one (`clientSecret` -> client, secret).
  static func words(of name: String) -> [String] {
    var words: [String] = []
    var current = ""
    var previousLower = false
    for character in name {
      if !(character.isLetter || character.isNumber) {
        if !current.isEmpty { words.append(current) }
        current = ""
        previousLower = false
        continue
      }
      if character.isUppercase, previousLower, !current.isEmpty {
        words.append(current)
        current = ""
      }
      current.append(contentsOf: character.lowercased())
      previousLower = character.isLowercase || character.isNumber
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// True for an option or member name whose value is a secret, matched by its words:
  /// `password`, `Secret Access Key`, `Client Secret Value`, `x-api-key`, `accessToken`, a
  /// dotted connector option such as `properties.ssl.truststore.password` or
  /// `properties.sasl.jaas.config`; not `tokenUrl`, `passwordType` or `keyId`.
  public static func isSecretName(_ key: String) -> Bool {
    mayNameSecret(key) && holdsSecretWords(key)
  }

  /// `isSecretName` without its cheap first test: the name's words, split where the case
  /// changes (`accessToken`), name a secret; or its runs of letters and digits do, each taken
  /// as one word, for a name in mixed case (`db_PaSsWoRd` splits into `pa`, `ss`, `wo`, `rd`)
  /// or in one piece (`apiKey` is `apikey`).
  static func holdsSecretWords(_ key: String) -> Bool {
    namesSecret(words(of: key)) || namesSecret(key.split { !($0.isLetter || $0.isNumber) }.map { $0.lowercased() })
  }

  /// True when these words, in order, name a secret.
  private static func namesSecret(_ words: [String]) -> Bool {
    guard let last = words.last, !aboutWords.contains(last), !settingVerbs.contains(words[0]) else { return false }
    if words.contains(where: secretWords.contains) || secretLastWords.contains(last) { return true }
    if isUserInfoName(words) { return true }
    return last == "key" && words.count > 1 && keyQualifiers.contains(words[words.count - 2])
  }

  /// What every secret name holds somewhere, in any case: a word of `secretWords`, the
  /// `token`, `key`, `secret`, `authorization` or `cookie` every last word ends in, or
  /// `basic.auth.user.info`'s `auth`. Each is two or more lower-case ASCII letters:
  /// `mayNameSecret` finds them by their first two, case folded.
  static let secretStems: [StaticString] = ["pass", "pw", "secret", "jaas", "credential", "token", "key", "auth", "cookie"]

  /// True for a variable's name whose value is best not shown (the shell's `set`, its
  /// history): a secret's name (`isSecretName`), or one that ends as one in a single word, as
  /// environment variables are named (`PGPASSWORD`, `SSHPASS`, `openaiKey`, `dbpassword`).
  public static func isSecretVariableName(_ name: String) -> Bool {
    let lowered = name.lowercased()
    return isSecretName(name) || secretVariableEndings.contains { lowered.hasSuffix($0) }
  }
  private static let secretVariableEndings = ["password", "passwd", "passphrase", "pwd", "secret", "token", "key", "_pass", "sshpass"]

  /// A cheap first test of `isSecretName` over the name's bytes, ASCII case folded: almost no
  /// member name (`parameters`, `type`, `url`) holds a stem, and splitting every name of a
  /// large document into lower-cased words was a fifth of a bulk load. A name with non-ASCII
  /// bytes takes the full test. One pass over pairs of letters: only where a stem's first two
  /// stand are the stems compared (every member name of every loaded document is asked, and
  /// most names hold a stem's first letter: testing that alone was a tenth of a diff).
  static func mayNameSecret(_ key: String) -> Bool {
    StringBytes.bytes(of: key) { name in
      // One byte is ASCII, and no stem is that short.
      guard name.count > 1 else { return false }
      return stemsByPair.withUnsafeBufferPointer { stemsByPair in
        for start in 0..<name.count - 1 {
          let first = name[start]
          let second = name[start + 1]
          if first | second >= 0x80 { return true }
          let row = (first | 0x20) &- 0x60
          let column = (second | 0x20) &- 0x60
          guard row < 32, column < 32 else { continue }
          let stem = stemsByPair[Int(row) << 5 | Int(column)]
          if stem != 0, holdsFolded(secretStems[Int(stem) - 1], at: start, in: name) { return true }
        }
        return false
      }
    }
  }

  /// True when the lower-case `stem` stands at `start` in `name`, ASCII case folded.
  private static func holdsFolded(_ stem: StaticString, at start: Int, in name: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = stem.utf8CodeUnitCount
    guard start + count <= name.count else { return false }
    return (0..<count).allSatisfy { name[start + $0] | 0x20 == stem.utf8Start[$0] }
  }

  /// For each pair of letters (`a` is 1; the first letter's times 32 plus the second's), which
  /// stem begins with it: its place in `secretStems` plus one, 0 for none. No two stems
  /// begin alike (`SecretsTests` checks).
  private static let stemsByPair: [UInt8] = secretStems.indices.reduce(into: [UInt8](repeating: 0, count: 32 * 32)) { table, index in
    let stem = secretStems[index].utf8Start
    table[Int(stem[0] & 0x1F) << 5 | Int(stem[1] & 0x1F)] = UInt8(index + 1)
  }

  /// Every secret in the value, with its path.
  public static func scan(_ value: JSONValue) -> [Match] {
    var matches: [Match] = []
    var path: [Int] = []
    visit(value, root: value, path: &path, key: nil, matches: &matches)
    return matches
  }

  /// The value with every secret replaced by `<redacted:kind>`.
  public static func redact(_ value: JSONValue) -> JSONValue {
    redact(value, replacing: redactionMark)
  }

  /// What a redaction writes in a secret's place, naming its kind: `<redacted:bearer token>`.
  public static func redactionMark(kind: String, secret _: String) -> String { "<redacted:\(kind)>" }

  /// The value with every secret replaced by what `replacement` makes of its kind and its text
  /// (a diff's stand-in, so that a changed secret still shows as changed). A secret that is a
  /// JSON number (`"password": 53915789`) becomes the string `numbers` makes of its kind and its text,
  /// by default what `replacement` makes (a commit seals it marked as a number, to open as one).
  public static func redact(
    _ value: JSONValue, replacing replacement: (_ kind: String, _ secret: String) -> String,
    numbers: ((_ kind: String, _ text: String) -> String)? = nil
  ) -> JSONValue {
    redact(value, replacing: replacement, numbers: numbers, at: .everywhere)
  }

  /// `redact(_:replacing:numbers:)` at `places` alone; elsewhere the value is left as it is.
  /// Each place is redacted exactly as a redaction of the whole value would: what decides a
  /// secret there (its key, its pair's name, its command) is read from the members beside it.
  public static func redact(
    _ value: JSONValue, replacing replacement: (_ kind: String, _ secret: String) -> String,
    numbers: ((_ kind: String, _ text: String) -> String)? = nil, at places: JSONPlaces
  ) -> JSONValue {
    guard let numbers else { return rewrite(value, key: nil, at: places, replacement, numbers: replacement) ?? value }
    return rewrite(value, key: nil, at: places, replacement, numbers: numbers) ?? value
  }

  /// A key or a name as a redaction rewrites it: what a pattern finds in it replaced; nil when
  /// it holds no secret. A key holding one (n8n's `connections` and `pinData` name a node by a
  /// URL with its password, a map may be keyed by a JDBC URL or a token) is rewritten as the
  /// node's name is: left as it was, the file kept the secret and its wiring no longer named its
  /// node. A name is no secret's by its own name, so only patterns are looked for.
  public static func rewritingText(_ text: String, _ replacement: (_ kind: String, _ secret: String) -> String) -> String? {
    rewritingPatterns(in: text, replacement)
  }

  /// `nodes[1].config.headers` for the path of places (a member's or an element's) from `root`;
  /// `(top level)` for the root. A scan keeps places alone, and spells the path only for a
  /// match: a step that held its key was a retain and a release per container visited.
  private static func spell(_ path: [Int], from root: JSONValue) -> String {
    guard !path.isEmpty else { return "(top level)" }
    var text = ""
    var value = root
    for (step, place) in path.enumerated() {
      switch value {
      case .object(let object):
        let key = object.members[place].key
        text += step == 0 ? key : ".\(key)"
        value = object.members[place].value
      case .array(let elements):
        text += "[\(place)]"
        value = elements[place]
      default: preconditionFailure("a scan's path goes through containers only")
      }
    }
    return text
  }

  /// Elements and members are read in place, and a place is pushed onto `path` only to go down
  /// into an array or an object, or to spell a match: every value of every loaded document is
  /// visited, and copying each out of its container, with its key, was most of a scan.
  private static func visit(_ value: JSONValue, root: JSONValue, path: inout [Int], key: String?, matches: inout [Match]) {
    switch value {
    case .string(let text):
      if let kind = kind(of: text, key: key) { matches.append(Match(path: spell(path, from: root), kind: kind)) }
    case .array(let elements):
      elements.withUnsafeBufferPointer { elements in
        for index in elements.indices {
          visit(elements[index], at: index, root: root, path: &path, key: key, matches: &matches)
        }
      }
    case .object(let object):
      object.members.withUnsafeBufferPointer { members in
        for index in members.indices {
          visit(members[index].value, at: index, root: root, path: &path, key: name(at: index, in: members), matches: &matches)
        }
      }
      for (index, kind) in argumentsFindings(in: object) {
        path.append(index)
        matches.append(Match(path: spell(path, from: root), kind: kind))
        path.removeLast()
      }
    default: break
    }
  }

  /// A command whose arguments stand in a member of their own, as Node-RED's exec node has
  /// them (`command` `sqlcmd`, `append` `-S db -P …`): the command's name (a tool's password
  /// option is known by the tool), and the places of the arguments' members. A key repeated,
  /// every copy is read, as a diff shows every copy.
  private static func commandArguments(in object: JSONObject) -> (command: String, places: [Int])? {
    // Every object of every scanned document is asked: keys are told apart by length first,
    // and the places are listed only for an object that has both.
    func isArguments(_ member: JSONObject.Member) -> Bool {
      JSONObject.isSameKey(member.key, "append") && member.value.stringValue != nil
    }
    guard object.members.contains(where: isArguments),
      case .string(let command)? = object.members.last(where: { JSONObject.isSameKey($0.key, "command") })?.value, !command.isEmpty
    else { return nil }
    return (command, object.members.indices.filter { isArguments(object.members[$0]) })
  }

  /// The place and kind of each secret the arguments of a command (`commandArguments`) hold
  /// only when read after it (not one found in them alone).
  private static func argumentsFindings(in object: JSONObject) -> [(index: Int, kind: String)] {
    guard let (command, places) = commandArguments(in: object) else { return [] }
    return places.compactMap { index in
      guard let arguments = object.members[index].value.stringValue, patternKind(of: arguments) == nil else { return nil }
      // The rewrite says both whether the arguments hold a secret and which kind it is.
      var found: String?
      _ = rewriting(arguments, after: command) { kind, _ in
        found = found ?? kind
        return kind
      }
      return found.map { (index, $0) }
    }
  }

  /// `object` with the secrets its command's arguments hold when read after the command
  /// replaced in them; nil when they hold none.
  private static func rewritingArguments(of object: JSONObject, _ replacement: (String, String) -> String) -> JSONObject? {
    guard let (command, places) = commandArguments(in: object) else { return nil }
    var rewritten: JSONObject?
    for index in places {
      guard let arguments = object.members[index].value.stringValue,
        let replaced = rewriting(arguments, after: command, replacement)
      else { continue }
      if rewritten == nil { rewritten = object }
      rewritten?.members[index].value = .string(replaced)
    }
    return rewritten
  }

  /// `arguments` with the secrets they hold when read after `command` replaced; nil when none.
  private static func rewriting(_ arguments: String, after command: String, _ replacement: (String, String) -> String) -> String? {
    let prefix = command + " "
    guard let rewritten = rewritingPatterns(in: prefix + arguments, replacement), rewritten.hasPrefix(prefix),
      case let replaced = String(rewritten.dropFirst(prefix.count)), replaced != arguments
    else { return nil }
    return replaced
  }

  /// The name a member's value goes by: its key, but for the value of a name/value pair the
  /// pair's name, since the key alone says nothing of a secret:
  /// - `value` beside `name` or `key`: n8n's and Make's headers and query parameters
  ///   (`{"name": "x-api-key", "value": "..."}`). A pair that says itself whether it is a
  ///   secret (an environment variable's `"secret": false`) is taken at its word.
  /// - `valueValue` beside `keyType` (`Authorization`), or `keyValue` where that type is
  ///   `other`: Node-RED's http request headers, a value typed as a literal (`other`).
  /// - `to` of a Node-RED change rule, a literal (`tot` of `str` or `json`), beside the path it
  ///   sets (`p`: `headers.Authorization` goes by `Authorization`).
  /// Keys are told apart by their length first: a comparison of two strings is a call.
  @inline(__always)
  private static func name<Members: RandomAccessCollection<JSONObject.Member>>(at index: Members.Index, in members: Members) -> String {
    let key = members[index].key
    // The pair's own members as the platform reads them: the last of a key that repeats.
    func member(_ name: String) -> String? { members.last { JSONObject.isSameKey($0.key, name) }?.value.stringValue }
    if JSONObject.isSameKey(key, "value") {
      guard members.last(where: { JSONObject.isSameKey($0.key, "secret") })?.value != .bool(false) else { return key }
      return member("name") ?? member("key") ?? key
    }
    // A header's value of type `msg`, `env`, … names where it comes from.
    if JSONObject.isSameKey(key, "valueValue"), let type = member("keyType"), (member("valueType") ?? "other") == "other" {
      return type == "other" ? member("keyValue") ?? key : type
    }
    if JSONObject.isSameKey(key, "to"), let path = member("p"), ["str", "json"].contains(member("tot") ?? "str") {
      return path.split(separator: ".").last.map(String.init) ?? key
    }
    return key
  }

  /// `visit` of one element or member, at `place` below `path`; numbers, booleans and null
  /// hold no secret.
  @inline(__always)
  private static func visit(
    _ value: JSONValue, at place: Int, root: JSONValue, path: inout [Int], key: String?, matches: inout [Match]
  ) {
    switch value {
    case .string(let text):
      guard let kind = kind(of: text, key: key) else { return }
      path.append(place)
      matches.append(Match(path: spell(path, from: root), kind: kind))
      path.removeLast()
    case .array, .object:
      path.append(place)
      visit(value, root: root, path: &path, key: key, matches: &matches)
      path.removeLast()
    case .number(let number):
      guard let key, isSecretNumber(number, key: key) else { return }
      path.append(place)
      matches.append(Match(path: spell(path, from: root), kind: "\(key) value"))
      path.removeLast()
    case .null, .bool: return
    }
  }

  /// True for a number a secret-named member holds, four digits or more: a PIN, a numeric
  /// password (`"password": 5391578943` diffed in clear). Numbers about a secret are not
  /// (`passwordLength`, `tokenExpiry`: their names end in a word about it), nor a flag's 0 or 1.
  private static func isSecretNumber(_ number: JSONNumber, key: String) -> Bool {
    number.text.utf8.count >= 4 && isSecretName(key)
  }

  /// What the text is: a pattern's kind when one matches (it says more: `bearer token`), else
  /// a secret by its member's name.
  private static func kind(of text: String, key: String?) -> String? {
    patternKind(of: text)
      ?? key.flatMap { isSecretName($0) && isLiteralSecret(text, named: $0) ? "\($0) value" : nil }
  }

  /// The kind of the first pattern that matches in `text`.
  private static func patternKind(of text: String) -> String? {
    guard text.utf8.count >= 12 else { return nil }
    if let kind = candidates(in: text).first(where: { $0.matches(text) })?.kind { return kind }
    return StringBytes.bytes(of: text) { quotedOptionValues(in: $0).isEmpty } ? nil : quotedOptionKind
  }

  /// The kind of a connector option in a SQL statement (`'password' = '…'`) or a member of
  /// JSON written inside a text (`"api_key": "…"`, a request body), named as a secret-holding
  /// member is (`isSecretName`). Found by hand in one pass, not by a regular expression, which
  /// was tried at every quote of a large text (seconds for one NiFi property).
  static let quotedOptionKind = "secret in quoted option"

  /// The byte ranges of the values of quoted secret options in `bytes` (see `quotedOptionKind`): a
  /// quoted name, spaces, `:` or `=`, spaces, a value in the same quotes (its escapes and
  /// escaped quotes in it), that is a literal (`isLiteral`: not an expression, a placeholder or
  /// a flag). Quotes may be escaped themselves (`\"password\": \"…\"`): JSON written in a
  /// string of JSON written in a string (a request body in an inline workflow), or a line of a
  /// file FlowPort does not read.
  /// Quotes are found eight bytes at a time (`StringBytes.firstQuote`): every string of a scan
  /// is asked, and a loop over every byte was two fifths of a NiFi diff.
  static func quotedOptionValues(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var values: [Range<Int>] = []
    var index = StringBytes.firstQuote(in: bytes, from: 0)
    while index < bytes.count {
      let value = quotedOptionValue(in: bytes, nameQuote: index) ?? assignedValue(in: bytes, valueQuote: index)
      if let value { values.append(value) }
      index = StringBytes.firstQuote(in: bytes, from: value.map { $0.upperBound + 1 } ?? index + 1)
    }
    return values
  }

  /// The value of the option whose name opens with the quote at `start`, when it is one; the
  /// quote escaped (`\"`) where a backslash stands before it, and then all its quotes are.
  private static func quotedOptionValue(in bytes: UnsafeBufferPointer<UInt8>, nameQuote start: Int) -> Range<Int>? {
    let quote = bytes[start]
    let backslash = UInt8(ascii: "\\")
    let escaped = start > 0 && bytes[start - 1] == backslash
    /// The index just past the quote (`"`, or `\"` when escaped) standing at `index`, if one does.
    func pastQuote(at index: Int) -> Int? {
      if escaped { return index + 1 < bytes.count && bytes[index] == backslash && bytes[index + 1] == quote ? index + 2 : nil }
      return index < bytes.count && bytes[index] == quote ? index + 1 : nil
    }
    var end = start + 1
    while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
    guard end > start + 1, var cursor = pastQuote(at: end) else { return nil }
    while cursor < bytes.count, StringBytes.isWhitespace(bytes[cursor]) { cursor += 1 }
    guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") || bytes[cursor] == UInt8(ascii: "=") else { return nil }
    // Named as a member is that holds a secret (`isSecretName`): one rule for both.
    let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self)
    guard isSecretName(name) else { return nil }
    cursor += 1
    while cursor < bytes.count, StringBytes.isWhitespace(bytes[cursor]) { cursor += 1 }
    guard let valueStart = pastQuote(at: cursor) else { return nil }
    // The value runs to its closing quote, past an escaped one (`pa\"ss` in JSON, `it''s` in
    // SQL, `pa\\\"ss` where the quotes are escaped) and past any escape (`C:\\dir`): stopping
    // there printed the rest in clear.
    var valueEnd = valueStart
    while valueEnd < bytes.count {
      if let past = pastQuote(at: valueEnd) {
        guard !escaped, quote == UInt8(ascii: "'"), pastQuote(at: past) != nil else { break }
        valueEnd = past + 1
      } else if bytes[valueEnd] == backslash {
        let quoteWithin =
          escaped && valueEnd + 3 < bytes.count && bytes[valueEnd + 1] == backslash && bytes[valueEnd + 2] == backslash
          && bytes[valueEnd + 3] == quote
        valueEnd += quoteWithin ? 4 : 2
      } else {
        valueEnd += 1
      }
    }
    guard valueEnd < bytes.count else { return nil }
    // `"sid=" + msg.sid`: the start of a value computed in code.
    var after = valueEnd + 1
    while after < bytes.count, StringBytes.isWhitespace(bytes[after]) { after += 1 }
    if after < bytes.count, bytes[after] == UInt8(ascii: "+") { return nil }
    let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
    return isLiteralSecret(value, named: name) ? valueStart..<valueEnd : nil
  }

  /// True when a value given to a name that holds a secret is one in clear (`isLiteral`):
  /// for Kafka's `basic.auth.user.info`, its password after `user:` must be too, since
  /// `user:${SR_PASSWORD}` is a reference.
  private static func isLiteralSecret(_ value: String, named name: String) -> Bool {
    guard isLiteral(value) else { return false }
    guard isUserInfoName(words(of: name)), let colon = value.firstIndex(of: ":") else { return true }
    return isLiteral(String(value[value.index(after: colon)...]))
  }

  /// The value opening with the quote at `start` when a secret name written without quotes is
  /// given it in code or a command line (`const apiKey = '…'`, `{password: "…"}`,
  /// `API_TOKEN="…"`): a name, spaces, `:` or `=` (not a comparison), spaces, the quote, a
  /// literal up to the same quote that ends the statement or the member. Code names secrets
  /// in its words too (`credentials: "Credentials"`, a label; `r.credentials="omit"`;
  /// `passwordRegex = '[A-Za-z0-9]+'`), so the name must end in a secret's word and the value
  /// look like one: a word of eight characters or more, letters and a digit among them.
  private static func assignedValue(in bytes: UnsafeBufferPointer<UInt8>, valueQuote start: Int) -> Range<Int>? {
    let (quote, backslash) = (bytes[start], UInt8(ascii: "\\"))
    guard start > 0, bytes[start - 1] != backslash else { return nil }
    var cursor = start - 1
    while cursor > 0, StringBytes.isWhitespace(bytes[cursor]) { cursor -= 1 }
    guard cursor > 0, bytes[cursor] == UInt8(ascii: ":") || bytes[cursor] == UInt8(ascii: "=") else { return nil }
    if bytes[cursor] == UInt8(ascii: "="),
      [UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">")].contains(bytes[cursor - 1])
    {
      return nil
    }
    cursor -= 1
    while cursor > 0, StringBytes.isWhitespace(bytes[cursor]) { cursor -= 1 }
    let nameEnd = cursor + 1
    while cursor >= 0, isNameByte(bytes[cursor]) { cursor -= 1 }
    // A name right after a quote is text in quotes (`'Password:'`), its closing quote no value's.
    guard cursor + 1 < nameEnd, cursor < 0 || ![UInt8(ascii: "'"), UInt8(ascii: "\""), backslash].contains(bytes[cursor]),
      endsInSecretWord(String(decoding: UnsafeBufferPointer(rebasing: bytes[(cursor + 1)..<nameEnd]), as: UTF8.self))
    else { return nil }
    var end = start + 1
    while end < bytes.count, bytes[end] != quote, !StringBytes.isWhitespace(bytes[end]) { end += bytes[end] == backslash ? 2 : 1 }
    guard end < bytes.count, bytes[end] == quote else { return nil }
    let value = bytes[(start + 1)..<end]
    guard value.count >= 8, value.contains(where: { (0x30...0x39).contains($0) }),
      value.contains(where: { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) })
    else { return nil }
    var after = end + 1
    while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
    guard after == bytes.count || statementEnds.contains(bytes[after]) else { return nil }
    return isLiteral(String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self)) ? (start + 1)..<end : nil
  }

  /// What may follow a value given in code: the end of a statement, a member, a line.
  private static let statementEnds = Array(",;})]\r\n".utf8)

  /// True when the name's last word is a secret's (`apiKey`, `db_password`, `TOKEN`), not a
  /// word about one (`passwordRegex`, `secretColor`).
  private static func endsInSecretWord(_ name: String) -> Bool {
    guard isSecretName(name), let last = words(of: name).last else { return false }
    return secretWords.contains(last) || secretLastWords.contains(last) || last == "key"
  }

  /// A byte of an option's name: a letter, a digit, `_`, `.`, `-`.
  private static func isNameByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
  }

  /// `oauth2Response.access_token`; built once, not at each value asked about (see `LazyRegex`).
  nonisolated(unsafe) private static let propertyPath = /[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+/

  /// True for a literal value, not an empty one, a placeholder or an expression.
  private static func isLiteral(_ text: String) -> Bool {
    // A diff's stand-in for a secret already hidden is not a secret in clear.
    if SecretStandIn.isStandIn(.string(text)) { return false }
    let whole = text.trimmingPrefix(" ")
    guard whole.count >= 4 else { return false }
    // An authorization scheme (`Bearer `, `Basic `) is no part of a secret: what follows it is.
    let trimmed = droppingScheme(whole)
    guard !trimmed.isEmpty else { return false }
    for marker in ["YOUR", "REPLACE", "xxx", "XXX", "***", "env.", "env:"] where trimmed.hasPrefix(marker) {
      return false
    }
    // A shell's variable (`$OPENAI_API_KEY`) names where the secret is kept.
    if trimmed.first == "$", trimmed.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { return false }
    if isPlaceholderText(trimmed) { return false }
    // A value made of templates is computed when the flow runs (n8n's expressions start with
    // `=`: `=Bearer {{ $json.api_key }}`); redacting it whole broke exported flows. One with
    // letters or digits of its own beside them (`s3cr3t-{{ $env.SUFFIX }}`, and as well
    // `{{ $env.A }}s3cr3t{{ $env.B }}`) still is a secret, as is one in angle brackets beside
    // text of its own (`<a>s3cr3t<b>`).
    if isComputed(trimmed) || isBracketed(trimmed) { return false }
    // `Use Default Credentials: "false"` says whether a secret is used, not what it is.
    if ["true", "false", "null"].contains(trimmed.lowercased()) { return false }
    // `oauth2Response.access_token`: a property path naming where the secret is, not the secret.
    return trimmed.wholeMatch(of: propertyPath) == nil
  }

  /// `text` without an authorization scheme and the spaces after it (`Bearer …`, `token …`).
  private static func droppingScheme(_ text: Substring) -> Substring {
    guard let space = text.firstIndex(of: " "), authorizationSchemes.contains(text[..<space].lowercased()) else { return text }
    return text[space...].drop { $0 == " " }
  }
  private static let authorizationSchemes: Set<String> = ["bearer", "basic", "token", "bot", "digest"]

  /// True for text that says what to write in a secret's place, as exported templates do
  /// (`yourPassword`, `Your API Key`, `ENTER API KEY`, `[YOUR API KEY HERE]`, `dummy-key`,
  /// `<__PLACEHOLDER_VALUE__…>`, `你的…Token`: "your …"): a word of `placeholderWords` between
  /// other characters than letters and digits, or text that begins as `your` or `你的` does. A
  /// key of random letters and digits seldom holds such a word whole.
  static func isPlaceholderText(_ text: Substring) -> Bool { isPlaceholder(lowered: text.lowercased()) }

  private static func isPlaceholder(lowered: String) -> Bool {
    if lowered.hasPrefix("your") || lowered.hasPrefix("你的") { return true }
    return lowered.split { !($0.isLetter || $0.isNumber) }.contains { placeholderWords.contains(String($0)) }
  }

  /// `isPlaceholderText`, or prose where an option's value stands (`-P flag`, `-a password`,
  /// `=...`): one of `proseWords` alone, or text without a letter or a digit. A password may
  /// hold a prose word (`kafka-demo-apps-password`), and a member named as a secret's may hold
  /// one alone (`"password": "password"`), which is still reported.
  static func isPlaceholderOrProse(_ text: Substring) -> Bool {
    let lowered = text.lowercased()
    return isPlaceholder(lowered: lowered) || proseWords.contains(lowered) || !lowered.contains { $0.isLetter || $0.isNumber }
  }
  private static let placeholderWords: Set<String> = [
    "your", "you", "enter", "insert", "placeholder", "dummy", "changeme", "example", "here",
  ]
  private static let proseWords: Set<String> = ["password", "passwd", "secret", "flag", "option", "prompt", "prompts", "value"]

  /// True when `text` holds a template the platform fills in or a reference to a value kept
  /// elsewhere (`{{ … }}`, `${ … }`, `#{ … }`, and a command's `$( … )`) and, beside them, a
  /// leading `=` and the words of an authorization scheme (`Bearer`, `Basic`, `Token`), fewer
  /// than four letters or digits: nothing of a secret in clear (`v{{ $json.n }}`). `strictly`,
  /// for a value a rule calls secret: references alone, without a command or a letter beside
  /// them (`Bearer {{ $json.t }}` and `$(cat pw)` are values, as they always were there).
  static func isComputed(_ text: Substring, strictly: Bool = false) -> Bool {
    let templates = strictly ? [("{{", "}}"), ("${", "}"), ("#{", "}")] : [("{{", "}}"), ("${", "}"), ("#{", "}"), ("$(", ")")]
    // One pass: each template is stepped over where it opens, the text between them kept. Taking
    // each out of the whole text in turn copied the rest of it every time, quadratic in a value
    // of thousands of them; and a kind whose close is nowhere further is not looked for again.
    var own = ""
    var sawTemplate = false
    var unclosed = Set<Int>()
    var rest = text
    while !rest.isEmpty {
      let opening = templates.indices.first { !unclosed.contains($0) && rest.hasPrefix(templates[$0].0) }
      guard let opening else {
        own.append(rest.removeFirst())
        continue
      }
      guard let end = rest.dropFirst(2).firstRange(of: templates[opening].1) else {
        unclosed.insert(opening)
        continue
      }
      sawTemplate = true
      own.append(" ")
      rest = rest[end.upperBound...]
    }
    guard sawTemplate else { return false }
    let words = own.split { !($0.isLetter || $0.isNumber) }
    if strictly { return words.isEmpty }
    return words.filter { !["bearer", "basic", "token"].contains($0.lowercased()) }.reduce(0) { $0 + $1.count } < 4
  }

  /// True for a placeholder in angle brackets, one pair around the whole text (`<your token>`,
  /// `<secret removed>`), not text between pairs (`<a>s3cr3t<b>`).
  static func isBracketed(_ text: Substring) -> Bool {
    guard text.hasPrefix("<"), text.hasSuffix(">") else { return false }
    return !text.dropFirst().dropLast().contains { $0 == "<" || $0 == ">" }
  }

  /// `text` with the value of each quoted secret option (`quotedOptionKind`) replaced.
  private static func replacingQuotedOptions(in text: String, _ replacement: (String, String) -> String) -> String {
    let values = StringBytes.bytes(of: text) { quotedOptionValues(in: $0) }
    guard !values.isEmpty else { return text }
    let utf8 = text.utf8
    var result = ""
    var kept = utf8.startIndex
    for value in values {
      let (start, end) = (utf8.index(utf8.startIndex, offsetBy: value.lowerBound), utf8.index(utf8.startIndex, offsetBy: value.upperBound))
      result += text[kept..<start] + replacement(quotedOptionKind, String(text[start..<end]))
      kept = end
    }
    return result + text[kept...]
  }

  /// `text` with what each pattern matched in it replaced (a URL keeps all but its password),
  /// or nil when nothing was.
  private static func rewritingPatterns(in text: String, _ replacement: (String, String) -> String) -> String? {
    var result = text
    for pattern in candidates(in: text) {
      result = pattern.replacingMatches(in: result) { match in
        let secret = pattern.secret(match)
        return match[..<secret.startIndex] + replacement(pattern.kind, String(secret)) + match[secret.endIndex...]
      }
    }
    result = replacingQuotedOptions(in: result, replacement)
    return result == text ? nil : result
  }

  /// The value with its secrets redacted, or nil when it holds none: a view of a large flow
  /// rebuilt (copied) every object of it, although secrets in clear are rare.
  private static func rewrite(
    _ value: JSONValue, key: String?, at places: JSONPlaces, _ replacement: (String, String) -> String,
    numbers: (String, String) -> String
  ) -> JSONValue? {
    switch value {
    case .string(let text):
      // A secret-named member's value goes whole (a cookie holds more than the JWT a pattern
      // finds in it), named by the kind of what is in it when a pattern knows; elsewhere only
      // what a pattern matched (a URL keeps all but its password).
      if let key, isSecretName(key), isLiteralSecret(text, named: key) { return .string(replacement(patternKind(of: text) ?? key, text)) }
      return rewritingPatterns(in: text, replacement).map(JSONValue.string)
    case .number(let number):
      guard let key, isSecretNumber(number, key: key) else { return nil }
      return .string(numbers(key, number.text))
    case .array(let elements):
      var rewritten: [JSONValue]?
      for index in elements.indices {
        guard let below = places.element(index), let element = rewrite(elements[index], key: key, at: below, replacement, numbers: numbers)
        else {
          continue
        }
        if rewritten == nil { rewritten = elements }
        rewritten?[index] = element
      }
      return rewritten.map(JSONValue.array)
    case .object(let object):
      // A command's arguments are read after the command as it is redacted: an object that
      // holds both is redacted whole.
      let places = places.isWhole || commandArguments(in: object) == nil ? places : .everywhere
      var rewritten: JSONObject?
      for index in object.members.indices {
        guard let below = places.member(object.members[index].key) else { continue }
        if let masked = rewritingText(object.members[index].key, replacement) {
          if rewritten == nil { rewritten = object }
          rewritten?.members[index].key = masked
        }
        guard
          let value = rewrite(
            object.members[index].value, key: name(at: index, in: object.members), at: below, replacement, numbers: numbers)
        else { continue }
        if rewritten == nil { rewritten = object }
        rewritten?.members[index].value = value
      }
      if let arguments = rewritingArguments(of: rewritten ?? object, replacement) { rewritten = arguments }
      return rewritten.map(JSONValue.object)
    default: return nil
    }
  }

}
