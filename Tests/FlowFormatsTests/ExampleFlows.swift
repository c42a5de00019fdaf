import FlowFormats
import FlowModel
import FlowTestSupport

/// The example flows of `scripts/examples`, decoded.
enum ExampleFlows {
  /// The event-processing example that uses every kind of node and dependency.
  static func fraudAlerts() throws -> FlowVersion {
    try NativeJSONCodec.decode(try JSONParser.parse(try Fixtures.example("fraud-alerts.json")))
  }
}
