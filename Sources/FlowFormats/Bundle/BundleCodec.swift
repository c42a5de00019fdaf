import FlowModel
import Foundation
import ZIPFoundation

/// FlowPort's bundle, `<flow name>.zip`: the native document split into the four files a CI/CD
/// pipeline works with. `flow_definition.json` holds the graph (nodes with their configurations,
/// AI prompts and timeouts included, edges, connection references, dependencies),
/// `app_definition.json` the flow's identity (name, description, version, sync/async mode,
/// guardrails), `env_variables.json` its environment variables (a secret's value left out), and
/// `config.yaml` the values that differ per environment, which win over the JSON files on import.
///
/// Reading is defensive: a bundle comes from elsewhere, so any entry other than the four, a
/// duplicate, a path that leaves the folder, a symbolic link, or an archive that expands far
/// beyond its size is refused before anything is decoded.
public enum BundleCodec {
  static let flowDefinition = "flow_definition.json"
  static let appDefinition = "app_definition.json"
  static let envVariables = "env_variables.json"
  static let config = "config.yaml"
  /// The entries of every bundle, in the order they are written.
  static let entries = [flowDefinition, appDefinition, envVariables, config]

  /// Members never written to a bundle whatever the document carries: API keys, sharing
  /// permissions and members, the flow's endpoint, the audit log.
  static let neverExported: Set<String> = ["apiKeys", "members", "sharing", "permissions", "endpoint", "auditLog"]

  /// A bundle may expand to this many times its own size at most (zip bombs), and never beyond
  /// `maximumExpandedBytes`; both are checked against the real bytes, not the headers' claims.
  static let maximumExpansion = 200
  static let maximumExpandedBytes = 256 << 20

  /// True for the bytes of a zip archive: how `load` tells a bundle from a JSON export.
  static func isBundle(_ bytes: some Collection<UInt8>) -> Bool {
    bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
  }

  /// Writes a flow version as a bundle. Secrets found in clear are replaced by placeholders.
  public static func encode(_ version: FlowVersion, stamp: ExportStamp?) throws(FormatError) -> Data {
    let shareable = Secrets.scanRedacted(version.withoutSecrets)
    guard case .object(var document) = SecretScanner.redact(NativeJSONCodec.encode(shareable, stamp: stamp)) else {
      preconditionFailure("the native codec writes an object")
    }
    var dependencies = document["dependencies"]?.objectValue ?? [:]
    let environment = shareable.dependencies.environment
    dependencies["environment"] = nil
    dependencies["guardrails"] = nil

    var app: JSONObject = document["flow"]?.objectValue ?? [:]
    app["version"] = document["version"]
    if !version.dependencies.guardrails.isEmpty { app["guardrails"] = .array(version.dependencies.guardrails) }
    app["exported"] = document["exported"]

    document.removeMembers(keyedBy: ["flow", "version", "exported", "dependencies"] + neverExported)
    if !dependencies.isEmpty { document["dependencies"] = .object(dependencies) }

    let config = ConfigYAML(
      connections: shareable.connections.map { ($0.key, $0.properties) },
      variables: environment.compactMap { entry in
        Dependencies.name(of: entry).map { ($0, Dependencies.isSecret(entry) ? JSONValue?.none : entry["value"] ?? .null) }
      })
    let writer = JSONWriter(layout: .indented(2))
    let files: [(String, Data)] = [
      (flowDefinition, Data(writer.bytes(.object(document)) + [0x0A])),
      (appDefinition, Data(writer.bytes(.object(app)) + [0x0A])),
      (envVariables, Data(writer.bytes(.array(environment)) + [0x0A])),
      (Self.config, Data(try config.text(flow: version.name).utf8)),
    ]
    do {
      let archive = try Archive(accessMode: .create)
      for (path, content) in files {
        try archive.addEntry(
          with: path, type: .file, uncompressedSize: Int64(content.count), compressionMethod: .deflate
        ) { position, size in content.subdata(in: Int(position)..<Int(position) + size) }
      }
      guard let data = archive.data else { throw FormatError.bundle("the archive could not be assembled") }
      return data
    } catch let error as FormatError { throw error } catch {
      throw .bundle("the archive could not be written (\(error))")
    }
  }

