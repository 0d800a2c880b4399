import Testing
@testable import ConvCore

/// The blocked im2col kernels against the definition of conv2d written out as a seven-deep loop
/// (out[n, f, y, x] = b[f] + Σ_c Σ_i Σ_j in[n, g·C/G + c, y·s + i·d - p, x·s + j·d - p] · w[f, c, i, j]),
/// on shapes that cross every block edge: several K blocks, N blocks, partial register tiles,
/// groups, strides, dilation, asymmetric and oversized padding. Inputs are small integers, so
/// every summation order gives the same Float and the comparison is exact.
@Suite struct Conv2dKernelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var batch = 1, inputChannels: Int, outputChannels: Int, groups = 1
        var inputSize: (Int, Int), kernelSize: (Int, Int)
        var stride = (1, 1), padding: (Padding, Padding) = (.explicit(0), .explicit(0)), dilation = (1, 1)
        var bias = true
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "rectangular kernel, stride, dilation, batch 2", batch: 2, inputChannels: 3, outputChannels: 5,
             inputSize: (17, 23), kernelSize: (3, 5), stride: (2, 1), padding: (.explicit(1), .explicit(2)), dilation: (1, 2)),
        Case(name: "K = 576 in five blocks, 70 filters", inputChannels: 64, outputChannels: 70,
             inputSize: (9, 9), kernelSize: (3, 3), padding: (.explicit(1), .explicit(1))),
        Case(name: "four filters, N = 2000 over two column blocks", inputChannels: 3, outputChannels: 4,
             inputSize: (40, 50), kernelSize: (5, 5), padding: (.explicit(2), .explicit(2))),
        Case(name: "groups 4, stride 3", inputChannels: 8, outputChannels: 12, groups: 4,
             inputSize: (11, 10), kernelSize: (3, 3), stride: (3, 3)),
        Case(name: "1x1 reduction without bias", inputChannels: 16, outputChannels: 3,
             inputSize: (7, 7), kernelSize: (1, 1), bias: false),
        Case(name: "padding larger than the input", inputChannels: 2, outputChannels: 9,
             inputSize: (2, 2), kernelSize: (3, 3), padding: (.explicit(4), .explicit(4))),
        Case(name: "same padding with an even kernel", inputChannels: 2, outputChannels: 6,
             inputSize: (6, 9), kernelSize: (4, 2), padding: (.same, .same)),
        Case(name: "stride larger than the kernel, asymmetric padding", inputChannels: 1, outputChannels: 1,
             inputSize: (13, 13), kernelSize: (2, 2), stride: (3, 4), padding: (.asymmetric(before: 0, after: 3), .asymmetric(before: 2, after: 1))),
        Case(name: "depthwise, 64 channels", inputChannels: 64, outputChannels: 64, groups: 64,
             inputSize: (12, 12), kernelSize: (3, 3), padding: (.explicit(1), .explicit(1))),
    ]

    @Test(arguments: cases)
    func everyKernelMatchesTheDefinition(_ c: Case) throws {
        var generator = LinearCongruential(seed: UInt64(c.inputChannels * 131 + c.outputChannels))
        let g = try Conv2dGeometry(batch: c.batch, inputChannels: c.inputChannels, outputChannels: c.outputChannels,
                                   groups: c.groups, inputSize: c.inputSize, kernelSize: c.kernelSize,
                                   stride: c.stride, padding: c.padding, dilation: c.dilation)
        let input = try Tensor(shape: g.inputShape, data: (0..<g.inputShape.reduce(1, *)).map { _ in generator.small() })
        let weight = try Tensor(shape: g.weightShape, data: (0..<g.weightShape.reduce(1, *)).map { _ in generator.small() })
        let bias = c.bias ? try Tensor(shape: [g.outputChannels], data: (0..<g.outputChannels).map { _ in generator.small() }) : nil
        let expected = try Self.definition(input: input, weight: weight, bias: bias, geometry: g)
        for kernel in Conv2dKernel.allCases where kernel.isAvailable {
            let output = try conv2d(input: input, weight: weight, bias: bias, geometry: g, kernel: kernel)
            #expect(output == expected, "\(kernel)")
        }
    }

    static func definition(input: Tensor, weight: Tensor, bias: Tensor?, geometry g: Conv2dGeometry) throws -> Tensor {
        var out = try Tensor(zeros: g.outputShape)
        let h = g.height, w = g.width
        let cinPerGroup = g.inputChannels / g.groups, coutPerGroup = g.outputChannels / g.groups
        for n in 0..<g.batch {
            for f in 0..<g.outputChannels {
                for y in 0..<h.outputSize {
                    for x in 0..<w.outputSize {
                        var sum = bias?.data[f] ?? 0
                        for c in 0..<cinPerGroup {
                            for i in 0..<h.kernelSize {
                                for j in 0..<w.kernelSize {
                                    let iy = y * h.stride + i * h.dilation - h.paddingBefore
                                    let ix = x * w.stride + j * w.dilation - w.paddingBefore
                                    guard iy >= 0, iy < h.inputSize, ix >= 0, ix < w.inputSize else { continue }
                                    sum += input[n, (f / coutPerGroup) * cinPerGroup + c, iy, ix] * weight[f, c, i, j]
                                }
                            }
                        }
                        out[n, f, y, x] = sum
                    }
                }
            }
        }
        return out
    }
}

/// Knuth's MMIX linear congruential generator, for reproducible small integers.
struct LinearCongruential {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func small() -> Float {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Int((state >> 33) % 9) - 4)
    }
}
