/// Where bytes stop being UTF-8: what a command line and an environment file report when they
/// refuse text a lone surrogate or another encoding got into, instead of reading it with
/// U+FFFD in its place (a name taken from it would change without a word).
public enum UTF8Text {
  /// The offset of the first byte that does not begin a valid UTF-8 scalar; nil when every
  /// byte is UTF-8. Inlinable, so that it is compiled for the caller's bytes: called generic from
  /// another module, it looked up the parser's types at run time, at the first command of every
  /// start (0.4 million instructions).
  @inlinable public static func firstInvalidByte(in bytes: some Sequence<UInt8>) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }

  /// The 1-based column of the byte at `offset` of one line: the characters (Unicode scalars)
  /// before it, plus one, as JSON errors count columns (`LineCount`).
  public static func column(of offset: Int, in line: some Collection<UInt8>) -> Int {
    line.prefix(offset).count { $0 & 0xC0 != 0x80 } + 1
  }
}
