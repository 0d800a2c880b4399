import Testing
import ConvCore
import ConvDiagrams
import ConvTestSupport

/// filters.json: camera-16.pgm (16 x 16 grey) filtered by every named kernel with padding 1 and 0,
/// raw float output of torch.nn.functional.conv2d.
struct GoldenFiltersFile: Decodable {
    struct FilterCase: Decodable {
        var kernel: String
        var weights: [[Float]]
        var padding: Int
        var output: TensorJSON
    }
    struct Image: Decodable {
        var image: String
        var pixels: TensorJSON
        var cases: [FilterCase]
    }
    var images: [Image]
}

@Suite struct FilterTests {
    static func golden() throws -> [(pixels: Tensor, filterCase: GoldenFiltersFile.FilterCase)] {
        let file = try Fixtures.decode(GoldenFiltersFile.self, from: "filters.json")
        return try file.images.flatMap { image in try image.cases.map { (try image.pixels.tensor(), $0) } }
    }

    @Test func everyGoldenCaseMatchesPyTorch() throws {
        let cases = try Self.golden()
        #expect(cases.count == 14)
        var seen: Set<String> = []
        for (pixels, c) in cases {
            let named = try #require(NamedFilter(rawValue: c.kernel), "\(c.kernel)")
            // The named kernel's weights are the reference's.
            let kernel = named.kernel
            #expect(kernel.weightRows.count == c.weights.count)
            for (row, expected) in zip(kernel.weightRows, c.weights) {
                #expect(zip(row, expected).allSatisfy { abs($0 - $1) <= 1e-7 }, "\(c.kernel) weights")
            }
            let padding: FilterPadding = c.padding == 1 ? .same : .valid
            #expect(c.padding == 1 || c.padding == 0)
            let output = try ImageFilter(kernel: kernel, padding: padding).apply(to: pixels)
            let expected = try c.output.tensor()
            #expect(output.shape == expected.shape, "\(c.kernel) padding \(c.padding)")
            let worst = zip(output.data, expected.data).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst <= 1e-3, "\(c.kernel) padding \(c.padding): max difference \(worst)")
            seen.insert("\(c.kernel)/\(c.padding)")
        }
        #expect(seen.count == 14)
        #expect(Set(cases.map(\.filterCase.kernel)) == Set(NamedFilter.allCases.map(\.rawValue)))
    }

    @Test func typedKernelsMatchTheGoldenWeightsToo() throws {
        // The matrices of filters.json written as command-line arguments.
        let typed = [
            "sharpen": "0 -1 0; -1 5 -1; 0 -1 0", "emboss": "-2 -1 0; -1 1 1; 0 1 2",
            "outline": "-1 -1 -1; -1 8 -1; -1 -1 -1", "sobel-x": "-1 0 1; -2 0 2; -1 0 1",
            "sobel-y": "-1,-2,-1; 0,0,0; 1,2,1", "box": "1/9 1/9 1/9; 1/9 1/9 1/9; 1/9 1/9 1/9",
            "blur": "1/16 2/16 1/16; 0.125 0.25 0.125; 0.0625 0.125 0.0625;",
        ]
        for (pixels, c) in try Self.golden() {
            let text = try #require(typed[c.kernel])
            let kernel = try FilterKernel(argument: text)
            #expect(kernel.weightRows == c.weights.map { $0.map { Float($0) } } || c.kernel == "box", "\(c.kernel)")
            let output = try ImageFilter(kernel: kernel, padding: c.padding == 1 ? .same : .valid).apply(to: pixels)
            let worst = zip(output.data, try c.output.tensor().data).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst <= 1e-3, "\(c.kernel) typed")
        }
    }

    @Test func namedKernelsStateTheirDisplayMapping() {
        for name in ["box", "blur", "sharpen", "emboss"] {
            #expect(NamedFilter(rawValue: name)?.displayMapping == .clamp, "\(name)")
        }
        for name in ["outline", "sobel-x", "sobel-y"] {
            #expect(NamedFilter(rawValue: name)?.displayMapping == .absoluteRescaled, "\(name)")
        }
        #expect(DisplayMapping.clamp.legend() == "clamped to 0-255")
        #expect(DisplayMapping.absoluteRescaled.legend() == "absolute value rescaled to 0-255")
    }

    /// Hand-worked: [-300, 0, 127.5, 300, NaN] clamps to [0, 0, 127.5, 255, 0]; rescaled by
    /// 255 / 300 it becomes [255, 0, 108.375, 255, 0].
    @Test func displayMappingsByHand() throws {
        let raw = try Tensor(shape: [1, 1, 1, 5], data: [-300, 0, 127.5, 300, .nan])
        #expect(DisplayMapping.clamp.apply(to: raw).data == [0, 0, 127.5, 255, 0])
        #expect(DisplayMapping.absoluteRescaled.apply(to: raw).data == [255, 0, 108.375, 255, 0])
        #expect(DisplayMapping.absoluteRescaled.legend(for: raw) == "absolute value rescaled to 0-255 (|v| = 300.0 shown as 255)")
        let zeros = try Tensor(zeros: [1, 1, 2, 2])
        #expect(DisplayMapping.absoluteRescaled.apply(to: zeros).data == [0, 0, 0, 0])
        // Custom kernels: sum 0 -> edges, otherwise clamp.
        #expect(try FilterKernel(parsing: "1 -1").displayMapping == .absoluteRescaled)
        #expect(try FilterKernel(parsing: "1 1; 1 1").displayMapping == .clamp)
    }

    /// Padding same and valid, and stride, on a 5 x 5 ramp with a 3 x 3 box of ones (hand-worked).
    @Test func paddingAndStride() throws {
        let image = try Tensor(shape: [1, 1, 5, 5], data: (0..<25).map(Float.init))
        let ones = try FilterKernel(parsing: "1 1 1; 1 1 1; 1 1 1")
        let valid = try ImageFilter(kernel: ones, padding: .valid).apply(to: image)
        // Window at (0, 0): 0+1+2+5+6+7+10+11+12 = 54; each step right adds 9, down adds 45.
        #expect(valid.shape == [1, 1, 3, 3])
        #expect(valid.data == [54, 63, 72, 99, 108, 117, 144, 153, 162])
        let same = try ImageFilter(kernel: ones, padding: .same).apply(to: image)
        #expect(same.shape == [1, 1, 5, 5])
        #expect(same[0, 0, 0, 0] == 0 + 1 + 5 + 6)
        let strided = try ImageFilter(kernel: ones, padding: .same, stride: 2).apply(to: image)
        // ceil(5 / 2) = 3 windows per axis, centred on rows/columns 0, 2, 4; e.g. centre (0, 2)
        // covers rows 0-1, columns 1-3: (1 + 2 + 3) + (6 + 7 + 8) = 27.
        #expect(strided.shape == [1, 1, 3, 3])
        #expect(strided.data == [12, 27, 24, 63, 108, 81, 72, 117, 84])
        let validStrided = try ImageFilter(kernel: ones, padding: .valid, stride: 2).apply(to: image)
        #expect(validStrided.data == [54, 72, 144, 162])
    }

    @Test func eachChannelIsFilteredSeparately() throws {
        // Channel 1 is channel 0 times 10: the results must keep that ratio.
        let base: [Float] = (0..<16).map { Float($0 % 7) }
        let image = try Tensor(shape: [1, 2, 4, 4], data: base + base.map { $0 * 10 })
        let out = try ImageFilter(kernel: NamedFilter.sobelX.kernel, padding: .same).apply(to: image)
        #expect(out.shape == [1, 2, 4, 4])
        #expect(Array(out.data[16...]) == out.data[..<16].map { $0 * 10 })
    }

    @Test func badFilterArgumentsAreErrors() {
        #expect(throws: ConvError.self) { try ImageFilter(kernel: NamedFilter.box.kernel, stride: 0) }
        #expect(throws: ConvError.self) {
            // valid padding with a kernel larger than the image.
            try ImageFilter(kernel: FilterKernel(parsing: "1 1 1; 1 1 1; 1 1 1"), padding: .valid)
                .apply(to: Tensor(zeros: [1, 1, 2, 2]))
        }
        #expect(throws: ConvError.self) { try ImageFilter(kernel: NamedFilter.box.kernel).apply(to: Tensor(zeros: [4, 4])) }
    }
}
