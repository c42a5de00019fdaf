import FlowFormats
import FlowModel
import FlowStore
import Foundation
import SystemPackage

/// A flow version named on a command line, with the label output uses for it.
struct FlowOperand {
  /// How output names it: a file path, `prod:orders@2`, an import's name.
  var label: String
  var version: FlowVersion
  /// The workspace location or file it came from, for export stamps.
  var origin: String
  /// The open workspace it was read from, if any: roles apply, subflows and secrets are there.
  var workspace: OpenWorkspace? = nil
  /// Its references are bound to a target's connections (a workspace flow, a pending import),
  /// so exporting it writes the target's connection identities.
  var isBound = false
}

extension FlowOperand {
  /// The version read from the export file at `path`, labelled with its path.
  init(file path: String, version: FlowVersion) {
    self.init(label: path, version: version, origin: path)
  }

  /// The label as a header prints it (`show`'s, `diff`'s `---` and `+++`): a token in the flow
  /// name it holds (`prod:orders Bearer …@1`) redacted, as the lines below it redact names.
  var shownLabel: String { Secrets.redacted(name: label) }
}

/// What a word on a command line names: a file still to be read, or a flow at hand.
enum LocatedOperand {
  case file(String)
  case flow(FlowOperand)
}

extension Session {
  /// Resolves a word to a flow version: a path that says it is one (`./orders`, `../x.json`,
  /// `/tmp/x.json`) is a file; `workspace:flow[@N]` a workspace's flow; otherwise, in turn, a
  /// pending import, a loaded export, a file, and `flow[@N]` in the current target. A bare name
  /// that is a file in the folder and also an import, export or target flow is refused, naming
  /// both and how to write each, never picked without a word.
  func flowOperand(_ word: String) throws -> FlowOperand {
    switch try locateOperand(word) {
    case .file(let path): FlowOperand(file: path, version: try Self.readExport(at: path, scanningSecrets: false).version)
    case .flow(let operand): operand
    }
  }

  /// What a word names, as `flowOperand(_:)` resolves it, without reading the file it may name:
  /// the caller reads files, and may read several at once (the two sides of a diff).
  func locateOperand(_ word: String) throws -> LocatedOperand {
    if Self.isExplicitPath(word) { return .file(word) }
    if let colon = word.firstIndex(of: ":"), let open = try namedWorkspace(String(word[..<colon])) {
      return .flow(try workspaceFlow(String(word[word.index(after: colon)...]), in: open))
    }
    // One stat for the word: a file or a pipe clashes with a flow of its name; a folder is none.
    let status = FileStatus(of: word)
    let isFile = status.map { $0.kind != .directory } ?? false
    if let pending = imports.first(where: { $0.name == word }) {
      if isFile, !Self.isSameFile(word, pending.path) { throw SessionError.ambiguousName(word, other: "the pending import '\(word)'") }
      return .flow(try operand(of: pending))
    }
    if let loaded = exports[word] {
      if isFile, !Self.isSameFile(word, loaded.path) { throw SessionError.ambiguousName(word, other: "the loaded export '\(word)'") }
      return .flow(FlowOperand(label: loaded.path, version: loaded.version, origin: loaded.path))
    }
    // One name looked up, not every flow summarized: a bare file name is asked about at every
    // `fps diff a.json b.json`, in a default workspace of thousands of flows.
    let target = try existingTarget()
    if let target, try target.store.hasFlow(named: Self.splitVersion(word).0) {
      if isFile {
        throw SessionError.ambiguousName(word, other: "the flow in \(target.name)", explicitly: "\(target.name):\(word)")
      }
      return .flow(try workspaceFlow(word, in: target))
    }
    // A folder is no flow: it is named as a file only when nothing else has the name, to say so.
    if status != nil { return .file(word) }
    throw SessionError.unknownName(
      kind: "flow, import, export or file", name: word,
      known: imports.map(\.name) + exports.keys.sorted() + (try target?.store.flows().map(\.name) ?? []))
  }

  /// The open workspace of that name, the default one opened at its first mention
  /// (`default:orders` before any command used it); nil for any other name.
  private func namedWorkspace(_ name: String) throws -> OpenWorkspace? {
    if let open = workspaces[name] { return open }
    guard name == Self.defaultWorkspaceName, configuration.defaultWorkspace != nil else { return nil }
    return try workspace(name)
  }

  /// True when `locateOperand` may well find `word` a regular file: one named by a path, or in
  /// the folder with no import or export of its name. A guess, cheap and never opening a
  /// workspace, for reading the file while the word is located. Never a pipe or a device
  /// (`<(…)`, `/dev/fd/3`): opening one blocks until it is written, and reading it takes what
  /// is written, for a word that may yet be refused.
  func mayNameFile(_ word: String) -> Bool {
    FileStatus(of: word)?.kind == .regularFile
      && (Self.isExplicitPath(word) || (exports[word] == nil && !imports.contains { $0.name == word }))
  }

