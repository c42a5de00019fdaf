/// A node renamed in a loaded export or pending import (`rename`, `load --rename-node`), kept so
/// a restored session can apply it again to the file it re-reads.
struct NodeRename: Hashable, Sendable, Codable {
  var old: String
  var new: String
}
