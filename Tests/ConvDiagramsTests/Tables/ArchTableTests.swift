import Foundation
import Testing
import ConvCore
import ConvDiagrams
import ConvTestSupport

/// The golden torchinfo tables (decoded by ConvTestSupport).
typealias GoldenTable = GoldenModelTable

extension GoldenModelTable {
    static let files = ["alexnet", "alexnet-original", "densenet121", "densenet201", "googlenet", "resnet18",
                        "resnet34", "resnet50", "vgg11", "vgg16", "vgg16_bn"]
}

@Suite struct ArchTableTests {
    /// A cell is a number cut short if it looks like a grouped integer but is not one ("1,02",
    /// "37,752,8"), or if a leaf's parameter count does not appear whole.
    static func isWellFormedNumber(_ token: Substring) -> Bool {
        let groups = token.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 } && groups.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    @Test(arguments: [60, 80, 160])
    func noNumberIsCutAtWidth(_ width: Int) throws {
        for name in ["alexnet", "vgg16_bn", "googlenet", "resnet50", "densenet121"] {
            let summary = try ModelZoo.build(name)
            for format in [ArchTableFormat.text, .unicode, .markdown] {
                let text = ArchTable.render(summary, format: format, width: width)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let tableLines = format == .markdown ? lines.filter { $0.hasPrefix("|") } : lines
                for line in tableLines {
                    #expect(displayWidth(of: String(line)) <= width, "\(name) \(format) \(width): \(line)")
                }
                #expect(lines.contains { $0.contains("Param #") }, "\(name) \(format) \(width)")
                // Shapes list their numbers as "[1, 64, 55, 55]": a comma then a space separates them.
                let tokens = Set(text.replacingOccurrences(of: ", ", with: " ").split { " |\n[]()".contains($0) })
                for token in tokens where token.first?.isNumber == true && token.contains(",") {
                    #expect(Self.isWellFormedNumber(token), "\(name) \(format) \(width): \(token)")
                }
                for row in summary.layers where row.params > 0 {
                    #expect(tokens.contains(Substring(groupedThousands(row.params))),
                            "\(name) \(format) \(width): \(row.path) \(row.params)")
                }
                #expect(text.contains(groupedThousands(summary.totalParams)))
            }
        }
    }

    /// Narrow widths drop the low-priority columns first and keep Param # and Output Shape.
    @Test func narrowWidthsDropOptionalColumnsByPriority() throws {
        let summary = try ModelZoo.build("vgg16")
        let header = { (width: Int?) -> Substring in
            let text = ArchTable.render(summary, format: .text, width: width)
            return text.split(separator: "\n").first { $0.hasPrefix("Layer (type:depth-idx)") } ?? ""
        }
        let wide = header(nil)
        for column in ArchColumn.defaults { #expect(wide.contains(column.title), "\(column)") }
        let narrow = header(80)
        #expect(narrow.contains("Param #") && narrow.contains("Output Shape"))
        #expect(!narrow.contains("Input Shape") && !narrow.contains("Groups"))
        let tiny = header(10)
        #expect(tiny == "Layer (type:depth-idx)")
    }

    /// torchinfo's vocabulary and totals block, with the numbers of torchinfo's own outputs:
    /// tests/test_output/resnet50.out (batch 2) and ascii_only.out (resnet18 at 64 x 64).
    @Test func headersAndTotalsBlockUseTorchinfosWords() throws {
        let alexnet = ArchTable.render(try ModelZoo.build("alexnet"), format: .text)
        for label in ["Layer (type:depth-idx)", "Input Shape", "Output Shape", "Kernel Shape", "Stride", "Padding",
                      "Groups", "Param #", "Param %", "Mult-Adds", "RF",
                      "Total params: 61,100,840", "Trainable params: 61,100,840", "Non-trainable params: 0",
                      "Total mult-adds (M): 714.68", "MACs without bias", "Input size (MB): 0.60",
                      "Forward/backward pass size (MB):", "Params size (MB): 244.40", "Estimated Total Size (MB):",
                      "running mean and variance are buffers", "torchinfo 1.8", "ptflops/fvcore"] {
            #expect(alexnet.contains(label), "\(label)")
        }
        let resnet50 = ArchTable.render(try ModelZoo.build("resnet50", batchSize: 2), format: .unicode)
        for line in ["Total params: 25,557,032", "Total mult-adds (G): 8.18", "Input size (MB): 1.20",
                     "Forward/backward pass size (MB): 355.66", "Params size (MB): 102.23",
                     "Estimated Total Size (MB): 459.10"] {
            #expect(resnet50.contains(line), "\(line)")
        }
        let resnet18 = ArchTable.render(try ModelZoo.build("resnet18", input: [3, 64, 64]), format: .text)
        for line in ["Total mult-adds (M): 148.57", "Input size (MB): 0.05", "Forward/backward pass size (MB): 3.25",
                     "Params size (MB): 46.76", "Estimated Total Size (MB): 50.06"] {
            #expect(resnet18.contains(line), "\(line)")
        }
    }

    /// torchinfo's ascii_only.out (resnet18 at 1 x 3 x 64 x 64, depth 3, Output Shape and Param #):
    /// the same tree, shapes and counts once the depth-idx and the column padding are set aside.
    @Test func asciiTreeMatchesTorchinfosAsciiOnlyOutput() throws {
        let expected = """
        + Conv2d                                 [1, 64, 32, 32]           9,408
        + BatchNorm2d                            [1, 64, 32, 32]           128
        + ReLU                                   [1, 64, 32, 32]           --
        + MaxPool2d                              [1, 64, 16, 16]           --
        + Sequential                             [1, 64, 16, 16]           --
        |    + BasicBlock                        [1, 64, 16, 16]           --
        |    |    + Conv2d                       [1, 64, 16, 16]           36,864
        |    |    + BatchNorm2d                  [1, 64, 16, 16]           128
        |    |    + ReLU                         [1, 64, 16, 16]           --
        |    |    + Conv2d                       [1, 64, 16, 16]           36,864
        |    |    + BatchNorm2d                  [1, 64, 16, 16]           128
        |    |    + ReLU                         [1, 64, 16, 16]           --
        |    + BasicBlock                        [1, 64, 16, 16]           --
        |    |    + Conv2d                       [1, 64, 16, 16]           36,864
        |    |    + BatchNorm2d                  [1, 64, 16, 16]           128
        |    |    + ReLU                         [1, 64, 16, 16]           --
        |    |    + Conv2d                       [1, 64, 16, 16]           36,864
        |    |    + BatchNorm2d                  [1, 64, 16, 16]           128
        |    |    + ReLU                         [1, 64, 16, 16]           --
        + Sequential                             [1, 128, 8, 8]            --
        |    + BasicBlock                        [1, 128, 8, 8]            --
        |    |    + Conv2d                       [1, 128, 8, 8]            73,728
        |    |    + BatchNorm2d                  [1, 128, 8, 8]            256
        |    |    + ReLU                         [1, 128, 8, 8]            --
        |    |    + Conv2d                       [1, 128, 8, 8]            147,456
        |    |    + BatchNorm2d                  [1, 128, 8, 8]            256
        |    |    + Sequential                   [1, 128, 8, 8]            8,448
        |    |    + ReLU                         [1, 128, 8, 8]            --
        |    + BasicBlock                        [1, 128, 8, 8]            --
        |    |    + Conv2d                       [1, 128, 8, 8]            147,456
        |    |    + BatchNorm2d                  [1, 128, 8, 8]            256
        |    |    + ReLU                         [1, 128, 8, 8]            --
        |    |    + Conv2d                       [1, 128, 8, 8]            147,456
        |    |    + BatchNorm2d                  [1, 128, 8, 8]            256
        |    |    + ReLU                         [1, 128, 8, 8]            --
        + Sequential                             [1, 256, 4, 4]            --
        |    + BasicBlock                        [1, 256, 4, 4]            --
        |    |    + Conv2d                       [1, 256, 4, 4]            294,912
        |    |    + BatchNorm2d                  [1, 256, 4, 4]            512
        |    |    + ReLU                         [1, 256, 4, 4]            --
        |    |    + Conv2d                       [1, 256, 4, 4]            589,824
        |    |    + BatchNorm2d                  [1, 256, 4, 4]            512
        |    |    + Sequential                   [1, 256, 4, 4]            33,280
        |    |    + ReLU                         [1, 256, 4, 4]            --
        |    + BasicBlock                        [1, 256, 4, 4]            --
        |    |    + Conv2d                       [1, 256, 4, 4]            589,824
        |    |    + BatchNorm2d                  [1, 256, 4, 4]            512
        |    |    + ReLU                         [1, 256, 4, 4]            --
        |    |    + Conv2d                       [1, 256, 4, 4]            589,824
        |    |    + BatchNorm2d                  [1, 256, 4, 4]            512
        |    |    + ReLU                         [1, 256, 4, 4]            --
        + Sequential                             [1, 512, 2, 2]            --
        |    + BasicBlock                        [1, 512, 2, 2]            --
        |    |    + Conv2d                       [1, 512, 2, 2]            1,179,648
        |    |    + BatchNorm2d                  [1, 512, 2, 2]            1,024
        |    |    + ReLU                         [1, 512, 2, 2]            --
        |    |    + Conv2d                       [1, 512, 2, 2]            2,359,296
        |    |    + BatchNorm2d                  [1, 512, 2, 2]            1,024
        |    |    + Sequential                   [1, 512, 2, 2]            132,096
        |    |    + ReLU                         [1, 512, 2, 2]            --
        |    + BasicBlock                        [1, 512, 2, 2]            --
        |    |    + Conv2d                       [1, 512, 2, 2]            2,359,296
        |    |    + BatchNorm2d                  [1, 512, 2, 2]            1,024
        |    |    + ReLU                         [1, 512, 2, 2]            --
        |    |    + Conv2d                       [1, 512, 2, 2]            2,359,296
        |    |    + BatchNorm2d                  [1, 512, 2, 2]            1,024
        |    |    + ReLU                         [1, 512, 2, 2]            --
        + AdaptiveAvgPool2d                      [1, 512, 1, 1]            --
        + Linear                                 [1, 1000]                 513,000
        """
        func normalised<S: StringProtocol>(_ line: S) -> String {
            String(line).replacing(/: \d+-\d+/, with: "").split(separator: " ").joined(separator: " ")
        }
        let summary = try ModelZoo.build("resnet18", input: [3, 64, 64])
        let text = ArchTable.render(summary, format: .text, depth: 3, columns: [.outputShape, .params])
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("+ ") || $0.hasPrefix("|") }
        #expect(rows.map(normalised) == expected.split(separator: "\n").map(normalised))
    }

    @Test func unicodeTreeUsesBoxDrawing() throws {
        let text = ArchTable.render(try ModelZoo.build("resnet50"), format: .unicode, depth: 3,
                                    columns: [.outputShape, .params])
        // As torchinfo's tests/test_output/resnet50.out.
        #expect(text.contains("├─Sequential: 1-5"))
        #expect(text.contains("│    ├─Bottleneck: 2-1"))
        #expect(text.contains("│    │    ├─Sequential: 3-9"))
        #expect(text.contains("│    │    └─ReLU: 3-10"))
        #expect(text.contains("│         └─ReLU: 3-28"))
        #expect(text.contains("└─Linear: 1-10"))
        #expect(text.contains("16,896"))
    }

    /// Folding and depth: a collapsed block shows the sum of its hidden leaves (sums taken from
    /// the golden table).
    @Test func depthAndFoldingCollapseBlocks() throws {
        let golden = try Fixtures.decode(GoldenTable.self, from: "models/googlenet.json")
        let start = try #require(golden.layers.firstIndex { $0.type == "Inception" })
        let end = try #require(golden.layers[(start + 1)...].firstIndex { $0.depth <= 1 })
        let blockParams = golden.layers[(start + 1)..<end].compactMap(\.params).reduce(0, +)
        let summary = try ModelZoo.build("googlenet")
        let index = try #require(summary.rows.firstIndex { $0.path == "inception3a" })
        let visible = ArchTable.visibleRows(of: summary, folded: [index])
        #expect(visible.count == summary.rows.count - summary.rows[index].descendantCount)
        #expect(visible.contains { $0.index == index && $0.collapsed })
        let text = ArchTable.render(summary, format: .text, columns: [.params], folded: [index])
        #expect(text.contains(groupedThousands(blockParams)))
        #expect(!text.contains("branch1"))
        let shallow = ArchTable.visibleRows(of: summary, depth: 1)
        #expect(shallow.allSatisfy { summary.rows[$0.index].depth <= 1 })
        #expect(shallow.count == golden.layers.filter { $0.depth <= 1 }.count)
    }

    @Test func markdownIsATable() throws {
        let summary = try ModelZoo.build("vgg11")
        let text = ArchTable.render(summary, format: .markdown, columns: [.outputShape, .params])
        let lines = text.split(separator: "\n")
        let table = lines.filter { $0.hasPrefix("|") }
        #expect(table.first?.hasPrefix("| Layer (type:depth-idx)") == true)
        #expect(table.count == summary.rows.count + 2)
        #expect(table[1].allSatisfy { "|-: ".contains($0) })
        #expect(text.contains("| Conv2d (0): 2-1"))
        #expect(text.contains("- Total params: 132,863,336"))
    }

    /// DESIGN.md's JSON, decoded and compared with every golden table's leaves and totals.
    @Test func jsonMatchesDesignAndGoldenTables() throws {
        for file in GoldenTable.files {
            let golden = try Fixtures.decode(GoldenTable.self, from: "models/\(file).json")
            let summary = try ModelZoo.build(golden.model, input: Array(golden.inputShape.dropFirst()))
            let text = ArchTable.render(summary, format: .json, width: 40, depth: 1, columns: [])
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            for key in ["model", "input_shape", "total_params", "trainable_params", "total_mult_adds", "layers"] {
                #expect(object?[key] != nil, "\(key)")
            }
            let document = try JSONDecoder().decode(ArchTableJSON.self, from: Data(text.utf8))
            #expect(document.model == golden.model)
            #expect(document.inputShape == golden.inputShape)
            #expect(document.totalParams == golden.totalParams)
            #expect(document.trainableParams == golden.trainableParams)
            #expect(document.totalMultAdds == golden.totalMultAdds)
            let leaves = golden.layers.filter(\.isLeaf)
            #expect(document.layers.map(\.type) == leaves.map(\.type), "\(file)")
            #expect(document.layers.map(\.outputShape) == leaves.map(\.outputShape), "\(file)")
            #expect(document.layers.map(\.params) == leaves.map { $0.params ?? -1 }, "\(file)")
            #expect(document.layers.map(\.multAdds) == leaves.map { $0.multAdds ?? -1 }, "\(file)")
            #expect(document.layers.map(\.kernelSize) == leaves.map(\.kernelSize), "\(file)")
        }
    }

    /// The brief's example and the golden parameter counts, worked out.
    @Test func formulasWorkOutTheCounts() throws {
        let vgg = try ModelZoo.build("vgg16")
        let conv = try #require(vgg.row(path: "features.0"))
        #expect(LayerFormula.parameters(for: conv) == "Conv2d 3->64, k3: 3·3·3·64 + 64 = 1,792")
        #expect(LayerFormula.parameters(for: conv, glyphs: .ascii) == "Conv2d 3->64, k3: 3*3*3*64 + 64 = 1,792")
        let fc6 = try #require(vgg.row(path: "classifier.0"))
        #expect(LayerFormula.parameters(for: fc6) == "Linear 25,088->4,096: 25,088·4,096 + 4,096 = 102,764,544")
        let grouped = try #require(try ModelZoo.build("alexnet-original").row(path: "features.4"))
        #expect(LayerFormula.parameters(for: grouped) == "Conv2d 96->256, k5, groups 2: 5·5·48·256 + 256 = 307,456")
        let resnet = try ModelZoo.build("resnet18")
        let bn = try #require(resnet.row(path: "bn1"))
        #expect(LayerFormula.parameters(for: bn).hasPrefix("BatchNorm2d 64: gamma 64 + beta 64 = 128"))
        let lines = LayerFormula.lines(for: try #require(resnet.row(path: "conv1")))
        #expect(lines.contains("H_out = floor((224 + 2·3 - 7)/2) + 1 = 112"))
        #expect(lines.contains("Mult-Adds = params·N·H_out·W_out = 9,408·1·112·112 = 118,013,952"))
        #expect(lines.contains("RF = 1 + (7 - 1)·1 = 7, jump 1·2 = 2"))
        let googlenet = try ModelZoo.build("googlenet")
        let inception = try #require(googlenet.row(path: "inception3a"))
        #expect(LayerFormula.parameters(for: inception).contains("64 + 128 + 32 + 32 = 256 channels"))
        let pool = try #require(googlenet.row(path: "maxpool1"))
        #expect(LayerFormula.lines(for: pool).contains("H_out = ceil((112 + 2·0 - 3)/2) + 1 = 56"))
    }

    /// The lecture's comparison (AlexNet, VGG16, GoogLeNet): totals whole at every width, from the
    /// golden README's figures.
    @Test(arguments: [40, 60, 80, 160])
    func comparisonKeepsTotalsWhole(_ width: Int) throws {
        let summaries = try ["alexnet", "vgg16", "googlenet"].map { try ModelZoo.build($0) }
        for format in [ArchTableFormat.text, .unicode, .markdown] {
            let text = ArchTable.comparison(summaries, format: format, width: width)
            for total in ["61,100,840", "138,357,544", "6,624,904"] { #expect(text.contains(total), "\(format) \(width)") }
            for line in text.split(separator: "\n") where width >= 60 {
                #expect(displayWidth(of: String(line)) <= width, "\(format) \(width): \(line)")
            }
        }
        let json = ArchTable.comparison(summaries, format: .json)
        let documents = try JSONDecoder().decode([ArchTableJSON].self, from: Data(json.utf8))
        #expect(documents.map(\.totalParams) == [61_100_840, 138_357_544, 6_624_904])
    }

    @Test func workedExampleRendersEveryVariantAndTheComparison() throws {
        let example = try WorkedExample.build("inception-3a-5x5")
        let text = ArchTable.render(example: example, format: .unicode, width: 100)
        for number in ["153,600", "15,872", "120,422,400", "12,443,648"] { #expect(text.contains(number), "\(number)") }
        let json = ArchTable.render(example: try WorkedExample.build("fc6-as-conv"), format: .json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["example"] as? String == "fc6-as-conv")
        #expect((object?["variants"] as? [Any])?.count == 2)
    }
}

/// The FLOPs and Output MB columns, against torchinfo's golden tables.
@Suite struct ArchMemoryAndFLOPsColumnTests {
    /// Every leaf's FLOPs cell is twice torchinfo's mult-adds; every Output MB cell is its golden
    /// output shape x 4 bytes / 10^6; the footer's FLOPs total is twice torchinfo's total.
    @Test func columnsFollowTheGoldenTables() throws {
        for golden in try GoldenModelTable.all() where ["vgg16", "resnet18"].contains(golden.model) {
            let summary = try ModelZoo.build(golden.model)
            let json = ArchTableJSON(summary)
            let leaves = golden.layers.filter(\.isLeaf)
            #expect(json.layers.count == leaves.count)
            for (layer, row) in zip(json.layers, leaves) {
                #expect(layer.flops == 2 * (row.multAdds ?? 0), "\(golden.model) \(row.name)")
                #expect(layer.outputBytes == row.outputShape.reduce(4, *), "\(golden.model) \(row.name)")
            }
            #expect(json.totalFlops == 2 * golden.totalMultAdds)
            let text = ArchTable.render(summary, format: .text, width: 120, columns: [.layer, .flops, .outputMemory])
            let total = ArchNumberFormat.scaled(2 * golden.totalMultAdds)
            #expect(text.contains("Total FLOPs = 2 x mult-adds (\(total.unit)): \(total.text)"), "\(text)")
        }
    }

    /// VGG16's peak (hand-worked in ActivationMemoryTests): 25,690,112 bytes = "25.69" MB at features.1.
    @Test func footerStatesThePeakAndItsRule() throws {
        let text = ArchTable.render(try ModelZoo.build("vgg16"), format: .text, width: 100, columns: [.layer, .outputMemory])
        #expect(text.contains("Peak live activations (MB): 25.69 at features.1 (estimate:"), "\(text)")
        #expect(text.contains(" 12.85"), "conv1's 1 x 64 x 224 x 224 output is 12.85 MB")
        let plain = ArchTable.render(try ModelZoo.build("vgg16"), format: .text, width: 100)
        #expect(!plain.contains("Peak live"), "the default table is torchinfo's, unchanged")
    }
}
