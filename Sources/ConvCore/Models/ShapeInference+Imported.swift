/// Shape inference for the layers of imported files (``ModelNode/graph(name:type:nodes:)`` and the
/// ``LayerKind`` cases after `flatten`). The same checked arithmetic as the built-in layers: every
/// size is range-checked and every count overflow-checked, so no file can trap.
extension ShapeInference {
    /// The flow of a tensor whose shape cannot be inferred: shape `[]` ("shape unknown").
    static let unknownFlow = Flow(shape: [], field: ReceptiveField.inputPixel.wholeInput)

    private static let unknownResult = LeafResult(flow: unknownFlow, params: 0, multAdds: 0, macsWithoutBias: 0)

    /// The flows `node` reads: earlier nodes' outputs, or the graph's input.
    static func graphInputs(of node: GraphNode, outputs: [Flow], graphInput: Flow,
                            layer: String) throws(ModelError) -> [Flow] {
        var result: [Flow] = []
        result.reserveCapacity(node.inputs.count)
        for index in node.inputs {
            if index == GraphNode.graphInput {
                result.append(graphInput)
                continue
            }
            guard index >= 0, index < outputs.count else {
                throw .layerMismatch(layer: layer, type: node.kind.typeName,
                                     problem: "reads layer \(index), which does not come before it")
            }
            result.append(outputs[index])
        }
        return result
    }

    /// One graph node applied to its inputs. A node reading a tensor of unknown shape has an unknown
    /// output (never a guessed number).
    static func apply(_ node: GraphNode, inputs: [Flow], layer: String) throws(ModelError) -> LeafResult {
        switch node.kind {
        case let .input(shape):
            for value in shape {
                try check(layer, "input size", value, 1...maximumExtent)
            }
            return LeafResult(flow: Flow(shape: shape, field: .inputPixel), params: 0, multAdds: 0, macsWithoutBias: 0)
        case .unknown:
            return unknownResult
        default:
            break
        }
        guard var first = inputs.first else {
            throw .layerMismatch(layer: layer, type: node.kind.typeName, problem: "has no input")
        }
        if inputs.contains(where: { $0.shape.isEmpty }) { return unknownResult }
        var all = inputs
        if node.flattensInput, first.shape.count > 2 {
            first = try apply(.flatten, to: first, layer: layer).flow
            all[0] = first
        }
        return try applyImported(node.kind, inputs: all, layer: layer)
    }

