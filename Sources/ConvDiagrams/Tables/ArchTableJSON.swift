import ConvCore

/// The JSON of `convscope arch NAME --format json`, as docs/ARCHITECTURE.md specifies: `model`,
/// `input_shape` [N, C, H, W], `total_params`, `trainable_params`, `total_mult_adds`, and `layers`:
/// one entry per leaf layer in forward order with `name` (the dotted module path, e.g.
/// "layer1.0.conv1"), `type` (the PyTorch class name), `output_shape`, `params`, `mult_adds`
/// (torchinfo 1.8) and, for convolutions and pools, `kernel_size`, `stride`, `padding` (pairs
/// [height, width]) and `dilation` and `groups` where the layer has them. Beyond docs/ARCHITECTURE.md's
/// minimum it carries the totals block, the conventions, and per layer the depth, input shape,
/// MACs without bias and receptive field.
public struct ArchTableJSON: Codable, Hashable, Sendable {
    /// One leaf layer.
    public struct Layer: Codable, Hashable, Sendable {
        /// The dotted module path, unique within the model ("layer1.0.conv1").
        public var name: String
        /// The PyTorch class name ("Conv2d").
        public var type: String
        /// The depth in the module tree (1 = a child of the model).
        public var depth: Int
        /// N x C x H x W or N x F.
        public var inputShape: [Int]
        /// N x C x H x W or N x F.
        public var outputShape: [Int]
        /// Learnable parameters.
        public var params: Int
        /// Multiply-adds as torchinfo 1.8 counts them.
        public var multAdds: Int
        /// Multiply-accumulates of the weights only (ptflops/fvcore).
        public var macsWithoutBias: Int
        /// 2 x `mult_adds` (``ConvCore/ModelSummaryRow/flops``).
        public var flops: Int?
        /// The output's size at float32, in bytes (``ConvCore/ModelSummaryRow/outputBytes``).
        public var outputBytes: Int?
        /// [height, width] of a convolution or pooling window.
        public var kernelSize: [Int]?
        /// [height, width].
        public var stride: [Int]?
        /// [height, width], per side.
        public var padding: [Int]?
        /// [height, width]; convolutions and max pooling only.
        public var dilation: [Int]?
        /// Convolutions only.
        public var groups: Int?
        /// Pooling only.
        public var ceilMode: Bool?
        /// [height, width] in input pixels; with `receptive_field_all` true a unit may read the whole input.
        public var receptiveField: [Int]
        /// True when a unit may read the whole input.
        public var receptiveFieldAll: Bool
        /// The distance in input pixels between neighbouring output units, [height, width].
        public var jump: [Int]

        enum CodingKeys: String, CodingKey {
            case name, type, depth, params, stride, padding, dilation, groups, jump, flops
            case outputBytes = "output_bytes"
            case inputShape = "input_shape"
            case outputShape = "output_shape"
            case multAdds = "mult_adds"
            case macsWithoutBias = "macs_without_bias"
            case kernelSize = "kernel_size"
            case ceilMode = "ceil_mode"
            case receptiveField = "receptive_field"
            case receptiveFieldAll = "receptive_field_all"
        }
    }

    /// The model's name.
    public var model: String
    /// [N, C, H, W].
    public var inputShape: [Int]
    /// The model's output shape.
    public var outputShape: [Int]
    /// torchinfo's "Total params".
    public var totalParams: Int
    /// torchinfo's "Trainable params".
    public var trainableParams: Int
    /// torchinfo's "Non-trainable params".
    public var nonTrainableParams: Int
    /// torchinfo 1.8's total mult-adds.
    public var totalMultAdds: Int
    /// Conv2d and Linear weight multiply-accumulates (ptflops/fvcore).
    public var totalMacsWithoutBias: Int
    /// BatchNorm2d running statistics and counters: buffers, not parameters.
    public var bufferCount: Int
    /// torchinfo's input size, in bytes.
    public var inputSizeBytes: Int
    /// torchinfo's forward/backward pass size, in bytes.
    public var forwardBackwardPassSizeBytes: Int
    /// torchinfo's params size, in bytes.
    public var paramsSizeBytes: Int
    /// The counting conventions, in words.
    public var conventions: String
    /// Every leaf layer in forward order.
    public var layers: [Layer]
    /// For a model read from a file: the file as given (`source_file`).
    public var sourceFile: String?
    /// For a model read from a file: "darknet" or "caffe".
    public var format: String?
    /// For a model read from a file: its format's own parameter counts by key
    /// ("darknet_stored", "bn_folded", "caffe_learnable", "caffe_bn_statistics").
    public var parameterCounts: [String: Int]?
    /// For a model read from a file: the importer's notes (layers of unknown shape, ...).
    public var notes: [String]?
    /// 2 x `total_mult_adds`.
    public var totalFlops: Int?
    /// The estimated peak of live activations, bytes (``ConvCore/ModelSummary/peakActivation``).
    public var peakActivationBytes: Int?
    /// The layer (`name`) where that peak occurs.
    public var peakActivationLayer: String?
    /// How the peak is estimated, in words.
    public var peakActivationRule: String?

