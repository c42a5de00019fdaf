import FlowFormats
import FlowModel
import FlowTestSupport
import Foundation
import Testing
import ZIPFoundation

/// The bundle: what it holds, that it reads back, that config.yaml edits win, and that hostile
/// archives are refused with a reason.
/// A reader that loops fails the suite's time limit; no clock is read in a test.
@Suite(.timeLimit(.minutes(1))) struct BundleCodecTests {
  let example: FlowVersion

  init() throws { example = try ExampleFlows.fraudAlerts() }

  /// The entries of a bundle, by name.
  func entries(_ data: Data) throws -> [String: String] {
    let archive = try Archive(data: data, accessMode: .read)
    var files: [String: String] = [:]
    for entry in archive {
      var content = Data()
      _ = try archive.extract(entry) { content.append($0) }
      files[entry.path] = String(decoding: content, as: UTF8.self)
    }
    return files
  }

  /// A zip of the given entries, in order (duplicates allowed); `symlinks` are added as links.
  func zip(_ files: [(String, String)], symlinks: [(String, String)] = []) throws -> Data {
    let archive = try Archive(accessMode: .create)
    for (path, text) in files {
      let data = Data(text.utf8)
      try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    for (path, target) in symlinks {
      let data = Data(target.utf8)
      try archive.addEntry(with: path, type: .symlink, uncompressedSize: Int64(data.count)) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    return archive.data!
  }

  func refusal(_ data: Data) -> String {
    do {
      _ = try BundleCodec.decode(data)
      return "(read)"
    } catch { return error.description }
  }

  @Test func holdsTheFourFilesAndNoSecret() throws {
    let files = try entries(try BundleCodec.encode(example, stamp: ExportStamp(at: "t", from: "f", by: "b")))
    #expect(files.keys.sorted() == ["app_definition.json", "config.yaml", "env_variables.json", "flow_definition.json"])
    #expect(files.values.allSatisfy { !$0.contains("test-token-not-real") })
    let app = try JSONParser.parse(files["app_definition.json"]!)
    #expect(app["name"] == "fraud-alerts" && app["mode"] == "async" && app["version"]?["number"] == .number(JSONNumber(1)))
    #expect(app["guardrails"]?.arrayValue?.count == 1)
    let flow = try JSONParser.parse(files["flow_definition.json"]!)
    #expect(flow["nodes"]?.arrayValue?.count == 7 && flow["edges"]?.arrayValue?.count == 6)
    #expect(flow["flow"] == nil && flow["exported"] == nil)
    #expect(
      try JSONParser.parse(files["env_variables.json"]!) == [
        ["name": "REGION", "value": "eu-west-1", "secret": false], ["name": "ALERT_WEBHOOK_TOKEN", "secret": true],
      ])
    #expect(files["config.yaml"]!.contains("ALERT_WEBHOOK_TOKEN: <secret>"))
    #expect(files["config.yaml"]!.contains("url: jdbc:postgresql://db.test/accounts"))
  }

  @Test func neverCarriesApiKeysMembersEndpointOrAuditLog() throws {
    var version = example
    for key in ["apiKeys", "members", "endpoint", "auditLog", "sharing", "permissions"] { version.extensions[key] = "x" }
    let files = try entries(try BundleCodec.encode(version, stamp: nil))
    for key in ["apiKeys", "members", "endpoint", "auditLog", "sharing", "permissions"] {
      #expect(!files.values.contains { $0.contains("\"\(key)\"") }, "\(key) must not be in a bundle")
    }
  }

  @Test func readsBackAsTheFlowWithoutSecrets() throws {
    let read = try BundleCodec.decode(try BundleCodec.encode(example, stamp: nil))
    #expect(read == example.withoutSecrets)
  }

  @Test func configEditsWinOnImport() throws {
    var files = try entries(try BundleCodec.encode(example, stamp: nil))
    files["config.yaml"] = files["config.yaml"]!
      .replacingOccurrences(of: "jdbc:postgresql://db.test/accounts", with: "jdbc:postgresql://db.prod/accounts")
      .replacingOccurrences(of: "REGION: eu-west-1", with: "REGION: us-east-2")
      .replacingOccurrences(of: "ALERT_WEBHOOK_TOKEN: <secret>", with: "ALERT_WEBHOOK_TOKEN: prod-token")
    let read = try BundleCodec.decode(try zip(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    #expect(read.connection(key: "accounts-db-test")?.properties["url"] == "jdbc:postgresql://db.prod/accounts")
    #expect(read.dependencies.environment[0]["value"] == "us-east-2")
    #expect(read.dependencies.environment[1]["value"] == "prod-token")
  }

  @Test func refusesHostileArchives() throws {
    let good = try entries(try BundleCodec.encode(example, stamp: nil)).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    #expect(
      refusal(try zip(Array(good.dropLast())))
        == "bundle: flow_definition.json missing; a bundle holds flow_definition.json, app_definition.json, env_variables.json, config.yaml"
    )
    #expect(refusal(try zip(good + [("notes.txt", "hi")])).hasPrefix("bundle: unexpected entry 'notes.txt'"))
    #expect(refusal(try zip(good + [good[0]])) == "bundle: entry '\(good[0].0)' appears twice")
    #expect(refusal(try zip([("../evil.json", "{}")] + good)) == "bundle: entry '../evil.json' points outside the bundle's folder; refused")
    #expect(refusal(try zip([("/etc/passwd", "x")] + good)).contains("points outside"))
    #expect(refusal(try zip(good, symlinks: [("config.yaml", "/etc/passwd")])).contains("is a symbolic link"))
    let data = try BundleCodec.encode(example, stamp: nil)
    #expect(refusal(data.prefix(data.count / 2)) == "bundle: not a readable zip archive (it may be truncated)")
  }

  @Test func refusesAnArchiveThatExpandsFarBeyondItsSize() throws {
    var files = try entries(try BundleCodec.encode(example, stamp: nil))
    files["flow_definition.json"] = String(repeating: " ", count: 24 << 20) + files["flow_definition.json"]!
    let bomb = try zip(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    #expect(bomb.count < 1 << 20)
    #expect(refusal(bomb).contains("far beyond its size; refused"))
  }

  @Test func aConfigThatDoesNotParseNamesTheLine() throws {
    var files = try entries(try BundleCodec.encode(example, stamp: nil))
    files["config.yaml"] = "connections:\n  kafka-test:\n    properties: [unclosed\nvariables: {}\n"
    let message = refusal(try zip(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    #expect(message.hasPrefix("config.yaml:4:"), "\(message)")
    files["config.yaml"] = "variables:\n  NOT_IN_THE_FLOW: 1\n"
    #expect(
      refusal(try zip(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        == "config.yaml: variables.NOT_IN_THE_FLOW: the flow has no environment variable of that name")
  }

  /// A bundle of a few KB whose config.yaml nests aliases ("billion laughs"), nests deep, or is
  /// huge: refused at once with a clear error, never read without end.
  @Test func aHostileConfigIsRefusedQuickly() throws {
    var files = try entries(try BundleCodec.encode(example, stamp: nil))
    func refusalOf(_ config: String) throws -> String {
      files["config.yaml"] = config
      return refusal(try zip(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }
    let levels = (1...9).map { level in
      "l\(level): &l\(level) [" + Array(repeating: level == 1 ? "\"lol\"" : "*l\(level - 1)", count: 9).joined(separator: ",") + "]"
    }
    let laughs =
      "a: &l0 lol\n" + levels.joined(separator: "\n") + "\nconnections:\n  kafka-test:\n    properties:\n      x: *l9\nvariables: {}\n"
    #expect(laughs.utf8.count < 2048)
    // Each refusal names the bound that stopped it; a clock here would only measure the
    // machine (it failed under load), so none is asserted.
    #expect(try refusalOf(laughs).contains("more than 20 YAML aliases; refused"))
    // Few aliases, each tripling a big sequence: bounded by the values it expands to.
    let base = "d0: &d0 [" + Array(repeating: "x", count: 1000).joined(separator: ",") + "]"
    let tripling = (1...6).map { "d\($0): &d\($0) [*d\($0 - 1), *d\($0 - 1), *d\($0 - 1)]" }.joined(separator: "\n")
    let expanding = base + "\n" + tripling + "\nconnections:\n  kafka-test:\n    properties:\n      x: *d6\n"
    let expanded = try refusalOf(expanding)
    #expect(expanded.contains("expands to more than 100000 values"), "\(expanded)")
    #expect(try refusalOf(String(repeating: "- ", count: 200_000) + "x\n").contains("nests deeper than 128 levels"))
    #expect(try refusalOf("variables: [" + String(repeating: "[", count: 100_000)).contains("nests deeper than 128 levels"))
    var generator = SystemRandomNumberGenerator()
    let noise = String((0..<(2 << 20)).map { _ in Character(UnicodeScalar(UInt8.random(in: 97...122, using: &generator))) })
    let huge = try refusalOf("# " + noise)
    #expect(huge.contains("may be 1048576 bytes at most"), "\(huge)")
  }

  /// A bundle libFuzzer found (scripts/fuzz): a deflate stream that does not end within its
  /// entry's bytes made ZIPFoundation's reader loop forever; it is refused at once.
  @Test func aDeflateStreamThatNeverEndsIsRefused() throws {
    let finding = [
      "UEsDBBQAAAgIAH1ud13KQIP2mwQAAFYWAAAUAAAAZmxvd19kZWZpbml0aW9uLmpzb27tWFtv2zYUfs+vIPSSLEjiW+wmATYgTb3MQOwWs4M+DE",
      "VAS7TNWiI1korrBv3vI3UzKVGRraZva4BCFnluOt/5ziFfjgBwFpQFUDg38smnm5Ay0eo4Z2qFUA9xufCP/AHAS/y/fI09tTlMNsVvCAyQevcJ",
      "bgNEBN+tiG0Yr3AaMRddrOFiDXerLiUEuQJTovbEi+cCcWHsWOClXM2sK500xG6sdEXDi7BoU+7g7goFMPc8+feiPWs+p/JPMqozc0fm+3T292",
      "hy72iLP87q9ULXpdGv0BsotVU6PwzvRuPbh5NO+wx0fztUd+wx276tw0ZqDH2z0Xg4nd2OP530TFfz5y9aUjdQIIlUtjbQEGPEjwJiMeV4yIdb",
      "tdAH0+Hdx8mHnZXMRh6BE1KOUyhqYPsmfw7amhtK31X7SNeS6igWSLdcILcJKKoL5Ks3d6vqI0UUP/fm+1QJnPs6EBsXyFsDmGG+fvLRM/Kr9I",
      "4mswo4/EzSuoO9stYrZ+0BsiUCJaLJ/V1gX0Lz9XTIdx7OMxnXcPgDdNrttnNAUN2GULy0cDViIIUGCOVzgEkkUDk4uFwytIT6ki2+DSYe3RRL",
      "M1MiokCh0SjO6rLl+Hss1QHj0eRxNtSqVot+yWgUvt8WQKzzrpVG8nj4fvC39Jd4HX0LGeI8zejdx8fJ7OT0YMYVVMBSHZiqp4/jkwQwVSR5AI",
      "AuGwKoXwbQZyxWQBVzGTNfKSavw2Ut4RKTiyQ4pjOTWSd5LsHvwOChFD175tCGif3yk8D6CZGDJXPcNEJEc079eeIsQaSzH3MOLP3OR0yU8SEY",
      "JFzNnXWc+X+O9QDjfL1OQ7fTIfj813ACdoiQbaYLZurdMUPPGG2OwfBBbjsmVODFVv7S56Kq6UuvS4PiuUChMk2JvwWbFSJ5o5SGeyaxm84a+x",
      "oNZldNofquDNU/GYw8ABVgLS1eHoQEJlC58caHmIWye1Gwe+CI9qvOGlplHDrCH1I9Fbrfj+6Lk2DTjlo8HvWumhyPrOFiDXerLiUEuQJTovbE",
      "i+cCcWHsWOClXM2sK500xG6sdEXDi7BoU+7g7goFMPc8+feiPWs+p/JPMqozc0fm+3T292hy72iLP87q9ULXpdGv0BsotVU6PwzvRuPbh5NO+w",
      "x0fztUd+wx276tw0ZqDH2z0Xg4nd2OP530TFfz5y9aUjdQIIlUtjbQEGPEjwJiMeV4yIdbtdAH0+Hdx8mHnZXMRh6BE1KOUyhqYPsmfw7amhtK",
      "31X7SNeS6igWSLdcILcJKKoL5Ks3d6vqI0UUP/fm+1QJnPs6EBsXyFsDmGG+fvLRM/Kr9I4mswo4/EzSuoO9stYrZ+0BsiUCJaLJ/V1gX0Lz9X",
      "TIdx7OMxnXcPgDdNrttnNAUN2GULy0cDViIIUGCOVzgEkkUDk4uFwytIT6ki2+DSYe3RRLM1MiokCh0SjO6rLl+Hss1QHj0eRxNtSqVot+yWgU",
      "vt8WQKzzrpVG8nj4fvC39Jd4HX0LGeI8zejdx8fJ7OT0YMYVVMBSHZiqp4/jkwQwVSR5AIAuGwKoXwbQZyxWQBVzGTNfKSavw2Ut4RKTiyQ4pj",
      "OTWSd5LsHvwOChFD175tCGif3yk8D6CZGDJXPcNEJEc079eeIsQaSzH3MOLP3OR0yU8SEYJFzNnXWc+X+O9QDjfL1OQ7fTIfj813ACdoiQbaYL",
      "ZurdMUPPGG2OwfBBbjsmVODFVv7S56Kq6UuvS4PiuUChMk2JvwWbFSJ5o5SGeyaxm84a+xoNZldNofquDNU/GYw8ABVgLS1eHoQEJlC58caHmI",
      "Wye1Gwe+CI9qvOGlplHDrCH1I9Fbrfj+6Lk2DTjlo8HvWumhyP7BX4yiduxL+ddj2qj9LidJC3tB3RF4wGxUO6oOl8ay2MXKJXkriskbgsSfRr",
      "JLoHS/RLEoMaiUFJ4p1T+Hi7yrV8wjXaVtVzlvECEWQwsYmEjMohW+A4WVrC55QKLtthOEXsGTGey18o+Zvr9nU3Px9Y403drD4b5jOZcbIsMI",
      "dFrsrjiPmZuhsJYhQAAAgIAH1ud127xnTeXgAAAI8AAAASAAAAZW52X3ZhcmlhYmxlcy5qc29ui+ZSUKgGYgUFpbzE3FQlKwWlIFd3T38/JR2I",
      "aFliTilYOLVUtzy1uETXECZTnJpclFoClEpLzClOBYrV6mAa5ujjGhQSH+7q5OHv7x0f4u/t6oehv6SoFKydK5YLAFBLAwQUAAAICAB9bndd+5",
      "ji3DMBAADjAQAACwAAAGNvbmZpZy55YW1sfZBPT8MwDMXv/RQWO3ChHXBbhZBAqvgztErbJI5TmrpbWJoU293Et8ddN3HjFjvv/Z7tCRTh4CiG",
      "FoOk3KF1jbNwML5HhthA4+MRrhoyfZ0ajyR8lUFROwHZYQtNpOEBYmiLAvgHSyZQoX4juLaLJPmg+4GjCxAPOLrOMdoaqqoPtcdrhvdVuYDGee",
      "QMVmgJhcEoKKAalbtDwhzQ2B04hgc+SR5vQKJGAuscZ+I4VZbYGAJacTFwngDsfrM3qSDLUAF0FDvdzCGPNUAVo7CQ6VZImsn56MlOntnt7F51",
      "xtrYB+G0rv5l9eRz+Komm3eRZUvI3z6fTuvqRJteMBc1IwXT6n7D5YfDJQdDzlR+3NF0brdyodv36VHt6Z32nj6K5XrzWTy/luV8sy7nhQouZ0",
      "l+AVBLAQIVAxQAAAgIAH1ud13KQIP2mwQAAFYWAAAUAAAAAAAAAAAAAACkgQAAAABmbG93X2RlZmluaXRpb24uanNvblBLAQIVAxQAAAgIAH1u",
      "d106V/4rKQEAAPABAAATAAAAAAAAAAAAAACkgc0EAABhcHBfZGVmaW5pdGlvbi5qc29uUEsBAhUDFAAACAgAfW53XbvGdN5eAAAAjwAAABIAAA",
      "AAAAAAAAAAAKSBJwYAAGVudl92YXJpYWJsZXMuanNvblBLAQIVAxQAAAgIAH1ud137mOLcMwEAAOMBAAALAAAAAAAAAAAAAACkgbUGxUO6oOl8",
      "a2cueWFtbFBLBQYAAAAABAAEAPwAAAARCAAAAAA=",
    ].joined()
    #expect(refusal(try #require(Data(base64Encoded: finding))).hasPrefix("bundle: "))
  }

  @Test func isDetectedByContentNotName() throws {
    let (format, decoded) = try ExportFormat.read(Array(try BundleCodec.encode(example, stamp: nil)), fallbackName: "renamed.json")
    #expect(format == .bundle && decoded.version.name == "fraud-alerts")
  }
}
