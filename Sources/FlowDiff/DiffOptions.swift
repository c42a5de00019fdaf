import FlowModel

/// What the differ looks at beyond the semantic content.
public struct DiffOptions: Sendable {
  /// Also compare canvas positions and node ids, which change on every instance.
  var includeVolatile: Bool
  /// Property paths to leave out, with `*` matching any run of characters
  /// (`config.parameters.options.*`, `*.webhookId`).
  var ignoredPaths: [String]
  /// Paths left out unless `includeVolatile`, with the same patterns: `commonVolatilePaths`,
  /// and those the caller adds for the formats it compares (each codec knows its own).
  public var volatilePaths: [String]

  /// Also build `FlowDiff.graph` (every node and edge with its status), which only pictures need.
  public var includeGraph: Bool
  /// Where ids sit inside longer strings in the formats compared (Make's `{{3.field}}`), so a
  /// reference to a node that only got another id is no change; each codec knows its own.
  public var embeddedIDs: [EmbeddedIDs] = []
  /// How a secret present on one side only is taken: as one an export left out, or as one
  /// added or removed.
  public var oneSidedSecrets = OneSidedSecrets()
  /// A node's configuration as the diff may show it, given the dialect of its flow
  /// (`FlowVersion.source`): the caller's view of it with what must not be printed replaced
  /// (secrets, as stand-ins). Asked only of the two configurations of a paired node that
  /// differ as they are, and shown only where they do (a view replaces equal texts alike, but
  /// not texts equal once ids are translated): making the view of every node of both sides
  /// was a ninth of a large diff. Only the values at `places` are shown, so the view may
  /// leave the rest as it is.
  ///
  /// By default every value stands in for a secret: a caller that forgets to say how its
  /// configurations are shown (`comparingViews` in the session) prints `changed (secret)`
  /// where it changed, never a secret. One that compares configurations holding none says so
  /// (`showingConfigurationsAsTheyAre`).
  public var shownConfiguration: @Sendable (JSONObject, _ dialect: String?, _ places: JSONPlaces) -> JSONObject = { config, _, _ in
    JSONValue.object(config).standingInForSecrets().objectValue ?? [:]
  }

  /// A key of a configuration as `shownConfiguration` shows it wherever it stands (a URL key
  /// with its password stood in): what differs is found in the configurations as they are,
  /// and found again in the shown ones at the same paths with their keys as shown. Names
  /// (`shownName`) are shown through it too.
  public var shownText: @Sendable (String) -> String = { $0 }

  /// A name (the flow's, a node's, a connection reference's) as a diff prints it: a secret a
  /// pattern finds in it (a token pasted into a node's name) as `(secret)`, never its value.
  /// Only names that are printed are asked: the views keep names as they are, and scanning
  /// every name of two large flows for them was 3.5% of a diff.
  func shownName(_ name: String) -> String {
    SecretStandIn.masked(shownText(name), with: PropertyChange.secretWords)
  }

  /// These options with configurations shown as they are: for flows that hold no secret (the
  /// differ's own tests, a model built by hand).
  public var showingConfigurationsAsTheyAre: DiffOptions {
    var options = self
    options.shownConfiguration = { config, _, _ in config }
    options.shownText = { $0 }
    return options
  }

  /// Options for the differ; the defaults compare semantic content only, without the graph.
  public init(
    includeVolatile: Bool = false, ignoredPaths: [String] = [], volatilePaths: [String] = DiffOptions.commonVolatilePaths,
    includeGraph: Bool = false
  ) {
    self.includeVolatile = includeVolatile
    self.ignoredPaths = ignoredPaths
    self.volatilePaths = volatilePaths
    self.includeGraph = includeGraph
  }

  /// Volatile whatever the format: a flow's own id, minted per instance, and the times it was
  /// created and saved.
  public static let commonVolatilePaths = ["id", "createdAt", "updatedAt"]

  func ignores(_ path: String) -> Bool {
    (includeVolatile ? ignoredPaths : ignoredPaths + volatilePaths).contains { PathPattern.matches($0, path) }
  }

  /// True when a connection's property at `path` is left out: volatile paths name it under
  /// `connections.` (a dialect's `connections.id`), and `--ignore` may name it that way or as
  /// the diff prints it under its connection (`credentials.password`).
  func ignoresConnectionProperty(_ path: String) -> Bool {
    ignores("connections." + path) || ignoredPaths.contains { PathPattern.matches($0, path) }
  }
}

/// `*` wildcards over property paths; everything else matches itself.
enum PathPattern {
  static func matches(_ pattern: String, _ path: String) -> Bool {
    let parts = pattern.split(separator: "*", omittingEmptySubsequences: false)
    guard parts.count > 1 else { return pattern == path || path.hasPrefix(pattern + ".") || path.hasPrefix(pattern + "[") }
    var rest = Substring(path)
    guard rest.hasPrefix(parts[0]) else { return false }
    rest = rest.dropFirst(parts[0].count)
    for part in parts.dropFirst().dropLast() {
      guard let range = rest.firstRange(of: part) else { return false }
      rest = rest[range.upperBound...]
    }
    let last = parts.last!
    return last.isEmpty || rest.hasSuffix(last)
  }
}
