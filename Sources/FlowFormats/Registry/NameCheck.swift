import FlowModel

/// The names a workspace keeps as text of their own (a flow's, its nodes', its connection
/// references' keys and names) cannot hold a NUL character: SQLite text ends at one, and no file
/// can be named after such a flow, so the name would come back cut short. An export holding one
/// is refused where the name stands in the file, not changed without a word. (A lone surrogate
/// never gets this far: the JSON reader refuses it.)
enum NameCheck {
  /// Throws for the first such name in `version` or its subflows. `bytes` gives the file it was
  /// read from, asked for (only then) to find the name's place, unless a bundle, whose text is
  /// compressed.
  static func refuseNUL(in version: FlowVersion, file bytes: () -> [UInt8], isBundle: Bool) throws(FormatError) {
    guard let (what, name) = firstNUL(in: version) else { return }
    let quoted = JSONWriter(layout: .minified).string(.string(name))
    let reason = "the \(what) \(quoted) holds a NUL character (\\u0000), which a workspace cannot keep: change it in the file"
    if isBundle { throw .bundle(reason) }
    let file = bytes()
    // The name as a writer escapes it; else the first escaped NUL, as the file may escape other characters its own way.
    let place = file.firstRange(of: Array(quoted.utf8)) ?? file.firstRange(of: Array(#"\u0000"#.utf8))
    throw .syntax(.at(place?.lowerBound ?? 0, in: file, reason))
  }

  /// Looks at bytes, not characters, eight at a time: a search by `Character` was a tenth of a
  /// large diff, and one byte at a time still 2%. Nodes are read in place, by index: copying
  /// each out was a retain and a release of each of its strings, most of the check.
  private static func firstNUL(in version: FlowVersion) -> (what: String, name: String)? {
    func holdsNUL(_ text: String) -> Bool {
      StringBytes.bytes(of: text) { StringBytes.firstIndex(of: 0, in: $0, from: 0) < $0.count }
    }
    if holdsNUL(version.name) { return ("flow name", version.name) }
    if let index = version.nodes.indices.first(where: { holdsNUL(version.nodes[$0].name) }) {
      return ("node name", version.nodes[index].name)
    }
    for reference in version.connections {
      if holdsNUL(reference.key) { return ("connection reference", reference.key) }
      if holdsNUL(reference.name) { return ("connection reference name", reference.name) }
    }
    return version.subflowDefinitions.lazy.compactMap(firstNUL).first
  }
}
