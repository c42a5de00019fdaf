import FlowDiff
import FlowFormats
import FlowModel
import FlowTestSupport
import Foundation
import Testing

/// Every export of the corpus against a copy with every id regenerated the way its platform's
/// "import as copy" does it (another instance): the diff is empty; with one node edited in the
/// copy, it is exactly that edit. Counts are per dialect, asserted exactly.
@Suite struct CorpusCopyTests {
  /// What `diff` passes for two flows of one format: its view of each side and its options.
  static func diff(_ left: FlowVersion, _ right: FlowVersion, format: ExportFormat) -> FlowDiff {
    var options = DiffOptions(volatilePaths: DiffOptions.commonVolatilePaths + format.volatilePaths)
    options.shownConfiguration = Secrets.shownInDiff
    options.shownText = Secrets.shownTextInDiff
    options.embeddedIDs = format.embeddedIDs.map { [EmbeddedIDs(open: $0.open, close: $0.close, suffix: $0.suffix)] } ?? []
    return FlowDiffer.diff(
      ExportFormat.diffView(of: left), ExportFormat.diffView(of: right), leftLabel: "original", rightLabel: "copy", options: options)
  }

  struct Tally: Equatable, CustomStringConvertible {
    var files = 0
    var copiesEqual = 0
    var editsExact = 0
    var description: String { "\(files) files, \(copiesEqual) copies equal, \(editsExact) edits exact" }
  }

  @Test func aCopyFromAnotherInstanceIsNoChangeAndOneEditIsThatEdit() throws {
    try #require(Corpus.missingReason == nil, "\(Corpus.missingReason ?? "")")
    var tallies: [String: Tally] = [:]
    var failures: [String] = []
    for file in Corpus.files(withExtension: "json") {
      let dialect = file.deletingLastPathComponent().lastPathComponent
      let bytes = try Data(contentsOf: file)
      let original = try JSONParser.parse(bytes)
      let (format, decoded) = try ExportFormat.read(bytes, fallbackName: "a")
      var copyGenerator = IDRegenerator()
      let copy = copyGenerator.copy(original, dialect: dialect)
      let copied = try ExportFormat.read(JSONWriter().bytes(copy), fallbackName: "a").1.version
      tallies[dialect, default: Tally()].files += 1
      let diff = Self.diff(decoded.version, copied, format: format)
      if diff.isEmpty {
        tallies[dialect, default: Tally()].copiesEqual += 1
      } else {
        failures.append("copy of \(file.lastPathComponent): \(diff.stat.summary)")
        if failures.count <= 3 { failures.append(DiffRenderer.terminal(colour: false).render(diff)) }
      }
      guard let path = CorpusMutationTests.firstNodePath(copy, dialect: dialect) else { continue }
      let edited = CorpusMutationTests.adding(JSONObject.Member("flowportMutation", "x"), at: path[...], in: copy)
      let editedVersion = try ExportFormat.read(JSONWriter().bytes(edited), fallbackName: "a").1.version
      let editDiff = Self.diff(decoded.version, editedVersion, format: format)
      let expected = [PropertyChange(path: "config.flowportMutation", old: nil, new: "x")]
      if editDiff.nodes.count == 1, editDiff.nodes.first?.changes == expected, editDiff.nodes.first?.oldName == nil,
        editDiff.stat.summary == "1 node changed"
      {
        tallies[dialect, default: Tally()].editsExact += 1
      } else {
        failures.append("edited copy of \(file.lastPathComponent): \(editDiff.stat.summary)")
      }
    }
    let report = tallies.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
    #expect(
      tallies == [
        "n8n": Tally(files: 440, copiesEqual: 440, editsExact: 440),
        "node-red": Tally(files: 62, copiesEqual: 62, editsExact: 62),
        "make": Tally(files: 44, copiesEqual: 44, editsExact: 44),
        "nifi": Tally(files: 24, copiesEqual: 24, editsExact: 24),
        "ibm-ep": Tally(files: 1, copiesEqual: 1, editsExact: 1),
      ], "\(report)\n\(failures.prefix(30).joined(separator: "\n"))")
  }
}

/// Gives a document new ids the way each platform does on "import as copy".
struct IDRegenerator {
  private var counter = 0

  private mutating func fresh(_ length: Int = 16) -> String {
    counter += 1
    let digits = String(counter, radix: 16)
    return "c" + String(repeating: "0", count: max(0, length - 1 - digits.count)) + digits
  }

