import Testing

@testable import FlowModel

/// A URL's password is found in any text by hand (`URLPassword`): what fps prints, the file names
/// it makes and the shell's history mask it.
@Suite struct URLPasswordTests {
  @Test(arguments: [
    ("mqtt://admin:S3cret@broker.example.com", "mqtt://admin:***@broker.example.com"),
    ("Copy tables into mysql://root:Pw12345xyz@db nightly", "Copy tables into mysql://root:***@db nightly"),
    ("mqtt://admin:p@ss@broker/x", "mqtt://admin:***@broker/x"),
    ("postgres://ana:pw@h/db and redis://:s3cret@cache:6379/0", "postgres://ana:***@h/db and redis://:***@cache:6379/0"),
    ("é mqtt://a:ü@h é", "é mqtt://a:***@h é"),
    ("'https://u:p@h'", "'https://u:***@h'"),
  ])
  func aPasswordIsMasked(text: String, masked: String) {
    #expect(URLPassword.masking(in: text, with: "***") == masked)
    #expect(URLPassword.isFound(in: text))
  }

  /// Text that only looks like a URL with a password around its `://` is left as it is.
  @Test(arguments: [
    #"{"url":"https://h:8443","owner":"ops@x.io"}"#, "http://user@host/x", "3://a:b@c", "x ://a:b@c", "https://h:8443/a@b",
    "mqtt://a:@h", "https://${USER}:${PASS}@host", "://a:b@c", "a://", "",
  ])
  func textWithoutAPasswordIsLeftAlone(text: String) {
    #expect(URLPassword.masking(in: text, with: "***") == text)
    #expect(!URLPassword.isFound(in: text))
  }
}
