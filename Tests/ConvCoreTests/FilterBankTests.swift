import Testing
import ConvCore
import ConvDiagrams
import ConvTestSupport

/// rgb_bank.json: an 8 x 8 RGB crop of astronaut.ppm through four 5x5x3 filters with bias,
/// padding 2 (torch.nn.functional.conv2d).
struct GoldenRGBBank: Decodable {
    var input: TensorJSON
    var weight: TensorJSON
    var bias: TensorJSON
    var output: TensorJSON
}

@Suite struct FilterBankTests {
    @Test func fourFiltersMakeFourChannelsAsPyTorch() throws {
        let golden = try Fixtures.decode(GoldenRGBBank.self, from: "rgb_bank.json")
        let bank = try FilterBank(weight: golden.weight.tensor(), bias: golden.bias.tensor())
        #expect(bank.filterCount == 4 && bank.depth == 3 && bank.kernelSize == (5, 5))
        let result = try bank.apply(to: golden.input.tensor(), padding: .explicit(2))
        let expected = try golden.output.tensor()
        #expect(result.output.shape == [1, 4, 8, 8])
        #expect(result.output.shape == expected.shape)
        let worst = zip(result.output.data, expected.data).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-3)
        // The same bank through conv2d in one call.
        let (direct, _) = try conv2d(input: golden.input.tensor(), weight: golden.weight.tensor(), bias: golden.bias.tensor(),
                                     padding: (.explicit(2), .explicit(2)))
        #expect(zip(direct.data, expected.data).allSatisfy { abs($0 - $1) <= 1e-3 })
    }

    @Test func threeChannelSumsPlusBiasMakeEachOutputChannel() throws {
        let golden = try Fixtures.decode(GoldenRGBBank.self, from: "rgb_bank.json")
        let bias = try golden.bias.tensor()
        let result = try FilterBank(weight: golden.weight.tensor(), bias: bias).apply(to: golden.input.tensor(), padding: .explicit(2))
        let expected = try golden.output.tensor()
        #expect(result.channelSums.count == 4 && result.channelSums.allSatisfy { $0.count == 3 })
        for f in 0..<4 {
            for i in 0..<64 {
                let sum = result.channelSums[f].reduce(Float(0)) { $0 + $1.data[i] } + bias.data[f]
                #expect(abs(sum - expected.data[f * 64 + i]) <= 1e-3)
            }
        }
    }

    /// Hand-worked: a 1x1x3 filter [1, 10, 100] with bias 0.5 over a 1 x 2 RGB image gives
    /// R + 10 G + 100 B + 0.5 per pixel.
    @Test func oneByOneColourFilterByHand() throws {
        let image = try Tensor(shape: [1, 3, 1, 2], data: [1, 2, 3, 4, 5, 6])   // R = [1, 2], G = [3, 4], B = [5, 6]
        let bank = try FilterBank(weight: Tensor(shape: [1, 3, 1, 1], data: [1, 10, 100]), bias: Tensor(shape: [1], data: [0.5]))
        let result = try bank.apply(to: image)
        #expect(result.output.data == [531.5, 642.5])
        #expect(result.channelSums[0].map(\.data) == [[1, 2], [30, 40], [500, 600]])
        #expect(try bank.slice(filter: 0, channel: 1).data == [10])
    }

    @Test func mismatchedShapesAreErrors() throws {
        let bank = try FilterBank(weight: Tensor(zeros: [4, 3, 5, 5]))
        #expect(throws: ConvError.self) { try bank.apply(to: Tensor(zeros: [1, 1, 8, 8])) }
        #expect(throws: ConvError.self) { try bank.apply(to: Tensor(zeros: [1, 3, 4, 4])) }   // 5x5 on 4x4 without padding
        #expect(throws: ConvError.self) { try FilterBank(weight: Tensor(zeros: [4, 3, 5])) }
        #expect(throws: ConvError.self) { try FilterBank(weight: Tensor(zeros: [4, 3, 5, 5]), bias: Tensor(zeros: [3])) }
        #expect(throws: ConvError.self) { try bank.slice(filter: 4, channel: 0) }
    }
}
