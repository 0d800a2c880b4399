// swift-tools-version:6.0
// ConvScope: a terminal lab for convolutional neural networks.
// Layering (arrows point one way): ConvCore <- ConvDiagrams <- ConvLessons <- ConvApp <- ConvTerminal <- convscope.
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
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // The SwiftProtobuf runtime library only: onnx.pb.swift is generated and committed, so
        // building never needs protoc nor the protoc-gen-swift plugin.
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // Pure computation: standard library only, plus the C inner product it calls (no I/O).
        .target(name: "ConvCore", dependencies: ["CConvKernels"]),
        // conv2d's im2col packing and blocked matrix product, in C so that the AVX2/AVX-512 code is
        // chosen at run time (Swift cannot compile one function for a wider instruction set).
        .target(name: "CConvKernels"),
        // libpng, at the edge (Debian's libpng-dev).
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        // Image files: PNG through libpng, netpbm; decoded to ConvCore tensors.
        // POSIX file reads that check type and size first, and atomic writes (no dependencies).
        .target(name: "ConvFiles"),
        .target(name: "ConvImages", dependencies: ["ConvCore", "ConvFiles", "CPNG"]),
        // Canvas, diagrams and exporters: pure text rendering.
        .target(name: "ConvDiagrams", dependencies: ["ConvCore"]),
        // Lessons: YAML files under assets/lessons parsed into steps; numbers and quiz answers from ConvCore.
        .target(name: "ConvLessons", dependencies: ["ConvCore", "ConvFiles", .product(name: "Yams", package: "Yams")]),
        // The interactive program as pure values: state, actions, keymap, frames.
        .target(name: "ConvApp", dependencies: ["ConvCore", "ConvDiagrams", "ConvLessons"]),
        // ONNX model files: onnx.proto's generated code (internal), a protobuf wire walk that drops
        // weight bytes before decoding, and the importer that builds a ConvCore graph.
        .target(name: "ConvONNX", dependencies: ["ConvCore", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
                exclude: ["Proto/onnx.proto", "Proto/LICENSE-onnx", "Proto/SOURCE.md"]),
        // ncurses, at the edge.
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .target(name: "ConvTerminal", dependencies: ["ConvApp", "ConvDiagrams", "CNCurses"]),
        // The command line.
        .executableTarget(
            name: "convscope",
            dependencies: [
                "ConvCore", "ConvDiagrams", "ConvLessons", "ConvApp", "ConvTerminal", "ConvImages", "ConvONNX", "ConvFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // conv2d timing and GFLOP/s: `swift run -c release convscope-bench`; architecture tables:
        // `swift run -c release convscope-bench arch`.
        .executableTarget(name: "convscope-bench", dependencies: ["ConvCore", "ConvDiagrams", "ConvImages", "ConvApp", "ConvONNX"],
                          path: "Sources/ConvBenchmarks"),
        // The ONNX importer under libFuzzer: scripts/fuzz-onnx.sh builds it with -sanitize=fuzzer,address
        // -DFUZZING on .build-fuzz-onnx; a normal build is a replayer (`convscope-fuzz-onnx FILE...`).
        .executableTarget(name: "convscope-fuzz-onnx", dependencies: ["ConvONNX"], path: "Sources/ConvONNXFuzz"),
        // Shared by the test targets only: fixture loading, headless frames, binary runner.
        .target(
            name: "ConvTestSupport",
            dependencies: ["ConvCore", "ConvDiagrams", "ConvApp", "ConvTerminal"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ConvCoreTests", dependencies: ["ConvCore", "ConvTestSupport"]),
        .testTarget(name: "ConvONNXTests", dependencies: ["ConvONNX", "ConvCore", "ConvTestSupport"]),
        .testTarget(
            name: "ConvDiagramsTests",
            dependencies: [
                "ConvCore", "ConvDiagrams", "ConvApp", "ConvTestSupport",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "ConvAppTests", dependencies: ["ConvApp", "ConvDiagrams", "ConvCore", "ConvLessons", "ConvTestSupport"]),
        .testTarget(name: "ConvTerminalTests", dependencies: ["ConvTerminal", "ConvApp", "ConvDiagrams", "ConvTestSupport"]),
        .testTarget(name: "ConvImagesTests", dependencies: ["ConvImages", "ConvCore", "ConvTestSupport"],
                    exclude: ["make_image_fixtures.py"]),
        .testTarget(name: "ConvLessonsTests", dependencies: ["ConvLessons", "ConvCore", "ConvTestSupport"]),
        // Every lesson step through the real scene registry (imports the executable target).
        .testTarget(name: "LessonWalkTests", dependencies: ["convscope", "ConvApp", "ConvLessons", "ConvDiagrams", "ConvTestSupport"]),
        // Random argument vectors through the CLI's own parsing and computing path, in process.
        .testTarget(name: "CommandFuzzTests", dependencies: ["convscope", "ConvTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "EndToEndTests", dependencies: ["ConvTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
