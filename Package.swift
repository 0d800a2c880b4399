// swift-tools-version:6.0
// ConvScope: a terminal lab for convolutional neural networks.
// Layering (arrows point one way): ConvCore <- ConvDiagrams <- ConvApp <- ConvTerminal <- convscope.
import PackageDescription

let package = Package(
    name: "ConvScope",
    products: [
        .executable(name: "convscope", targets: ["convscope"]),
        .library(name: "ConvCore", targets: ["ConvCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: [
        // Pure computation: standard library only.
        .target(name: "ConvCore"),
        // Canvas, diagrams and exporters: pure text rendering.
        .target(name: "ConvDiagrams", dependencies: ["ConvCore"]),
        // The interactive program as pure values: state, actions, keymap, frames.
        .target(name: "ConvApp", dependencies: ["ConvCore", "ConvDiagrams"]),
        // ncurses, at the edge.
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .target(name: "ConvTerminal", dependencies: ["ConvApp", "ConvDiagrams", "CNCurses"]),
        // The command line.
        .executableTarget(
            name: "convscope",
            dependencies: [
                "ConvCore", "ConvDiagrams", "ConvApp", "ConvTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Shared by the test targets only: fixture loading, headless frames, binary runner.
        .target(
            name: "ConvTestSupport",
            dependencies: ["ConvCore", "ConvDiagrams"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ConvCoreTests", dependencies: ["ConvCore", "ConvTestSupport"]),
        .testTarget(
            name: "ConvDiagramsTests",
            dependencies: [
                "ConvCore", "ConvDiagrams", "ConvTestSupport",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "ConvAppTests", dependencies: ["ConvApp", "ConvDiagrams", "ConvCore", "ConvTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ConvTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
