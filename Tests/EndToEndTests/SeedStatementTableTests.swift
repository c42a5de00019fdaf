import FlowTestSupport
import Foundation
import Testing

/// Keeps `Tests/SeedStatements.md` honest: every test it names exists, and every seed document
/// has rows.
@Suite struct SeedStatementTableTests {
  @Test func everyNamedTestExistsAndEverySeedIsCovered() throws {
    let tests = Corpus.repositoryRoot.appendingPathComponent("Tests")
    let table = try String(contentsOf: tests.appendingPathComponent("SeedStatements.md"), encoding: .utf8)
    // Cells: seed, statement, how, test; escaped pipes (`\|`) only occur in the middle ones.
    let rows = table.split(separator: "\n").filter { $0.hasPrefix("| 0") }.map { line in
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      return [cells[0], cells[1], cells[cells.count - 1]]
    }
    var sources: [String: String] = [:]
    for case let url as URL in FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil)!
    where url.pathExtension == "swift" {
      sources[url.path] = try String(contentsOf: url, encoding: .utf8)
    }
    for row in rows {
      let reference = row[2].split(separator: ".")
      try #require(reference.count == 2, "not Suite.test: \(row[2])")
      let found = sources.values.contains { $0.contains("struct \(reference[0])") && $0.contains("func \(reference[1])(") }
      #expect(found, "\(row[2]) (for: \(row[1])) does not exist")
    }
    let seeds = Corpus.directory.deletingLastPathComponent().appendingPathComponent("seeds")
    let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }
    #expect(names.count == 5, "expected the five seed documents in \(seeds.path)")
    for name in names {
      #expect(rows.filter { $0[0] == String(name.prefix(3)) }.count >= 4, "\(name) has too few rows")
    }
  }
}
