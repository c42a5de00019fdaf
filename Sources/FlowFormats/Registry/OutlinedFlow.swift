import FlowModel
import Foundation

/// A foreign flow held as its document's text and an outline of its model, the way a bulk load
/// stages thousands: as a tree, a document takes about two and a half times its file's size in
/// memory; as minified text, less than its file. The outline is the model without the document
/// and the nodes' configurations and canvas positions (which a dialect reads from the
/// document): its name, nodes, edges, references and dependencies, all that matching, planning
/// and listing read. `whole()` reads the document again for what looks inside a flow (show,
/// diff, export, rename), and a commit stores the text as it is (`storedText`), without
/// building the tree again.
public struct OutlinedFlow: Sendable {
  /// The flow without its document (`null` in its place), node configurations and positions.
  public private(set) var outline: FlowVersion
  /// The document's minified text (`JSONParser.parseKeepingMinifiedText`).
  public let documentText: [UInt8]
  /// The outline's nodes and edges as its dialect read them from the text: the same arrays,
  /// until a change to the outline makes its own.
  private let nodesAsRead: [Node]
  private let edgesAsRead: [Edge]
  private let fallbackName: String

  /// `version`, read by `ExportFormat.read` with `fallbackName` from a document whose minified
  /// text is `documentText`, outlined; nil when it must stay whole: not read from a platform's
  /// document (a bundle, a flowport file), or carrying subflows (each staged as an import of
  /// its own, from this tree), or holding a secret in its document, which a commit seals there.
  public init?(_ version: FlowVersion, format: ExportFormat, documentText: [UInt8], fallbackName: String) {
    guard format.isDialect, version.subflowDefinitions.isEmpty, let source = version.source,
      !documentText.withUnsafeBufferPointer({ Secrets.holdsSecret(source, text: $0) })
    else { return nil }
    var outline = version
    outline.source?.document = .null
    // A position's numbers keep their text, an allocation each beyond 15 characters (n8n
    // writes `4615.123456789012` for a node dragged at some zoom levels): 6 MB of a 2,000-flow
    // migration's peak, for what no bulk step reads.
    for index in outline.nodes.indices {
      outline.nodes[index].config = [:]
      outline.nodes[index].position = nil
    }
    self.outline = outline
    (nodesAsRead, edgesAsRead) = (outline.nodes, outline.edges)
    self.documentText = documentText
    self.fallbackName = fallbackName
  }

  /// The same flow with `change` made to its outline: to what it binds or is named, never to
  /// its document, which stays the text. A change to its nodes or edges is kept, at the cost of
  /// storing them written out (`storedText`).
  public func changingOutline(_ change: (inout FlowVersion) throws -> Void) rethrows -> OutlinedFlow {
    var changed = self
    try change(&changed.outline)
    return changed
  }

  /// The whole flow: the outline, with the document and the node configurations and positions
  /// read again from the text (each node's by its id, in order). Changes made to the outline
  /// are kept.
  public func whole() -> FlowVersion { whole(of: outline) }

  /// `version`, this flow's outline changed or not, with what `whole()` reads again.
  private func whole(of version: FlowVersion) -> FlowVersion {
    let read: FlowVersion
    do { read = try ExportFormat.read(documentText, fallbackName: fallbackName).1.version } catch {
      // The text is the minified form of a document this parser read: it reads again.
      preconditionFailure("the text of a document read before does not read again: \(error)")
    }
    var whole = version
    whole.source?.document = read.source?.document ?? .null
    var readNodes = Dictionary(grouping: read.nodes, by: \.id).mapValues { $0[...] }
    for index in whole.nodes.indices {
      let node = readNodes[whole.nodes[index].id]?.popFirst()
      whole.nodes[index].config = node?.config ?? [:]
      whole.nodes[index].position = node?.position
    }
    return whole
  }

  /// The `flowport/1` text a workspace stores for `version` (this flow's outline, as bound and
  /// sealed for a commit), its document written from the text (`JSONWriter.Splice`), and its
  /// nodes and edges left to it while they are as its dialect read them from the text. Changed
  /// (no step changes them today), they are written out, positions read again: a change is
  /// never lost to the text.
  public func storedText(of version: FlowVersion) -> String {
    let asRead = version.nodes == nodesAsRead && version.edges == edgesAsRead
    var stored = asRead ? version : whole(of: version)
    stored.source?.document = .string(Self.marker)
    return NativeJSONCodec.storedText(
      of: stored, leftToSource: asRead ? .nodesAndEdges : .configs, splicing: JSONWriter.Splice(marker: Self.marker, text: documentText))
  }

  /// Where the document goes; made anew by each process, so no string of a flow's can be it.
  private static let marker = "\u{0}flowport document \(UUID().uuidString)"
}
