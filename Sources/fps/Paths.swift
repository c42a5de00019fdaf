/// Where fps keeps its files, following the XDG base directory conventions.
struct Paths {
  let environment: [String: String]

  /// `$HOME`; the current folder where it is unset or empty.
  private var home: String { ProcessEnvironment.value(of: "HOME", in: environment) ?? "." }

  /// `$XDG_STATE_HOME/flowport`: what survives across runs, history and kept sessions.
  private var stateFolder: String {
    (ProcessEnvironment.value(of: "XDG_STATE_HOME", in: environment) ?? home + "/.local/state") + "/flowport"
  }

  /// `$XDG_STATE_HOME/flowport/history`: history survives across runs.
  var historyFile: String { stateFolder + "/history" }

  /// `$XDG_STATE_HOME/flowport/sessions`: one kept session per shell, for `fps --restore`.
  var sessionsFolder: String { stateFolder + "/sessions" }

  /// `$XDG_DATA_HOME/flowport/default.fpsw`: the workspace used when none is named.
  var defaultWorkspace: String {
    (ProcessEnvironment.value(of: "XDG_DATA_HOME", in: environment) ?? home + "/.local/share") + "/flowport/default.fpsw"
  }
}
