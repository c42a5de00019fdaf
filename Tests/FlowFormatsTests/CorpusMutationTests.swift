import FlowDiff
import FlowFormats
import FlowModel
import FlowTestSupport
import Foundation
import Testing

/// Every export of the corpus against a copy with one node edited in the file: the diff shows
/// that one change and nothing else.
@Suite struct CorpusMutationTests {
  /// Where the first node's object sits in a document of each dialect, as a path of keys and indices.
  static func firstNodePath(_ document: JSONValue, dialect: String) -> [PathStep]? {
    switch dialect {
    case "n8n": return document["nodes"]?.arrayValue?.isEmpty == false ? [.key("nodes"), .index(0)] : nil
    case "node-red":
      let index = document.arrayValue?.firstIndex {
        ($0["wires"] != nil || $0["x"] != nil) && !["tab", "subflow", "group", "comment"].contains($0["type"]?.stringValue ?? "")
      }
      return index.map { [.index($0)] }
    case "make": return document["flow"]?.arrayValue?.isEmpty == false ? [.key("flow"), .index(0)] : nil
    case "nifi": return firstProcessor(document["flowContents"], path: [.key("flowContents")])
    case "ibm-ep": return [.key("contextState"), .key("nodes"), .index(0), .key("configuration")]
    default: return nil
    }
  }

  static func firstProcessor(_ group: JSONValue?, path: [PathStep]) -> [PathStep]? {
    guard let group else { return nil }
    if group["processors"]?.arrayValue?.isEmpty == false { return path + [.key("processors"), .index(0)] }
    for (index, child) in (group["processGroups"]?.arrayValue ?? []).enumerated() {
      if let found = firstProcessor(child, path: path + [.key("processGroups"), .index(index)]) { return found }
    }
    return nil
  }

  enum PathStep {
    case key(String)
    case index(Int)
  }

  static func adding(_ member: JSONObject.Member, at path: ArraySlice<PathStep>, in value: JSONValue) -> JSONValue {
    guard let step = path.first else {
      guard case .object(var object) = value else { return value }
      object.members.append(member)
      return .object(object)
    }
    switch (step, value) {
    case (.key(let key), .object(var object)):
      object[key] = object[key].map { adding(member, at: path.dropFirst(), in: $0) }
      return .object(object)
    case (.index(let index), .array(var elements)) where index < elements.count:
      elements[index] = adding(member, at: path.dropFirst(), in: elements[index])
      return .array(elements)
    default:
      return value
    }
  }

  @Test func aMutatedCopyShowsExactlyTheMutation() throws {
    try #require(Corpus.missingReason == nil, "\(Corpus.missingReason ?? "")")
    var failures: [String] = []
    var checked = 0
    for file in Corpus.files(withExtension: "json") {
      let dialect = file.deletingLastPathComponent().lastPathComponent
      let bytes = try Data(contentsOf: file)
      let original = try JSONParser.parse(bytes)
      guard let path = Self.firstNodePath(original, dialect: dialect) else { continue }
      let mutated = Self.adding(JSONObject.Member("flowportMutation", "x"), at: path[...], in: original)
      let before = try ExportFormat.read(bytes, fallbackName: "a").1.version
      let after = try ExportFormat.read(JSONWriter().bytes(mutated), fallbackName: "a").1.version
      let diff = FlowDiffer.diff(before, after, leftLabel: "a", rightLabel: "b", options: DiffOptions().showingConfigurationsAsTheyAre)
      checked += 1
      let expected = [PropertyChange(path: "config.flowportMutation", old: nil, new: "x")]
      if diff.nodes.count != 1 || diff.nodes.first?.changes != expected || !diff.edges.isEmpty || !diff.connections.isEmpty
        || !diff.flow.isEmpty
      {
        failures.append("\(file.lastPathComponent): \(diff.stat.summary)")
      }
    }
    #expect(checked >= 560, "only \(checked) corpus files had a node to mutate")
    #expect(failures.isEmpty, "\(failures.count) files:\n\(failures.prefix(20).joined(separator: "\n"))")
  }
}
