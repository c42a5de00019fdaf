import FlowModel

extension IBMEventProcessingCodec {
  /// A source's or sink's Kafka connection details: where the cluster is and how to log in.
  static let connectionMembers = ["bootstrapServers", "securityProtocol", "credentials", "truststoreCertificates", "certificatesAccepted"]
  /// Members of `credentials.data` that are secrets.
  static let secretMembers: Set<String> = ["password"]

  /// Each node's connection details (bootstrap servers, security protocol, SASL credentials,
  /// truststore) are its connection reference's properties, shown once there, with the
  /// password as a stand-in; the node keeps the rest (topic, fields, statement).
  static func diffView(of version: FlowVersion, document: () -> JSONValue) -> FlowVersion {
    var view = version
    var references = ReferenceCollector()
    for index in view.nodes.indices {
      var node = view.nodes[index]
      var details = JSONObject()
      for key in connectionMembers {
        guard let value = node.config[key] else { continue }
        details[key] = key == "credentials" ? value.standingInForSecrets(named: secretMembers) : value
        node.config[key] = nil
      }
      if !details.isEmpty {
        let key = node.connection ?? "\(node.id):connection"
        let declared = version.connection(key: key)
        references.add(
          ConnectionRef(key: key, type: declared?.type ?? "kafka", name: declared?.name ?? node.name, properties: details))
        node.connection = key
      }
      view.nodes[index] = node
    }
    view.connections = references.references
    return view
  }
}
