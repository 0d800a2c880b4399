/// One leaf layer of a model graph: a PyTorch module with its hyper-parameters, as torchvision
/// constructs it. Shapes follow PyTorch: N x C x H x W for 4-D tensors, N x F after flattening.
///
/// The case's ``typeName`` is the PyTorch class name (`Conv2d`, `BatchNorm2d`, ...), which is what
/// torchinfo prints and what the golden tables hold. Values are checked when the graph is
/// summarised (``ModelSummary/init(model:graph:input:batchSize:)``), which names the layer in
/// every error.
///
///     LayerKind.conv2d(inChannels: 3, outChannels: 64, kernelSize: HeightWidth(3),
///                      stride: HeightWidth(1), padding: HeightWidth(1),
///                      dilation: HeightWidth(1), groups: 1, bias: true)   // VGG's first conv
public enum LayerKind: Hashable, Sendable {
    /// `torch.nn.Conv2d`: N x inChannels x H x W -> N x outChannels x H' x W', with
    /// H' = floor((H + 2p - d(k-1) - 1)/s) + 1 (Dumoulin & Visin 2016, relationship 15).
    /// Parameters: outChannels·(inChannels/groups)·kH·kW weights, plus outChannels biases.
    case conv2d(inChannels: Int, outChannels: Int, kernelSize: HeightWidth, stride: HeightWidth,
                padding: HeightWidth, dilation: HeightWidth, groups: Int, bias: Bool)
    /// `torch.nn.BatchNorm2d(numFeatures)`: shape unchanged. Parameters: gamma and beta
    /// (2·numFeatures); running mean and variance (and `num_batches_tracked`) are buffers.
    case batchNorm2d(numFeatures: Int)
    /// `torch.nn.ReLU`: shape unchanged, no parameters.
    case relu
    /// `torch.nn.MaxPool2d` (dilation 1): output size as PyTorch's `pooling_output_shape`,
    /// with `ceilMode` rounding up but dropping a last window that would start in the right padding.
    case maxPool2d(kernelSize: HeightWidth, stride: HeightWidth, padding: HeightWidth, ceilMode: Bool)
    /// `torch.nn.AvgPool2d`: output size as ``maxPool2d(kernelSize:stride:padding:ceilMode:)``.
    case avgPool2d(kernelSize: HeightWidth, stride: HeightWidth, padding: HeightWidth, ceilMode: Bool)
    /// `torch.nn.AdaptiveAvgPool2d(outputSize)`: N x C x H x W -> N x C x outH x outW, bins
    /// [floor(i·H/outH), ceil((i+1)·H/outH)).
    case adaptiveAvgPool2d(outputSize: HeightWidth)
    /// `torch.nn.LocalResponseNorm(size)`: normalises across `size` neighbouring channels
    /// (Krizhevsky et al. 2012, section 3.3); shape unchanged, no parameters.
    case localResponseNorm(size: Int)
    /// `torch.nn.Linear`: N x inFeatures -> N x outFeatures. Parameters: inFeatures·outFeatures
    /// weights plus outFeatures biases.
    case linear(inFeatures: Int, outFeatures: Int, bias: Bool)
    /// `torch.nn.Dropout(p)`: shape unchanged, no parameters (identity at inference).
    case dropout(probability: Double)
    /// `torch.nn.Flatten` (or `torch.flatten(x, 1)`): N x C x H x W -> N x (C·H·W).
    case flatten

    /// The PyTorch class name, as torchinfo prints it: "Conv2d", "BatchNorm2d", "ReLU",
    /// "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "LocalResponseNorm", "Linear", "Dropout", "Flatten".
    public var typeName: String {
        switch self {
        case .conv2d: return "Conv2d"
        case .batchNorm2d: return "BatchNorm2d"
        case .relu: return "ReLU"
        case .maxPool2d: return "MaxPool2d"
        case .avgPool2d: return "AvgPool2d"
        case .adaptiveAvgPool2d: return "AdaptiveAvgPool2d"
        case .localResponseNorm: return "LocalResponseNorm"
        case .linear: return "Linear"
        case .dropout: return "Dropout"
        case .flatten: return "Flatten"
        }
    }

    /// The kernel size of a convolution or pooling window (torchinfo's "Kernel Shape"); nil otherwise.
    public var kernelSize: HeightWidth? {
        switch self {
        case let .conv2d(_, _, kernel, _, _, _, _, _): return kernel
        case let .maxPool2d(kernel, _, _, _), let .avgPool2d(kernel, _, _, _): return kernel
        default: return nil
        }
    }

    /// The stride of a convolution or pooling window; nil otherwise.
    public var stride: HeightWidth? {
        switch self {
        case let .conv2d(_, _, _, stride, _, _, _, _): return stride
        case let .maxPool2d(_, stride, _, _), let .avgPool2d(_, stride, _, _): return stride
        default: return nil
        }
    }

    /// The zero (or, for max pooling, minus-infinity) padding per side; nil for other layers.
    public var padding: HeightWidth? {
        switch self {
        case let .conv2d(_, _, _, _, padding, _, _, _): return padding
        case let .maxPool2d(_, _, padding, _), let .avgPool2d(_, _, padding, _): return padding
        default: return nil
        }
    }

    /// The dilation of a convolution, and 1x1 for max pooling (PyTorch's default); nil otherwise
    /// (`AvgPool2d` has no dilation argument).
    public var dilation: HeightWidth? {
        switch self {
        case let .conv2d(_, _, _, _, _, dilation, _, _): return dilation
        case .maxPool2d: return HeightWidth(1)
        default: return nil
        }
    }

    /// The `groups` of a convolution; nil otherwise.
    public var groups: Int? {
        if case let .conv2d(_, _, _, _, _, _, groups, _) = self { return groups }
        return nil
    }

    /// The `ceil_mode` of a pooling layer; nil otherwise.
    public var ceilMode: Bool? {
        switch self {
        case let .maxPool2d(_, _, _, ceil), let .avgPool2d(_, _, _, ceil): return ceil
        default: return nil
        }
    }

}
