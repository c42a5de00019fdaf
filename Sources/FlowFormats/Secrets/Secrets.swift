import FlowModel

/// FlowPort's one notion of a secret, applied by every writer and every view: each dialect's
/// codec says which fields of its documents are secrets (`DialectCodec.rewritingSecrets`);
/// FlowPort's own flows hold them in connection credentials, secret environment variables and
/// secret-named connector options; a JAAS login line's password is one anywhere.
public enum Secrets {
  /// What a secret becomes in an export or a view made without `--with-credentials`.
  public static let placeholder = "<secret removed>"

  /// True for what an export writes where it left a secret out: an empty value, FlowPort's
  /// placeholders (`<secret removed>`, a bundle's `<secret>`, `--redact`'s `<redacted:kind>`) and
  /// each dialect's own (IBM EP's `<password_redacted>`). Not any text in angle brackets: a
  /// password that became `<changeme>` is a change to see, and a sealed secret whose key is
  /// missing (`SealedSecret.unreadable`) is not one left out.
  static func isPlaceholder(_ text: String) -> Bool {
    let trimmed = text.trimmingPrefix(" ")
    if trimmed.isEmpty || trimmed.hasPrefix("<redacted:") && trimmed.hasSuffix(">") { return true }
    return knownPlaceholders.contains(String(trimmed))
  }

  /// Every placeholder a FlowPort or platform export writes for a secret.
  private static let knownPlaceholders: Set<String> = Set(
    [placeholder, ConfigYAML.secretPlaceholder] + FormatRegistry.dialects.map { $0.secretPlaceholder })

  /// True for text that is a value to protect, not a placeholder, an empty value or a
  /// reference to one kept elsewhere (`#{param}`, `${env:X}`, `{{1.token}}`). Text of its
  /// own between references (`{{ $env.A }}s3cr3t{{ $env.B }}`, `<a>s3cr3t<b>`) is a value:
  /// the text's two ends alone said it was not.
  static func isValue(_ text: String) -> Bool {
    let trimmed = text.trimmingPrefix(" ")
    if trimmed.isEmpty || SecretScanner.isBracketed(trimmed) { return false }
    if trimmed.hasPrefix(SealedSecret.prefix) || SecretStandIn.isStandIn(.string(text)) { return false }
    return !SecretScanner.isComputed(trimmed, strictly: true)
  }

  /// The version with every secret replaced by `placeholder`: what every export and view shows
  /// unless credentials are asked for.
  public static func redacted(_ version: FlowVersion) -> FlowVersion {
    redacted(version, dialect: version.source?.dialect)
  }

  /// The version with every secret replaced, read by the rules of `dialect` (for a version
  /// whose source document was let go).
  public static func redacted(_ version: FlowVersion, dialect: String?) -> FlowVersion {
    let text = dialect.flatMap { ExportFormat(rawValue: $0)?.dialect?.secretPlaceholder } ?? placeholder
    return rewriting(version, dialect: dialect, SecretWalker(transform: { _ in text }))
  }

  /// The version with every secret scanning finds (`scanRedacted`: a token in a header, a
  /// password in a URL, a secret-named parameter, and one in a node's name) sealed in place by
  /// `seal`, a JSON number by `number`: what a commit stores, before `sealing` seals whole what
  /// each dialect's rule names. Sealed where they stand, they open where they stand
  /// (`Sealer.openAll` opens a sealed secret anywhere in a stored document), so a flow exported
  /// again is as it was. The flow's own name is its name in the workspace, and stays.
  public static func scanSealing(_ version: FlowVersion, number: @escaping (String) -> String, _ seal: (String) -> String) -> FlowVersion {
    var sealed = scanRedacted(version, replacing: { _, secret in seal(secret) }, numbers: { _, text in number(text) })
    for index in sealed.nodes.indices {
      if let name = SecretScanner.rewritingText(sealed.nodes[index].name, { _, secret in seal(secret) }) { sealed.nodes[index].name = name }
    }
    return sealed
  }

  /// The version with every secret's text sealed by `seal`, to be opened again: connection
  /// credentials, secret environment variables, and in nodes, the source document and the
  /// flow's settings whatever the flow's dialect calls secret. A secret that is a JSON number
  /// goes through `number` (so that it opens as a number); a document written as JSON in a text
  /// that holds one goes through whole, so that opening it gives the text back as it was
  /// (`SecretWalker.transformsEmbeddedDocumentsWhole`).
  public static func sealing(
    _ version: FlowVersion, number: @escaping (String) -> String, _ seal: @escaping (String) -> String
  ) -> FlowVersion {
    var walker = SecretWalker(transform: seal, number: number)
    walker.transformsEmbeddedDocumentsWhole = true
    return rewriting(version, walker)
  }

