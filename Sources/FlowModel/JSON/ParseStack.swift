/// The members (or elements) of the objects (or arrays) being read, one stack for every level:
/// a level pushes its values above its parent's and, at its closing brace, moves them out into
/// an array of exactly their number.
///
/// Appending to each object's own array instead grew it by doubling, a `malloc`, a copy and a
/// `free` per doubling and spare capacity kept for the life of the tree; with a stack, each
/// object or array costs one allocation of its final size. The values are moved, so none is
/// retained and released on the way.
struct ParseStack<Element>: ~Copyable {
  private var base: UnsafeMutablePointer<Element>
  private var capacity = 64
  /// How many values are on the stack, over all levels.
  private(set) var count = 0

  init() { base = .allocate(capacity: capacity) }

  /// Values left by a read that failed half way are released with the stack.
  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  /// Pushes one value of the level being read.
  @inline(__always) mutating func push(_ element: consuming Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: element)
    count += 1
  }

  /// The values pushed since the stack held `start` of them, moved out in order. Appended to
  /// a reserved array rather than `Array(unsafeUninitializedCapacity:)`, whose typed-throws
  /// initializer is not specialized here: it looked up the array's generic metadata in the
  /// runtime's locked cache for every object and array, 13% of a bulk load's CPU.
  mutating func pop(from start: Int) -> [Element] {
    var array: [Element] = []
    array.reserveCapacity(count - start)
    for offset in start..<count { array.append((base + offset).move()) }
    count = start
    return array
  }

  private mutating func grow() {
    let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    larger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = larger
    capacity *= 2
  }
}