    /// The imported layers' rules (single-input built-in kinds go to ``apply(_:to:layer:)``).
    static func applyImported(_ kind: LayerKind, inputs: [Flow], layer: String) throws(ModelError) -> LeafResult {
        guard let flow = inputs.first else {
            throw .layerMismatch(layer: layer, type: kind.typeName, problem: "has no input")
        }
        let shape = flow.shape
        if shape.isEmpty { return unknownResult }
        let type = kind.typeName
        switch kind {
        case let .pool2d(_, kernel, stride, padding, rule):
            let (n, c, h, w) = try spatial(shape, layer: layer, type: type)
            try checkWindow(layer, kernel: kernel, stride: stride, padding: padding, dilation: HeightWidth(1))
            var total = HeightWidth(0)
            switch rule {
            case .caffe:
                for (p, k) in [(padding.height, kernel.height), (padding.width, kernel.width)] where p >= k {
                    throw .layerMismatch(layer: layer, type: type,
                                         problem: "padding \(p) is not less than kernel \(k); allowed: 0...\(k - 1) (Caffe's rule)")
                }
            case let .darknet(totalPadding):
                try check(layer, "padding", totalPadding.height, 0...maximumExtent)
                try check(layer, "padding", totalPadding.width, 0...maximumExtent)
                total = totalPadding
            }
            let oh = rule.windowCount(input: h, kernel: kernel.height, stride: stride.height, padding: padding.height,
                                      axisTotalPadding: total.height)
            let ow = rule.windowCount(input: w, kernel: kernel.width, stride: stride.width, padding: padding.width,
                                      axisTotalPadding: total.width)
            guard let oh, let ow else {
                throw .outputTooSmall(layer: layer, type: type,
                                      geometry: geometry(kernel: kernel, stride: stride, padding: padding, dilation: nil),
                                      input: shape, output: [n, c, oh ?? 0, ow ?? 0])
            }
            let field = try through(flow.field, kernel: kernel, stride: stride, padding: padding,
                                    dilation: HeightWidth(1), layer: layer)
            return LeafResult(flow: Flow(shape: [n, c, oh, ow], field: field), params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .convTranspose2d(inChannels, outChannels, kernel, stride, padding, dilation, groups, bias, outputPadding):
            let (n, c, h, w) = try spatial(shape, layer: layer, type: type)
            try check(layer, "in_channels", inChannels, 1...maximumExtent)
            try check(layer, "out_channels", outChannels, 1...maximumExtent)
            try check(layer, "groups", groups, 1...maximumExtent)
            try checkWindow(layer, kernel: kernel, stride: stride, padding: padding, dilation: dilation)
            guard c == inChannels else { throw .channelMismatch(layer: layer, type: type, expected: inChannels, input: shape) }
            guard inChannels % groups == 0 else {
                throw .channelsNotDivisibleByGroups(layer: layer, channels: inChannels, groups: groups)
            }
            guard outChannels % groups == 0 else {
                throw .channelsNotDivisibleByGroups(layer: layer, channels: outChannels, groups: groups)
            }
            for (extra, s, d) in [(outputPadding.height, stride.height, dilation.height),
                                  (outputPadding.width, stride.width, dilation.width)]
            where extra < 0 || (extra >= s && extra >= d) {
                throw .layerMismatch(layer: layer, type: type,
                                     problem: "output_padding \(extra) must be smaller than stride \(s) or dilation \(d); allowed: 0...\(max(s, d) - 1) (torch.nn.ConvTranspose2d)")
            }
            // Sizes are at most 2^20, so these products stay far below Int.max.
            let oh = stride.height * (h - 1) + dilation.height * (kernel.height - 1) + 1 - 2 * padding.height + outputPadding.height
            let ow = stride.width * (w - 1) + dilation.width * (kernel.width - 1) + 1 - 2 * padding.width + outputPadding.width
            let output = [n, outChannels, oh, ow]
            guard oh >= 1, ow >= 1 else {
                throw .outputTooSmall(layer: layer, type: type,
                                      geometry: geometry(kernel: kernel, stride: stride, padding: padding, dilation: dilation),
                                      input: shape, output: output.map { max($0, 0) })
            }
            let weights = try product([inChannels, outChannels / groups, kernel.height, kernel.width],
                                      layer: layer, quantity: "parameter count")
            let params = try sum(weights, bias ? outChannels : 0, layer: layer, quantity: "parameter count")
            // torchinfo 1.8 counts every "Conv" module as params x N x H_out x W_out; the weight
            // multiply-accumulates are N x H_in x W_in x weights (each input pixel scatters the kernel once).
            let multAdds = try product([params, n, oh, ow], layer: layer, quantity: "multiply-adds")
            let macs = try product([weights, n, h, w], layer: layer, quantity: "multiply-accumulates")
            var field = flow.field
            let reach = HeightWidth(height: (dilation.height * (kernel.height - 1)) / stride.height + 1,
                                    width: (dilation.width * (kernel.width - 1)) / stride.width + 1)
            field.size = HeightWidth(
                height: try sum(field.size.height, try product([reach.height - 1, field.jump.height], layer: layer,
                                                               quantity: "receptive field"), layer: layer, quantity: "receptive field"),
                width: try sum(field.size.width, try product([reach.width - 1, field.jump.width], layer: layer,
                                                             quantity: "receptive field"), layer: layer, quantity: "receptive field"))
            if field.jump.height % stride.height == 0, field.jump.width % stride.width == 0 {
                field.jump = HeightWidth(height: field.jump.height / stride.height, width: field.jump.width / stride.width)
            } else {
                field = field.wholeInput
            }
            return LeafResult(flow: Flow(shape: output, field: field), params: params, multAdds: multAdds,
                              macsWithoutBias: macs)

        case let .locallyConnected2d(inChannels, outChannels, kernel, stride, padded):
            let (n, c, h, w) = try spatial(shape, layer: layer, type: type)
            try check(layer, "filters", outChannels, 1...maximumExtent)
            try check(layer, "size", kernel, 1...maximumExtent)
            try check(layer, "stride", stride, 1...maximumExtent)
            guard c == inChannels else { throw .channelMismatch(layer: layer, type: type, expected: inChannels, input: shape) }
            let cut = padded ? 1 : kernel
            guard h >= cut, w >= cut else {
                throw .outputTooSmall(layer: layer, type: type, geometry: "size \(kernel), stride \(stride), pad \(padded ? 1 : 0)",
                                      input: shape, output: [n, outChannels, 0, 0])
            }
            let oh = (h - cut) / stride + 1, ow = (w - cut) / stride + 1
            let weights = try product([c, outChannels, kernel, kernel, oh, ow], layer: layer, quantity: "parameter count")
            let biases = try product([outChannels, oh, ow], layer: layer, quantity: "parameter count")
            let params = try sum(weights, biases, layer: layer, quantity: "parameter count")
            let multAdds = try product([n, params], layer: layer, quantity: "multiply-adds")
            let macs = try product([n, weights], layer: layer, quantity: "multiply-accumulates")
            let field = try through(flow.field, kernel: HeightWidth(kernel), stride: HeightWidth(stride),
                                    padding: HeightWidth(padded ? 1 : 0), dilation: HeightWidth(1), layer: layer)
            return LeafResult(flow: Flow(shape: [n, outChannels, oh, ow], field: field), params: params,
                              multAdds: multAdds, macsWithoutBias: macs)

        case let .concat(axis):
            let shapes = inputs.map(\.shape)
            guard axis >= 0, axis < shape.count else {
                throw .layerMismatch(layer: layer, type: type, problem: "axis \(axis) is out of range for input \(ModelError.shape(shape)); allowed: 0...\(shape.count - 1)")
            }
            var joined = shape
            joined[axis] = 0
            var field = flow.field
            for input in inputs {
                let other = input.shape
                guard other.count == shape.count,
                      other.indices.allSatisfy({ $0 == axis || other[$0] == shape[$0] })
                else { throw .branchMismatch(block: layer, type: type, shapes: shapes) }
                joined[axis] = try sum(joined[axis], other[axis], layer: layer, quantity: "concatenated size")
                field = field.merged(with: input.field)
            }
            return LeafResult(flow: Flow(shape: joined, field: field), params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .elementwise(_, matchFirst):
            var field = flow.field
            for input in inputs {
                if matchFirst {
                    guard input.shape.count == shape.count else {
                        throw .branchMismatch(block: layer, type: type, shapes: inputs.map(\.shape))
                    }
                } else {
                    guard input.shape == shape else {
                        throw .branchMismatch(block: layer, type: type, shapes: inputs.map(\.shape))
                    }
                }
                field = field.merged(with: input.field)
            }
            return LeafResult(flow: Flow(shape: shape, field: field), params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .crop(axis, offsets, size):
            var field = flow.field
            if let size {
                let (n, c, h, w) = try spatial(shape, layer: layer, type: type)
                guard (1...h).contains(size.height), (1...w).contains(size.width) else {
                    throw .layerMismatch(layer: layer, type: type,
                                         problem: "crop \(size.height) x \(size.width) does not fit input \(ModelError.shape(shape))")
                }
                field.startHeight += Double((h - size.height) / 2) * Double(field.jump.height)
                field.startWidth += Double((w - size.width) / 2) * Double(field.jump.width)
                return LeafResult(flow: Flow(shape: [n, c, size.height, size.width], field: field), params: 0,
                                  multAdds: 0, macsWithoutBias: 0)
            }
            guard inputs.count >= 2 else {
                throw .layerMismatch(layer: layer, type: type, problem: "needs two inputs (the blob to crop and the reference)")
            }
            let reference = inputs[1].shape
            guard axis >= 0, axis < shape.count else {
                throw .layerMismatch(layer: layer, type: type, problem: "axis \(axis) is out of range for input \(ModelError.shape(shape))")
            }
            guard reference.count == shape.count else {
                throw .branchMismatch(block: layer, type: type, shapes: [shape, reference])
            }
            let cropped = shape.count - axis
            guard offsets.count <= 1 || offsets.count == cropped else {
                throw .layerMismatch(layer: layer, type: type,
                                     problem: "\(offsets.count) offsets for \(cropped) cropped axes; allowed: 0, 1 or \(cropped)")
            }
            var output = shape
            for dimension in axis..<shape.count {
                let offset = offsets.isEmpty ? 0 : offsets.count == 1 ? offsets[0] : offsets[dimension - axis]
                guard offset >= 0, offset <= shape[dimension], reference[dimension] <= shape[dimension] - offset else {
                    throw .layerMismatch(layer: layer, type: type,
                                         problem: "crop to \(ModelError.shape(reference)) at offset \(offset) does not fit input \(ModelError.shape(shape)) on axis \(dimension)")
                }
                output[dimension] = reference[dimension]
                if dimension == 2 { field.startHeight += Double(offset) * Double(field.jump.height) }
                if dimension == 3 { field.startWidth += Double(offset) * Double(field.jump.width) }
            }
            return LeafResult(flow: Flow(shape: output, field: field), params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .upsample(scale):
            let (n, c, h, w) = try spatial(shape, layer: layer, type: type)
            try check(layer, "stride", scale, 1...maximumExtent)
            let oh = try product([h, scale], layer: layer, quantity: "height")
            let ow = try product([w, scale], layer: layer, quantity: "width")
            try check(layer, "output height", oh, 1...maximumExtent)
            try check(layer, "output width", ow, 1...maximumExtent)
            var field = flow.field
            if field.jump.height % scale == 0, field.jump.width % scale == 0 {
                field.jump = HeightWidth(height: field.jump.height / scale, width: field.jump.width / scale)
            } else {
                field = field.wholeInput
            }
            return LeafResult(flow: Flow(shape: [n, c, oh, ow], field: field), params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .pad2d(top, left, bottom, right, mode):
            let (n, c, h, w) = try spatial(shape, layer: layer, type: type)
            for (name, value) in [("top", top), ("left", left), ("bottom", bottom), ("right", right)] {
                try check(layer, "padding \(name)", value, 0...maximumExtent)
            }
            if mode == "reflect" {
                for (name, value, size) in [("top", top, h), ("bottom", bottom, h), ("left", left, w), ("right", right, w)] where value >= size {
                    throw .layerMismatch(layer: layer, type: type,
                                         problem: "reflect padding \(name) \(value) is not less than the input size \(size); allowed: 0...\(size - 1)")
                }
            }
            let oh = h + top + bottom, ow = w + left + right
            try check(layer, "output height", oh, 1...maximumExtent)
            try check(layer, "output width", ow, 1...maximumExtent)
            var field = flow.field
            field.startHeight -= Double(top) * Double(field.jump.height)
            field.startWidth -= Double(left) * Double(field.jump.width)
            return LeafResult(flow: Flow(shape: [n, c, oh, ow], field: field), params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .transpose(perm):
            guard perm.sorted() == Array(0..<shape.count) else {
                throw .layerMismatch(layer: layer, type: type,
                                     problem: "perm \(perm) is not a permutation of the \(shape.count) axes of input \(ModelError.shape(shape))")
            }
            let output = perm.map { shape[$0] }
            let keepsSpatial = shape.count == 4 && perm[2] == 2 && perm[3] == 3
            return LeafResult(flow: Flow(shape: output, field: keepsSpatial ? flow.field : flow.field.wholeInput),
                              params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .resize(target):
            let (n, c, h, w) = try spatial(shape, layer: layer, type: type)
            let oh: Int, ow: Int
            switch target {
            case let .sizes(size):
                (oh, ow) = (size.height, size.width)
            case let .scales(scaleHeight, scaleWidth):
                for scale in [scaleHeight, scaleWidth] where !(scale.isFinite && scale > 0 && scale <= Double(maximumExtent)) {
                    throw .layerMismatch(layer: layer, type: type, problem: "scale \(scale) is out of range; allowed: above 0, at most \(maximumExtent)")
                }
                let height = (Double(h) * scaleHeight).rounded(.down), width = (Double(w) * scaleWidth).rounded(.down)
                guard height <= Double(maximumExtent), width <= Double(maximumExtent) else {
                    throw .layerMismatch(layer: layer, type: type, problem: "output \(height) x \(width) is out of range; allowed: 1...\(maximumExtent)")
                }
                (oh, ow) = (Int(height), Int(width))
            }
            try check(layer, "output height", oh, 1...maximumExtent)
            try check(layer, "output width", ow, 1...maximumExtent)
            var field = flow.field
            if oh % h == 0, ow % w == 0, field.jump.height % (oh / h) == 0, field.jump.width % (ow / w) == 0 {
                field.jump = HeightWidth(height: field.jump.height / (oh / h), width: field.jump.width / (ow / w))
            } else {
                field = field.wholeInput
            }
            return LeafResult(flow: Flow(shape: [n, c, oh, ow], field: field), params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .reduce(_, axes, keepDims):
            guard !axes.isEmpty, axes == Array(Set(axes)).sorted(), axes.allSatisfy({ shape.indices.contains($0) }) else {
                throw .layerMismatch(layer: layer, type: type,
                                     problem: "axes \(axes) are not distinct axes of input \(ModelError.shape(shape)); allowed: 0...\(shape.count - 1)")
            }
            var output: [Int] = []
            for (axis, dim) in shape.enumerated() {
                if !axes.contains(axis) { output.append(dim) } else if keepDims { output.append(1) }
            }
            guard !output.isEmpty else { return unknownResult }
            let spatialReduced = shape.count == 4 && (axes.contains(2) || axes.contains(3))
            return LeafResult(flow: Flow(shape: output, field: spatialReduced ? flow.field.wholeInput : flow.field),
                              params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .reorg(stride):
            let (n, c, h, w) = try spatial(shape, layer: layer, type: type)
            try check(layer, "stride", stride, 1...maximumExtent)
            guard h >= stride, w >= stride else {
                throw .outputTooSmall(layer: layer, type: type, geometry: "stride \(stride)", input: shape,
                                      output: [n, c, h / stride, w / stride])
            }
            let channels = try product([c, stride, stride], layer: layer, quantity: "channels")
            let field = try through(flow.field, kernel: HeightWidth(stride), stride: HeightWidth(stride),
                                    padding: HeightWidth(0), dilation: HeightWidth(1), layer: layer)
            return LeafResult(flow: Flow(shape: [n, channels, h / stride, w / stride], field: field), params: 0,
                              multAdds: 0, macsWithoutBias: 0)

        case let .reshape(dims):
            let elements = try product(shape, layer: layer, quantity: "elements")
            var output: [Int] = []
            var inferred: Int?
            for (position, dim) in dims.enumerated() {
                switch dim {
                case 0:
                    guard position < shape.count else {
                        throw .layerMismatch(layer: layer, type: type, problem: "dim \(position) is 0 (copy) but the input \(ModelError.shape(shape)) has no such axis")
                    }
                    output.append(shape[position])
                case -1:
                    guard inferred == nil else { throw .layerMismatch(layer: layer, type: type, problem: "more than one dim is -1") }
                    inferred = position
                    output.append(1)
                case 1...maximumExtent:
                    output.append(dim)
                default:
                    throw .layerMismatch(layer: layer, type: type, problem: "dim \(dim) is out of range; allowed: -1, 0 or 1...\(maximumExtent)")
                }
            }
            let known = try product(output, layer: layer, quantity: "elements")
            if let inferred {
                guard known > 0, elements % known == 0 else {
                    throw .layerMismatch(layer: layer, type: type, problem: "\(elements) elements of \(ModelError.shape(shape)) cannot be reshaped to \(dims)")
                }
                output[inferred] = elements / known
            } else if known != elements {
                throw .layerMismatch(layer: layer, type: type, problem: "\(elements) elements of \(ModelError.shape(shape)) cannot be reshaped to \(dims)")
            }
            return LeafResult(flow: Flow(shape: output, field: flow.field.wholeInput), params: 0, multAdds: 0, macsWithoutBias: 0)

        case .passThrough:
            return LeafResult(flow: flow, params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .prelu(channels):
            guard shape.count >= 2, channels == 1 || channels == shape[1] else {
                throw .channelMismatch(layer: layer, type: type, expected: channels, input: shape)
            }
            return LeafResult(flow: flow, params: channels, multAdds: 0, macsWithoutBias: 0)

        case let .scale(channels, bias):
            guard shape.count >= 2, channels == shape[1] else {
                throw .channelMismatch(layer: layer, type: type, expected: channels, input: shape)
            }
            let params = bias ? 2 * channels : channels
            let multAdds = try product([shape[0], params], layer: layer, quantity: "multiply-adds")
            return LeafResult(flow: flow, params: params, multAdds: multAdds, macsWithoutBias: 0)

        case let .batchNormStatistics(channels):
            guard shape.count >= 2, channels == shape[1] else {
                throw .channelMismatch(layer: layer, type: type, expected: channels, input: shape)
            }
            return LeafResult(flow: flow, params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .detectionHead(head):
            guard let expected = head.expectedSize else {
                throw .arithmeticOverflow(layer: layer, quantity: "detection size")
            }
            switch head {
            case .yolo, .region:
                let (_, c, _, _) = try spatial(shape, layer: layer, type: type)
                guard c == expected else {
                    throw .layerMismatch(layer: layer, type: type,
                                         problem: "needs \(expected) input channels per cell (\(Self.headFormula(head))), got input \(ModelError.shape(shape))")
                }
            case .detection:
                let features = try product(Array(shape.dropFirst()), layer: layer, quantity: "features")
                guard features == expected else {
                    throw .layerMismatch(layer: layer, type: type,
                                         problem: "needs \(expected) inputs (\(Self.headFormula(head))), got input \(ModelError.shape(shape))")
                }
            }
            return LeafResult(flow: flow, params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .input(inputShape):
            return LeafResult(flow: Flow(shape: inputShape, field: .inputPixel), params: 0, multAdds: 0, macsWithoutBias: 0)

        case .unknown:
            return unknownResult

        case .conv2d, .batchNorm2d, .relu, .maxPool2d, .avgPool2d, .adaptiveAvgPool2d, .localResponseNorm, .linear,
             .dropout, .flatten:
            return try apply(kind, to: flow, layer: layer)
        }
    }

    /// "3 x (5 + 80)", "5 x (4 + 1 + 80)", "7 x 7 x ((1 + 4) x 3 + 20)".
    static func headFormula(_ head: DetectionHead) -> String {
        switch head {
        case let .yolo(anchors, classes): return "\(anchors) x (5 + \(classes))"
        case let .region(anchors, classes, coords): return "\(anchors) x (\(coords) + 1 + \(classes))"
        case let .detection(side, boxes, classes, coords): return "\(side) x \(side) x ((1 + \(coords)) x \(boxes) + \(classes))"
        }
    }
}
