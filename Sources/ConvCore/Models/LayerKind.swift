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

    // MARK: Layers of imported model files (Darknet cfg, Caffe prototxt); see ``ModelNode/graph(name:type:nodes:)``.

    /// Max or average pooling with the output rule of the framework the file comes from
    /// (``PoolOutputRule``): Caffe's ceil with its last-window clip, Caffe's FLOOR, or Darknet's
    /// total padding. `padding` is the padding before (top, left).
    case pool2d(reduction: PoolReduction, kernelSize: HeightWidth, stride: HeightWidth, padding: HeightWidth,
                rule: PoolOutputRule)
    /// `torch.nn.ConvTranspose2d` (Caffe's Deconvolution, ONNX ConvTranspose):
    /// H' = s(H - 1) + d(k - 1) + 1 - 2p + output_padding (torch.nn.ConvTranspose2d; Caffe
    /// `deconv_layer.cpp` `compute_output_shape` has output_padding 0; Dumoulin & Visin 2016,
    /// relationship 14). Parameters: inChannels·(outChannels/groups)·kH·kW weights (+ outChannels biases).
    case convTranspose2d(inChannels: Int, outChannels: Int, kernelSize: HeightWidth, stride: HeightWidth,
                         padding: HeightWidth, dilation: HeightWidth, groups: Int, bias: Bool,
                         outputPadding: HeightWidth)
    /// Darknet's `[local]` (locally connected: an unshared kernel per output position), as
    /// `local_layer.c`: H' = (H - (padded ? 1 : k))/s + 1, padding 1 per side when `padded`.
    /// Parameters: C·n·k·k·H'·W' weights plus n·H'·W' biases.
    case locallyConnected2d(inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padded: Bool)
    /// Inputs joined along `axis` (Caffe Concat, Darknet `[route]` of several layers,
    /// `torch.cat`): every other axis must agree.
    case concat(axis: Int)
    /// Inputs combined element by element (Caffe Eltwise, Darknet `[shortcut]`). With `matchFirst`
    /// (Darknet) the output has the first input's shape whatever the others' (`make_shortcut_layer`);
    /// otherwise every input must have the same shape.
    case elementwise(operation: ElementwiseOperation, matchFirst: Bool)
    /// Caffe Crop (`crop_layer.cpp`): with `size` nil, axes from `axis` on take the second input's
    /// sizes, the window starting at `offsets` (one for all axes, or one per axis); with a size, the
    /// single input is cropped to size.height x size.width (Darknet `[crop]`).
    case crop(axis: Int, offsets: [Int], size: HeightWidth?)
    /// Nearest-neighbour upsampling by an integer factor (Darknet `[upsample]`): H' = H·scale.
    case upsample(scale: Int)
    /// `torch.nn.ZeroPad2d` / `ConstantPad2d` / `ReflectionPad2d` / `ReplicationPad2d` (ONNX Pad on
    /// H and W, and the extra row before a Conv or pool whose ONNX pads are asymmetric):
    /// H' = H + top + bottom, W' = W + left + right. `mode` is ONNX's: "constant", "reflect", "edge".
    case pad2d(top: Int, left: Int, bottom: Int, right: Int, mode: String)
    /// `torch.permute` (ONNX Transpose): output axis i is input axis perm[i].
    case transpose(perm: [Int])
    /// ONNX Resize / Upsample with constant scales or sizes on H and W (N and C kept):
    /// H' = floor(H·scale) (onnx Resize spec, `output_dimension = floor(input_dimension * scale)`),
    /// or the given size.
    case resize(target: ResizeTarget)
    /// ONNX ReduceMean / ReduceMax / ReduceSum ... over `axes` (non-negative, sorted): each reduced
    /// axis becomes 1 with `keepDims`, or is dropped (torch.mean(x, dims, keepdim)).
    case reduce(type: String, axes: [Int], keepDims: Bool)
    /// Darknet `[reorg]` (space to depth): H/s x W/s x C·s² (`reorg_layer.c`).
    case reorg(stride: Int)
    /// Caffe Reshape over all axes (`reshape_param { shape { dim } }`): 0 copies the input's
    /// dimension at that position, -1 (at most one) is inferred from the element count.
    case reshape(dims: [Int])
    /// A layer that keeps the shape and holds no parameters: activations (Sigmoid, TanH, LeakyReLU),
    /// Softmax, Darknet `[cost]`, Caffe Split; `type` is the name shown.
    case passThrough(type: String)
    /// `torch.nn.PReLU(channels)` (Caffe PReLU): one learnable slope per channel (1 when shared).
    case prelu(channels: Int)
    /// Caffe Scale: a learnable per-channel factor gamma[C] (plus beta[C] with `bias`), as Caffe's
    /// ResNets and DenseNets put after BatchNorm.
    case scale(channels: Int, bias: Bool)
    /// Caffe BatchNorm (`batch_norm_layer.cpp`): mean[C], variance[C] and a moving-average factor[1],
    /// none of them learnable (the affine part is the following Scale). Shape unchanged, 0 parameters;
    /// the 2C + 1 statistics count as buffers.
    case batchNormStatistics(numFeatures: Int)
    /// A detection head of Darknet (`[yolo]`, `[region]`, `[detection]`): checks that its input has
    /// the size the head needs and passes it on.
    case detectionHead(DetectionHead)
    /// A second network input with a fixed shape (Caffe's `im_info`): ignores its inputs.
    case input(shape: [Int])
    /// A layer the importer cannot infer (an unknown or runtime-shaped type, or a layer that reads a
    /// tensor of unknown shape): its output is "shape unknown" and it counts no parameters.
    case unknown(type: String)

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
        case let .pool2d(reduction, _, _, _, _): return reduction == .max ? "MaxPool2d" : "AvgPool2d"
        case .convTranspose2d: return "ConvTranspose2d"
        case .locallyConnected2d: return "LocallyConnected2d"
        case .concat: return "Concat"
        case let .elementwise(operation, _): return operation.typeName
        case .crop: return "Crop"
        case .upsample: return "Upsample"
        case .reorg: return "Reorg"
        case let .pad2d(_, _, _, _, mode):
            switch mode {
            case "reflect": return "ReflectionPad2d"
            case "edge": return "ReplicationPad2d"
            default: return "ZeroPad2d"
            }
        case .transpose: return "Transpose"
        case .resize: return "Resize"
        case let .reduce(type, _, _): return type
        case .reshape: return "Reshape"
        case let .passThrough(type): return type
        case .prelu: return "PReLU"
        case .scale: return "Scale"
        case .batchNormStatistics: return "BatchNorm"
        case let .detectionHead(head): return head.typeName
        case .input: return "Input"
        case let .unknown(type): return type
        }
    }

    /// The kernel size of a convolution or pooling window (torchinfo's "Kernel Shape"); nil otherwise.
    public var kernelSize: HeightWidth? {
        switch self {
        case let .conv2d(_, _, kernel, _, _, _, _, _): return kernel
        case let .maxPool2d(kernel, _, _, _), let .avgPool2d(kernel, _, _, _): return kernel
        case let .pool2d(_, kernel, _, _, _): return kernel
        case let .convTranspose2d(_, _, kernel, _, _, _, _, _, _): return kernel
        case let .locallyConnected2d(_, _, kernel, _, _): return HeightWidth(kernel)
        default: return nil
        }
    }

    /// The stride of a convolution or pooling window; nil otherwise.
    public var stride: HeightWidth? {
        switch self {
        case let .conv2d(_, _, _, stride, _, _, _, _): return stride
        case let .maxPool2d(_, stride, _, _), let .avgPool2d(_, stride, _, _): return stride
        case let .pool2d(_, _, stride, _, _): return stride
        case let .convTranspose2d(_, _, _, stride, _, _, _, _, _): return stride
        case let .locallyConnected2d(_, _, _, stride, _): return HeightWidth(stride)
        default: return nil
        }
    }

    /// The zero (or, for max pooling, minus-infinity) padding per side; nil for other layers.
    public var padding: HeightWidth? {
        switch self {
        case let .conv2d(_, _, _, _, padding, _, _, _): return padding
        case let .maxPool2d(_, _, padding, _), let .avgPool2d(_, _, padding, _): return padding
        case let .pool2d(_, _, _, padding, _): return padding
        case let .convTranspose2d(_, _, _, _, padding, _, _, _, _): return padding
        case let .locallyConnected2d(_, _, _, _, padded): return HeightWidth(padded ? 1 : 0)
        default: return nil
        }
    }

    /// The dilation of a convolution, and 1x1 for max pooling (PyTorch's default); nil otherwise
    /// (`AvgPool2d` has no dilation argument).
    public var dilation: HeightWidth? {
        switch self {
        case let .conv2d(_, _, _, _, _, dilation, _, _): return dilation
        case .maxPool2d: return HeightWidth(1)
        case let .convTranspose2d(_, _, _, _, _, dilation, _, _, _): return dilation
        default: return nil
        }
    }

    /// The `groups` of a convolution; nil otherwise.
    public var groups: Int? {
        if case let .conv2d(_, _, _, _, _, _, groups, _) = self { return groups }
        if case let .convTranspose2d(_, _, _, _, _, _, groups, _, _) = self { return groups }
        return nil
    }

    /// The `ceil_mode` of a pooling layer; nil otherwise.
    public var ceilMode: Bool? {
        switch self {
        case let .maxPool2d(_, _, _, ceil), let .avgPool2d(_, _, _, ceil): return ceil
        case let .pool2d(_, _, _, _, .caffe(roundUp)): return roundUp
        default: return nil
        }
    }
}

/// The output size of an ONNX Resize on H and W.
public enum ResizeTarget: Hashable, Sendable {
    /// H' = floor(H·height), W' = floor(W·width) (onnx Resize `scales`, positive).
    case scales(height: Double, width: Double)
    /// H' = size.height, W' = size.width (onnx Resize `sizes`).
    case sizes(HeightWidth)
}
