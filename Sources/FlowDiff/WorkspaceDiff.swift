import FlowModel

/// What differs between two whole workspaces: flows only on one side, and flows on both sides
/// whose current versions differ, each with its diff. A view for printing: flows are named as
/// `compare` was told to show them.
public struct WorkspaceDiff: Sendable {
  var left: String
  var right: String
  var onlyLeft: [String]
  var onlyRight: [String]
  /// Flows on both sides that differ, by name, with their diff.
  var changed: [(name: String, diff: FlowDiff)]
  /// How many flows are on both sides and the same.
  var unchangedCount: Int

  /// True when both sides have the same flows with the same current versions.
  public var isEmpty: Bool { onlyLeft.isEmpty && onlyRight.isEmpty && changed.isEmpty }

  /// Compares the current versions of the flows both sides have. Each flow's name is kept as
  /// `shown` makes it, in the text and in `--json` alike (a token pasted into one redacted:
  /// FlowDiff does not know the secret patterns); flows are matched by their names as stored.
  public static func compare(
    left: String, leftFlows: [String: FlowVersion], right: String, rightFlows: [String: FlowVersion], options: DiffOptions,
    showingNames shown: (String) -> String
  ) -> WorkspaceDiff {
    var result = WorkspaceDiff(
      left: left, right: right, onlyLeft: leftFlows.keys.filter { rightFlows[$0] == nil }.sorted().map(shown),
      onlyRight: rightFlows.keys.filter { leftFlows[$0] == nil }.sorted().map(shown), changed: [], unchangedCount: 0)
    for name in leftFlows.keys.sorted() {
      guard let old = leftFlows[name], let new = rightFlows[name] else { continue }
      let diff = FlowDiffer.diff(old, new, leftLabel: "\(left):\(shown(name))", rightLabel: "\(right):\(shown(name))", options: options)
      if diff.isEmpty { result.unchangedCount += 1 } else { result.changed.append((shown(name), diff)) }
    }
    return result
  }

  /// One line per flow that differs, then a summary.
  public var text: String {
    var lines = ["--- \(left)", "+++ \(right)"]
    lines += onlyLeft.map { "- \($0) (only in \(left))" }
    lines += onlyRight.map { "+ \($0) (only in \(right))" }
    lines += changed.map { "~ \($0.name): \($0.diff.stat.summary)" }
    lines.append(
      isEmpty
        ? "no changes"
        : "\(onlyLeft.count) only in \(left), \(onlyRight.count) only in \(right), \(changed.count) differ, \(unchangedCount) the same")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The `--json` view: `{"left", "right", "equal", "onlyLeft", "onlyRight", "changed": [{"flow", "diff"}], "unchanged"}`.
  public var json: String {
    let document: JSONValue = [
      "left": .string(left), "right": .string(right), "equal": .bool(isEmpty),
      "onlyLeft": .array(onlyLeft.map(JSONValue.string)), "onlyRight": .array(onlyRight.map(JSONValue.string)),
      "changed": .array(changed.map { ["flow": .string($0.name), "diff": DiffJSON.encode($0.diff)] }),
      "unchanged": .number(JSONNumber(unchangedCount)),
    ]
    return JSONWriter().string(document) + "\n"
  }
}
