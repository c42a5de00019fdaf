import FlowModel
import Testing

@Suite struct HexDigitsTests {
  @Test func eachByteIsTwoLowerCaseDigits() {
    #expect([0x00, 0x0F, 0xA0, 0xFF, 0x7B].hexDigits == "000fa0ff7b")
    #expect([UInt8]().hexDigits == "")
  }
}
