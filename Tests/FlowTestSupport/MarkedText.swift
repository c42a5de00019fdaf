/// Text with a cursor marked by `|`, for completion tests: `"match kaf|"` is the line
/// `"match kaf"` with the cursor at its end.
public struct MarkedText {
  /// The text without the marker.
  public let text: String
  /// The cursor's offset in UTF-8 bytes, where the marker was.
  public let cursor: Int

  /// Reads `marked`, taking the first `marker` out as the cursor; no marker puts it at the end.
  public init(_ marked: String, marker: Character = "|") {
    guard let index = marked.firstIndex(of: marker) else {
      self.text = marked
      self.cursor = marked.utf8.count
      return
    }
    self.text = String(marked[..<index]) + String(marked[marked.index(after: index)...])
    self.cursor = marked[..<index].utf8.count
  }
}
