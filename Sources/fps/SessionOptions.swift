import ArgumentParser

/// Options every way of starting `fps` shares.
struct SessionOptions: ParsableArguments {
  @Option(name: .customLong("var"), help: ArgumentHelp("Define a variable for ${name}; repeatable.", valueName: "name=value"))
  var variables: [String] = []

  @Option(
    help: ArgumentHelp("The workspace file used when none is named (default: the embedded default workspace).", valueName: "file.fpsw"))
  var workspace: String?

  @Option(help: ArgumentHelp("Act as this user in the journal (default: $USER).", valueName: "name"))
  var user: String?

  @Flag(help: "Bring back the last shell session that ended with pending imports (a closed terminal, a killed fps).")
  var restore = false

  @Flag(help: "Never send long output at the prompt through $PAGER (default: less -FRX).")
  var noPager = false
}
