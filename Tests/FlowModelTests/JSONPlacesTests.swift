import FlowModel
import Testing

@Suite struct JSONPlacesTests {
  @Test func aPathIsTheWholeValueAtItsEndAndNothingBeside() throws {
    var places = JSONPlaces()
    places.insert([.key("headers"), .index(1), .key("value")])
    let header = try #require(places.member("headers")?.element(1))
    #expect(header.member("value")?.isWhole == true)
    #expect(header.member("value")?.member("anything")?.isWhole == true, "below a place, everything is one")
    #expect(header.member("name") == nil)
    #expect(places.member("headers")?.element(0) == nil)
    #expect(places.member("url") == nil)
    #expect(places.member("headers")?.isWhole == false)
  }

  @Test func aShorterPathTakesInTheLongerOnes() {
    var places = JSONPlaces()
    places.insert([.key("a"), .key("b")])
    places.insert([.key("a")])
    places.insert([.key("a"), .key("c")])
    #expect(places.member("a")?.isWhole == true)
    var everything = JSONPlaces()
    everything.insert([JSONStep]())
    #expect(everything.isWhole && everything.member("x")?.isWhole == true && everything.element(3)?.isWhole == true)
  }

  @Test func anAliasedKeyIsAPlaceUnderEitherKey() {
    var places = JSONPlaces()
    places.insert([.key("refs"), .key("left-id"), .key("url")], aliasing: { $0 == "left-id" ? "right-id" : $0 })
    #expect(places.member("refs")?.member("left-id")?.member("url")?.isWhole == true)
    #expect(places.member("refs")?.member("right-id")?.member("url")?.isWhole == true)
    #expect(places.member("refs")?.member("other") == nil)
  }
}
