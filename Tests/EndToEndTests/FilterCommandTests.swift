import Testing
import Foundation
import ConvTestSupport

/// The package root, found from this file (Tests/EndToEndTests/FilterCommandTests.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A shipped image's path (assets/images/NAME).
func assetImage(_ name: String) -> String { packageRoot.appendingPathComponent("assets/images/\(name)").path }

private struct Tensor: Decodable { var shape: [Int]; var data: [Float] }
private struct FiltersFile: Decodable {
    struct FilterCase: Decodable { var kernel: String; var padding: Int; var output: Tensor }
    struct Image: Decodable { var image: String; var cases: [FilterCase] }
    var images: [Image]
}

/// `convscope filter`, `rgb`, `conv1x1` and `activations` run as a user runs them, checked
/// against filters.json, rgb_bank.json (PyTorch) and hand-counted numbers.
@Suite struct FilterCommandTests {
    func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-filter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Every kernel of filters.json at padding 1 (same) and 0 (valid) on the shipped camera-16.pgm.
    @Test func filterJSONIsPyTorchsOutput() throws {
        let golden = try Fixtures.decode(FiltersFile.self, from: "filters.json")
        let cases = golden.images.flatMap(\.cases)
        #expect(cases.count == 14)
        for c in cases {
            let padding = c.padding == 1 ? "same" : "valid"
            let r = try BinaryRunner.run(["filter", assetImage("camera-16.pgm"), "--kernel", c.kernel, "--padding", padding,
                                          "--format", "json", "--print"])
            #expect(r.status == 0, "\(c.kernel) \(padding): \(r.stderr)")
            struct Out: Decodable { var output: Tensor; var kernel: String; var padding: String; var display_mapping: String }
            let out = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
            #expect(out.output.shape == c.output.shape, "\(c.kernel) \(padding)")
            let worst = zip(out.output.data, c.output.data).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst <= 1e-3, "\(c.kernel) \(padding): max difference \(worst)")
            #expect(out.kernel == c.kernel && out.padding == padding)
            let edges = ["outline", "sobel-x", "sobel-y"].contains(c.kernel)
            #expect(out.display_mapping == (edges ? "absolute-rescaled" : "clamp"))
        }
    }

    /// A typed kernel gives the same numbers as its name (and is recognised as it); a kernel that
    /// is no named one is "custom", and one whose weights sum to 0 is shown as edges are.
    @Test func typedKernels() throws {
        let typed = try BinaryRunner.run(["filter", assetImage("camera-16.pgm"), "--kernel", "0 -1 0; -1 5 -1; 0 -1 0", "--format", "json", "--print"])
        let named = try BinaryRunner.run(["filter", assetImage("camera-16.pgm"), "--kernel", "sharpen", "--format", "json", "--print"])
        struct Out: Decodable { var output: Tensor; var kernel: String; var display_mapping: String; var weights: [[Float]] }
        let a = try JSONDecoder().decode(Out.self, from: Data(typed.stdout.utf8))
        let b = try JSONDecoder().decode(Out.self, from: Data(named.stdout.utf8))
        #expect(a.output.data == b.output.data && a.kernel == "sharpen" && b.kernel == "sharpen")
        // Sobel-y upside down: the negated reference output.
        let golden = try Fixtures.decode(FiltersFile.self, from: "filters.json")
        let sobelY = try #require(golden.images.flatMap(\.cases).first { $0.kernel == "sobel-y" && $0.padding == 1 })
        let flipped = try BinaryRunner.run(["filter", assetImage("camera-16.pgm"), "--kernel", "1 2 1; 0 0 0; -1 -2 -1", "--format", "json", "--print"])
        let c = try JSONDecoder().decode(Out.self, from: Data(flipped.stdout.utf8))
        #expect(c.kernel == "custom" && c.display_mapping == "absolute-rescaled" && c.weights == [[1, 2, 1], [0, 0, 0], [-1, -2, -1]])
        #expect(zip(c.output.data, sobelY.output.data).allSatisfy { abs($0 + $1) <= 1e-3 })
    }

    /// The shipped astronaut photo, cropped at rows 100-107, columns 120-127, through the lecture
    /// bank is rgb_bank.json.
    @Test func rgbJSONIsTheReferenceBank() throws {
        struct Bank: Decodable { var input: Tensor; var weight: Tensor; var bias: Tensor; var output: Tensor }
        let golden = try Fixtures.decode(Bank.self, from: "rgb_bank.json")
        for image in ["astronaut.png", "astronaut.ppm"] {
            let r = try BinaryRunner.run(["rgb", assetImage(image), "--format", "json", "--print"])
            #expect(r.status == 0, "\(r.stderr)")
            struct Out: Decodable { var input: Tensor; var weight: Tensor; var bias: Tensor; var output: Tensor; var crop: [Int]; var channel_sums: [[Tensor]] }
            let out = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
            #expect(out.crop == [100, 120, 8, 8])
            #expect(out.input.shape == golden.input.shape && out.input.data == golden.input.data, "\(image)")
            #expect(out.weight.data == golden.weight.data && out.bias.data == golden.bias.data)
            #expect(out.output.shape == golden.output.shape)
            #expect(zip(out.output.data, golden.output.data).allSatisfy { abs($0 - $1) <= 1e-3 }, "\(image)")
            #expect(out.channel_sums.count == 4 && out.channel_sums.allSatisfy { $0.count == 3 })
        }
        // Without IMAGE it finds the shipped photo from the working directory.
        let r = try BinaryRunner.run(["rgb", "--format", "json", "--print"], currentDirectory: packageRoot)
        #expect(r.status == 0, "\(r.stderr)")
        struct Out: Decodable { var output: Tensor }
        #expect(try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8)).output.data == golden.output.data)
    }

    /// The home screen opens playgrounds by name alone: every image scene has a default.
    @Test func everyImageSceneOpensWithoutArguments() throws {
        let elsewhere = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        for command in ["filter", "rgb", "conv1x1", "activations"] {
            for folder in [packageRoot, elsewhere] {
                let r = try BinaryRunner.run([command, "--print"], currentDirectory: folder)
                #expect(r.status == 0, "\(command) in \(folder.path): \(r.stderr)")
                #expect(r.stdout.contains("ConvScope | \(command == "activations" ? "activations" : command)"))
            }
        }
        let r = try BinaryRunner.run(["filter", "--print"], currentDirectory: packageRoot)
        #expect(r.stdout.contains("Original camera.png 256x256 grey") && r.stdout.contains("Result outline"))
    }

    @Test func outWritesTheShownResult() throws {
        let golden = try Fixtures.decode(FiltersFile.self, from: "filters.json")
        let box = try #require(golden.images.flatMap(\.cases).first { $0.kernel == "box" && $0.padding == 1 })
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("box.pgm")
        let r = try BinaryRunner.run(["filter", assetImage("camera-16.pgm"), "--kernel", "box", "--out", out.path, "--print"])
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = [UInt8](try Data(contentsOf: out))
        let header = Array("P5\n16 16\n255\n".utf8)
        #expect(Array(bytes.prefix(header.count)) == header)
        // The box filter keeps 0-255, so the shown pixels are PyTorch's values rounded.
        let expected = box.output.data.map { UInt8(max(0, min(255, $0.rounded()))) }
        #expect(Array(bytes.dropFirst(header.count)) == expected)
        // No temporary files are left next to it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["box.pgm"])
        // A colour result as PNG.
        let png = dir.appendingPathComponent("edges.png")
        let c = try BinaryRunner.run(["filter", assetImage("astronaut.png"), "--kernel", "outline", "--out", png.path, "--print"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect([UInt8](try Data(contentsOf: png)).prefix(4) == [0x89, 0x50, 0x4E, 0x47])
    }

    @Test func printedFramesAndANSI() throws {
        let r = try BinaryRunner.run(["filter", assetImage("astronaut.png"), "--kernel", "outline", "--step", "5000", "--print"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("step 5000/196608"))
        #expect(r.stdout.contains("Original astronaut.png 256x256 RGB"))
        #expect(r.stdout.contains("absolute value rescaled"))
        #expect(!r.stdout.contains("\u{1B}") && r.stdout.unicodeScalars.allSatisfy { $0.value < 128 })
        let ansi = try BinaryRunner.run(["filter", assetImage("camera-16.pgm"), "--format", "ansi", "--print"])
        #expect(ansi.status == 0)
        #expect(ansi.stdout.contains("\u{1B}[0;38;2;") && ansi.stdout.contains("▀"))
    }

    @Test func conv1x1AndActivations() throws {
        let r = try BinaryRunner.run(["conv1x1", "--format", "json", "--print"])
        #expect(r.status == 0)
        struct Out: Decodable { var direct_params: Int; var reduced_params: Int; var direct_mult_adds: Int; var reduced_mult_adds: Int }
        let out = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
        // By hand: 128·128·9 + 128; (128·32 + 32) + (32·128·9 + 128); times 28·28.
        #expect(out.direct_params == 147_584 && out.reduced_params == 41_120)
        #expect(out.direct_mult_adds == 147_584 * 784 && out.reduced_mult_adds == 41_120 * 784)
        let printed = try BinaryRunner.run(["conv1x1", "--in", "256", "--reduce", "64", "--map", "14", "--print"])
        #expect(printed.stdout.contains("256 x 256 x 3 x 3") && printed.stdout.contains("590,080"))   // 256·256·9 + 256

        let a = try BinaryRunner.run(["activations", "--format", "json", "--print"])
        struct Act: Decodable { struct Chain: Decodable { var length: Int; var bound: Double; var relu_gradient: Double }; var chain: Chain; var relu: Tensor }
        let act = try JSONDecoder().decode(Act.self, from: Data(a.stdout.utf8))
        #expect(act.chain.length == 5 && act.chain.bound == 0.0009765625 && act.chain.relu_gradient == 1)
        #expect(act.relu.data.allSatisfy { $0 >= 0 })
        let m = try BinaryRunner.run(["activations", "--map", "1 -2; -3 4", "--step", "2", "--print"])
        #expect(m.stdout.contains("relu(-2) = max(0, -2) = 0"))
    }

    @Test func unreadableImagesExit66NamingTheFile() throws {
        let missing = try BinaryRunner.run(["filter", "/nonexistent/photo.png", "--print"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/photo.png: no such file"), "\(missing.stderr)")
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Truncated PNG.
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: assetImage("camera.png"))))
        let truncated = dir.appendingPathComponent("truncated.png")
        try Data(png.prefix(png.count / 3)).write(to: truncated)
        // Truncated PGM.
        let pgm = [UInt8](try Data(contentsOf: URL(fileURLWithPath: assetImage("camera.pgm"))))
        let shortPGM = dir.appendingPathComponent("short.pgm")
        try Data(pgm.prefix(1000)).write(to: shortPGM)
        // Not an image.
        let text = dir.appendingPathComponent("notes.png")
        try Data("hello".utf8).write(to: text)
        // Absurd dimensions.
        let huge = dir.appendingPathComponent("huge.pgm")
        try Data("P5\n100000 100000\n255\n".utf8).write(to: huge)
        for (file, words) in [(truncated, "malformed PNG"), (shortPGM, "truncated raster"), (text, "unsupported image format"),
                              (huge, "outside the limits"), (dir, "directory")] {
            for command in ["filter", "rgb"] {
                let r = try BinaryRunner.run([command, file.path, "--print"])
                #expect(r.status == 66, "\(command) \(file.lastPathComponent): \(r.stderr)")
                #expect(r.stderr.contains(file.path) && r.stderr.contains(words), "\(r.stderr)")
                #expect(!r.stderr.contains("Fatal error"))
            }
        }
    }

    @Test(arguments: [
        (["filter", "CAMERA", "--kernel", "1 2 3; 4 x 6; 7 8 9"], "'x'"),
        (["filter", "CAMERA", "--kernel", "blurry"], "unknown kernel 'blurry'"),
        (["filter", "CAMERA", "--kernel", "1 2; 3"], "kernel row 2 has 1 number"),
        (["filter", "CAMERA", "--kernel", "1/0 1"], "'1/0'"),
        (["filter", "CAMERA", "--padding", "full"], "--padding 'full'"),
        (["filter", "CAMERA", "--stride", "0"], "--stride 0"),
        (["filter", "CAMERA", "--kernel", "1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "--padding", "valid"], "kernel 17 is larger than padded input 16"),
        (["filter", "CAMERA", "--out", "result.gif"], "--out 'result.gif'"),
        (["filter", "ASTRONAUT", "--out", "result.pgm"], "cannot be written as PGM"),
        (["filter", "CAMERA", "--step", "257"], "--step 257 is out of range; allowed: 1...256"),
        (["rgb", "CAMERA"], "is a grey image"),
        (["rgb", "ASTRONAUT", "--crop", "250,0,8,8"], "--crop '250,0,8,8'"),
        (["rgb", "ASTRONAUT", "--crop", "1,2,3"], "--crop '1,2,3'"),
        (["rgb", "ASTRONAUT", "--filters", "5"], "--filters 5 is out of range; allowed: 1...4"),
        (["conv1x1", "--in", "0"], "--in 0 is out of range"),
        (["conv1x1", "--map", "0"], "--map '0'"),
        (["activations", "--n", "65"], "--n 65 is out of range; allowed: 1...64"),
        (["activations", "--map", "1 2; 3"], "row 2 has 1 number(s)"),
    ] as [([String], String)])
    func badValuesExit64NamingTheValue(_ c: ([String], String)) throws {
        let arguments = c.0.map { $0 == "CAMERA" ? assetImage("camera-16.pgm") : ($0 == "ASTRONAUT" ? assetImage("astronaut.png") : $0) }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try BinaryRunner.run(arguments + ["--print"], currentDirectory: dir)
        #expect(r.status == 64, "\(c.0): \(r.stderr)")
        #expect(r.stderr.contains(c.1), "\(c.0): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "nothing written")
    }
}
