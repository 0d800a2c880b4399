import Testing
import Foundation
import ConvCore
import ConvDiagrams
import ConvTestSupport

/// Activations, their derivatives and the vanishing gradient, against hand-worked values and the
/// C library (`exp`, `tanh`) as the outside oracle.
@Suite struct ActivationTests {
    @Test func handValuesAtZero() {
        #expect(Activation.sigmoid.value(0) == 0.5)
        #expect(Activation.sigmoid.derivative(0) == 0.25)
        #expect(Activation.tanh.value(0) == 0)
        #expect(Activation.tanh.derivative(0) == 1)
        #expect(Activation.relu.value(0) == 0)
        // PyTorch's autograd takes ReLU'(0) = 0.
        #expect(Activation.relu.derivative(0) == 0)
    }

    @Test func reluByHand() {
        #expect(Activation.relu.value(-3) == 0)
        #expect(Activation.relu.value(2.5) == 2.5)
        #expect(Activation.relu.derivative(2) == 1)
        #expect(Activation.relu.derivative(-0.5) == 0)
    }

    /// Python's math module: tanh(1) = 0.7615941559557649, sigmoid(2) = 0.8807970779778823,
    /// tanh'(0.5) = 0.7864477329659274.
    @Test func valuesAwayFromZero() {
        #expect(abs(Activation.tanh.value(1) - 0.7615941559557649) <= 1e-15)
        #expect(abs(Activation.tanh.value(-1) + 0.7615941559557649) <= 1e-15)
        #expect(abs(Activation.sigmoid.value(2) - 0.8807970779778823) <= 1e-15)
        #expect(abs(Activation.tanh.derivative(0.5) - 0.7864477329659274) <= 1e-15)
        #expect(Activation.sigmoid.value(-800) == 0 && Activation.sigmoid.value(800) == 1)
        #expect(Activation.tanh.value(40) == 1 && Activation.tanh.value(-40) == -1)
    }

    @Test func exponentialAgreesWithTheCLibrary() {
        var x = -740.0
        while x <= 709 {
            let ours = exponential(x), libm = Foundation.exp(x)
            #expect(abs(ours - libm) <= 4 * libm.ulp, "exp(\(x)): \(ours) vs \(libm)")
            x += 0.37
        }
        for x in [-1e-9, 1e-12, 0.5, -0.5, 1, 2, 10] {
            #expect(abs(exponential(x) - Foundation.exp(x)) <= 2 * Foundation.exp(x).ulp, "exp(\(x))")
        }
        #expect(exponential(0) == 1)
        #expect(exponential(710) == .infinity && exponential(-746) == 0 && exponential(.nan).isNaN)
        for x in stride(from: -8.0, through: 8.0, by: 0.125) {
            #expect(abs(Activation.tanh.value(x) - Foundation.tanh(x)) <= 4e-16, "tanh(\(x))")
        }
    }

    /// The lecture's number: a chain of five sigmoids passes at most 0.25^5 = 0.0009765625.
    @Test func sigmoidChainBound() throws {
        let five = try ActivationChain(.sigmoid, length: 5)
        #expect(five.gradientBound == 0.0009765625)
        #expect(try ActivationChain(.sigmoid, length: 6).gradientBound == 0.000244140625)
        #expect(try ActivationChain(.relu, length: 5).gradientBound == 1)
        #expect(try ActivationChain(.relu, length: 30).gradient(at: 1) == 1)
        // At x = 0 the chain passes less than the bound (Python: 0.0006763391969703792).
        #expect(abs(five.gradient(at: 0) - 0.0006763391969703792) <= 1e-15)
        // Two sigmoids: σ'(0)·σ'(σ(0)) = 0.25·σ'(0.5) (Python: 0.058750928050398624).
        #expect(abs(try ActivationChain(.sigmoid, length: 2).gradient(at: 0) - 0.058750928050398624) <= 1e-15)
        #expect(throws: ConvError.self) { try ActivationChain(.sigmoid, length: 0) }
        #expect(throws: ConvError.self) { try ActivationChain(.sigmoid, length: 65) }
    }

    @Test func reluOfAFeatureMap() throws {
        let map = try Tensor(shape: [1, 1, 2, 2], data: [3, -1, 0, -4])
        #expect(Activation.relu.apply(to: map).data == [3, 0, 0, 0])
        #expect(Activation.relu.apply(to: map).shape == [1, 1, 2, 2])
    }
}

/// A 1 x 1 reduction in front of a 3 x 3 convolution, counted by hand:
/// 3x3 128->128: 128·128·9 + 128 = 147,584; 1x1 128->32: 128·32 + 32 = 4,128;
/// 3x3 32->128: 32·128·9 + 128 = 36,992; at 28 x 28 each times 784.
@Suite struct OneByOneReductionTests {
    @Test func parametersAndMultiplyAddsByHand() throws {
        let r = try OneByOneReduction(inputChannels: 128, reducedChannels: 32, outputChannels: 128, height: 28, width: 28)
        #expect(r.direct.parameterCount(bias: true) == 147_584)
        #expect(r.reduce.parameterCount(bias: true) == 4_128)
        #expect(r.expand.parameterCount(bias: true) == 36_992)
        #expect(r.reducedParameters == 41_120)
        #expect(r.direct.multiplyAdds(bias: true) == 115_705_856)
        #expect(r.reducedMultiplyAdds == 3_236_352 + 29_001_728)
        #expect(r.direct.outputShape == [1, 128, 28, 28] && r.reduce.outputShape == [1, 32, 28, 28])
        #expect(abs(r.parameterRatio - 41_120.0 / 147_584.0) < 1e-12)
    }

    /// GoogLeNet's inception (3a) 3 x 3 branch: 192 -> 96 (1x1) -> 128 (3x3) at 28 x 28,
    /// torchvision's parameters without bias: 192·96 = 18,432 and 96·128·9 = 110,592.
    @Test func inception3aBranchWithoutBias() throws {
        let r = try OneByOneReduction(inputChannels: 192, reducedChannels: 96, outputChannels: 128, height: 28, width: 28, bias: false)
        #expect(r.reduce.parameterCount(bias: false) == 18_432)
        #expect(r.expand.parameterCount(bias: false) == 110_592)
    }
}

/// The lecture bank in the product is the bank of rgb_bank.json.
@Suite struct LectureBankTests {
    @Test func weightsAndBiasesAreTheReferenceOnes() throws {
        let golden = try Fixtures.decode(GoldenRGBBank.self, from: "rgb_bank.json")
        #expect(FilterBank.lecture.weight == (try golden.weight.tensor()))
        #expect(FilterBank.lecture.bias == (try golden.bias.tensor()))
        #expect(FilterBank.lecturePadding == 2)
        let result = try FilterBank.lecture.apply(to: golden.input.tensor(), padding: .explicit(FilterBank.lecturePadding))
        #expect(result.output.data == (try golden.output.tensor()).data)
    }
}
