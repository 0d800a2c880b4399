import Testing
import Foundation
import ConvTestSupport

/// A golden torchinfo table (torchvision 0.29.2, torchinfo 1.8.0), decoded by ConvTestSupport.
private typealias GoldenModel = GoldenModelTable

/// `convscope arch --format json`, decoded as far as these tests need.
private struct ArchJSON: Decodable {
    struct Layer: Decodable {
        let name: String
        let type: String
        let output_shape: [Int]
        let params: Int
        let mult_adds: Int
        let kernel_size: [Int]?
    }
    let model: String
    let input_shape: [Int]
    let total_params: Int
    let trainable_params: Int
    let total_mult_adds: Int
    let layers: [Layer]
}

/// "1,792": Python's `f"{n:,}"`, to look golden numbers up in printed tables.
private func grouped(_ value: Int) -> String {
    let digits = String(value)
    var out = ""
    for (offset, digit) in digits.enumerated() {
        if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
        out.append(digit)
    }
    return out
}

/// The zoo's total parameters: the golden README (torchvision 0.29.2) and the issue (vgg11_bn,
/// vgg13_bn, vgg19_bn, googlenet-original).
private let zooTotals: [(String, Int)] = [
    ("alexnet", 61_100_840), ("alexnet-original", 60_965_224), ("vgg11", 132_863_336), ("vgg11_bn", 132_868_840),
    ("vgg13", 133_047_848), ("vgg13_bn", 133_053_736), ("vgg16", 138_357_544), ("vgg16_bn", 138_365_992),
    ("vgg19", 143_667_240), ("vgg19_bn", 143_678_248), ("googlenet", 6_624_904), ("googlenet-original", 6_998_552),
    ("resnet18", 11_689_512), ("resnet34", 21_797_672), ("resnet50", 25_557_032), ("resnet101", 44_549_160),
    ("resnet152", 60_192_808), ("densenet121", 7_978_856), ("densenet161", 28_681_000), ("densenet169", 14_149_480),
    ("densenet201", 20_013_928),
]