  /// Reads a bundle back into a flow version, `config.yaml`'s values winning.
  public static func decode(_ data: Data) throws(FormatError) -> FlowVersion {
    let files = try safeEntries(of: data)
    var document = try object(in: files, flowDefinition)
    let app = try object(in: files, appDefinition)
    let environment = try json(in: files, envVariables)
    guard case .array(var variables) = environment else {
      throw .bundle("\(envVariables): expected an array of variables, found \(environment.kindName)")
    }
    let config = try ConfigYAML(text: String(decoding: files[Self.config] ?? Data(), as: UTF8.self))

    for (name, value) in config.variables {
      guard let index = variables.firstIndex(where: { Dependencies.name(of: $0) == name }) else {
        throw .config(at: nil, "variables.\(name): the flow has no environment variable of that name")
      }
      if var entry = variables[index].objectValue {
        entry["value"] = value
        variables[index] = .object(entry)
      }
    }
    if case .array(var connections)? = document["connections"] {
      for (key, properties) in config.connections {
        guard let index = connections.firstIndex(where: { $0["key"]?.stringValue == key || $0["name"]?.stringValue == key }),
          var connection = connections[index].objectValue
        else { throw .config(at: nil, "connections.\(key): the flow has no connection reference of that key") }
        connection["properties"] = properties.isEmpty ? nil : .object(properties)
        connections[index] = .object(connection)
      }
      document["connections"] = .array(connections)
    }

    var flow: JSONObject = [:]
    for key in ["name", "description", "mode"] { flow[key] = app[key] }
    var dependencies = document["dependencies"]?.objectValue ?? [:]
    if !variables.isEmpty { dependencies["environment"] = .array(variables) }
    dependencies["guardrails"] = app["guardrails"]
    var native: JSONObject = ["format": .string(NativeJSONCodec.formatTag), "flow": .object(flow)]
    native["version"] = app["version"]
    for member in document.members where member.key != "format" && member.key != "dependencies" {
      native[member.key] = member.value
    }
    if !dependencies.isEmpty { native["dependencies"] = .object(dependencies) }
    do { return try NativeJSONCodec.decode(.object(native)) } catch { throw .bundle("\(flowDefinition) or \(appDefinition): \(error)") }
  }

  /// The four entries' bytes, after every check that keeps a hostile archive out.
  private static func safeEntries(of data: Data) throws(FormatError) -> [String: Data] {
    let reader = ZipReader(data)
    let cap = min(maximumExpandedBytes, max(data.count, 4096) * maximumExpansion)
    var files: [String: Data] = [:]
    var expanded = 0
    do throws(ZipReader.Refusal) {
      for entry in try reader.entries() {
        let path = entry.path
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.hasPrefix("/") || path.contains("\\") || parts.contains("..") {
          throw ZipReader.Refusal(reason: "entry '\(path)' points outside the bundle's folder; refused")
        }
        if entry.isSymbolicLink { throw ZipReader.Refusal(reason: "entry '\(path)' is a symbolic link; a bundle holds plain files only") }
        guard entries.contains(path), !entry.isDirectory else {
          throw ZipReader.Refusal(reason: "unexpected entry '\(path)'; a bundle holds exactly \(entries.joined(separator: ", "))")
        }
        if files[path] != nil { throw ZipReader.Refusal(reason: "entry '\(path)' appears twice") }
        files[path] = try reader.contents(of: entry, expanded: &expanded, limit: cap)
      }
    } catch {
      throw .bundle(error.reason)
    }
    let missing = entries.filter { files[$0] == nil }
    if !missing.isEmpty { throw .bundle("\(missing.joined(separator: ", ")) missing; a bundle holds \(entries.joined(separator: ", "))") }
    return files
  }

  private static func json(in files: [String: Data], _ name: String) throws(FormatError) -> JSONValue {
    do { return try JSONParser.parse(files[name] ?? Data()) } catch {
      throw .bundle("\(name):\(error.line):\(error.column): \(error.reason)")
    }
  }

  private static func object(in files: [String: Data], _ name: String) throws(FormatError) -> JSONObject {
    let value = try json(in: files, name)
    guard let object = value.objectValue else { throw .bundle("\(name): expected an object, found \(value.kindName)") }
    return object
  }
}

extension BundleCodec: FormatCodec {
  static let formatName = "bundle"
  static let displayName = "FlowPort bundle (zip)"
  static let fileExtension = "zip"
  static let needsValidation = true

  /// The bundle; it always redacts, whatever the options say.
  static func file(for version: FlowVersion, stamp: ExportStamp?, options: EncodeOptions) throws(FormatError) -> Data {
    try encode(version, stamp: stamp)
  }
}