  mutating func copy(_ document: JSONValue, dialect: String) -> JSONValue {
    switch dialect {
    case "n8n": return n8n(document)
    case "node-red":
      var ids: [String: String] = [:]
      for object in document.arrayValue ?? [] {
        if let id = object["id"]?.stringValue, ids[id] == nil { ids[id] = fresh() }
      }
      return Self.replacing(document, ids, subflowTypes: true)
    case "make": return Self.renumbered(document, by: 1000)
    case "nifi":
      var ids: [String: String] = [:]
      collect(["identifier", "instanceIdentifier"], in: document["flowContents"], into: &ids, length: 36)
      for key in document["externalControllerServices"]?.objectValue?.map(\.key) ?? [] where ids[key] == nil { ids[key] = fresh(36) }
      guard case .object(var root) = document else { return document }
      for key in ["flowContents", "externalControllerServices"] { root[key] = root[key].map { Self.replacing($0, ids) } }
      return .object(root)
    case "ibm-ep":
      var ids: [String: String] = [:]
      for node in document["contextState"]?["nodes"]?.arrayValue ?? [] {
        if let id = node["nodeId"]?.stringValue, ids[id] == nil { ids[id] = fresh(36) }
      }
      collect(["id"], in: document["pipelineState"], into: &ids, length: 36, skipping: ["inPort", "outPort"])
      return Self.replacing(document, ids)
    default: return document
    }
  }

  /// New node ids and webhook ids, a new workflow id, version and instance.
  private mutating func n8n(_ document: JSONValue) -> JSONValue {
    guard case .object(var root) = document else { return document }
    if case .array(var nodes)? = root["nodes"] {
      for index in nodes.indices {
        guard case .object(var node) = nodes[index] else { continue }
        if node["id"] != nil { node["id"] = .string(fresh(36)) }
        if node["webhookId"] != nil { node["webhookId"] = .string(fresh(36)) }
        nodes[index] = .object(node)
      }
      root["nodes"] = .array(nodes)
    }
    for key in ["id", "versionId"] where root[key] != nil { root[key] = .string(fresh()) }
    if case .object(var meta)? = root["meta"], meta["instanceId"] != nil {
      meta["instanceId"] = .string(fresh(64))
      root["meta"] = .object(meta)
    }
    return .object(root)
  }

  private mutating func collect(
    _ keys: Set<String>, in value: JSONValue?, into ids: inout [String: String], length: Int, skipping: Set<String> = []
  ) {
    switch value {
    case .object(let object)?:
      for member in object {
        if keys.contains(member.key), let id = member.value.stringValue, !skipping.contains(id), ids[id] == nil {
          ids[id] = fresh(length)
        }
        collect(keys, in: member.value, into: &ids, length: length, skipping: skipping)
      }
    case .array(let elements)?:
      for element in elements { collect(keys, in: element, into: &ids, length: length, skipping: skipping) }
    default: break
    }
  }

  /// Every string that is an old id becomes the new one (keys too); with `subflowTypes`, so does
  /// the id in a Node-RED subflow instance's type, `subflow:<id>`.
  static func replacing(_ value: JSONValue, _ ids: [String: String], subflowTypes: Bool = false) -> JSONValue {
    switch value {
    case .string(let text):
      if let new = ids[text] { return .string(new) }
      if subflowTypes, text.hasPrefix("subflow:"), let new = ids[String(text.dropFirst("subflow:".count))] {
        return .string("subflow:" + new)
      }
      return value
    case .array(let elements): return .array(elements.map { replacing($0, ids, subflowTypes: subflowTypes) })
    case .object(let object):
      return .object(
        JSONObject(
          object.members.map { JSONObject.Member(ids[$0.key] ?? $0.key, replacing($0.value, ids, subflowTypes: subflowTypes)) }))
    default: return value
    }
  }

  /// One `{{ … }}` expression with its module ids moved by `offset`: an id starts the
  /// expression or an argument (after `(`, `;`, a space or an operator) and is followed by `.`
  /// and a field (`1.5` is a number).
  private static func renumbered(_ expression: String, by offset: Int) -> String {
    expression.replacing(/(^|[^\w."'`])(\d+)\.(?!\d)/) { match -> String in
      let id = Int(match.output.2) ?? 0
      return String(match.output.1) + String(id + offset) + "."
    }
  }

  /// Make renumbers pasted modules after the scenario's own: every module id moves by `offset`,
  /// and so does every module reference in mappers and filters (`{{3.x}}`, `{{get(3.list; 1)}}`)
  /// and every id in `metadata.notes`.
  static func renumbered(_ value: JSONValue, by offset: Int, key: String? = nil) -> JSONValue {
    switch value {
    case .number where key == "module id" || key == "moduleIds":
      return value.intValue.map { .number(JSONNumber($0 + offset)) } ?? value
    case .string(let text) where text.contains("{{"):
      return .string(text.replacing(/\{\{.*?(\}\}|$)/.dotMatchesNewlines()) { renumbered(String($0.output.0), by: offset) })
    case .array(let elements): return .array(elements.map { renumbered($0, by: offset, key: key == "moduleIds" ? key : nil) })
    case .object(let object):
      let isModule = object["module"] != nil
      return .object(
        JSONObject(
          object.members.map {
            JSONObject.Member($0.key, renumbered($0.value, by: offset, key: isModule && $0.key == "id" ? "module id" : $0.key))
          }))
    default: return value
    }
  }
}