    enum CodingKeys: String, CodingKey {
        case model, layers, conventions, format, notes
        case sourceFile = "source_file"
        case parameterCounts = "parameter_counts"
        case inputShape = "input_shape"
        case outputShape = "output_shape"
        case totalParams = "total_params"
        case trainableParams = "trainable_params"
        case nonTrainableParams = "non_trainable_params"
        case totalMultAdds = "total_mult_adds"
        case totalMacsWithoutBias = "total_macs_without_bias"
        case bufferCount = "buffer_count"
        case inputSizeBytes = "input_size_bytes"
        case forwardBackwardPassSizeBytes = "forward_backward_pass_size_bytes"
        case paramsSizeBytes = "params_size_bytes"
        case totalFlops = "total_flops"
        case peakActivationBytes = "peak_activation_bytes"
        case peakActivationLayer = "peak_activation_layer"
        case peakActivationRule = "peak_activation_rule"
    }

    /// The rule of ``ConvCore/ModelSummary/peakActivation``, as the JSON and the table footer state it.
    public static let peakActivationRule = "estimate: the largest, over layers in forward order, of the layer's input + output "
        + "at float32, plus the inputs that enclosing residual, concatenation and dense blocks keep alive and the outputs of "
        + "their finished branches; in-place operations, workspaces and weights are not counted"

    /// The document of `summary`.
    public init(_ summary: ModelSummary) {
        model = summary.model
        inputShape = summary.inputShape
        outputShape = summary.outputShape
        totalParams = summary.totalParams
        trainableParams = summary.trainableParams
        nonTrainableParams = summary.nonTrainableParams
        totalMultAdds = summary.totalMultAdds
        totalMacsWithoutBias = summary.totalMACsWithoutBias
        bufferCount = summary.bufferCount
        inputSizeBytes = summary.inputBytes
        forwardBackwardPassSizeBytes = summary.forwardBackwardBytes
        paramsSizeBytes = summary.paramBytes
        conventions = ArchTable.conventions(for: summary)
        totalFlops = summary.totalFLOPs
        if let peak = summary.peakActivation {
            peakActivationBytes = peak.bytes
            peakActivationLayer = summary.rows[peak.row].path
            peakActivationRule = Self.peakActivationRule
        }
        if let source = summary.source {
            sourceFile = source.file
            format = source.format
            parameterCounts = Dictionary(source.parameterCounts.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            notes = source.notes
        }
        layers = summary.layers.map { row in
            Layer(name: row.path, type: row.type, depth: row.depth, inputShape: row.inputShape,
                  outputShape: row.outputShape, params: row.params, multAdds: row.multAdds,
                  macsWithoutBias: row.macsWithoutBias, flops: row.flops, outputBytes: row.outputBytes, kernelSize: row.kernelSize?.pair, stride: row.stride?.pair,
                  padding: row.padding?.pair, dilation: row.dilation?.pair, groups: row.groups,
                  ceilMode: row.kind?.ceilMode, receptiveField: row.receptiveField.size.pair,
                  receptiveFieldAll: row.receptiveField.coversWholeInput, jump: row.receptiveField.jump.pair)
        }
    }
}
