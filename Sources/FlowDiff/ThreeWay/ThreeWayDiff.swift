/// What a new export changes relative to the base a target was built from, and what the target
/// changed on its own since: the value the three-way views read.
public struct ThreeWayDiff: Hashable, Sendable {
  /// How the base, the target and the new export are named in output.
  var base: String
  var target: String
  var new: String
  /// Places changed on both sides with different results, listed first.
  public var conflicts: [MergeConflict]
  /// Changes only the target made since the base (base -> target): importing the new export
  /// as it is takes them away.
  public var targetOnly: FlowDiff
  /// Changes only the new export makes (base -> new): what importing it brings.
  public var incoming: FlowDiff
  /// The same change on both sides (base -> new): already in the target.
  public var agreed: FlowDiff

  /// True when neither side changed anything since the base.
  public var isEmpty: Bool { conflicts.isEmpty && targetOnly.isEmpty && incoming.isEmpty && agreed.isEmpty }

  /// `1 conflict; target only: 1 node changed; incoming: 2 nodes changed`, or `no changes`.
  public var summary: String {
    var parts: [String] = []
    if !conflicts.isEmpty { parts.append("\(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s")") }
    for (title, part) in [("target only", targetOnly), ("incoming", incoming), ("on both sides", agreed)] where !part.isEmpty {
      parts.append("\(title): \(part.stat.summary)")
    }
    return parts.isEmpty ? "no changes" : parts.joined(separator: "; ")
  }
}
