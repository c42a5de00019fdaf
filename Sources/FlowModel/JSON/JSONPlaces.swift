/// One step of a path into a JSON value: an object member's key or an array element's index.
public enum JSONStep: Hashable, Sendable {
  case key(String)
  case index(Int)
}

/// Some places in a JSON value, each the whole value at a path of steps: where a diff shows
/// what changed in a node's configuration. A walk asked to treat these places alone may leave
/// the rest as it is (`SecretScanner.redact(_:replacing:numbers:at:)`): scanning every string of both
/// configurations of a changed node for secrets, to show the one member that changed, was
/// half the work of diffing two NiFi exports.
public struct JSONPlaces: Sendable {
  /// True when every place below here is one: a path ended here.
  public private(set) var isWhole: Bool
  /// The places inside each member or element that holds some, by its key or index.
  private var inside: [JSONStep: JSONPlaces] = [:]

  /// No place yet.
  public init() { isWhole = false }

  private init(isWhole: Bool) { self.isWhole = isWhole }

  /// The whole value: every place in it.
  public static let everywhere = JSONPlaces(isWhole: true)

  /// Adds the value at `path`, and, where `alias` gives a member's key another, the value at
  /// that key too, at every step: a diff pairs an object's member with the other side's of the
  /// translated key when that side has none of its own (`IDTranslation`), so the path it
  /// names one side's value by may name the other's under an alias.
  public mutating func insert(_ path: some Collection<JSONStep>, aliasing alias: (String) -> String = { $0 }) {
    guard !isWhole else { return }
    guard let step = path.first else {
      self = .everywhere
      return
    }
    let rest = path.dropFirst()
    inside[step, default: JSONPlaces()].insert(rest, aliasing: alias)
    if case .key(let key) = step, case let other = alias(key), other != key {
      inside[.key(other), default: JSONPlaces()].insert(rest, aliasing: alias)
    }
  }

  /// The places inside the member keyed `key`, or nil when it holds none.
  public func member(_ key: String) -> JSONPlaces? {
    isWhole ? self : inside[.key(key)]
  }

  /// The places inside the element at `index`, or nil when it holds none.
  public func element(_ index: Int) -> JSONPlaces? {
    isWhole ? self : inside[.index(index)]
  }
}
