import Testing

@testable import FlowStore

/// The byte search that replaced a regular expression finds each sealed secret: one sealed in
/// place with its end, not the text after it that reads as base64; a number's with its quotes
/// when asked; two side by side as two; nothing that only begins like one.
struct SealedSecretSearchTests {
  let id = "0123456789abcdef"

  @Test func findsEachSealedSecretAndNothingThatOnlyBeginsLikeOne() {
    let secret = "fps-sealed:v1:\(id):QUJD+/x="
    let number = "fps-sealed:v1:\(id):json:MTIz"
    let text =
      "é \(secret)./path \"\(number)\" fps-sealed:v1:\(id)0:QUJD fps-sealed:v1:0123456789ABCDEF:QUJD "
      + "fps-sealed:v1:\(id): fps-sealed:v1:\(id)QUJD fps-sealed:v2:\(id):QUJD \(secret).\(secret). \(secret)"
    #expect(SealedSecretSearch.ranges(in: text).map { String(text[$0]) } == [secret + ".", number, secret + ".", secret + ".", secret])
    #expect(
      SealedSecretSearch.ranges(in: text, takingNumberQuotes: true).map { String(text[$0]) } == [
        secret + ".", "\"\(number)\"", secret + ".", secret + ".", secret,
      ])
    #expect(SealedSecretSearch.replacing(in: text) { _ in "x" }.hasPrefix("é x/path \"x\" fps-sealed:v1:"))
    #expect(SealedSecretSearch.replacing(in: text) { _ in "x" }.hasSuffix("fps-sealed:v2:\(id):QUJD xx x"))
    #expect(SealedSecretSearch.ranges(in: "fps-sealed:v1:").isEmpty && SealedSecretSearch.ranges(in: "").isEmpty)
    #expect(SealedSecretSearch.isWholeNumber(number) && !SealedSecretSearch.isWholeNumber(secret))
    #expect(!SealedSecretSearch.isWholeNumber(number + " ") && !SealedSecretSearch.isWholeNumber("\"\(number)\""))
  }
}
