/// Where fps keeps its files, following the XDG base directory conventions.
struct Paths {
  let environment: [String: String]

  /// `$HOME`; the current folder where it is unset or empty (an empty one put the default
  /// workspace at `/.local/share`, at the root of the file system, as the key file never did).
  private var home: String { environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "." }

  /// `$XDG_STATE_HOME/flowport`: what survives across runs, history and kept sessions.
  private var stateFolder: String {
    (environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state") + "/flowport"
  }

  /// `$XDG_STATE_HOME/flowport/history`: history survives across runs.
  var historyFile: String { stateFolder + "/history" }

  /// `$XDG_STATE_HOME/flowport/sessions`: one kept session per shell, for `fps --restore`.
  var sessionsFolder: String { stateFolder + "/sessions" }

  /// `$XDG_DATA_HOME/flowport/default.fpsw`: the workspace used when none is named.
  var defaultWorkspace: String {
    (environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share") + "/flowport/default.fpsw"
  }
}
