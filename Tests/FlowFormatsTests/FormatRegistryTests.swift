import FlowModel
import Testing

@testable import FlowFormats

/// The registry is the one list of formats: names, detection order and hints come from it.
@Suite struct FormatRegistryTests {
  @Test func everyFormatIsFoundByItsNameOnce() {
    let names = ExportFormat.allCases.map(\.rawValue)
    #expect(names == ["json", "n8n", "node-red", "make", "nifi", "ibm-ep", "bundle", "sql"])
    #expect(names.allSatisfy { ExportFormat(rawValue: $0)?.rawValue == $0 })
    #expect(ExportFormat(rawValue: "zip") == nil)
  }

  /// Each codec says what it is as its conformances do: `asDialectCodec` and `asDocumentCodec`
  /// answer without a cast, and a codec that answered wrong would be read, diffed and written as
  /// another kind of format.
  @Test func codecsSayWhatTheyAreAsTheirConformancesDo() {
    for codec in FormatRegistry.all {
      #expect(codec.asDialectCodec.map(ObjectIdentifier.init) == (codec as? any DialectCodec.Type).map(ObjectIdentifier.init), "\(codec)")
      #expect(codec.asDocumentCodec.map(ObjectIdentifier.init) == (codec as? any DocumentCodec.Type).map(ObjectIdentifier.init), "\(codec)")
    }
  }

  @Test func detectionTriesTheMostSpecificDialectFirst() {
    #expect(FormatRegistry.detectionOrder.map { $0.formatName } == ["ibm-ep", "nifi", "make", "n8n", "node-red"])
  }

  @Test func aDocumentWithTwoDialectsShapesIsReadAsTheMoreSpecific() throws {
    let both = #"{"name": "x", "flow": [], "nodes": [], "connections": {}}"#
    #expect(try ExportFormat.read(Array(both.utf8), fallbackName: "x").0.rawValue == "make")
  }

  @Test func onlyN8nRenamesNodesOfAForeignFlow() throws {
    let nodeRed = #"[{"id": "a", "type": "inject", "name": "tick", "x": 1, "y": 1, "wires": [[]]}]"#
    let version = try ExportFormat.read(Array(nodeRed.utf8), fallbackName: "f").1.version
    #expect(throws: FormatError.unsupported("renaming nodes of a Node-RED flow")) {
      try ExportFormat.renamingNode("tick", to: "tock", in: version)
    }
  }

  @Test func volatilePathsBelongToTheirDialect() {
    #expect(ExportFormat(rawValue: "n8n")?.volatilePaths.contains("meta.instanceId") == true)
    #expect(ExportFormat(rawValue: "nifi")?.volatilePaths.contains("snapshotMetadata") == true)
    #expect(ExportFormat.json.volatilePaths.isEmpty)
  }
}
