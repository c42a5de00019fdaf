import SystemPackage

#if canImport(Glibc)
  import Glibc  // Duration(timespec)
#endif

/// What one `stat(2)` says of a path: what kind of thing stands there, and the stamp a restored
/// session compares. A bulk load asks it of every file before reading it; Foundation's ways to
/// ask (`fileExists`, `resourceValues`, `attributesOfItem`) each built a URL or a dictionary
/// around a stat of its own, and the three of them were a tenth of a load of 2,000 exports.
struct FileStatus {
  /// What a path names, symbolic links followed.
  enum Kind {
    case regularFile
    case directory
    /// A pipe (`<(cat b.json)`, `/dev/stdin`, a named FIFO), read once; a device or a socket,
    /// refused (`isDevice`).
    case other
  }

  let kind: Kind
  /// True for a character or block device (`/dev/zero`, a terminal): `Kind.other`, but no
  /// export, and a stream with no end.
  let isDevice: Bool
  let stamp: FileStamp
  /// Who may read, write and run it (`0o644`).
  let permissions: mode_t
  /// Which file it is, whatever path led to it: a folder walk that meets one again through a
  /// symbolic link (`a/up -> ..`) knows it has been there.
  let identity: Identity

  /// A file's device and inode.
  struct Identity: Hashable {
    let device: UInt64
    let inode: UInt64
  }

  /// The status of `path` now; nil when nothing can be found there.
  init?(of path: String) {
    guard let status = try? Stat(FilePath(path)) else { return nil }
    switch status.type {
    case .regular: kind = .regularFile
    case .directory: kind = .directory
    default: kind = .other
    }
    isDevice = status.type == .characterSpecial || status.type == .blockSpecial
    // As a Duration: the members of `timespec` are seen through the first module that read its
    // header, CoreFoundation or CDispatch as it happens, and could not be named portably.
    let modified = Duration(status.st_mtim).components
    stamp = FileStamp(
      size: UInt64(clamping: status.size), modified: Double(modified.seconds) + Double(modified.attoseconds) / 1e18)
    identity = Identity(device: UInt64(status.deviceID.rawValue), inode: UInt64(status.inode.rawValue))
    permissions = status.permissions.rawValue
  }

  /// True when `path` itself is a symbolic link (whatever it leads to).
  static func isSymbolicLink(_ path: String) -> Bool {
    (try? Stat(FilePath(path), followTargetSymlink: false))?.type == .symbolicLink
  }

  /// True for a path that can be read once only (`Kind.other`).
  var isPipeOrDevice: Bool { kind == .other }
}