  /// The version with every secret rewritten by `walker`, by the rules of its own dialect;
  /// the nodes' configurations left as they are unless `includingNodes`.
  static func rewriting(_ version: FlowVersion, _ walker: SecretWalker, includingNodes: Bool = true) -> FlowVersion {
    rewriting(version, dialect: version.source?.dialect, walker, includingNodes: includingNodes)
  }

  private static func rewriting(
    _ version: FlowVersion, dialect name: String?, _ walker: SecretWalker, includingNodes: Bool = true
  ) -> FlowVersion {
    var version = version
    let dialect = name.flatMap { ExportFormat(rawValue: $0)?.dialect }
    func rewrite(_ value: JSONValue) -> JSONValue { rewriting(value, by: dialect, walker) }
    for index in version.connections.indices {
      version.connections[index].credentials = walker.all(.object(version.connections[index].credentials)).objectValue ?? [:]
      version.connections[index].properties = rewrite(.object(version.connections[index].properties)).objectValue ?? [:]
    }
    // Environment variables and flow variables alike say themselves whether they are secret.
    func rewritingSecret(_ entry: JSONValue) -> JSONValue {
      guard Dependencies.isSecret(entry), case .object(var object) = entry else { return entry }
      object.updateValues(forKey: "value", walker.all)
      return .object(object)
    }
    version.dependencies.environment = version.dependencies.environment.map(rewritingSecret)
    version.dependencies.variables = version.dependencies.variables.map(rewritingSecret)
    // An empty configuration (every node of an outlined flow) holds nothing to rewrite.
    if includingNodes, version.hasNodeConfigs {
      for index in version.nodes.indices where !version.nodes[index].config.isEmpty {
        version.nodes[index].config = rewrite(.object(version.nodes[index].config)).objectValue ?? [:]
      }
    }
    if var source = version.source {
      source.document = rewrite(source.document)
      version.source = source
    }
    version.metadata = rewrite(.object(version.metadata)).objectValue ?? [:]
    version.extensions = NativeJSONCodec.rewritingSecrets(in: .object(version.extensions), walker).objectValue ?? [:]
    version.subflowDefinitions = version.subflowDefinitions.map {
      rewriting($0, dialect: $0.source?.dialect, walker, includingNodes: includingNodes)
    }
    return version
  }

  /// How many secrets the version holds, by the same rules.
  public static func count(in version: FlowVersion) -> Int {
    final class Counter { var value = 0 }
    let counter = Counter()
    _ = rewriting(
      version,
      SecretWalker { text in
        counter.value += 1
        return text
      })
    return counter.value
  }

