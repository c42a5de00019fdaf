import FlowModel
import FlowStore

extension Session {
  /// The subflows a workspace flow calls, and theirs, each once. A cycle is reported and not
  /// followed; a subflow the workspace lacks is an error, since the export would be broken.
  func subflowDefinitions(of version: FlowVersion, in open: OpenWorkspace) throws -> [FlowVersion] {
    var collected: [FlowVersion] = []
    var seen: Set<String> = [version.name]
    func visit(_ caller: FlowVersion, path: [String]) throws {
      for name in caller.dependencies.subflows {
        if path.contains(name) {
          output.warning("subflow cycle \((path + [name]).joined(separator: " -> ")): each flow is exported once")
          continue
        }
        guard seen.insert(name).inserted else { continue }
        let stored: StoredVersion
        do { stored = try open.store.version(of: name, number: nil) } catch .noSuchFlow {
          throw SessionError.missingSubflow(caller: caller.name, subflow: name, workspace: open.name)
        }
        var subflow = try decodeStored(stored, in: open)
        subflow.subflowDefinitions = []
        collected.append(subflow)
        try visit(subflow, path: path + [name])
      }
    }
    try visit(version, path: [version.name])
    return collected
  }

  /// The version with the secret values of the workspace connections its references name:
  /// what `export --with-credentials` writes.
  func withCredentials(_ version: FlowVersion, from open: OpenWorkspace) throws -> FlowVersion {
    var version = version
    let names = Set(try open.store.connections().map(\.name))
    for index in version.connections.indices where names.contains(version.connections[index].name) {
      let name = version.connections[index].name
      let secrets = try open.store.secrets(ofConnection: name)
      version.connections[index].credentials = JSONObject(
        secrets.sorted { $0.key < $1.key }.map { JSONObject.Member($0.key, .string($0.value)) })
    }
    return version
  }
}
