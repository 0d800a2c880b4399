// swift-tools-version:5.4
// libFuzzer targets for the model-file importers, kept out of the main package so that a normal
// `swift build` never sees -sanitize=fuzzer. Build and run with ../scripts/fuzz.sh (it passes
// -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library, as swift-protobuf's FuzzTesting does).
// Tools version 5.4: from 5.5 SwiftPM renames an executable's entry point to <target>_main, which
// a -parse-as-library fuzz target (libFuzzer supplies main) does not define.
import PackageDescription

let package = Package(
    name: "ConvScopeFuzz",
    dependencies: [.package(name: "ConvScope", path: "..")],
    targets: [
        .executableTarget(name: "FuzzDarknet", dependencies: [.product(name: "ConvCore", package: "ConvScope")]),
        .executableTarget(name: "FuzzCaffe", dependencies: [.product(name: "ConvCore", package: "ConvScope")]),
    ]
)
