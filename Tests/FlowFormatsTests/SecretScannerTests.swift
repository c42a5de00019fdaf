import FlowModel
import FlowTestSupport
import Foundation
import Testing

@testable import FlowFormats

@Suite struct SecretScannerTests {
  func document(_ key: String, _ value: String) -> JSONValue {
    ["node": .object(JSONObject([JSONObject.Member(key, .string(value))]))]
  }

  @Test(arguments: [
    ("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "JWT"),
    ("header", "Bearer 4f9c2a7be01d45c3a9f0e2d1c8b7a6f5", "bearer token"),
    ("key", "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "API key"),
    ("auth", "Basic dXNlcjpzM2NyZXQxMjM=", "basic-auth header"),
    ("url", "postgres://admin:hunter2@db.example.com:5432/app", "password in URL"),
    ("cache", "redis://:hunter2TEST@cache.local:6379/0", "password in URL"),
    ("Authorization", "Bearer TOKtest111", "Authorization value"),
    ("Proxy-Authorization", "Basic abc", "Proxy-Authorization value"),
    // A password may hold a word of prose (a demo's, kept in an IBM Event Processing flow), or
    // be one.
    ("password", "kafka-demo-apps-password", "password value"), ("password", "password", "password value"),
    ("storePassword", "S3cretPw9", "storePassword value"),
    ("Cookie", "session=abc123", "Cookie value"),
    (
      "Cookie", "csrftoken=ab12cd34ef; sid=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      "JWT"
    ),
    (
      "pem", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7V5Zk1xWZ6Jx0pQm3aQvGlFq0S3c9mTqXw==\n-----END RSA PRIVATE KEY-----",
      "private key"
    ),
    ("password", "E223706995", "password value"),
    ("url", "jdbc:oracle:thin:sa/Secr3tpw@db.example.com:1521:orcl", "password in URL"),
    ("maps", "https://maps.googleapis.com/maps/api/js?libraries=places&callback=init&k=AIzaSyA1234567890abcdefGHIJKLMNOPQRstuv", "API key"),
    ("smtp_pass", "Mailpass9", "smtp_pass value"),
    ("password", "s3cr3t-{{ $env.SUFFIX }}", "password value"),
    ("password", "Xy${9}Lm!q", "password value"),
    // A tester's finds: a scheme in lower case, a key written with `\n` escapes in code, a
    // form-encoded body, an access key in a query, a SQL connector option, JSON in a text.
    ("code", "fetch(u, { headers: { authorization: 'bearer Lw4Nq8Xs2Ke6Pz1Hb9Ty' } })", "bearer token"),
    (
      "code",
      #"const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";"#,
      "private key"
    ),
    ("body", "grant_type=password&username=ops&password=Fr3nQ8wLz5Kp2Xc7&scope=api", "secret in URL parameter"),
    ("url", "http://api.weatherstack.com/current?access_key=7d1e2c3b4a5f6e7d8c9b&query=Oslo", "secret in URL parameter"),
    ("statement", "CREATE TABLE t (x INT) WITH ('connector' = 'jdbc', 'password' = 'Pg7hR2mQ9sLx4Wz')", "secret in quoted option"),
    ("jsonBody", #"{ "user": "ops", "password": "Q1mZ6yT2wP8vR5kJ" }"#, "secret in quoted option"),
    ("jsonBody", #"{ "API_KEY": "Jk5Rv8Pw2Ty6Zm1Q" }"#, "secret in quoted option"),
  ])
  func findsSecrets(key: String, value: String, kind: String) {
    let matches = SecretScanner.scan(document(key, value))
    #expect(matches.map { $0.kind } == [kind])
    #expect(matches.first?.path == "node.\(key)")
    let redacted = SecretScanner.redact(document(key, value))
    #expect(SecretScanner.scan(redacted).isEmpty, "\(redacted)")
    #expect(!"\(redacted)".contains("ab12cd34ef"), "a secret-named member's value goes whole")
  }

  /// A path names each step, an empty key too: `.password` below a member keyed "" at the top
  /// level is not the top level's own `password`.
  @Test func aPathSpellsAnEmptyKey() {
    let document: JSONValue = ["": ["password": "hunter2x"], "list": [["token": "abcd1234"]]]
    #expect(SecretScanner.scan(document).map(\.path) == [".password", "list[0].token"])
    #expect(SecretScanner.scan([["a": [["password": "hunter2x"]]]]).map(\.path) == ["[0].a[0].password"])
  }

  /// A secret is found wherever it stands in a text: at each offset from its start, with a space
  /// and padding of several lengths either side.
  @Test(arguments: [
    ("Bearer 4f9c2a7be01d45c3a9f0e2d1c8b7a6f5", "bearer token"),
    ("sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "API key"),
    ("Basic dXNlcjpzM2NyZXQxMjM=", "basic-auth header"),
    ("postgres://admin:hunter2@db.example.com:5432/app", "password in URL"),
    ("postgresql://app:p@ss@db/app", "password in URL"), ("postgres://postgres:password@db.example.com/app", "password in URL"),
    // Key material is never taken for a placeholder, whatever words it holds.
    ("-----BEGIN PRIVATE KEY-----\nMIIEv+you/QIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----", "private key"),
    ("jdbc:oracle:thin:sa/Secr3tpw@db.example.com:1521:orcl", "password in URL"),
    ("https://example.com/v1?api_key=abcd1234efgh", "secret in URL parameter"),
    ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "JWT"),
    ("ghp_Q2x5aW5nQ2F0c0FyZUJldHRlcjEyMzQ1Njc4OTA", "GitHub token"),
    ("xoxb-1234567890-1234567890-AbCdEfGhIjKl", "Slack token"),
    ("AKIA2E0A8F3B244C9986", "AWS access key"),
    ("https://api.telegram.org/bot110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage", "Telegram bot token"),
    ("https://hooks.slack.com/services/T024BE7LD/B08ABCD12/q1w2e3r4t5y6u7i8o9p0", "webhook URL"),
    ("https://discord.com/api/webhooks/1439062964773584988/q4GaG2AEdSs6LKcfRmImVdd0ib0ss8qHrk", "webhook URL"),
    ("curl -H 'Authorization: Token 9f8e7d6c5b4a3f2e1d0c'", "authorization header"),
    ("Authorization: key=AAAAbbbbCCCCdddd1234", "authorization header"),
    ("curl -H \"X-API-Key: 9f8e7d6c5b4a3f2e1d0c\"", "API key header"),
    ("const apiKey = 'Zk81Jd02mQ';", "secret in quoted option"),
    ("{password: \"hunter2hunter2\"}", "secret in quoted option"),
    ("const api_token=\"abcd1234efgh\"\n", "secret in quoted option"),
    ("export API_TOKEN=\"abcd1234efgh\" && ./run", "password in command line"),
    ("psql 'host=db dbname=app password=S3cretPw9'", "password in connection string"),
  ])
  func findsAPatternAtEveryOffset(secret: String, kind: String) {
    for before in 0..<34 {
      for after in [0, 1, 7, 16, 17] {
        let text = String(repeating: "q", count: before) + " " + secret + " " + String(repeating: "z", count: after)
        #expect(SecretScanner.scan(document("note", text)).map(\.kind) == [kind], "\(text)")
      }
    }
  }

  /// A header's value, a webhook's path: only the secret is replaced, its name and where it
  /// points stay readable.
  @Test(arguments: [
    (
      "curl -H 'Authorization: Token 9f8e7d6c5b4a3f2e1d0c' https://x",
      "curl -H 'Authorization: Token <redacted:authorization header>' https://x"
    ),
    ("Authorization:9f8e7d6c5b4a3f2e1d0c", "Authorization:<redacted:authorization header>"),
    ("https://hooks.slack.com/services/T024BE7LD/B08ABCD12/q1w2e3r4", "https://hooks.slack.com/services/<redacted:webhook URL>"),
    (
      "https://discord.com/api/webhooks/14390629/q4GaG2AEdSs6LKcfRmImVdd0",
      "https://discord.com/api/webhooks/14390629/<redacted:webhook URL>"
    ),
    ("Authorization: Bearer {{ $json.token }}", "Authorization: Bearer {{ $json.token }}"),
  ])
  func aHeaderOrAWebhookKeepsAllButItsSecret(text: String, redacted: String) {
    #expect(SecretScanner.redact(document("code", text))["node"]?["code"] == .string(redacted))
  }

  /// The values of Node-RED's headers and change rules go by the names beside them.
  @Test func nodeREDHeadersAndChangeRulesGoByTheirNames() {
    let node: JSONValue = [
      "headers": [
        ["keyType": "Authorization", "keyValue": "", "valueType": "other", "valueValue": "Token abcd1234"],
        ["keyType": "other", "keyValue": "X-API-Key", "valueType": "other", "valueValue": "abcd1234"],
        ["keyType": "other", "keyValue": "Accept", "valueType": "other", "valueValue": "application/json"],
      ],
      "headersFromMessage": [["keyType": "Authorization", "valueType": "msg", "valueValue": "authHeader1234"]],
      "rules": [
        ["t": "set", "p": "headers.Authorization", "pt": "msg", "to": "Token abcd1234", "tot": "str"],
        ["t": "set", "p": "password", "pt": "msg", "to": "API_PASSWORD", "tot": "env"],
        ["t": "set", "p": "topic", "pt": "msg", "to": "abcd1234", "tot": "str"],
      ],
    ]
    #expect(SecretScanner.scan(node).map(\.path) == ["headers[0].valueValue", "headers[1].valueValue", "rules[0].to"])
  }

  /// Only a URL's password is replaced: where it points, and as whom, stay readable.
  @Test func aPasswordInAURLIsReplacedAlone() {
    let redacted = SecretScanner.redact(document("url", "postgres://admin:hunter2@db.example.com:5432/app"))
    #expect(redacted["node"]?["url"] == "postgres://admin:<redacted:password in URL>@db.example.com:5432/app")
  }

  /// A secret in a URL's query (`?api_key=`, JDBC's `;password=`, a signed URL's `sig=`) is
  /// found, and only its value replaced: where the URL points stays readable.
  @Test(arguments: [
    (
      "https://api.example.com/v1/items?api_key=AKx93hd8Qe&format=json",
      "https://api.example.com/v1/items?api_key=<redacted:secret in URL parameter>&format=json"
    ),
    (
      "jdbc:postgresql://db:5432/app?user=app&password=Pr0d-pass",
      "jdbc:postgresql://db:5432/app?user=app&password=<redacted:secret in URL parameter>"
    ),
    (
      "jdbc:sqlserver://db:1433;databaseName=app;user=sa;Password=Pr0d-pass;encrypt=true",
      "jdbc:sqlserver://db:1433;databaseName=app;user=sa;Password=<redacted:secret in URL parameter>;encrypt=true"
    ),
    (
      "https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=AbCd%2Bef12&se=2026",
      "https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=<redacted:secret in URL parameter>&se=2026"
    ),
    ("https://h.example.com/x?pass=ab$cd99&q=1", "https://h.example.com/x?pass=<redacted:secret in URL parameter>&q=1"),
    ("={{ $json.base }}/v1/items?api_key=AKx93hd8Qe", "={{ $json.base }}/v1/items?api_key=<redacted:secret in URL parameter>"),
  ])
  func aSecretInAURLsQueryIsReplacedAlone(url: String, redacted: String) {
    #expect(SecretScanner.scan(document("url", url)).map(\.kind) == ["secret in URL parameter"])
    #expect(SecretScanner.redact(document("url", url))["node"]?["url"] == .string(redacted))
  }

  /// A password given on a command line (an Execute Command node, a shell step) is found, and
  /// only it is replaced: the command stays readable.
  @Test(arguments: [
    ("mysqldump -u root -pS3cretPw9 shop > /tmp/shop.sql", "mysqldump -u root -p<redacted:password in command line> shop > /tmp/shop.sql"),
    ("mariadb -h db -p'S3cretPw9' shop", "mariadb -h db -p'<redacted:password in command line>' shop"),
    ("mysql --user=root --password=S3cretPw9 shop", "mysql --user=root --password=<redacted:password in command line> shop"),
    ("deploy --api-key 9f8e7d6c5b4a --env prod", "deploy --api-key <redacted:password in command line> --env prod"),
    (
      "kafka-avro-console-consumer --property basic.auth.user.info='svc:S3cretPw9' --topic t",
      "kafka-avro-console-consumer --property basic.auth.user.info='svc:<redacted:password in command line>' --topic t"
    ),
    (
      "curl -sS -u admin:S3cretPw9 https://api.example.com/x",
      "curl -sS -u admin:<redacted:password in command line> https://api.example.com/x"
    ),
    ("sshpass -p 'S3cretPw9' ssh root@host", "sshpass -p '<redacted:password in command line>' ssh root@host"),
    ("PGPASSWORD=S3cretPw9 psql -h db -U app", "PGPASSWORD=<redacted:password in command line> psql -h db -U app"),
    ("cd /app && export API_TOKEN=ab12cd34ef56; ./run", "cd /app && export API_TOKEN=<redacted:password in command line>; ./run"),
    ("redis-cli -h cache -a S3cretPw9 ping", "redis-cli -h cache -a <redacted:password in command line> ping"),
    ("sshpass -pS3cretPw9 ssh host", "sshpass -p<redacted:password in command line> ssh host"),
    (
      "PASSWORD=S3cretPw9 ./run && SECRET_KEY=ab12cd34ef56 ./go",
      "PASSWORD=<redacted:password in command line> ./run && SECRET_KEY=<redacted:password in command line> ./go"
    ),
    ("PGPASSWORD=\"S3cretPw9\" psql -h db", "PGPASSWORD=\"<redacted:password in command line>\" psql -h db"),
    (
      "docker run -e \"POSTGRES_PASSWORD=S3cretPw9\" postgres:16",
      "docker run -e \"POSTGRES_PASSWORD=<redacted:password in command line>\" postgres:16"
    ),
    (
      "sqlcmd -S db -U sa -P 'S3cretPw9' -Q \"select 1\"",
      "sqlcmd -S db -U sa -P '<redacted:password in command line>' -Q \"select 1\""
    ),
    ("mongosh mongodb://db/app -u admin -p S3cretPw9", "mongosh mongodb://db/app -u admin -p <redacted:password in command line>"),
    (
      "keytool -list -keystore k.jks -storepass S3cretPw9",
      "keytool -list -keystore k.jks -storepass <redacted:password in command line>"
    ),
    (
      "openssl pkcs12 -in a.p12 -passin pass:S3cretPw9 -nodes",
      "openssl pkcs12 -in a.p12 -passin pass:<redacted:password in command line> -nodes"
    ),
    // A value in quotes is replaced whole, spaces and the other quote in it.
    ("sshpass -p \"p@ss w0rd\" ssh h", "sshpass -p \"<redacted:password in command line>\" ssh h"),
    ("sqlcmd -S db -P \"S3cr'etPw37\" -Q x", "sqlcmd -S db -P \"<redacted:password in command line>\" -Q x"),
    ("curl -u 'admin:p@ss w0rd' https://x", "curl -u 'admin:<redacted:password in command line>' https://x"),
    ("mysql -u root -p\"S3cr et9\" shop", "mysql -u root -p\"<redacted:password in command line>\" shop"),
    ("openssl rsa -passin 'pass:p@ss w0rd' -in k", "openssl rsa -passin 'pass:<redacted:password in command line>' -in k"),
    ("openssl rsa -passout pass:'S3cretPw12' -in k", "openssl rsa -passout pass:'<redacted:password in command line>' -in k"),
    ("deploy --password=\"p@ss w0rd\" --env prod", "deploy --password=\"<redacted:password in command line>\" --env prod"),
    ("PGPASSWORD='p@ss w0rd' psql", "PGPASSWORD='<redacted:password in command line>' psql"),
    ("curl --user=admin:S3cretPw9 https://x", "curl --user=admin:<redacted:password in command line> https://x"),
    (
      "const cmd = \"sqlcmd -S db -P \\\"S3cretPwJ2\\\" -Q x\";",
      "const cmd = \"sqlcmd -S db -P \\\"<redacted:password in command line>\\\" -Q x\";"
    ),
    ("SQLCMD.EXE -S db -U sa -P S3cretPwJ7", "SQLCMD.EXE -S db -U sa -P <redacted:password in command line>"),
    (
      "docker login -u me -p S3cretPw registry.example.com",
      "docker login -u me -p <redacted:password in command line> registry.example.com"
    ),
    (
      "java -Djavax.net.ssl.keyStorePassword=S3cretPwJ -jar app.jar",
      "java -Djavax.net.ssl.keyStorePassword=<redacted:password in command line> -jar app.jar"
    ),
    // A command right after a quote or a backtick; a word ends before what closes code around it.
    ("execSync(`PGPASSWORD=S3cretPw9x pg_dump`);", "execSync(`PGPASSWORD=<redacted:password in command line> pg_dump`);"),
    ("execSync(`sqlcmd -S db -P S3cretPwB6`);", "execSync(`sqlcmd -S db -P <redacted:password in command line>`);"),
    ("\"mysql -u root -pS3cretPw9\"", "\"mysql -u root -p<redacted:password in command line>\""),
    ("execSync(`mysql -u root -pS3cretPw9`);", "execSync(`mysql -u root -p<redacted:password in command line>`);"),
    ("curl -u admin:S3cretPw9`)", "curl -u admin:<redacted:password in command line>`)"),
    ("deploy --token=abc12345xyz)", "deploy --token=<redacted:password in command line>)"),
    // An escaped quote inside a quoted value is part of it.
    ("sqlcmd -P \"S3cr\\\"etPw\" -Q x", "sqlcmd -P \"<redacted:password in command line>\" -Q x"),
    // A template in a quoted value stays.
    ("=sshpass -p \"S3cretPwT1{{ $json.sfx }}\" ssh h", "=sshpass -p \"<redacted:password in command line>{{ $json.sfx }}\" ssh h"),
    ("mysql -u root -pS3cretPw{{ $json.x }}", "mysql -u root -p<redacted:password in command line>{{ $json.x }}"),
    // A word ends before a template, which stays whole.
    ("=sqlcmd -S db -P S3cretPwK1{{ $json.suffix }}", "=sqlcmd -S db -P <redacted:password in command line>{{ $json.suffix }}"),
  ])
  func aPasswordOnACommandLineIsReplacedAlone(command: String, redacted: String) {
    #expect(SecretScanner.scan(document("command", command)).map(\.kind) == ["password in command line"])
    #expect(SecretScanner.redact(document("command", command))["node"]?["command"] == .string(redacted))
  }

  /// libpq's connection string names its password among `keyword=value` pairs, quoted or not;
  /// ADO.NET's among `key=value;` pairs.
  @Test(arguments: [
    (
      "Server=db;Database=app;User Id=sa;Password=S3cretPw44;",
      "Server=db;Database=app;User Id=sa;Password=<redacted:password in connection string>;"
    ),
    ("host=db dbname=app user=app password=S3cretPw9", "host=db dbname=app user=app password=<redacted:password in connection string>"),
    (
      "psql \"host=db port=5432 password = 'S3cret Pw9' sslmode=require\"",
      "psql \"host=db port=5432 password = '<redacted:password in connection string>' sslmode=require\""
    ),
  ])
  func aConnectionStringsPasswordIsReplacedAlone(text: String, redacted: String) {
    #expect(SecretScanner.scan(document("command", text)).map(\.kind) == ["password in connection string"])
    #expect(SecretScanner.redact(document("command", text))["node"]?["command"] == .string(redacted))
  }

  /// A command whose arguments stand in a member of their own (Node-RED's exec node) is read
  /// whole: the tool's password option is known by the tool.
  @Test func anExecNodesArgumentsAreReadAfterItsCommand() {
    let node: JSONValue = ["type": "exec", "command": "sqlcmd", "append": "-S db -U sa -P S3cretPwA1 -Q x"]
    #expect(SecretScanner.scan(node).map(\.description) == ["password in command line in clear at append"])
    #expect(SecretScanner.redact(node)["append"] == .string("-S db -U sa -P <redacted:password in command line> -Q x"))
    #expect(SecretScanner.redact(node)["command"] == .string("sqlcmd"))
    let prompt: JSONValue = ["type": "exec", "command": "mongosh", "append": "-u admin -p"]
    #expect(SecretScanner.scan(prompt).isEmpty)
  }

  /// A command's arguments repeated under one key are each read after the command: a diff
  /// shows every copy, and the first kept its password where the last alone was read.
  @Test func everyCopyOfRepeatedArgumentsIsRead() {
    let node = JSONValue.object(
      JSONObject([
        .init("type", "exec"), .init("command", "sqlcmd"), .init("append", "-S db -P FirstPwA1"), .init("append", "-S db -P LastPwB2"),
      ]))
    #expect(SecretScanner.scan(node).count == 2)
    let redacted = SecretScanner.redact(node).objectValue?.members.filter { $0.key == "append" }.map(\.value)
    #expect(redacted == ["-S db -P <redacted:password in command line>", "-S db -P <redacted:password in command line>"])
  }

  /// A command's arguments redacted at their place alone are read after the command as a
  /// redaction of the whole leaves it: here the command holds a secret of its own, which read
  /// as it was would keep the arguments' password from being found.
  @Test func argumentsAtAPlaceAreReadAfterTheRedactedCommand() {
    let node: JSONValue = [
      "type": "exec", "command": "sqlcmd --url postgres://sa:Hunter2xy@db", "append": "-S db -U sa -P S3cretPwA1 -Q x",
    ]
    var places = JSONPlaces()
    places.insert([.key("append")])
    let whole = SecretScanner.redact(node, replacing: Self.redacted)
    #expect(whole["append"] == .string("-S db -U sa -P <redacted:password in command line> -Q x"))
    #expect(SecretScanner.redact(node, replacing: Self.redacted, at: places)["append"] == whole["append"])
  }

  static func redacted(kind: String, secret _: String) -> String { "<redacted:\(kind)>" }

  /// Redacted at some places alone, each place is as a redaction of the whole leaves it, and
  /// the rest as it was, over every file of the corpus (`expectPlacesShownAsWhole`).
  @Test func aRedactionAtSomePlacesIsTheWholeOnesThere() throws {
    try #require(Corpus.missingReason == nil, "\(Corpus.missingReason ?? "")")
    var (placed, leftAlone) = (0, 0)
    for file in Corpus.files(withExtension: "json") {
      let document = try JSONParser.parse(try Data(contentsOf: file))
      let whole = SecretScanner.redact(document, replacing: Self.redacted)
      let counts = Self.expectPlacesShownAsWhole(document, whole: whole, in: file) { places in
        SecretScanner.redact(document, replacing: Self.redacted, at: places)
      }
      placed += counts.placed
      leftAlone += counts.leftAlone
    }
    #expect(leftAlone > 20, "the corpus holds secrets in clear to leave alone")
    #expect(placed > 1_000)
  }

  /// A node's configuration shown in a diff at some places alone (`Secrets.shownInDiff`) is
  /// there as it is shown whole, by the dialect's rule and by scanning, and as it was
  /// elsewhere: over every node of every flow in the corpus, places chosen as above.
  @Test func aConfigurationShownAtSomePlacesIsTheWholeViewThere() throws {
    try #require(Corpus.missingReason == nil, "\(Corpus.missingReason ?? "")")
    var (placed, leftAlone) = (0, 0)
    for file in Corpus.files(withExtension: "json") {
      guard let version = try? ExportFormat.read(Array(try Data(contentsOf: file)), fallbackName: "f").1.version else { continue }
      let dialect = version.source?.dialect
      for node in version.nodes {
        let whole = JSONValue.object(Secrets.shownInDiff(node.config, dialect: dialect, at: .everywhere))
        let counts = Self.expectPlacesShownAsWhole(.object(node.config), whole: whole, in: file) { places in
          .object(Secrets.shownInDiff(node.config, dialect: dialect, at: places))
        }
        placed += counts.placed
        leftAlone += counts.leftAlone
      }
    }
    #expect(leftAlone > 5, "the corpus holds secrets in node configurations to leave alone")
    #expect(placed > 1_000)
  }

  /// Checks `partial`, a view of `document` at some places alone, against `whole`, its view
  /// everywhere: every other string or number the whole view changes is a place, as is every
  /// seventh it leaves; each place must read as in `whole`, and each change left out as in
  /// `document`.
  private static func expectPlacesShownAsWhole(
    _ document: JSONValue, whole: JSONValue, in file: URL, _ partial: (JSONPlaces) -> JSONValue
  ) -> (placed: Int, leftAlone: Int) {
    var places = JSONPlaces()
    var (shown, left): ([[JSONStep]], [[JSONStep]]) = ([], [])
    var unchanged = 0
    forEachLeaf(in: document, path: []) { path, leaf in
      // A leaf under a key the view rewrote is not at its path there: nothing to compare.
      guard let shownLeaf = value(at: path, in: whole) else { return }
      if shownLeaf != leaf {
        if (shown.count + left.count).isMultiple(of: 2) { shown.append(path) } else { left.append(path) }
      } else {
        unchanged += 1
        if unchanged.isMultiple(of: 7) { shown.append(path) }
      }
    }
    for path in shown { places.insert(path) }
    let viewed = partial(places)
    for path in shown {
      #expect(value(at: path, in: viewed) == value(at: path, in: whole), "\(file.lastPathComponent) at \(path)")
    }
    for path in left {
      #expect(value(at: path, in: viewed) == value(at: path, in: document), "\(file.lastPathComponent) at \(path)")
    }
    return (shown.count, left.count)
  }

  /// Calls `body` with every string and number under `value`, and its path.
  private static func forEachLeaf(in value: JSONValue, path: [JSONStep], _ body: ([JSONStep], JSONValue) -> Void) {
    switch value {
    case .string, .number: body(path, value)
    case .array(let elements):
      for (index, element) in elements.enumerated() { forEachLeaf(in: element, path: path + [.index(index)], body) }
    case .object(let object):
      for member in object.members { forEachLeaf(in: member.value, path: path + [.key(member.key)], body) }
    default: break
    }
  }

  private static func value(at path: [JSONStep], in value: JSONValue) -> JSONValue? {
    path.reduce(value) { value, step in
      switch step {
      case .key(let key): value?[key]
      case .index(let index): value?.arrayValue.flatMap { index < $0.count ? $0[index] : nil }
      }
    }
  }

  /// Kafka's `basic.auth.user.info`, written as a member of its own, holds `user:password`.
  @Test func basicAuthUserInfoIsASecretsName() {
    #expect(SecretScanner.isSecretName("basic.auth.user.info"))
    #expect(SecretScanner.isSecretName("schema.registry.basic.auth.user.info"))
    #expect(!SecretScanner.isSecretName("userInfo"))
    #expect(!SecretScanner.isSecretName("author"))
    // Its password a reference, it is reported and redacted alike: not at all.
    let reference: JSONValue = ["basic.auth.user.info": "user:${SR_PASSWORD}"]
    #expect(SecretScanner.scan(reference).isEmpty)
    #expect(SecretScanner.redact(reference) == reference)
  }

  /// The cheap test before the URL parameter's regular expression passes every name it takes,
  /// in any case (even one folded from beyond ASCII) and after any prefix, and turns away code
  /// full of `?` and `=`.
  @Test func theTestBeforeTheURLParameterPatternPassesEveryNameItTakes() {
    let names = [
      "password", "passwd", "passphrase", "pwd", "pw", "pass", "apikey", "api_key", "api-key", "accesstoken", "access_token",
      "auth-token", "token", "secret", "client_secret", "sig", "signature", "db_Password", "X-API-KEY",
      // The expression folds case beyond ASCII: the Kelvin sign is a `k` to it.
      "api\u{212A}ey", "to\u{212A}en",
    ]
    for name in names {
      let url = "https://h.example.com/x?\(name)=Zq81kd02"
      let passes = Array(url.utf8).withUnsafeBufferPointer(SecretScanner.namesSecretParameter)
      #expect(passes, "\(name)")
      #expect(SecretScanner.scan(document("url", url)).map(\.kind) == ["secret in URL parameter"], "\(name)")
    }
    let code = "const q = msg.req?.query; if (q?.id == 1) { url = base + '?id=' + q.id + '&page=' + n; }"
    #expect(!Array(code.utf8).withUnsafeBufferPointer(SecretScanner.namesSecretParameter))
  }

  /// A number a secret-named member holds is a secret (a numeric password, a PIN), and is
  /// replaced; a short one, and one a name says is about a secret, are not.
  @Test func aSecretNamedNumberIsASecret() {
    let value: JSONValue = ["password": 5_391_578_943, "pin": 12, "passwordLength": 12_345, "tokenExpiry": 3600, "maxTokens": 4096]
    #expect(SecretScanner.scan(["node": value]).map(\.path) == ["node.password"])
    #expect(SecretScanner.redact(["node": value])["node"]?["password"] == "<redacted:password>")
    #expect(SecretScanner.redact(["node": value])["node"]?["tokenExpiry"] == 3600)
  }

  /// A quoted option's value is replaced alone, and one that is an expression, a placeholder
  /// or too short is no secret; the cheap test before the expression turns away code whose
  /// quotes close no secret name.
  @Test func aQuotedOptionsValueIsReplacedAlone() {
    let statement = "WITH ('connector' = 'jdbc', 'password' = 'Pg7hR2mQ9sLx4Wz', 'table-name' = 'orders')"
    #expect(
      SecretScanner.redact(document("statement", statement))["node"]?["statement"]
        == .string("WITH ('connector' = 'jdbc', 'password' = '<redacted:secret in quoted option>', 'table-name' = 'orders')"))
    for value in [
      #"{"password": "{{ $json.pw }}"}"#, #"{"token": "<token>"}"#, "'password' = 'abc'", #"{"passwordType": "plain"}"#,
    ] {
      #expect(SecretScanner.scan(document("text", value)).isEmpty, "\(value)")
    }
    let code = #"const keys = Object.keys(row); if (keys.includes("id")) { return { "name": row.name, "monkey": 'user' }; }"#
    #expect(Array(code.utf8).withUnsafeBufferPointer(SecretScanner.quotedOptionValues).isEmpty)
    // Any space between the parts, a value holding the other quote; a flag is no secret.
    let spaced = "'db.password'\t=\n'it\"s-S3cr3t' and \"token\": \"true\""
    #expect(
      SecretScanner.redact(document("text", spaced))["node"]?["text"]
        == .string("'db.password'\t=\n'<redacted:secret in quoted option>' and \"token\": \"true\""))
  }

  /// n8n's headers and query parameters are name/value pairs: the pair's name says whether its
  /// value is a secret; a pair of an ordinary name is left alone.
  @Test func aNameValuePairIsJudgedByItsName() {
    let pairs: JSONValue = [
      "headerParameters": [
        "parameters": [["name": "x-api-key", "value": "CANARYxapikey_1122"], ["name": "Accept", "value": "application/json"]]
      ],
      "queryParameters": ["parameters": [["value": "CANARYquerykey_3344", "name": "api_key"]]],
      "environment": [["name": "SECRETS_MANAGER_REGION", "value": "eu-west-1", "secret": false]],
    ]
    #expect(
      SecretScanner.scan(pairs).map(\.description) == [
        "x-api-key value in clear at headerParameters.parameters[0].value",
        "api_key value in clear at queryParameters.parameters[0].value",
      ])
    let redacted = SecretScanner.redact(pairs)
    let headers = redacted["headerParameters"]?["parameters"]?.arrayValue ?? []
    #expect(headers.map { $0["value"] } == ["<redacted:x-api-key>", "application/json"])
    #expect(redacted["queryParameters"]?["parameters"]?.arrayValue?.first?["value"] == "<redacted:api_key>")
  }

  @Test(arguments: [
    ("header", "=Bearer YOUR-API-KEY-HERE"),
    ("content", "- Basic understanding of CSS selectors and"),
    ("name", "Basic Authentication Password"),
    ("token", "oauth2Response.access_token"),
    ("password", "={{ $json.password }}"),
    ("password", ""),
    ("text", "Paste the lines between -----BEGIN ENCRYPTED PRIVATE KEY----- and the END line"),
    ("url", "https://example.com/path?x=1"),
    ("url", "https://api.example.com/v1?api_key={{ $env.API_KEY }}&q=1"),
    ("url", "https://api.example.com/v1?token=${TOKEN}"),
    ("url", "https://api.example.com/v1?pass={{ $json.pass }}"),
    ("url", "https://api.example.com/v1?api_key=YOUR_API_KEY"),
    ("url", "https://example.com/search?tokenizer=whitespace&sort=asc"),
    ("Authorization", "=Bearer {{ $json.groq_api_key }}"),
    ("password", "{{ $json.user }}:{{ $json.password }}"),
    ("token", "Bearer ${TOKEN}"),
    ("Use Default Credentials", "false"),
    ("password", "TRUE"),
    ("secret", "null"),
    // Code that names a header's value but holds none, words like a token's prefix.
    ("code", "msg.headers.authorization = msg.payload.token;"),
    ("code", "fetch(u, { headers: { Authorization: getAuthHeader() } })"),
    ("code", "const headers = { Authorization: process.env.API_TOKEN };"),
    ("code", "curl -H 'Authorization: Token YOUR_API_TOKEN_HERE'"),
    ("code", "xoxo-Grandma-Loves-You-Very-Much"),
    ("code", "EURASIAPACIFICREGIONCODES and AKIAEXAMPLEWITHOUTDIGITS"),
    ("code", "the right_hand side of a github_pat_ like name"),
    ("note", "Tel: 0123456789:AA and more text"),
    ("code", "if (password == 'admin') { label = 'Password:'; type = 'password' }"),
    ("code", "const token = '{{ $json.token }}'; const password = ''; const secret = process.env.S"),
    ("code", "{ selectCredentials: \"Select credentials\", credentials: \"Credentials\" }; r.credentials=\"omit\""),
    ("code", "message = \"Access Token: \" + response.access_token;\ndocument.cookie = \"access_token=\" + t;"),
    (
      "code",
      "const passwordRegex = '^(?=.*[0-9])'; const secretColor = '#ff0000'; const pass = 'step2'; const password_hash_algo = 'bcrypt2';"
    ),
    ("code", "const passwordChars = 'abcdefghijklmnopqrstuvwxyz0123456789';"),
    ("url", "https://hooks.slack.com/services/YOUR_SLACK_WEBHOOK and T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
    ("code", "AKIAIOSFODNN7EXAMPLE ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
    // Command lines that ask for a password, or take it from elsewhere, and prose about options.
    ("command", "mysql -u root -p shop; mysql -u root -p$MYSQL_PWD -P3306 shop"),
    ("command", "curl -u \"$USER:$PASS\" https://x; curl -u {{user}}:{{pass}} https://x; curl -u admin https://x"),
    ("command", "sshpass -p {{ $json.pw }} ssh h; redis-cli -a $REDIS_PASSWORD ping; redis-cli -a -n 2"),
    ("command", "PGPASSWORD=$PGPASS psql; DB_PASSWORD=<your password>; const API_TOKEN=process.env.API_TOKEN"),
    ("note", "Pass it with the --api-key option, or --password-file /run/secrets/db2; i--; x = y -- a comment"),
    ("command", "deploy --token=YOUR_TOKEN_123 --password <password1> --secret ${SECRET2}"),
    ("command", "cd /srv/app2 && OLDPWD=/home/user1 PWD=/srv/app2 ./start"),
    // The newer tools' prompts and passwords kept elsewhere, and code that names libpq's keyword.
    ("command", "sqlcmd -S db -U sa -P $SQL_PW; mongosh -u admin -p; mongosh --port 27017 -p --quiet"),
    ("command", "keytool -list -storepass:env STOREPASS; openssl rsa -passin env:KEY_PW; openssl rsa -passin file:/run/pw2"),
    ("code", "psycopg2.connect(host=h, dbname=d, password=pw)\nconnect(host=h, password=os.environ['PW'])"),
    ("command", "psql \"host=db dbname=app password=$PGPASS\"; psql 'host=db password=<password>'"),
    ("command", "psql 'host=db dbname=app password=env:PGPW'"),
    // Kafka's options that are no secret, or hold a reference or a secret already redacted.
    ("code", "{'basic.auth.credentials.source': 'USER_INFO', 'basic.auth.user.info': 'user:${SR_PASSWORD}'}"),
    ("code", "--property basic.auth.user.info='svc:<redacted:password in command line>'"),
    // The start of a value computed in code.
    ("code", "const headers = {\"Cookie\": \"sid=\" + msg.sid};"),
    // What to write in a secret's place, as exported templates hold it.
    ("Authorization", "Bearer $OPENAI_API_KEY"), ("Authorization", "Bearer ****"), ("Authorization", "Bearer YOUR_TOKEN"),
    ("Authorization", "Bearer <your-api-key>"), ("Authorization", "Bearer "), ("Authorization", "Bearer [YOUR API KEY HERE]"),
    ("Authorization", "Bearer 你的飞书应用Token"), ("password", "yourPassword"), ("apiKey", "ENTER API KEY"),
    ("api_key", "insert elevenlabs api key"), ("token", "dummy-key-123"),
    // Prose and placeholders where a command line's value stands; a URL's query after its host.
    ("note", "Run sqlcmd -P flag to pass it; keytool -storepass option; redis-cli -a password; sshpass -p yourPassword"),
    ("note", "java -Djavax.net.ssl.keyStorePassword=... -jar a.jar; openssl rsa -passin pass:..."),
    ("url", "https://www.google.com?q=from:bob@example.com"), ("x-api-key", "your-json2video-api-key"),
    ("shareCookies", "chose"),
    ("code", "{'basic.auth.user.info': '<redacted:secret in quoted option>'}"),
    // A name that begins as MySQL's, a port mapping, another tool's option after MySQL is named.
    ("code", "const mysqlRowsLeft = total -pageSize * page;"),
    ("command", "docker run --name mysql -p3306:3306 mysql:8; after mysql comes up run pytest -pno:cacheprovider"),
  ])
  func leavesOrdinaryTextAlone(key: String, value: String) {
    #expect(SecretScanner.scan(document(key, value)).isEmpty)
  }

  /// The hand-written JWT finder finds what the expression it replaces finds, where the
  /// expression finds it: runs of `eyJ`, parts too short, a dot missing, a token after a
  /// failed one in the same run.
  @Test func aJWTIsFoundWhereTheExpressionFindsIt() {
    let expression = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
    let texts = [
      token, "x" + token + "!", "eyJeyJ" + token, "eyJabc." + token, "eyJabcdefgh.eyJabcdefgh.abcdefg", "eyJabcdefgh.eyJabcdefg.abcdefgh",
      "eyJabcdefg.eyJabcdefgh.abcdefgh", "eyJabcdefgh.eyJabcdefgh.abcdefgh", "eyJabcdefgh..eyJabcdefgh.abcdefgh",
      "eyJabcdefgh.eyabcdefgh.abcdefgh",
      "é eyJabcdefgh.eyJabcdefgh.abcdefgh é", "eyJabcdefgh.eyJabcdefgh.eyJabcdefgh.abcdefgh", String(repeating: "eyJ", count: 9) + ".eyJ.x",
      "",
    ]
    for text in texts {
      let expected = text.firstMatch(of: expression).map {
        text.distance(from: text.startIndex, to: $0.range.lowerBound)..<text.distance(from: text.startIndex, to: $0.range.upperBound)
      }
      let found = JSONWebToken.first(in: text[...]).map {
        text.distance(from: text.startIndex, to: $0.lowerBound)..<text.distance(from: text.startIndex, to: $0.upperBound)
      }
      #expect(found == expected, "\(text)")
    }
  }

  /// Long texts that nearly hold a secret are scanned in time linear in their length: a run of
  /// letters before `://`, of `eyJ`, of `sk-`, of `Bearer`s, a tool named again and again on
  /// one line; each took seconds to minutes.
  @Test(.timeLimit(.minutes(1))) func textsThatNearlyHoldASecretAreScannedInLinearTime() {
    for text in [
      String(repeating: "a", count: 200_000) + " ://@", String(repeating: "a", count: 200_000) + "://x@",
      String(repeating: "eyJ", count: 70_000),
      String(repeating: "eyJ", count: 70_000) + ".eyJabcdefgh.x", String(repeating: "sk-", count: 70_000),
      String(repeating: "Bearer ", count: 30_000), String(repeating: "use mysql with care ", count: 8_000),
      String(repeating: "curl it ", count: 20_000), String(repeating: "redis-cli ", count: 16_000),
      String(repeating: "--pass word ", count: 16_000), String(repeating: "A TOKEN=x ", count: 16_000),
      String(repeating: "--password=x", count: 8_000), String(repeating: "basic.auth.user.info=", count: 5_000),
      String(repeating: "authorization:", count: 7_000), String(repeating: "X_TOKEN=", count: 12_000),
      String(repeating: "sqlcmd -x ", count: 10_000), String(repeating: "mongo sh ", count: 11_000),
      String(repeating: "-storepass -keypass ", count: 5_000), String(repeating: "-passin pass: ", count: 8_000),
      "host= " + String(repeating: "password='x\n", count: 9_000), "dbname= " + String(repeating: " password=ab", count: 8_000),
    ] {
      #expect(SecretScanner.scan(document("code", text)).isEmpty || text.hasPrefix("sk-"))
    }
  }

  /// Every pattern's expression compiles: those built from text (`CommandLineText`) are
  /// checked only when first matched, and one that did not would end the process there.
  @Test func everyPatternCompiles() {
    for pattern in SecretScanner.patterns { _ = pattern.matches("") }
  }

  /// Each pattern's anchors are bits of one 64-bit mask: a 65th anchor's bit would be lost, and
  /// its patterns never run.
  @Test func everyAnchorHasABit() {
    #expect(Set(SecretScanner.patterns.flatMap(\.anchors)).count <= 64)
  }
}
