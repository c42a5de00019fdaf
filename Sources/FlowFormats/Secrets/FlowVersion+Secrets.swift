import FlowModel

extension FlowVersion {
  /// The version as every export writes it unless credentials are asked for: connection
  /// credentials dropped, secret variables (of the environment or the flow) without their
  /// value, every secret the flow's dialect knows replaced by a placeholder (`Secrets`), and
  /// the same for every subflow carried along.
  public var withoutSecrets: FlowVersion {
    var version = Secrets.redacted(self)
    for index in version.connections.indices { version.connections[index].credentials = [:] }
    version.dependencies.environment = version.dependencies.environment.map(Dependencies.withoutSecretValue)
    version.dependencies.variables = version.dependencies.variables.map(Dependencies.withoutSecretValue)
    version.subflowDefinitions = version.subflowDefinitions.map(\.withoutSecrets)
    return version
  }
}
