import FlowDiff
import FlowModel
import FlowTestSupport
import Testing

/// The three-way merge of two diffs from one base: who changed what, and where both did.
@Suite struct ThreeWayDifferTests {
  /// The fixture flow (In -> Filter -> Out) with `change` applied.
  func flow(_ change: (inout FlowVersion) -> Void = { _ in }) -> FlowVersion {
    var version = Fixtures.flow()
    change(&version)
    return version
  }

  func diff(target: FlowVersion, new: FlowVersion) -> ThreeWayDiff {
    ThreeWayDiffer.diff(
      base: flow(), target: target, new: new, labels: ("base", "target", "new"), options: DiffOptions().showingConfigurationsAsTheyAre)
  }

  /// `~ Filter: config.condition`, `+ Audit`, `- Out`: a part's nodes in a few words.
  func summary(_ changes: [NodeChange]) -> [String] {
    changes.map { change in
      switch change.kind {
      case .added: "+ \(change.name)"
      case .removed: "- \(change.name)"
      case .changed:
        "~ \(change.name)\(change.oldName.map { " (was \($0))" } ?? ""): \(change.changes.map(\.path).joined(separator: ", "))"
      }
    }
  }

  @Test func oneValueChangedDifferentlyOnBothSidesIsAConflict() {
    let result = diff(
      target: flow { $0.nodes[1].config["condition"] = "amount > 500" }, new: flow { $0.nodes[1].config["condition"] = "amount > 200" })
    #expect(result.conflicts.count == 1)
    let conflict = result.conflicts.first
    #expect(conflict?.place == .node && conflict?.name == "Filter")
    #expect(
      summary([conflict?.target, conflict?.incoming].compactMap { $0 }) == ["~ Filter: config.condition", "~ Filter: config.condition"])
    #expect(result.targetOnly.isEmpty && result.incoming.isEmpty && result.agreed.isEmpty)
  }

  /// A conflict where one side changed a secret shows the other side's value as one too: the
  /// target set a header's value under `Content-Type`, the new export renamed the header to
  /// `X-Auth-Token`, and the target's line printed the token (a tester's find).
  @Test func aConflictWithASecretOnOneSideShowsNoValueOnEither() {
    let token = "tok-9f8e7d6c5b"
    let result = diff(
      target: flow { $0.nodes[1].config["condition"] = .string(token) },
      new: flow { $0.nodes[1].config["condition"] = SecretStandIn.standIn(for: .string(token)) })
    let changes = [result.conflicts.first?.target, result.conflicts.first?.incoming].compactMap { $0 }.flatMap(\.changes)
    #expect(changes.count == 2 && changes.allSatisfy { $0.isSecret }, "\(changes)")
    let text = result.text(colour: false)
    #expect(!text.contains(token), "\(text)")
  }

  @Test func aChangeOnlyInTheTargetIsItsOwn() {
    let result = diff(target: flow { $0.nodes[2].config["table"] = "hotfix" }, new: flow { $0.nodes[0].config["topic"] = "orders.v2" })
    #expect(result.conflicts.isEmpty)
    #expect(summary(result.targetOnly.nodes) == ["~ Out: config.table"])
    #expect(summary(result.incoming.nodes) == ["~ In: config.topic"])
    #expect(result.agreed.isEmpty)
  }

  @Test func differentPropertiesOfOneNodeDoNotConflict() {
    let result = diff(target: flow { $0.nodes[1].config["note"] = "hotfix" }, new: flow { $0.nodes[1].config["condition"] = "x" })
    #expect(result.conflicts.isEmpty)
    #expect(summary(result.targetOnly.nodes) == ["~ Filter: config.note"])
    #expect(summary(result.incoming.nodes) == ["~ Filter: config.condition"])
  }

  @Test func aPathInsideAnotherSidesChangeConflicts() {
    let result = diff(
      target: flow { $0.nodes[0].config["topic"] = ["name": "orders", "partitions": 3] },
      new: flow { $0.nodes[0].config["topic"] = "orders.v2" })
    #expect(result.conflicts.map(\.name) == ["In"])
    #expect(summary(result.conflicts.map(\.target)) == ["~ In: config.topic"])
  }

  @Test func theSameChangeOnBothSidesIsNoConflict() {
    let change = { (version: inout FlowVersion) in version.nodes[2].config["table"] = "big_orders" }
    let result = diff(target: flow(change), new: flow(change))
    #expect(result.conflicts.isEmpty)
    #expect(result.targetOnly.isEmpty && result.incoming.isEmpty)
    #expect(summary(result.agreed.nodes) == ["~ Out: config.table"])
  }

  @Test func nodesAddedAndRemovedOnOneSide() {
    let result = diff(
      target: flow {
        $0.nodes.append(Node(id: "n9", name: "Audit", type: "destination.kafka", config: ["topic": "audit"]))
        $0.edges.append(Edge(from: "n2", to: "n9"))
      },
      new: flow {
        $0.nodes.removeLast()
        $0.edges.removeLast()
      })
    #expect(result.conflicts.isEmpty)
    #expect(summary(result.targetOnly.nodes) == ["+ Audit"])
    #expect(result.targetOnly.edges.map { "\($0.isAdded) \($0.from) -> \($0.to)" } == ["true Filter -> Audit"])
    #expect(summary(result.incoming.nodes) == ["- Out"])
    #expect(result.incoming.edges.map { "\($0.isAdded) \($0.from) -> \($0.to)" } == ["false Filter -> Out"])
  }

  @Test func removedOnOneSideAndChangedOnTheOtherConflicts() {
    let result = diff(
      target: flow {
        $0.nodes.removeLast()
        $0.edges.removeLast()
      }, new: flow { $0.nodes[2].config["table"] = "big_orders" })
    #expect(summary(result.conflicts.map(\.target)) == ["- Out"])
    #expect(summary(result.conflicts.map(\.incoming)) == ["~ Out: config.table"])
    #expect(summary(result.targetOnly.nodes).isEmpty && summary(result.incoming.nodes).isEmpty)
  }

  @Test func aNodeBothSidesAddedIsAgreedWhenAlikeAndAConflictWhenNot() {
    func adding(_ id: String, topic: JSONValue) -> FlowVersion {
      flow { $0.nodes.append(Node(id: id, name: "Audit", type: "destination.kafka", config: ["topic": topic])) }
    }
    let alike = diff(target: adding("prod-9", topic: "audit"), new: adding("test-9", topic: "audit"))
    #expect(alike.conflicts.isEmpty && alike.targetOnly.isEmpty && alike.incoming.isEmpty)
    #expect(summary(alike.agreed.nodes) == ["+ Audit"])
    let different = diff(target: adding("prod-9", topic: "audit"), new: adding("test-9", topic: "audit.v2"))
    #expect(summary(different.conflicts.map(\.target) + different.conflicts.map(\.incoming)) == ["+ Audit", "+ Audit"])
    #expect(different.agreed.isEmpty)
  }

  @Test func renamesMergeLikeProperties() {
    let renamed = diff(target: flow { $0.nodes[1].name = "Big orders" }, new: flow { $0.nodes[1].config["condition"] = "x" })
    #expect(renamed.conflicts.isEmpty)
    #expect(summary(renamed.targetOnly.nodes) == ["~ Big orders (was Filter): "])
    #expect(summary(renamed.incoming.nodes) == ["~ Filter: config.condition"])
    let twice = diff(target: flow { $0.nodes[1].name = "Big orders" }, new: flow { $0.nodes[1].name = "Large orders" })
    #expect(
      summary(twice.conflicts.map(\.target) + twice.conflicts.map(\.incoming)) == [
        "~ Big orders (was Filter): ", "~ Large orders (was Filter): ",
      ])
  }

  @Test func aSecretChangedOnBothSidesConflictsUnlessToTheSameValue() {
    func password(_ value: String) -> FlowVersion { flow { $0.connections[0].credentials = ["password": .string(value)] } }
    let base = password("test-secret")
    let different = ThreeWayDiffer.diff(base: base, target: password("prod-1"), new: password("prod-2"), labels: ("b", "t", "n"))
    #expect(different.conflicts.map(\.place) == [.connection])
    #expect(different.conflicts.first?.target.changes.first?.isSecret == true)
    let text = different.text(colour: false) + different.json
    #expect(!text.contains("prod-1") && !text.contains("prod-2") && !text.contains("test-secret"), "\(text)")
    let same = ThreeWayDiffer.diff(base: base, target: password("prod-1"), new: password("prod-1"), labels: ("b", "t", "n"))
    #expect(same.conflicts.isEmpty)
    #expect(summary(same.agreed.connections) == ["~ kafka-test: credentials.password"])
  }

  @Test func versionNumbersAreNoChange() {
    let result = diff(target: flow { $0.number = 7 }, new: flow { $0.number = 3 })
    #expect(result.isEmpty)
    #expect(result.summary == "no changes")
  }

  @Test func conflictsAreListedFirstInText() {
    let result = diff(
      target: flow {
        $0.nodes[1].config["condition"] = "amount > 500"
        $0.nodes[2].config["table"] = "hotfix"
      }, new: flow { $0.nodes[1].config["condition"] = "amount > 200" })
    #expect(
      result.text(colour: false) == """
        base:   base
        target: target
        new:    new
        conflicts (changed on both sides since the base)
          ! node "Filter" (filter)
            target ~ config.condition: "amount > 100" -> "amount > 500"
            new    ~ config.condition: "amount > 100" -> "amount > 200"
        changed in the target only (importing the new export as it is undoes these)
          ~ node "Out"
            ~ config.table: "t" -> "hotfix"
        1 conflict; target only: 1 node changed

        """)
  }

  @Test func jsonPathsAreArrays() throws {
    let result = diff(target: flow { $0.nodes[1].config["condition"] = "a" }, new: flow { $0.nodes[1].config["condition"] = "b" })
    let document = try JSONParser.parse(result.json)
    #expect(document["equal"] == false)
    let conflict = document["conflicts"]?.arrayValue?.first
    #expect(conflict?["place"] == "node")
    #expect(conflict?["new"]?["changes"]?.arrayValue?.first?["path"] == ["config", "condition"])
    #expect(document["incoming"]?["equal"] == true)
  }
}