  /// A pending import as its target will have it: its references bound.
  func operand(of pending: PendingImport) throws -> FlowOperand {
    let bound = try pending.boundVersion(using: try state(of: pending.workspace))
    return FlowOperand(label: "\(pending.name) (pending)", version: bound.whole, origin: pending.path, isBound: true)
  }

  /// True for a word that can only be a path: it starts at the root or the current or parent
  /// folder. The way to name a file that shares its name with a flow.
  private static func isExplicitPath(_ word: String) -> Bool {
    word.hasPrefix("/") || word.hasPrefix("./") || word.hasPrefix("../")
  }

  /// True when two paths name the same file: an export loaded from the very file named is no
  /// second meaning of the name.
  private static func isSameFile(_ a: String, _ b: String) -> Bool {
    URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath()
      == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath()
  }

  /// `flow` or `flow@N` in an open workspace.
  func workspaceFlow(_ word: String, in open: OpenWorkspace) throws -> FlowOperand {
    let (flow, number) = Self.splitVersion(word)
    let stored = try open.store.version(of: flow, number: number)
    return FlowOperand(
      label: "\(open.name):\(flow)@\(stored.number)", version: try decodeStored(stored, in: open), origin: open.store.location,
      workspace: open, isBound: true)
  }

  /// Reads a stored version's document back into the model, once per version. The commit is
  /// part of the key: after an undo, the next commit may write a new version of the same number.
  func decodeStored(_ stored: StoredVersion, in open: OpenWorkspace) throws -> FlowVersion {
    let key = "\(stored.flow)@\(stored.number)#\(stored.commitID)"
    if let decoded = open.decodedVersions[key] { return decoded }
    let decoded = try Self.decode(stored, from: open.store.location)
    open.decodedVersions[key] = decoded
    return decoded
  }

  /// A stored version's document read back into the model; an error names the workspace at
  /// `location`, the flow and the version.
  static func decode(_ stored: StoredVersion, from location: String) throws -> FlowVersion {
    do throws(FormatError) {
      let document: JSONValue
      do { document = try JSONParser.parse(stored.document) } catch { throw .syntax(error) }
      return try NativeJSONCodec.decode(document)
    } catch {
      throw SessionError.damagedVersion(location: location, flow: stored.flow, number: stored.number, error)
    }
  }

  /// Splits `orders@3` into `("orders", 3)`; a name without a valid `@N` is taken whole.
  static func splitVersion(_ word: String) -> (String, Int?) {
    guard let at = word.lastIndex(of: "@"), let number = Int(word[word.index(after: at)...]), number > 0 else {
      return (word, nil)
    }
    return (String(word[..<at]), number)
  }

  /// Reads and decodes one export file of any format, with errors that name the file and
  /// position. Structural problems come back as notes, not errors; with `scanningSecrets`
  /// (what `load` does), so do secrets in clear.
  func readExport(at path: String, scanningSecrets: Bool = false) throws -> ReadExport {
    try Self.readExport(at: path, scanningSecrets: scanningSecrets)
  }

  /// `readExport(at:scanningSecrets:)` without a session: it reads no session state, so a bulk
  /// load runs it for several files at once (see `readExports`). A flow the export names none
  /// of takes `fallbackName`, by default the file's stem.
  static func readExport(at path: String, scanningSecrets: Bool, fallbackName: String? = nil, onlyToCompare: Bool = false) throws
    -> ReadExport
  {
    let (bytes, stamp) = try readStampedFile(at: path)
    // Handed over, not copied: the parse lets the file's bytes go once it has read them.
    return try readExport(
      taking: consume bytes, at: path, stamp: stamp, scanningSecrets: scanningSecrets, fallbackName: fallbackName,
      onlyToCompare: onlyToCompare)
  }

