import FlowDiff
import FlowFormats
import FlowModel
import FlowTestSupport
import Foundation
import Testing

/// Every export of ../shared/corpus: detected as the dialect of its folder, written back equal
/// (same value, key order and number text), with its references counted, secrets flagged, and
/// an empty diff against itself read back. Prints the corpus report (`scripts/corpus-check`).
@Suite struct CorpusDialectTests {
  struct Tally {
    var files = 0, detected = 0, roundTripped = 0, withReferences = 0, references = 0, secrets = 0, selfDiffEmpty = 0
  }

  @Test func everyExportLoadsRoundTripsAndDiffsClean() throws {
    try #require(Corpus.missingReason == nil, "\(Corpus.missingReason ?? "")")
    var tallies: [String: Tally] = [:]
    var failures: [String] = []
    var refusedSQL = 0
    for file in Corpus.files(withExtension: "json") + Corpus.files(withExtension: "sql") {
      let dialect = file.deletingLastPathComponent().lastPathComponent
      let bytes = try [UInt8](Data(contentsOf: file))
      if file.pathExtension == "sql" {
        #expect(throws: FormatError.writeOnly("Flink SQL")) { try ExportFormat.read(bytes, fallbackName: "x") }
        refusedSQL += 1
        continue
      }
      var tally = tallies[dialect] ?? Tally()
      tally.files += 1
      defer { tallies[dialect] = tally }
      let format: ExportFormat
      let decoded: DecodedExport
      do { (format, decoded) = try ExportFormat.read(bytes, fallbackName: file.lastPathComponent) } catch {
        failures.append("\(file.lastPathComponent): \(error)")
        continue
      }
      guard format.rawValue == dialect else {
        failures.append("\(file.lastPathComponent): detected as \(format.rawValue)")
        continue
      }
      tally.detected += 1
      let original = try JSONParser.parse(bytes)
      let written = try format.encode(decoded.version, stamp: nil, options: EncodeOptions(includeCredentials: true))
      let reread = try JSONParser.parse(JSONWriter(layout: .indented(2)).bytes(written))
      if reread == original { tally.roundTripped += 1 } else { failures.append("\(file.lastPathComponent): round trip differs") }
      let references = decoded.version.connections.count
      tally.references += references
      if references > 0 { tally.withReferences += 1 }
      tally.secrets += SecretScanner.scan(original).count
      let again = try ExportFormat.read(JSONWriter().bytes(reread), fallbackName: file.lastPathComponent).1.version
      if FlowDiffer.diff(decoded.version, again, leftLabel: "a", rightLabel: "b").isEmpty {
        tally.selfDiffEmpty += 1
      } else {
        failures.append("\(file.lastPathComponent): diff against itself is not empty")
      }
    }
    var report = "dialect   files  detected  round-trip  with-refs  refs  secrets  self-diff-empty\n"
    for (dialect, tally) in tallies.sorted(by: { $0.key < $1.key }) {
      report +=
        "\(dialect.padding(toLength: 9, withPad: " ", startingAt: 0)) \(tally.files, width: 5)  \(tally.detected, width: 8)  \(tally.roundTripped, width: 10)  \(tally.withReferences, width: 9)  \(tally.references, width: 4)  \(tally.secrets, width: 7)  \(tally.selfDiffEmpty, width: 15)\n"
    }
    report += "sql files refused on load as write-only (Flink SQL): \(refusedSQL)\n"
    print(report)
    #expect(failures.isEmpty, "\(failures.count) corpus files failed:\n\(failures.prefix(30).joined(separator: "\n"))")
  }
}

/// A side of a diff read only to be compared (`onlyToCompare`: Node-RED's nodes come without
/// their configurations, which its view makes again) is compared as a full read is.
@Suite struct ComparedReadTests {
  @Test func aReadOnlyToCompareHasTheViewOfAFullRead() throws {
    try #require(Corpus.missingReason == nil, "\(Corpus.missingReason ?? "")")
    var compared = 0
    var differing: [String] = []
    for file in Corpus.files(withExtension: "json") {
      let data = try Data(contentsOf: file)
      guard let full = try? ExportFormat.read(taking: data, fallbackName: "f", reread: { data }).1.version else { continue }
      let toCompare = try ExportFormat.read(taking: data, fallbackName: "f", onlyToCompare: true, reread: { data }).1.version
      compared += 1
      if ExportFormat.comparedView(of: toCompare).view != ExportFormat.comparedView(of: full).view {
        differing.append(file.lastPathComponent)
      }
    }
    #expect(compared > 500)
    #expect(differing.isEmpty, "\(differing.count) views differ: \(differing.prefix(10))")
  }
}

extension String.StringInterpolation {
  fileprivate mutating func appendInterpolation(_ value: Int, width: Int) {
    let text = String(value)
    appendLiteral(String(repeating: " ", count: max(0, width - text.count)) + text)
  }
}
