import Testing
import ConvCore
import ConvTestSupport

struct GoldenFCN: Decodable {
    struct Case: Decodable {
        let inputHW: [Int]
        let heatmapHW: [Int]
        enum CodingKeys: String, CodingKey {
            case inputHW = "input_hw"
            case heatmapHW = "heatmap_hw"
        }
    }
    let fc6Params: Int
    let fc6ConvParams: Int
    let cases: [Case]
    enum CodingKeys: String, CodingKey {
        case cases
        case fc6Params = "fc6_params"
        case fc6ConvParams = "fc6_conv_params"
    }
}

/// The lecture's worked examples, with the numbers the issue gives.
@Suite struct WorkedExampleTests {
    @Test func everyExampleBuilds() throws {
        for name in WorkedExample.names {
            let example = try WorkedExample.build(name)
            #expect(!example.variants.isEmpty, "\(name)")
        }
    }

    @Test func oneThreeByThreeConvolution() throws {
        let example = try WorkedExample.build("conv3x3-128-64")
        #expect(example.variants.map(\.totalParams) == [73_728])
    }

    /// VGG's argument (Simonyan & Zisserman 2015, section 2.3): 18 vs 25 weights, the same 5x5 field.
    @Test func twoThreeByThreeVersusOneFiveByFive() throws {
        let example = try WorkedExample.build("two-3x3-vs-5x5")
        #expect(example.variants.map(\.totalParams) == [18, 25])
        #expect(example.variants.map { $0.rows.last?.receptiveField.size } == [HeightWidth(5), HeightWidth(5)])
    }

    /// Inception 3a's 5x5 branch at 28 x 28: 5·5·192·32 = 153,600 weights and 120,422,400
    /// multiply-adds direct; 192·16 + 5·5·16·32 = 15,872 and 12,443,648 with the 1x1 reduction.
    @Test func inceptionReduction() throws {
        let example = try WorkedExample.build("inception-3a-5x5")
        #expect(example.variants.map(\.totalParams) == [153_600, 15_872])
        #expect(example.variants.map(\.totalMultAdds) == [120_422_400, 12_443_648])
        #expect(example.variants.map(\.outputShape) == [[1, 32, 28, 28], [1, 32, 28, 28]])
    }

    /// 256·64 + 9·64·64 + 64·256 = 69,632 vs 2·9·256·256 = 1,179,648.
    @Test func resNetBottleneck() throws {
        let example = try WorkedExample.build("resnet-bottleneck")
        #expect(example.variants.map(\.totalParams) == [69_632, 1_179_648])
    }

    /// fcn.json: fc6 as Linear(25088, 4096) and as Conv2d(512, 4096, 7) both hold 102,764,544
    /// parameters, and the convolutionalised VGG16 gives the reference heatmap sizes.
    @Test func fullyConvolutionalVGG16() throws {
        let golden = try Fixtures.decode(GoldenFCN.self, from: "fcn.json")
        let fc6 = try WorkedExample.build("fc6-as-conv")
        #expect(fc6.variants.map(\.totalParams) == [golden.fc6Params, golden.fc6ConvParams])
        #expect(fc6.variants.map(\.totalParams) == [102_764_544, 102_764_544])
        #expect(fc6.variants.map(\.outputShape) == [[1, 4096], [1, 4096, 1, 1]])
        #expect(golden.cases.count == 4)
        for c in golden.cases {
            let fcn = try WorkedExample.build("fcn-vgg16", input: [3] + c.inputHW)
            let output = try #require(fcn.variants.first?.outputShape)
            #expect(output == [1, 21] + c.heatmapHW, "\(c.inputHW)")
        }
    }
}