  /// `readExport(at:scanningSecrets:fallbackName:)` of bytes already read from `path` when it
  /// had `stamp`; the files of one bulk load share their repeated strings through `sharing`.
  /// With `keepingText`, the document's minified text is kept for `ReadExport.outline()`;
  /// with `onlyToCompare`, the flow is fit for its `ExportFormat.comparedView` alone.
  static func readExport(
    taking bytes: consuming Data, at path: String, stamp: FileStamp, scanningSecrets: Bool, sharing: SharedStrings? = nil,
    keepingText: Bool = false, fallbackName: String? = nil, onlyToCompare: Bool = false
  ) throws -> ReadExport {
    do {
      let fallbackName = fallbackName ?? Self.fallbackName(of: path)
      let (format, decoded) = try ExportFormat.read(
        taking: consume bytes, fallbackName: fallbackName, sharing: sharing, keepingText: keepingText, onlyToCompare: onlyToCompare
      ) {
        // A pipe is read once: opened again, a named FIFO waited for a writer that never came.
        isPipeOrDevice(path) ? nil : try? readFile(at: path)
      }
      var notes = decoded.findings
      var found: [SecretScanner.Match] = []
      if scanningSecrets {
        let document = decoded.version.source?.document ?? NativeJSONCodec.encode(decoded.version, stamp: nil)
        found = SecretScanner.scan(document)
        notes += found.map(\.description)
      }
      return ReadExport(
        path: path, format: format, version: decoded.version, notes: notes, stamp: stamp,
        documentText: found.isEmpty ? decoded.documentText : nil)
    } catch {
      throw SessionError.format(file: path, error)
    }
  }

  /// The name a flow takes from its file when its export names none: the file's stem.
  static func fallbackName(of path: String) -> String {
    PathText.stem(of: path)
  }

  /// The bytes of a file, or an error that says why not. `Data`, not `[UInt8]`: parsing reads
  /// it in place, and a copy of a 50 MB export would be held at the peak of memory.
  func readFile(at path: String) throws -> Data {
    try Self.readFile(at: path)
  }

  /// True for a path that is neither a regular file nor a folder: a pipe (`<(cat b.json)`,
  /// `/dev/stdin`, a named FIFO) or a device, which can be read once only.
  static func isPipeOrDevice(_ path: String) -> Bool {
    FileStatus(of: path)?.isPipeOrDevice == true
  }

  /// `readFile(at:)` without a session.
  static func readFile(at path: String) throws -> Data {
    try readStampedFile(at: path).bytes
  }

  /// The bytes of a file and its stamp as it was when they were read: one `stat(2)` tells a
  /// missing file, a folder and a pipe apart, and dates the file for a restored session.
  static func readStampedFile(at path: String) throws -> (bytes: Data, stamp: FileStamp) {
    guard let status = FileStatus(of: path) else { throw SessionError.fileNotFound(path) }
    switch status.kind {
    case .directory: throw SessionError.isDirectory(path)
    case .regularFile:
      guard let data = FileManager.default.contents(atPath: path) else { throw SessionError.unreadable(path, "permission denied") }
      return (data, status.stamp)
    case .other:
      // A device (`/dev/zero`, `/dev/urandom`, a terminal) is read by no export, and reading
      // `/dev/zero` to its end took all the memory there was.
      if status.isDevice { throw SessionError.unreadable(path, "it is a device, not a file or a pipe") }
      // A pipe (`<(cat b.json)`, `/dev/stdin`, a named FIFO) has no size to read up to: it is
      // opened once and read to its end (opened twice, a writer that left after the first
      // would never come back to the second). Opening one waits for its writer; Ctrl-C ends
      // the wait.
      let descriptor: FileDescriptor
      do { descriptor = try FileDescriptor.open(FilePath(path), .readOnly, retryOnInterrupt: false) } catch let error as Errno {
        switch error {
        case .interrupted: throw SessionError.cancelled
        case .noSuchAddressOrDevice: throw SessionError.unreadable(path, "it is a socket, not a file or a pipe")
        default: throw SessionError.unreadable(path, error.description)
        }
      }
      defer { try? descriptor.close() }
      return (try readPipe(descriptor, at: path), status.stamp)
    }
  }

  /// The most a pipe is read for one export: a stream that does not end (`<(yes)`) is refused
  /// here rather than held in memory until there is none left (data grown to a limit holds up
  /// to twice it). An export this large is a file; the largest seen are tens of megabytes.
  static let pipeReadLimit = 256 << 20

  /// A pipe's bytes to its end, in chunks, up to `pipeReadLimit`. Ctrl-C ends a wait for the
  /// next chunk as it ends the wait for a writer (read through `FileHandle`, it was reported as
  /// "NSCocoaErrorDomain error 256").
  private static func readPipe(_ descriptor: FileDescriptor, at path: String) throws -> Data {
    var bytes = Data()
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count: Int
      do {
        count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0, retryOnInterrupt: false) }
      } catch Errno.interrupted {
        throw SessionError.cancelled
      } catch {
        throw SessionError.unreadable(path, (error as? Errno)?.description ?? "\(error)")
      }
      if count == 0 { return bytes }
      guard bytes.count + count <= pipeReadLimit else {
        throw SessionError.unreadable(
          path, "the pipe gave more than \(pipeReadLimit >> 20) MiB, the most an export read from a pipe may hold; write it to a file")
      }
      bytes.append(contentsOf: chunk[..<count])
    }
  }
}
