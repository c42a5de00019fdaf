import FlowModel
import Testing

/// Stand-ins are found in a text by its bytes: whole ones anywhere (among characters of any
/// width, next to each other, at either end), and nothing that only looks like the start of one.
@Suite struct SecretStandInTests {
  let first = SecretStandIn.standIn(forTextIn: "pw-1")
  let second = SecretStandIn.standIn(forTextIn: "pw-2")

  @Test func aWholeStandInIsOneAndIsMasked() {
    #expect(SecretStandIn.isStandIn(.string(first)))
    #expect(SecretStandIn.isStandIn(SecretStandIn.leftOut))
    #expect(SecretStandIn.masked(.string(first), with: "(secret)") == "(secret)")
    #expect(SecretStandIn.standIns(in: .string(first)).count == 1)
  }

  @Test func standInsInsideATextAreMaskedInPlace() {
    let text = "é→ \(first)\(second) 🙂 and \(first)"
    #expect(!SecretStandIn.isStandIn(.string(text)))
    #expect(SecretStandIn.masked(.string(text), with: "***") == .string("é→ ****** 🙂 and ***"))
    let found = SecretStandIn.standIns(in: .string(text))
    #expect(found.count == 3 && found[0] == found[2] && found[0] != found[1])
  }

  @Test(arguments: [
    "\u{FFFF}secret:", "\u{FFFF}secret:\u{FFFF}", "\u{FFFF}secret:12ab", "\u{FFFF}secret:12AB\u{FFFF}", "\u{FFFF}secret:12g\u{FFFF}",
    "\u{FFFF}secre", "\u{FFFF}", "x\u{FFFF}secret:1 \u{FFFF}", "plain text",
  ])
  func somethingThatOnlyLooksLikeOneIsLeftAsItIs(text: String) {
    #expect(!SecretStandIn.isStandIn(.string(text)))
    #expect(SecretStandIn.standIns(in: .string(text)).isEmpty)
    #expect(SecretStandIn.masked(.string(text), with: "***") == .string(text))
  }

  @Test func aBrokenMarkerBeforeAWholeOneDoesNotHideIt() {
    let text = "\u{FFFF}secret:zz \u{FFFF}secr\(first)!"
    #expect(SecretStandIn.masked(.string(text), with: "***") == .string("\u{FFFF}secret:zz \u{FFFF}secr***!"))
  }
}
