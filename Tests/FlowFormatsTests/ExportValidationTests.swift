import FlowFormats
import FlowModel
import FlowTestSupport
import Testing

/// The checks before a bundle or SQL export, each alone and all at once.
@Suite struct ExportValidationTests {
  let example: FlowVersion

  init() throws { example = try ExampleFlows.fraudAlerts() }

  func messages(_ version: FlowVersion, for format: ExportFormat? = nil) -> [String] {
    ExportValidation.check(version, for: format).map(\.description)
  }

  @Test func theExamplePasses() {
    #expect(messages(example, for: .sql) == [])
  }

  @Test func aSourceOutsideTheGraphIsNamed() {
    var version = example
    version.edges.removeAll { $0.from == "p2" }
    version.nodes[4].config["columns"] = [["name": "account_id"]]
    #expect(messages(version).contains("error: source 'Accounts' is not connected to the graph"))
  }

  @Test func anUnconfiguredNodeNamesWhatIsMissing() {
    var version = example
    version.nodes[2].config["condition"] = nil
    version.nodes[0].connection = nil
    #expect(
      messages(version) == [
        "error: node 'Payments' (source.kafka) is not configured: missing a connection",
        "error: node 'Large payments' (filter) is not configured: missing condition",
      ])
  }

  @Test func theGraphMustEndInExactlyOneDestination() {
    var version = example
    version.edges.removeAll { $0.to == "p7" }
    version.nodes.removeAll { $0.id == "p7" }
    #expect(messages(version) == ["error: the graph ends in 'Alert' (transform), which is not a destination"])
    version = example
    version.nodes.append(Node(id: "p8", name: "Archive", type: "destination.filesystem", connection: "kafka-test", config: ["schema": []]))
    version.edges.append(Edge(from: "p6", to: "p8"))
    #expect(messages(version) == ["error: the graph ends in 2 nodes ('Fraud alerts', 'Archive'); it must end in exactly one destination"])
  }

  @Test func cloudFunctionsAreNamedAndEverythingIsListedAtOnce() {
    var version = example
    version.nodes[5].type = "cloud-function.lambda"
    version.nodes[2].config["condition"] = nil
    version.edges.removeAll { $0.from == "p2" }
    #expect(
      messages(version, for: .sql) == [
        "error: node 'Alert' (cloud-function.lambda) cannot be exported: cloud function connectors do not travel with a flow",
        "error: node 'Large payments' (filter) is not configured: missing condition",
        "error: source 'Accounts' is not connected to the graph",
        "error: node 'Alert' (cloud-function.lambda) has no Flink SQL translation",
      ])
  }

  @Test func automationsWithoutSourcesSkipTheGraphRules() throws {
    let n8n = FlowVersion(name: "w", nodes: [Node(id: "1", name: "Webhook", type: "n8n-nodes-base.webhook")])
    #expect(messages(n8n) == [])
  }
}
