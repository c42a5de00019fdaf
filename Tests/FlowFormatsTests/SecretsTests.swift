import FlowModel
import FlowTestSupport
import Foundation
import Testing

@testable import FlowFormats

/// One notion of a secret per dialect, on its codec: every fixture's credential canaries leave
/// no file of any format, each replaced by a placeholder that says it was removed, and the
/// key-name matching of `--redact` catches names a fixed list misses.
@Suite struct SecretsTests {
  @Test(arguments: CanaryFixtures.all.map(\.file))
  func everyFormatLeavesEveryCredentialOut(file: String) throws {
    let fixture = try #require(CanaryFixtures.all.first { $0.file == file })
    let (format, decoded) = try ExportFormat.read(Array(fixture.text.utf8), fallbackName: fixture.flow)
    for target in [format, .json, .bundle] {
      for redact in [false, true] {
        let bytes = try target.file(for: decoded.version, stamp: nil, options: EncodeOptions(redactSecrets: redact))
        let text = try Self.readableText(of: bytes, in: target)
        #expect(CanaryFixtures.found(fixture.credential, in: text).isEmpty, "\(target.rawValue) redact=\(redact)")
      }
    }
    let own = String(decoding: try format.file(for: decoded.version, stamp: nil), as: UTF8.self)
    let placeholder = format.dialect?.secretPlaceholder ?? Secrets.placeholder
    #expect(own.contains(placeholder), "a removed secret says so")
    let redacted = String(
      decoding: try format.file(for: decoded.version, stamp: nil, options: EncodeOptions(redactSecrets: true)), as: UTF8.self)
    #expect(CanaryFixtures.found(fixture.scanned, in: redacted).isEmpty)
    let kept = String(
      decoding: try format.file(for: decoded.version, stamp: nil, options: EncodeOptions(includeCredentials: true)), as: UTF8.self)
    #expect(CanaryFixtures.found(fixture.credential, in: kept) == fixture.credential)
    // The search above reads a bundle's entries, not its compressed bytes: every node is there.
    let bundled = try Self.readableText(of: ExportFormat.bundle.file(for: decoded.version, stamp: nil), in: .bundle)
    for node in decoded.version.nodes { #expect(bundled.contains(node.name), "\(node.name) in the bundle") }
  }

  /// A file's text as a reader finds it: a bundle's entries inflated (its compressed bytes
  /// would hide a canary from any search), anything else as it is.
  static func readableText(of bytes: Data, in format: ExportFormat) throws -> String {
    guard format == .bundle else { return String(decoding: bytes, as: UTF8.self) }
    let zip = ZipReader(bytes)
    var expanded = 0
    return try zip.entries().filter { !$0.isDirectory }.map { entry in
      String(decoding: try zip.contents(of: entry, expanded: &expanded, limit: .max), as: UTF8.self)
    }.joined(separator: "\n")
  }

  @Test func anUnchangedForeignFileWithoutSecretsStillRoundTrips() throws {
    let text = #"[{"id":"t1","type":"tab","label":"x"},{"id":"n1","type":"inject","z":"t1","x":1,"y":2,"wires":[]}]"#
    let (format, decoded) = try ExportFormat.read(Array(text.utf8), fallbackName: "x")
    let written = try format.file(for: decoded.version, stamp: nil, options: EncodeOptions(layout: .minified))
    #expect(String(decoding: written, as: UTF8.self) == text + "\n")
  }

  @Test(arguments: [
    ("password", true), ("Secret Access Key", true), ("Client Secret Value", true), ("Basic Authentication Password", true),
    ("x-api-key", true), ("apiKey", true), ("accessToken", true), ("properties.sasl.jaas.config", true),
    ("properties.ssl.truststore.password", true), ("token", true), ("Private Key", true), ("PWD", true), ("db_Passwd", true),
    ("REFRESH_TOKEN", true), ("CLIENT_SECRET", true), ("Credentials", true), ("clé secrète secret", true),
    ("tokenUrl", false), ("passwordType", false), ("keyId", false), ("AWS Credentials Provider service", false), ("topic", false),
    ("Access Key ID", false), ("bootstrapServers", false), ("monkey", false), ("db_pw", true), ("SMTP PW", true), ("pwm", false),
    ("db_pass", true), ("passThrough", false), ("pASSWORD", true), ("sECRET", true), ("SeCrEt", true), ("PaSsWoRd", true),
    ("db_PaSsWoRd", true), ("AWS_SeCrEt_KEY", true), ("x-api-KeY", true), ("pASSWORDtYPE", false),
  ])
  func keyNamesAreMatchedByTheirWords(name: String, secret: Bool) {
    #expect(SecretScanner.isSecretName(name) == secret)
  }

  /// `mayNameSecret`, the first test of every member name, passes exactly the names that hold
  /// a stem in any case, or a byte that is not ASCII: never fewer than `isSecretName` needs.
  @Test(arguments: [
    "password", "PASSWD", "x-pwd", "Secret", "jaasConfig", "myCredential", "accessToken", "apiKey", "KEY", "monkey", "ke", "k",
    "", "parameters", "type", "url", "tokeN", "p@ss", "pas", "credentia", "clé", "日本", "to-ken", "xxxxxxxxsecre", "secre t",
    "PW", "xpW", "p", "é", "pé", "@uth", "Authorization", "COOKIES", "ja{s",
  ])
  func theFirstTestOfANameMissesNoStem(name: String) {
    let folded = name.lowercased()
    let stems = SecretScanner.secretStems.map { $0.description }
    let expected = name.utf8.contains { $0 >= 0x80 } || stems.contains { folded.contains($0) }
    #expect(SecretScanner.mayNameSecret(name) == expected)
  }

  /// The first test never changes `isSecretName`'s answer: every name the word rules call a
  /// secret's passes it. Names of secret words and others, in random case, with and without
  /// separators (`to-ken` is no token: its runs of letters are `to` and `ken`).
  @Test func theFirstTestPassesEveryNameTheWordRulesAccept() {
    let words =
      Array(SecretScanner.secretWords) + Array(SecretScanner.secretLastWords) + Array(SecretScanner.keyQualifiers)
      + Array(SecretScanner.aboutWords) + ["key", "db", "x", "my", "to", "ken", "pa", "ss", "wörd"]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
      let name = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
        String(words.randomElement(using: &generator)!.map { Bool.random(using: &generator) ? Character($0.uppercased()) : $0 })
      }.joined(separator: ["", "_", "-", ".", " "].randomElement(using: &generator)!)
      if SecretScanner.holdsSecretWords(name) { #expect(SecretScanner.mayNameSecret(name), "\(name)") }
    }
  }