  /// True when a commit would seal something in the source document, read from `text`: a
  /// member its dialect's rules call secret, or a JAAS password, holding a value. Where the
  /// dialect names texts such a document must contain (`secretTextMarkers`), a text without
  /// them, without a login line and without `\u` escapes (which could spell them otherwise)
  /// holds none, and is not walked.
  static func holdsSecret(_ source: SourceDocument, text: UnsafeBufferPointer<UInt8>) -> Bool {
    let dialect = ExportFormat(rawValue: source.dialect)?.dialect
    if let markers = dialect?.secretTextMarkers {
      let found = (markers + [#"\u"#, "LoginModule"]).contains { marker in
        StringBytes.bytes(of: marker) { StringBytes.contains($0, in: text) }
      }
      if !found { return false }
    }
    final class Seen { var any = false }
    let seen = Seen()
    let walker = SecretWalker { text in
      seen.any = true
      return text
    }
    _ = rewriting(source.document, by: dialect, walker)
    return seen.any
  }

  /// `value` rewritten by `walker` where `dialect`'s rule (FlowPort's own, without one) finds secrets.
  private static func rewriting(_ value: JSONValue, by dialect: (any DialectCodec.Type)?, _ walker: SecretWalker) -> JSONValue {
    dialect?.rewritingSecrets(in: value, walker) ?? NativeJSONCodec.rewritingSecrets(in: value, walker)
  }

  /// The version with secrets found by scanning (`SecretScanner`) replaced too: what
  /// `--redact` adds, over nodes, connection settings, the source document and the flow's
  /// settings. Each becomes what `replacement` makes of its kind and text, `<redacted:kind>` by
  /// default. Nodes' configurations are left as they are unless `includingNodes`.
  public static func scanRedacted(
    _ version: FlowVersion, replacing replacement: (_ kind: String, _ secret: String) -> String = SecretScanner.redactionMark,
    numbers: ((_ kind: String, _ text: String) -> String)? = nil, includingNodes: Bool = true
  ) -> FlowVersion {
    func redact(_ value: JSONValue) -> JSONValue { SecretScanner.redact(value, replacing: replacement, numbers: numbers) }
    var version = version
    // An empty configuration (every node of an outlined flow, which a commit seals) holds
    // nothing to redact, and the nodes are not copied for it.
    if includingNodes {
      for index in version.nodes.indices where !version.nodes[index].config.isEmpty {
        version.nodes[index].config = redact(.object(version.nodes[index].config)).objectValue ?? [:]
      }
    }
    // Connection settings too: a password in a config node's URL, a NiFi parameter named like
    // a secret but not marked sensitive.
    for index in version.connections.indices {
      version.connections[index].properties = redact(.object(version.connections[index].properties)).objectValue ?? [:]
    }
    if var source = version.source {
      source.document = redact(source.document)
      version.source = source
    }
    version.metadata = redact(.object(version.metadata)).objectValue ?? [:]
    // A FlowPort flow's own parts too: its description, what it depends on (a token in a
    // variable not marked secret, a rule's condition), and members FlowPort does not know.
    version.description = version.description.map { redact(.string($0)).stringValue ?? $0 }
    version.extensions = redact(.object(version.extensions)).objectValue ?? [:]
    var dependencies = version.dependencies
    for part in [\Dependencies.events, \.forms, \.rules, \.variables, \.environment, \.guardrails, \.slaGoals] {
      dependencies[keyPath: part] = dependencies[keyPath: part].map(redact)
    }
    dependencies.schedule = dependencies.schedule.map(redact)
    version.dependencies = dependencies
    version.subflowDefinitions = version.subflowDefinitions.map {
      scanRedacted($0, replacing: replacement, numbers: numbers, includingNodes: includingNodes)
    }
    return version
  }

  /// What a secret the scanner finds becomes in a diff's view, whatever its kind: its stand-in
  /// (`SecretStandIn`), so a changed one still shows as changed. The replacement `scanRedacted`
  /// and `SecretScanner.redact` take there.
  static func standIn(kind _: String, secret: String) -> String { SecretStandIn.standIn(forTextIn: secret) }

  /// A node's configuration, of a flow of `dialect`, with its secrets as stand-ins: what a diff
  /// view leaves to the differ to make of the configurations it shows (`ExportFormat.diffView`).
  /// Those found by scanning always, at the `places` the diff shows (`DiffOptions`); those the
  /// dialect's rule names where its view kept the configurations as decoded
  /// (`DialectCodec.defersNodeSecretsToDiffer`, FlowPort's own).
  public static func shownInDiff(_ config: JSONObject, dialect name: String?, at places: JSONPlaces) -> JSONObject {
    var config = JSONValue.object(config)
    if differStandsInNodeSecrets(of: name) {
      var walker = diffStandIns()
      walker.places = places
      config = rewriting(config, by: name.flatMap { ExportFormat(rawValue: $0)?.dialect }, walker)
    }
    return SecretScanner.redact(config, replacing: standIn(kind:secret:), at: places).objectValue ?? [:]
  }

  /// A key of a node's configuration as `shownInDiff` shows it, or a name as a diff prints it:
  /// what a pattern finds in it (a URL's password, a token) stood in for
  /// (`SecretScanner.rewritingText`).
  public static func shownTextInDiff(_ text: String) -> String {
    SecretScanner.rewritingText(text, standIn(kind:secret:)) ?? text
  }

  /// True when the secrets a flow of `dialect` holds by its rule in node configurations are
  /// stood in for by the differ (`shownInDiff`), not by its diff view: the one place both ask,
  /// so the two cannot disagree and leave such a secret to neither. FlowPort's own flows, and a
  /// dialect whose view keeps the configurations as decoded (`defersNodeSecretsToDiffer`).
  static func differStandsInNodeSecrets(of dialect: String?) -> Bool {
    guard let dialect else { return true }
    return ExportFormat(rawValue: dialect).map { $0.dialect?.defersNodeSecretsToDiffer ?? true } ?? true
  }

  /// The walker a diff view stands in for secrets with: an export's placeholder is
  /// `SecretStandIn.leftOut`, so a secret one export left out is no change.
  static func diffStandIns() -> SecretWalker {
    var walker = SecretWalker { SecretStandIn.standIn(forTextIn: $0) }
    walker.placeholder = SecretStandIn.leftOut
    return walker
  }

  /// The version as a view shows it (`show --json`, `diff`): secrets, and secret-looking values
  /// found by scanning, replaced, in names too.
  public static func forViewing(_ version: FlowVersion) -> FlowVersion {
    redactingNames(scanRedacted(redacted(version)))
  }

  /// The version with what a pattern finds in its names (the flow's, its nodes', its connection
  /// references', its subflows') redacted as `redact` writes it (`<redacted:bearer token>`): a
  /// token pasted into a node's name, a password in the URL an unnamed config node goes by.
  /// `show` prints names, which the walks of configurations and documents never reach; load
  /// warned of them, and `show` then printed them. Names without one are left as they are, so
  /// a large flow's nodes are not copied for nothing.
  public static func redactingNames(_ version: FlowVersion) -> FlowVersion {
    var version = version
    if let name = redactedIfAny(version.name) { version.name = name }
    for index in version.nodes.indices {
      if let name = redactedIfAny(version.nodes[index].name) { version.nodes[index].name = name }
    }
    for index in version.connections.indices {
      if let name = redactedIfAny(version.connections[index].name) { version.connections[index].name = name }
    }
    if !version.subflowDefinitions.isEmpty { version.subflowDefinitions = version.subflowDefinitions.map(redactingNames) }
    return version
  }

  /// A name with what a pattern finds in it redacted as `redact` writes it. For every name
  /// printed: `show`'s, and each line a command prints about a flow.
  public static func redacted(name: String) -> String { redactedIfAny(name) ?? name }

  /// `redacted(name:)`, nil when the name holds nothing to redact.
  private static func redactedIfAny(_ name: String) -> String? {
    SecretScanner.rewritingText(name, SecretScanner.redactionMark)
  }

  /// `text` with the password of every JAAS login line in it passed through `transform`; nil
  /// when it holds no login line.
  static func rewritingJAAS(_ text: String, _ transform: (String) -> String) -> String? {
    // Most strings are shorter than the word (every string of every document is asked).
    guard text.utf8.count >= loginModule.utf8.count, StringBytes.contains(loginModule, in: text) else { return nil }
    return text.replacing(jaasPassword) { match in
      let (head, quote) = (match.output.head, match.output.quote ?? "")
      guard let value = (match.output.value ?? match.output.bare).map(String.init), isValue(value) else { return String(match.output.0) }
      return "\(head)\(quote)\(transform(value))\(quote)"
    }
  }

  /// `text` (a line of a file FlowPort does not read as a flow) with what looks like a secret
  /// redacted: JAAS passwords by the rule every view applies, the rest as the scanner finds it.
  public static func redacted(text: String) -> String {
    let jaas = rewritingJAAS(text) { _ in "<redacted:JAAS password>" } ?? text
    return SecretScanner.redact(.string(jaas)).stringValue ?? jaas
  }

  /// The word every JAAS login line holds.
  private static let loginModule = "LoginModule"
  /// A JAAS option that holds a secret (the password, an OAuth client's secret in Kafka's
  /// `OAuthBearerLoginModule`, and a broker's `user_<name>`, that user's password) and its
  /// value: in quotes, written as they are or escaped (a login line inside a JSON string), up
  /// to the first quote like its opening one that is not itself escaped (`pa\"ss` is one
  /// password, as Kafka's parser reads it, and `pa\\\"ss` one inside an escaped line); or bare
  /// (`password=s3cr3t;`, which Kafka's parser reads too), up to a space, a `;`, a quote or a
  /// backslash. Each step of a quoted value is atomic, one escape or one other character: where
  /// two steps could both take a backslash, a run of them without a closing quote was tried
  /// every way there is to split it, exponential in its length.
  nonisolated(unsafe) private static let jaasPassword =
    /(?<head>\b(?:password|clientSecret|user_[A-Za-z0-9_.-]+)\s*=\s*)(?:(?<quote>\\?["'])(?<value>(?>\\\\\\"|\\.|[^\\])*?)\k<quote>|(?<bare>[^\s;"'\\]+))/
}
