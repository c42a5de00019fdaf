/// What the differ looks at beyond the semantic content.
public struct DiffOptions: Hashable, Sendable {
  /// Also compare canvas positions and node ids, which change on every instance.
  public var includeVolatile: Bool

  public init(includeVolatile: Bool = false) {
    self.includeVolatile = includeVolatile
  }
}