  /// The first test finds a stem by its first two letters: no two stems begin alike.
  @Test func everyStemIsTwoOrMoreLowerCaseASCIILettersAndBeginsAsNoOther() {
    let stems = SecretScanner.secretStems.map(\.description)
    #expect(stems.allSatisfy { $0.utf8.count >= 2 && $0.utf8.allSatisfy { (0x61...0x7A).contains($0) } })
    #expect(Set(stems.map { $0.prefix(2) }).count == stems.count)
  }

  @Test func aJAASPasswordIsASecretWhereverItStands() throws {
    let line =
      #"CREATE TABLE t WITH ('properties.sasl.jaas.config'='org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="hunter2";')"#
    let rewritten = try #require(Secrets.rewritingJAAS(line) { _ in "<secret removed>" })
    #expect(rewritten.contains(#"username="u" password="<secret removed>";"#))
    #expect(!rewritten.contains("hunter2"))
    #expect(Secrets.rewritingJAAS("password=\"x\" but no login module") { _ in "" } == nil, "no login line: unchanged")
  }

  /// A password holding its quote escaped (`pa\"ss`, which Kafka's JAAS parser reads as
  /// `pa"ss`) is taken whole, in a line as it is and in one written inside another string.
  @Test func aJAASPasswordWithAnEscapedQuoteIsTakenWhole() throws {
    for line in [
      #"org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="pa\"ssTAIL";"#,
      #"org.apache.kafka.common.security.plain.PlainLoginModule required username='u' password='pa\'ssTAIL';"#,
      #"PlainLoginModule required username=\"u\" password=\"pa\\\"ssTAIL\";"#,
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=u password=paTAIL;",
    ] {
      let rewritten = try #require(Secrets.rewritingJAAS(line) { _ in "<secret removed>" }, "\(line)")
      #expect(!rewritten.contains("TAIL") && rewritten.contains("<secret removed>"), "\(rewritten)")
    }
  }

