import FlowModel

/// A Node-RED object with the places of the members the dialect reads of every object (id,
/// type, name or label, wires or links, place, tab), found in one pass over its members. Looked up one by one,
/// each lookup scanned the object's members again: a fifth of decoding a flow and of making its
/// diff view. It holds places, not values, so that it is copied as cheaply as the object. A key
/// that repeats reads as a lookup reads it: its last member.
struct NodeRedObject {
  let object: JSONObject
  private var places = Places()

  /// The positions in `object.members` of the members read, -1 for none.
  private struct Places {
    var id: Int32 = -1
    var type: Int32 = -1
    var name: Int32 = -1
    var label: Int32 = -1
    var wires: Int32 = -1
    var links: Int32 = -1
    var x: Int32 = -1
    var y: Int32 = -1
    var z: Int32 = -1
  }

  /// A member the dialect reads or leaves out of every object, by its key: its id and type, its
  /// name (a tab's label), its wires and a link node's targets, its place (`x`, `y`), size
  /// (`w`, `h`) and tab (`z`).
  enum Key { case id, type, name, label, wires, links, x, y, z, w, h }

  /// Which of them `key` is, told by length and first byte: most keys are none, and `==` on two
  /// short strings that differ is a call into the standard library.
  static func key(_ key: String) -> Key? {
    guard let first = key.utf8.first else { return nil }
    switch (key.utf8.count, first) {
    case (1, UInt8(ascii: "x")): return .x
    case (1, UInt8(ascii: "y")): return .y
    case (1, UInt8(ascii: "z")): return .z
    case (1, UInt8(ascii: "w")): return .w
    case (1, UInt8(ascii: "h")): return .h
    case (2, UInt8(ascii: "i")) where key == "id": return .id
    case (4, UInt8(ascii: "t")) where key == "type": return .type
    case (4, UInt8(ascii: "n")) where key == "name": return .name
    case (5, UInt8(ascii: "w")) where key == "wires": return .wires
    case (5, UInt8(ascii: "l")) where key == "links": return .links
    case (5, UInt8(ascii: "l")) where key == "label": return .label
    default: return nil
    }
  }

  /// `value` if it is an object; an object with no members otherwise.
  init(_ value: JSONValue) {
    self.init(value.objectValue ?? [:])
  }

  init(_ object: JSONObject) {
    self.object = object
    var places = Places()
    // Keys read in place: iterating the object copied every member out, key and value.
    object.members.withUnsafeBufferPointer { members in
      for index in members.indices {
        let place = Int32(truncatingIfNeeded: index)
        switch Self.key(members[index].key) {
        case .id: places.id = place
        case .type: places.type = place
        case .name: places.name = place
        case .label: places.label = place
        case .wires: places.wires = place
        case .links: places.links = place
        case .x: places.x = place
        case .y: places.y = place
        case .z: places.z = place
        case .w, .h, nil: continue
        }
      }
    }
    self.places = places
  }

  private func value(at place: Int32) -> JSONValue? { place < 0 ? nil : object.members[Int(place)].value }

  var id: String? { value(at: places.id)?.stringValue }
  var type: String? { value(at: places.type)?.stringValue }
  var name: JSONValue? { value(at: places.name) }
  /// A tab's name.
  var label: JSONValue? { value(at: places.label) }
  /// Output port -> target ids.
  var wires: JSONValue? { value(at: places.wires) }
  /// A `link out` or `link call` node's targets.
  var links: JSONValue? { value(at: places.links) }
  /// The tab or subflow it sits on.
  var z: JSONValue? { value(at: places.z) }

  /// A tab, a subflow's definition, a group or a comment: the flow's structure, not a node
  /// that runs nor a config node. By length first: asked of every object.
  var isStructure: Bool {
    guard let type else { return false }
    switch type.utf8.count {
    case 3: return type == "tab"
    case 5: return type == "group"
    case 7: return type == "subflow" || type == "comment"
    default: return false
    }
  }

  /// A flow node has wires or a place on the canvas; a config node has neither.
  var isFlowNode: Bool { places.wires >= 0 || places.x >= 0 }

  /// Its place on the canvas, when both coordinates are numbers.
  var position: Position? {
    guard case .number(let x)? = value(at: places.x), case .number(let y)? = value(at: places.y) else { return nil }
    return Position(x: x, y: y)
  }
}
