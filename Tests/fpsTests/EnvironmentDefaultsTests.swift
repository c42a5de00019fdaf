import Foundation
import Testing

@testable import fps

/// What fps makes of its environment's empty values: as unset where an empty one would mislead.
@Suite struct EnvironmentDefaultsTests {
  @Test func anEmptyNoColorAsksForNothing() {
    #expect(TerminalOutput.allowsColour(in: ["NO_COLOR": ""]))
    #expect(TerminalOutput.allowsColour(in: [:]))
    #expect(!TerminalOutput.allowsColour(in: ["NO_COLOR": "1"]))
    #expect(!TerminalOutput.allowsColour(in: ["TERM": "dumb"]))
  }

  @Test func anEmptyHomeDoesNotPutTheDefaultWorkspaceAtTheRoot() {
    #expect(Paths(environment: ["HOME": ""]).defaultWorkspace == "./.local/share/flowport/default.fpsw")
    #expect(Paths(environment: ["HOME": "/home/ann"]).defaultWorkspace == "/home/ann/.local/share/flowport/default.fpsw")
  }

  @Test func anEmptyUserIsPassedOverForTheAuthor() {
    #expect(Launch.author(given: "ann", environment: ["USER": "bob"]) == "ann")
    #expect(Launch.author(given: "", environment: ["USER": "bob"]) == "bob")
    #expect(Launch.author(given: nil, environment: ["USER": ""]) == ProcessInfo.processInfo.userName)
    #expect(!Launch.author(given: "", environment: [:]).isEmpty)
  }
}