  /// A secret-named option in JSON or SQL written inside a text is taken to its closing quote,
  /// past escapes and escaped quotes; a JAAS client secret and a broker's user passwords are
  /// secrets like its password; a line of a file that is not a flow is redacted alike.
  @Test func escapedOptionsAndOtherJAASSecretsAreTakenWhole() {
    for text in [
      #"{"password": "pa\"ssTAIL", "db": "x"}"#, #"{"api_key": "C:\\dir\\TAIL"}"#,
      #"{"body": "{\"password\": \"pa\\\"ssTAIL\", \"db\": \"x\"}"}"#,
      "WITH ('password' = 'it''sTAIL', 'topic' = 't')",
      #"OAuthBearerLoginModule required clientId="c" clientSecret="csTAIL";"#,
      #"PlainLoginModule required username="admin" password="pw1" user_alice="aliceTAIL";"#,
    ] {
      let redacted = Secrets.redacted(text: text)
      #expect(!redacted.contains("TAIL") && redacted.contains("<redacted:"), "\(text) -> \(redacted)")
    }
  }

  /// A value of thousands of references, or of openings never closed, is read in time linear
  /// in its length: every string under a secret name is asked whether it is computed.
  @Test(.timeLimit(.minutes(1))) func manyReferencesInAValueAreReadInLinearTime() {
    for text in [
      String(repeating: "{{a}}x", count: 40_000), String(repeating: "${a}x", count: 40_000), String(repeating: "{{", count: 100_000),
    ] {
      _ = SecretScanner.scan(["password": .string(text)])
      _ = Secrets.isValue(text)
    }
  }

  /// A long run of backslashes with no closing quote (a damaged or hostile export) is read in
  /// time linear in its length: every string holding the word is searched so.
  @Test(.timeLimit(.minutes(1))) func aJAASPasswordOfBackslashesWithoutItsQuoteEnds() {
    for quote in [#"""#, #"\""#] {
      let line = "PlainLoginModule required password=\(quote)" + String(repeating: #"\"#, count: 20_000)
      #expect(Secrets.rewritingJAAS(line) { _ in "<secret removed>" } != nil)
    }
  }

  @Test func referencesToSecretsKeptElsewhereAreNotSecrets() {
    for text in ["#{db.password}", "${env:PW}", "{{1.token}}", "", "<secret>", "fps-sealed:v1:abc", "={{ $json.pw }}"] {
      #expect(!Secrets.isValue(text), "\(text)")
    }
    for text in ["hunter2", "Bearer {{ $json.t }}", "$(cat pw)"] { #expect(Secrets.isValue(text), "\(text)") }
  }

  /// Text of its own between references or placeholders is a secret, by a rule and by its
  /// name alike: only the text's two ends looked like a reference.
  @Test func textBetweenReferencesIsASecret() {
    for text in ["{{ $env.A }}S3CRET{{ $env.B }}", "${A}S3CRET${B}", "#{a}S3CRET#{b}", "<x>S3CRET<y>", "pw{{ $env.SUFFIX }}"] {
      #expect(Secrets.isValue(text), "\(text)")
      let found = SecretScanner.scan(["apiPassword": .string(text)])
      #expect(found.count == (text.hasPrefix("pw") ? 0 : 1), "\(text): \(found)")
    }
  }
}