/// The real binary, `convscope arch ...`, without a terminal.
@Suite struct ArchCommandTests {
    @Test func listShowsAllTwentyOneModelsWithTheirTotals() throws {
        let r = try BinaryRunner.run(["arch", "--list"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 + zooTotals.count)
        for (name, total) in zooTotals {
            let line = try #require(lines.first { $0.split(separator: " ").first.map(String.init) == name }, "\(name)")
            #expect(line.contains(" \(grouped(total)) "), "\(line)")
            #expect(line.hasSuffix(name == "alexnet-original" ? "3x227x227" : "3x224x224"), "\(line)")
        }
        #expect(!r.stdout.contains("\u{1B}"))
        struct Item: Decodable { let name: String; let total_params: Int; let input_shape: [Int] }
        let json = try BinaryRunner.run(["arch", "--list", "--format", "json"])
        let items = try JSONDecoder().decode([Item].self, from: Data(json.stdout.utf8))
        #expect(items.map(\.name) == zooTotals.map(\.0))
        #expect(items.map(\.total_params) == zooTotals.map(\.1))
    }

    /// DESIGN.md's JSON of resnet50 against torchinfo's golden table: totals and every leaf row.
    @Test func resnet50JSONMatchesTheGoldenTable() throws {
        let golden = try Fixtures.decode(GoldenModel.self, from: "models/resnet50.json")
        let r = try BinaryRunner.run(["arch", "resnet50", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try JSONDecoder().decode(ArchJSON.self, from: Data(r.stdout.utf8))
        #expect(out.model == "resnet50")
        #expect(out.input_shape == golden.inputShape)
        #expect(out.total_params == golden.totalParams)
        #expect(out.trainable_params == golden.trainableParams)
        #expect(out.total_mult_adds == golden.totalMultAdds)
        let leaves = golden.layers.filter(\.isLeaf)
        #expect(out.layers.map(\.type) == leaves.map(\.type))
        #expect(out.layers.map(\.output_shape) == leaves.map(\.outputShape))
        #expect(out.layers.map(\.params) == leaves.map { $0.params ?? -1 })
        #expect(out.layers.map(\.mult_adds) == leaves.map { $0.multAdds ?? -1 })
        #expect(out.layers.first?.name == "conv1" && out.layers.first?.kernel_size == [7, 7])
        #expect(out.layers.contains { $0.name == "layer1.0.downsample.0" })
    }

    /// The printed table: torchinfo's headers and totals block, the golden totals.
    @Test func printedTableHasTorchinfosTotals() throws {
        let golden = try Fixtures.decode(GoldenModel.self, from: "models/vgg16.json")
        for format in ["text", "unicode", "markdown"] {
            let r = try BinaryRunner.run(["arch", "vgg16", "--format", format])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("Total params: \(grouped(golden.totalParams))"), "\(format)")
            #expect(r.stdout.contains("Trainable params: \(grouped(golden.trainableParams))"), "\(format)")
            #expect(r.stdout.contains("Param #"), "\(format)")
            #expect(r.stdout.contains("buffers"), "\(format)")
        }
        // --depth 1: containers at depth 1 show the sums of their layers.
        let features = try BinaryRunner.run(["arch", "vgg16", "--depth", "1", "--columns", "output,params"])
        let start = try #require(golden.layers.firstIndex { $0.name == "features" })
        let end = golden.layers[(start + 1)...].firstIndex { $0.depth <= 1 } ?? golden.layers.count
        let featureParams = golden.layers[(start + 1)..<end].compactMap(\.params).reduce(0, +)
        let line = try #require(features.stdout.split(separator: "\n").first { $0.contains("Sequential: 1-1") })
        #expect(line.hasSuffix(" \(grouped(featureParams))"), "\(line)")
        #expect(!features.stdout.contains("Conv2d: 2-1"))
        // --columns picks the columns.
        let columns = try BinaryRunner.run(["arch", "alexnet", "--columns", "params,rf", "--width", "200"])
        #expect(columns.stdout.contains("RF") && columns.stdout.contains("Param #"))
        #expect(!columns.stdout.contains("Output Shape"))
    }

    /// Every width: no line wider than asked for (text), and every layer's parameter count whole.
    @Test(arguments: [60, 80, 160])
    func noNumberIsCutAtWidth(_ width: Int) throws {
        for model in ["alexnet", "googlenet", "resnet50", "densenet121"] {
            let golden = try Fixtures.decode(GoldenModel.self, from: "models/\(model).json")
            for format in ["text", "unicode", "markdown"] {
                let r = try BinaryRunner.run(["arch", model, "--format", format, "--width", "\(width)"])
                #expect(r.status == 0, "\(r.stderr)")
                let lines = r.stdout.split(separator: "\n")
                for line in lines where format != "markdown" || line.hasPrefix("|") {
                    #expect(line.count <= width, "\(model) \(format) \(width): \(line)")
                }
                let tokens = Set(r.stdout.replacingOccurrences(of: ", ", with: " ").split { " |\n[]()".contains($0) })
                for row in golden.layers where row.isLeaf && (row.params ?? 0) > 0 {
                    #expect(tokens.contains(Substring(grouped(row.params ?? 0))), "\(model) \(format) \(width): \(row.name)")
                }
                for token in tokens where token.first?.isNumber == true && token.contains(",") {
                    let groups = token.split(separator: ",", omittingEmptySubsequences: false)
                    #expect((1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 },
                            "\(model) \(format) \(width): \(token)")
                }
            }
        }
    }

    /// The lecture's worked examples with the issue's numbers.
    @Test func workedExamples() throws {
        let list = try BinaryRunner.run(["arch", "--example"])
        #expect(list.status == 0)
        for name in ["conv3x3-128-64", "two-3x3-vs-5x5", "inception-3a-5x5", "resnet-bottleneck", "fc6-as-conv"] {
            #expect(list.stdout.contains(name), "\(name)")
        }
        let conv = try BinaryRunner.run(["arch", "--example", "conv3x3-128-64"])
        #expect(conv.stdout.contains("73,728"))
        let fc6 = try BinaryRunner.run(["arch", "--example", "fc6-as-conv"])
        #expect(fc6.stdout.components(separatedBy: "Total params: 102,764,544").count == 3, "\(fc6.stdout)")
        let vgg = try BinaryRunner.run(["arch", "--example", "two-3x3-vs-5x5", "--columns", "params"])
        #expect(vgg.stdout.contains("Total params: 18") && vgg.stdout.contains("Total params: 25"), "\(vgg.stdout)")
        let json = try BinaryRunner.run(["arch", "--example", "inception-3a-5x5", "--format", "json"])
        struct Example: Decodable { let example: String; let variants: [ArchJSON] }
        let example = try JSONDecoder().decode(Example.self, from: Data(json.stdout.utf8))
        // Szegedy et al. 2015: 5x5 192 -> 32 directly is 153,600 weights; 1x1 to 16 first, 3,072 + 12,800.
        #expect(example.variants.map(\.total_params) == [153_600, 15_872])
    }

    /// AlexNet, VGG16 and GoogLeNet side by side by default.
    @Test func compareShowsTotalsSideBySide() throws {
        let r = try BinaryRunner.run(["arch", "--compare"])
        #expect(r.status == 0)
        for total in ["61,100,840", "138,357,544", "6,624,904"] { #expect(r.stdout.contains(total), "\(total)") }
        let chosen = try BinaryRunner.run(["arch", "--compare", "resnet18,resnet152", "--format", "json"])
        struct Totals: Decodable { let model: String; let total_params: Int }
        let totals = try JSONDecoder().decode([Totals].self, from: Data(chosen.stdout.utf8))
        #expect(totals.map(\.model) == ["resnet18", "resnet152"])
        #expect(totals.map(\.total_params) == [11_689_512, 60_192_808])
    }

    /// vgg16 at 3 x 32 x 24: the fifth max pool (features.30) would produce width 0.
    @Test func inputTooSmallNamesTheLayer() throws {
        let r = try BinaryRunner.run(["arch", "vgg16", "--input", "3x32x24"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("features.30") && r.stderr.contains("MaxPool2d"), "\(r.stderr)")
        #expect(r.stderr.contains("width 0"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        // Any input the layers accept.
        let big = try BinaryRunner.run(["arch", "vgg16", "--input", "3x500x375", "--format", "json"])
        #expect(big.status == 0)
        #expect(big.stdout.contains("\"input_shape\":[1,3,500,375]"))
    }

    @Test(arguments: [
        (["arch", "lenet"], "unknown model 'lenet'; allowed: alexnet, alexnet-original"),
        (["arch", "vgg16", "--input", "3x224"], "--input '3x224' has 2 items; allowed: CxHxW"),
        (["arch", "vgg16", "--input", "0x224x224"], "--input '0x224x224': 0 is out of range"),
        (["arch", "vgg16", "--input", "3x224x99999999999999999999"], "--input '3x224x99999999999999999999'"),
        (["arch", "vgg16", "--input", "-3"], "--input '-3' has 1 item"),
        (["arch", "vgg16", "--depth", "-1"], "--depth '-1' is not valid; allowed: a whole number 0...100"),
        (["arch", "vgg16", "--depth", "deep"], "--depth 'deep' is not valid"),
        (["arch", "vgg16", "--columns", "params,latency"], "unknown column 'latency'; allowed: a comma-separated list of layer, input"),
        (["arch", "vgg16", "--columns", ","], "--columns ',' has an empty item"),
        (["arch", "vgg16", "--width", "10"], "--width 10 is out of range; allowed: 40...1000"),
        (["arch", "--example", "lenet-5"], "unknown example 'lenet-5'; allowed: conv3x3-128-64"),
        (["arch", "--compare", "alexnet,lenet"], "unknown model 'lenet'"),
        (["arch", "--list", "vgg16"], "--list takes no model name"),
        (["arch", "--list", "--compare"], "cannot be combined"),
        (["arch", "vgg16", "resnet50"], "one model at a time"),
        (["arch", "alexnet-original", "--input", "3x231x231"], "classifier.1 (Linear) expects 9216 input features"),
        (["arch", "vgg16", "--format", "xml"], "'xml'"),
        (["arch", "--diff", "vgg16"], "--diff takes two models or files, A B (got 1: vgg16)"),
        (["arch", "--diff", "vgg16", "lenet"], "unknown model 'lenet'"),
        (["arch", "--diff", "--compare", "vgg16", "vgg16_bn"], "cannot be combined"),
    ] as [([String], String)])
    func badValuesGetOneLineAndExit64(_ c: ([String], String)) throws {
        let r = try BinaryRunner.run(c.0 + ["--print"])
        #expect(r.status == 64, "\(c.0): \(r.stderr)")
        #expect(r.stderr.contains(c.1), "\(c.0): \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
        #expect(r.stdout.isEmpty)
    }

    /// `--diff vgg16 vgg16_bn --format json`: torchinfo's totals differ by VGG16-BN's 13 BatchNorm2d
    /// layers, 2 x (2·64 + 2·128 + 3·256 + 6·512) = 8,448 parameters, each an "only_b" row.
    @Test func diffOfVGG16AndItsBatchNormVariant() throws {
        let r = try BinaryRunner.run(["arch", "--diff", "vgg16", "vgg16_bn", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        struct Diff: Decodable {
            struct Row: Decodable { var differs: [String] }
            var alignment: String
            var rows: [Row]
            var difference: [String: Int]
        }
        let diff = try JSONDecoder().decode(Diff.self, from: Data(r.stdout.utf8))
        let a = try Fixtures.decode(GoldenModelTable.self, from: "models/vgg16.json")
        let b = try Fixtures.decode(GoldenModelTable.self, from: "models/vgg16_bn.json")
        #expect(diff.difference["total_params"] == b.totalParams - a.totalParams)
        #expect(diff.difference["total_params"] == 8_448)
        #expect(diff.difference["total_mult_adds"] == b.totalMultAdds - a.totalMultAdds)
        #expect(diff.alignment == "order")
        let onlyB = diff.rows.filter { $0.differs == ["only_b"] }.count
        #expect(onlyB == 13)
        #expect(onlyB == b.layers.filter(\.isLeaf).count - a.layers.filter(\.isLeaf).count)
        #expect(diff.rows.allSatisfy { $0.differs.isEmpty || $0.differs == ["only_b"] })

        let text = try BinaryRunner.run(["arch", "--diff", "vgg16", "vgg16_bn", "--print"])
        #expect(text.stdout.contains("aligned by order; 13 of 52 rows differ"), "\(text.stdout)")
        #expect(text.stdout.contains("+8,448"))
    }

    /// A model against itself: every row pairs by name and nothing differs.
    @Test func diffOfAModelWithItselfIsEmpty() throws {
        let r = try BinaryRunner.run(["arch", "--diff", "resnet50", "resnet50", "--format", "markdown"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("aligned by layer name; 0 of "), "\(r.stdout)")
        #expect(r.stdout.contains("| Total params | 25,557,032 | 25,557,032 | 0 |"), "\(r.stdout)")
    }
}
