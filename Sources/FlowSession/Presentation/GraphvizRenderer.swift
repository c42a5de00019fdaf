import Foundation

/// Renders DOT text to SVG with Graphviz's `dot`, when it is installed.
enum GraphvizRenderer {
  static func svg(_ dot: String, to path: String) throws {
    guard
      let executable = ["/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot"].first(where: FileManager.default.isExecutableFile)
    else {
      throw SessionError.toolMissing(
        tool: "Graphviz's `dot`", hint: "--svg needs it (apt-get install graphviz); --dot prints the picture's source instead")
    }
    // Said here, not in Graphviz's words (`Could not open "x/y.svg" for writing`).
    let folder = PathText.folder(of: path)
    if !folder.isEmpty, FileStatus(of: folder)?.kind != .directory {
      throw SessionError.writeFailed(
        path, FileStatus(of: folder) == nil ? "there is no folder \(folder)" : "\(folder) is a file, not a folder")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["-Tsvg", "-o", path]
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardError = errors
    do { try process.run() } catch { throw SessionError.toolFailed(tool: executable, reason: error.localizedDescription) }
    input.fileHandleForWriting.write(Data(dot.utf8))
    try? input.fileHandleForWriting.close()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw SessionError.writeFailed(path, message.isEmpty ? "dot failed" : message) }
  }
}
