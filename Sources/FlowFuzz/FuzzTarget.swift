import FlowModel
import Foundation

@testable import FlowFormats
@testable import FlowSession

/// One reader of input from elsewhere, fed arbitrary bytes: it must refuse or read them, never
/// crash, hang or grow without end. Each also walks what it read the way FlowPort does next
/// (writing it back, the secret rules), so those are fuzzed too.
enum FuzzTarget: String, CaseIterable {
  /// The JSON parser, and writing back what it read.
  case json
  /// Each dialect's decoder on any JSON, then its encoder and secret rules.
  case n8n, nodeRed = "node-red", make, nifi, ibmEP = "ibm-ep"
  /// FlowPort's own JSON decoder.
  case native
  /// Format detection and every reader behind it (`load` of a file).
  case read
  /// The bundle reader (zip entries, the four files).
  case bundle
  /// A bundle's config.yaml.
  case config
  /// The command-line tokenizer, and the history mask.
  case tokenizer

  /// Feeds one input to the target.
  func run(_ bytes: [UInt8]) {
    switch self {
    case .json:
      guard let value = try? JSONParser.parse(bytes) else { return }
      _ = JSONWriter(layout: .minified).bytes(value)
      _ = SecretScanner.scan(value)
    case .n8n, .nodeRed, .make, .nifi, .ibmEP:
      guard let value = try? JSONParser.parse(bytes), let codec = FormatRegistry.dialects.first(where: { $0.formatName == rawValue })
      else { return }
      var decoded = codec.decode(value, fallbackName: "fuzz")
      decoded.version.metadata = codec.metadata(value)
      walk(decoded.version, as: ExportFormat(codec))
    case .native:
      guard let value = try? JSONParser.parse(bytes), let version = try? NativeJSONCodec.decode(value) else { return }
      walk(version, as: .json)
    case .read:
      guard let (format, decoded) = try? ExportFormat.read(bytes, fallbackName: "fuzz") else { return }
      walk(decoded.version, as: format)
    case .bundle:
      guard let version = try? BundleCodec.decode(Data(bytes)) else { return }
      _ = try? BundleCodec.encode(version, stamp: nil)
    case .config:
      _ = try? ConfigYAML(text: String(decoding: bytes, as: UTF8.self))
    case .tokenizer:
      let line = String(decoding: bytes, as: UTF8.self)
      _ = try? Tokenizer(variable: { $0.count < 8 ? "v" : nil }, environment: { _ in "e" }).words(line)
      _ = HistoryText.masked(line)
    }
  }

  /// What FlowPort does with a flow it read: write it (redacted, and with credentials), view it.
  private func walk(_ version: FlowVersion, as format: ExportFormat) {
    _ = try? format.file(for: version, stamp: nil, options: EncodeOptions(redactSecrets: true))
    _ = try? format.file(for: version, stamp: nil, options: EncodeOptions(includeCredentials: true))
    _ = Secrets.forViewing(version)
  }

  /// The target named by `FLOWPORT_FUZZ_TARGET` (default `json`), read once: not again for
  /// every input the fuzzer runs.
  static let current: FuzzTarget =
    ProcessInfo.processInfo.environment["FLOWPORT_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:)) ?? .json
}
