/// Errors raised while building or summarising a model. Each case carries the layer (its
/// dotted module path, e.g. "features.30") and the numbers involved, and its `description` is the
/// one line a user sees:
///
///     features.30 (MaxPool2d, kernel 2, stride 2, padding 0) would produce 1 x 512 x 1 x 0 from
///     input 1 x 512 x 2 x 1 (width 0); allowed: an input large enough that every layer's output
///     is at least 1 x 1
///
/// Sources: the shape checks PyTorch makes in `conv2d` ("Kernel size can't be greater than actual
/// input size"), in `pooling_output_shape` ("Output size is too small", "pad should be at most
/// half of effective kernel size") and in `linear` ("mat1 and mat2 shapes cannot be multiplied").
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A model name that is not in the zoo.
    case unknownModel(name: String, allowed: [String])
    /// A worked-example name that does not exist.
    case unknownExample(name: String, allowed: [String])
    /// An input shape that is not C x H x W.
    case inputNotThreeDimensional(shape: [Int])
    /// An input extent, batch size or layer hyper-parameter outside its allowed range.
    case outOfRange(layer: String, name: String, value: Int, allowed: ClosedRange<Int>)
    /// A layer's output would have a height or width below 1 (`output` holds the sizes it would
    /// have, negative values shown as 0).
    case outputTooSmall(layer: String, type: String, geometry: String, input: [Int], output: [Int])
    /// A layer received a tensor of the wrong rank (e.g. `Linear` before flattening).
    case wrongRank(layer: String, type: String, expected: String, input: [Int])
    /// A layer expected `expected` input channels (or features) but received `input`.
    case channelMismatch(layer: String, type: String, expected: Int, input: [Int])
    /// A channel count not divisible by `groups`.
    case channelsNotDivisibleByGroups(layer: String, channels: Int, groups: Int)
    /// A dropout probability outside 0...1 (PyTorch: "dropout probability has to be between 0 and 1").
    case probabilityOutOfRange(layer: String, value: Double)
    /// PyTorch refuses pooling padding above half the kernel.
    case poolingPaddingTooLarge(layer: String, padding: Int, kernelSize: Int)
    /// The branches of a block do not produce matching shapes (concat needs equal N, H, W; add
    /// needs equal shapes).
    case branchMismatch(block: String, type: String, shapes: [[Int]])
    /// A container with no children (it would pass nothing through).
    case emptyContainer(block: String, type: String)
    /// A count (elements, parameters, multiply-adds) would overflow `Int`.
    case arithmeticOverflow(layer: String, quantity: String)
    /// An imported layer whose inputs do not fit it (a detection head on the wrong channel count, a
    /// crop larger than its input, a graph node reading a layer that does not come before it).
    case layerMismatch(layer: String, type: String, problem: String)

    /// The one line a user sees, naming the layer, the values and what is allowed.
    public var description: String {
        switch self {
        case let .unknownModel(name, allowed):
            return "unknown model '\(name)'; allowed: \(allowed.joined(separator: ", "))"
        case let .unknownExample(name, allowed):
            return "unknown example '\(name)'; allowed: \(allowed.joined(separator: ", "))"
        case let .inputNotThreeDimensional(shape):
            return "input \(Self.shape(shape)) is not C x H x W; allowed: three positive numbers such as 3 x 224 x 224"
        case let .outOfRange(layer, name, value, allowed):
            let place = layer.isEmpty ? "" : "\(layer): "
            return "\(place)\(name) \(value) is out of range; allowed: \(allowed.lowerBound)...\(allowed.upperBound)"
        case let .outputTooSmall(layer, type, geometry, input, output):
            var axes: [String] = []
            if output.count == 4 {
                if output[2] < 1 { axes.append("height \(output[2])") }
                if output[3] < 1 { axes.append("width \(output[3])") }
            }
            let which = axes.isEmpty ? "" : " (\(axes.joined(separator: ", ")))"
            return "\(layer) (\(type), \(geometry)) would produce \(Self.shape(output)) from input \(Self.shape(input))\(which); allowed: an input large enough that every layer's output is at least 1 x 1"
        case let .wrongRank(layer, type, expected, input):
            return "\(layer) (\(type)) expects \(expected) input, got \(Self.shape(input))"
        case let .channelMismatch(layer, type, expected, input):
            let what = type == "Linear" ? "features" : "channels"
            return "\(layer) (\(type)) expects \(expected) input \(what), got input \(Self.shape(input)); allowed: \(expected)"
        case let .channelsNotDivisibleByGroups(layer, channels, groups):
            return "\(layer) (Conv2d): channels \(channels) are not divisible by groups \(groups); allowed: a multiple of groups"
        case let .probabilityOutOfRange(layer, value):
            return "\(layer) (Dropout): probability \(value) is out of range; allowed: 0...1"
        case let .poolingPaddingTooLarge(layer, padding, kernel):
            return "\(layer): padding \(padding) is more than half of kernel \(kernel); allowed: 0...\(kernel / 2) (PyTorch's rule)"
        case let .branchMismatch(block, type, shapes):
            let list = shapes.map { Self.shape($0) }.joined(separator: ", ")
            return "\(block) (\(type)): branch outputs \(list) cannot be merged; allowed: equal N, H and W (concat) or equal shapes (add)"
        case let .emptyContainer(block, type):
            return "\(block) (\(type)) has no layers; allowed: at least one"
        case let .layerMismatch(layer, type, problem):
            return "\(layer) (\(type)): \(problem)"
        case let .arithmeticOverflow(layer, quantity):
            return "\(layer): \(quantity) would overflow a 64-bit integer; allowed: a smaller input or layer"
        }
    }

    /// "1 x 512 x 2 x 1", negative sizes shown as 0.
    static func shape(_ shape: [Int]) -> String {
        shape.map { String(max($0, 0)) }.joined(separator: " x ")
    }
}
