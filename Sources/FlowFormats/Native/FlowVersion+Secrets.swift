import FlowModel

extension FlowVersion {
  /// The version as every export writes it unless credentials are asked for: connection
  /// credentials dropped, secret environment variables without their value, and the same for
  /// every subflow carried along.
  public var withoutSecrets: FlowVersion {
    var version = self
    for index in version.connections.indices { version.connections[index].credentials = [:] }
    version.dependencies.environment = version.dependencies.environment.map { entry in
      guard entry["secret"] == .bool(true), var object = entry.objectValue else { return entry }
      object["value"] = nil
      return .object(object)
    }
    version.subflowDefinitions = version.subflowDefinitions.map(\.withoutSecrets)
    return version
  }
}
