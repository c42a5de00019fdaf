// swift-tools-version:6.0
import PackageDescription

/// FlowPort: move automation flows between environments.
/// One library per concern (see DESIGN.md), a thin `fps` executable on top; data flows one way,
/// and no module reaches "up" this list.
let package = Package(
  name: "FlowPort",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "fps", targets: ["fps"]),
    .library(name: "FlowSession", targets: ["FlowSession"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/pointfreeco/swift-custom-dump", from: "1.3.0"),
    .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.17.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-system", from: "1.7.0"),
  ],
  targets: [
    .target(name: "FlowModel"),
    .target(
      name: "FlowFormats", dependencies: ["FlowModel", "ZIPFoundation", "Yams"],
      exclude: ["Native/flowport-1.schema.json", "Environment/environment.schema.json"]),
    .target(name: "FlowDiff", dependencies: ["FlowModel"]),
    .target(
      name: "FlowStore",
      dependencies: [
        "FlowModel", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
      ]),
    .target(
      name: "FlowSession",
      dependencies: [
        "FlowModel", "FlowFormats", "FlowDiff", "FlowStore", .product(name: "Algorithms", package: "swift-algorithms"),
        .product(name: "Crypto", package: "swift-crypto"), .product(name: "SystemPackage", package: "swift-system"),
      ], exclude: ["Schemas"]),
    .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
    .target(name: "CEditShim", dependencies: ["CLibEdit"]),
    .target(name: "LineEditor", dependencies: ["CEditShim"]),
    .executableTarget(
      name: "fps",
      dependencies: [
        "FlowSession", "LineEditor",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Fuzz targets for every reader of outside input: libFuzzer entry with -DLIBFUZZER and
    // -sanitize=fuzzer (scripts/fuzz), a replayer and smoke runner otherwise.
    .executableTarget(name: "flowport-fuzz", dependencies: ["FlowFormats", "FlowModel", "FlowSession"], path: "Sources/FlowFuzz"),
    .target(name: "FlowTestSupport", dependencies: ["FlowModel"], path: "Tests/FlowTestSupport"),
    .testTarget(
      name: "FlowModelTests",
      dependencies: ["FlowModel", "FlowTestSupport", .product(name: "CustomDump", package: "swift-custom-dump")]),
    .testTarget(
      name: "FlowFormatsTests",
      dependencies: [
        "FlowFormats", "FlowDiff", "FlowModel", "FlowTestSupport", "ZIPFoundation",
        .product(name: "CustomDump", package: "swift-custom-dump"),
      ]),
    .testTarget(
      name: "FlowDiffTests",
      dependencies: [
        "FlowDiff", "FlowModel", "FlowFormats", "FlowTestSupport",
        .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
      ],
      exclude: ["Fixtures", "__Snapshots__"]),
    .testTarget(name: "FlowStoreTests", dependencies: ["FlowStore", "FlowModel", "FlowTestSupport"]),
    .testTarget(
      name: "FlowSessionTests",
      dependencies: [
        "FlowSession", "FlowModel", "FlowTestSupport", .product(name: "CustomDump", package: "swift-custom-dump"),
        .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
      ],
      exclude: ["__Snapshots__"]),
    .testTarget(name: "fpsTests", dependencies: ["fps", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .testTarget(name: "EndToEndTests", dependencies: ["FlowTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
  ],
  swiftLanguageModes: [.v6]
)

// Every Swift target sees a module's members only where it imports that module.
for target in package.targets where target.type != .system {
  target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
