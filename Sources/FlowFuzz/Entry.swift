import Foundation

#if LIBFUZZER
  /// libFuzzer's driver (`-sanitize=fuzzer` links it): runs the fuzzing loop over `callback`.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// The executable's entry (SwiftPM names it after the module): hands libFuzzer the target
  /// `FLOWPORT_FUZZ_TARGET` names, one input at a time (see `scripts/fuzz`).
  @_cdecl("flowport_fuzz_main")
  func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in
      guard let data else { return 0 }
      FuzzTarget.current.run(Array(UnsafeBufferPointer(start: data, count: size)))
      return 0
    }
  }
#else
  /// Without libFuzzer: `flowport-fuzz <target> <file>...` replays inputs (a crash libFuzzer
  /// found), and `flowport-fuzz smoke <target> <runs> <seed>...` feeds the target `runs`
  /// random mutations of the seed files, for a quick check in the test suite.
  @main struct FlowFuzz {
    static func main() throws {
      var arguments = Array(CommandLine.arguments.dropFirst())
      let smoke = arguments.first == "smoke"
      if smoke { arguments.removeFirst() }
      guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        FileHandle.standardError.write(Data("usage: flowport-fuzz [smoke] <\(names)> [runs] <file>...\n".utf8))
        exit(2)
      }
      arguments.removeFirst()
      guard smoke else {
        for path in arguments { target.run(Array(try Data(contentsOf: URL(fileURLWithPath: path)))) }
        return
      }
      let runs = arguments.first.flatMap(Int.init) ?? 1000
      let seeds = try arguments.dropFirst().map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
      var mutator = Mutator(seeds: seeds.isEmpty ? [[]] : seeds)
      for _ in 0..<runs { target.run(mutator.next()) }
      print("\(target.rawValue): \(runs) runs")
    }
  }

  /// Random mutations of seed inputs: bit flips, byte changes, insertions and deletions of
  /// runs of bytes, and splices of two seeds; deterministic per process for a replayable smoke.
  struct Mutator {
    /// Bytes that mean something to JSON, YAML or the tokenizer.
    static let interesting = Array("{}[]\",:\\'*&-#\n0aZ$!%@".utf8)
    let seeds: [[UInt8]]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    mutating func random(_ bound: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return bound <= 0 ? 0 : Int(state % UInt64(bound))
    }

    mutating func next() -> [UInt8] {
      var input = seeds[random(seeds.count)]
      for _ in 0...random(8) {
        let position = random(input.count + 1)
        switch random(5) {
        case 0 where !input.isEmpty && position < input.count: input[position] ^= UInt8(1 << random(8))
        case 1 where position < input.count: input[position] = Self.interesting[random(Self.interesting.count)]
        case 2: input.insert(contentsOf: input[position..<min(input.count, position + random(64))], at: position)
        case 3 where position < input.count: input.removeSubrange(position..<min(input.count, position + random(64)))
        default:
          let other = seeds[random(seeds.count)]
          let start = random(other.count + 1)
          input.replaceSubrange(position..<input.count, with: other[start..<min(other.count, start + random(4096))])
        }
      }
      return input
    }
  }
#endif
