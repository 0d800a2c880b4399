/// Walks a ``ModelNode`` tree in forward order, inferring every output shape analytically and
/// recording one ``ModelSummaryRow`` per module call (torchinfo's order: a container's row comes
/// before its children's). Used by ``ModelSummary/init(model:graph:input:batchSize:)``.
///
/// Every hyper-parameter is range-checked and every count is computed with overflow-checked
/// arithmetic, so no user-supplied graph or input can trap.
struct ShapeInference {
    /// A tensor flowing through the graph: its shape and the receptive field of one of its units.
    struct Flow {
        var shape: [Int]
        var field: ReceptiveField
    }

    /// What one leaf layer does to a flow, and what it costs.
    struct LeafResult {
        var flow: Flow
        var params: Int
        var multAdds: Int
        var macsWithoutBias: Int
    }

    private(set) var rows: [ModelSummaryRow?] = []
    private var depthCounters: [Int] = []

    /// Summarises `root` (the model row, depth 0) fed with `input`.
    mutating func run(_ root: ModelNode, input: Flow) throws(ModelError) -> Flow {
        // One row per module node: reserving them up front avoids copying the rows as they grow.
        rows.reserveCapacity(Self.moduleCount(root))
        return try visit(root, flow: input, depth: 0, parent: nil, prefix: nil)
    }

    /// The number of rows `node` gives (every node but the functional ones).
    static func moduleCount(_ node: ModelNode) -> Int {
        switch node {
        case .layer: return 1
        case .functional: return 0
        case let .graph(_, _, nodes): return 1 + nodes.count
        case let .sequence(_, _, children), let .concatenation(_, _, children), let .denseBlock(_, _, children):
            return children.reduce(1) { $0 + moduleCount($1) }
        case let .residual(_, _, body, shortcut, after):
            return (body + after).reduce(1 + (shortcut.map(moduleCount) ?? 0)) { $0 + moduleCount($1) }
        }
    }

    // MARK: - Tree walk

    private mutating func reserveRow(depth: Int) -> (index: Int, depthIndex: Int) {
        while depthCounters.count <= depth { depthCounters.append(0) }
        depthCounters[depth] += 1
        rows.append(nil)
        return (rows.count - 1, depth == 0 ? 0 : depthCounters[depth])
    }

    private mutating func visit(_ node: ModelNode, flow: Flow, depth: Int, parent: Int?,
                                prefix: String?) throws(ModelError) -> Flow {
        // The model row has path ""; its children are named by their attribute names.
        let path: String
        if let prefix { path = prefix.isEmpty ? node.name : "\(prefix).\(node.name)" } else { path = "" }
        let label = path.isEmpty ? node.typeName : path

        switch node {
        case let .functional(_, kind):
            return try Self.apply(kind, to: flow, layer: label).flow

        case let .layer(name, kind):
            let (index, depthIndex) = reserveRow(depth: depth)
            let result = try Self.apply(kind, to: flow, layer: label)
            rows[index] = ModelSummaryRow(
                name: name, path: path, type: kind.typeName, depth: depth, depthIndex: depthIndex,
                parent: parent, descendantCount: 0, kind: kind, block: nil, inputShape: flow.shape,
                outputShape: result.flow.shape, params: result.params, multAdds: result.multAdds,
                macsWithoutBias: result.macsWithoutBias, receptiveField: result.flow.field)
            return result.flow

        case let .sequence(name, type, children):
            let (index, depthIndex) = reserveRow(depth: depth)
            var current = flow
            for child in children {
                current = try visit(child, flow: current, depth: depth + 1, parent: index, prefix: path)
            }
            try fillContainer(index, name: name, path: path, type: type, depth: depth, depthIndex: depthIndex,
                              parent: parent, block: .sequence, input: flow, output: current)
            return current

        case let .concatenation(name, type, branches):
            guard !branches.isEmpty else { throw .emptyContainer(block: label, type: type) }
            let (index, depthIndex) = reserveRow(depth: depth)
            var outputs: [Flow] = []
            for branch in branches {
                outputs.append(try visit(branch, flow: flow, depth: depth + 1, parent: index, prefix: path))
            }
            let shapes = outputs.map(\.shape)
            let first = shapes[0]
            guard shapes.allSatisfy({ $0.count == 4 && $0[0] == first[0] && $0[2] == first[2] && $0[3] == first[3] })
            else { throw .branchMismatch(block: label, type: type, shapes: shapes) }
            var channels = 0
            var field = outputs[0].field
            for output in outputs {
                channels = try Self.sum(channels, output.shape[1], layer: label, quantity: "channels")
                field = field.merged(with: output.field)
            }
            let merged = Flow(shape: [first[0], channels, first[2], first[3]], field: field)
            try fillContainer(index, name: name, path: path, type: type, depth: depth, depthIndex: depthIndex,
                              parent: parent, block: .concatenation(branchChannels: shapes.map { $0[1] }),
                              input: flow, output: merged)
            return merged

        case let .residual(name, type, body, shortcut, after):
            let (index, depthIndex) = reserveRow(depth: depth)
            var current = flow
            for child in body {
                current = try visit(child, flow: current, depth: depth + 1, parent: index, prefix: path)
            }
            var identity = flow
            if let shortcut {
                identity = try visit(shortcut, flow: flow, depth: depth + 1, parent: index, prefix: path)
            }
            guard identity.shape == current.shape else {
                throw .branchMismatch(block: label, type: type, shapes: [current.shape, identity.shape])
            }
            current.field = current.field.merged(with: identity.field)
            for child in after {
                current = try visit(child, flow: current, depth: depth + 1, parent: index, prefix: path)
            }
            try fillContainer(index, name: name, path: path, type: type, depth: depth, depthIndex: depthIndex,
                              parent: parent, block: .residual(projection: shortcut != nil), input: flow, output: current)
            return current

        case let .graph(name, type, nodes):
            let (index, depthIndex) = reserveRow(depth: depth)
            var outputs: [Flow] = []
            outputs.reserveCapacity(nodes.count)
            for node in nodes {
                let nodePath = path.isEmpty ? node.name : "\(path).\(node.name)"
                let inputs = try Self.graphInputs(of: node, outputs: outputs, graphInput: flow, layer: nodePath)
                let (rowIndex, rowDepthIndex) = reserveRow(depth: depth + 1)
                let result = try Self.apply(node, inputs: inputs, layer: nodePath)
                rows[rowIndex] = ModelSummaryRow(
                    name: node.name, path: nodePath, type: node.kind.typeName, depth: depth + 1,
                    depthIndex: rowDepthIndex, parent: index, descendantCount: 0, kind: node.kind, block: nil,
                    inputShape: inputs.first?.shape ?? result.flow.shape, outputShape: result.flow.shape, params: result.params,
                    multAdds: result.multAdds, macsWithoutBias: result.macsWithoutBias,
                    receptiveField: result.flow.field)
                outputs.append(result.flow)
            }
            try fillContainer(index, name: name, path: path, type: type, depth: depth, depthIndex: depthIndex,
                              parent: parent, block: .sequence, input: flow, output: outputs.last ?? flow)
            return outputs.last ?? flow

        case let .denseBlock(name, type, layers):
            let (index, depthIndex) = reserveRow(depth: depth)
            guard flow.shape.count == 4 else {
                throw .wrongRank(layer: label, type: type, expected: "N x C x H x W", input: flow.shape)
            }
            var running = flow
            var growth: [Int] = []
            for layer in layers {
                let output = try visit(layer, flow: running, depth: depth + 1, parent: index, prefix: path)
                let shape = output.shape
                guard shape.count == 4, shape[0] == running.shape[0], shape[2] == running.shape[2],
                      shape[3] == running.shape[3]
                else { throw .branchMismatch(block: label, type: type, shapes: [running.shape, shape]) }
                running.shape[1] = try Self.sum(running.shape[1], shape[1], layer: label, quantity: "channels")
                running.field = running.field.merged(with: output.field)
                growth.append(shape[1])
            }
            try fillContainer(index, name: name, path: path, type: type, depth: depth, depthIndex: depthIndex,
                              parent: parent, block: .denseBlock(inputChannels: flow.shape[1], layerChannels: growth),
                              input: flow, output: running)
            return running
        }
    }

    private mutating func fillContainer(_ index: Int, name: String, path: String, type: String, depth: Int,
                                        depthIndex: Int, parent: Int?, block: ModelSummaryRow.BlockStructure,
                                        input: Flow, output: Flow) throws(ModelError) {
        let label = path.isEmpty ? type : path
        var params = 0, multAdds = 0, macs = 0
        for row in rows[(index + 1)...].lazy.compactMap({ $0 }) where row.isLeaf {
            params = try Self.sum(params, row.params, layer: label, quantity: "parameter count")
            multAdds = try Self.sum(multAdds, row.multAdds, layer: label, quantity: "multiply-adds")
            macs = try Self.sum(macs, row.macsWithoutBias, layer: label, quantity: "multiply-accumulates")
        }
        rows[index] = ModelSummaryRow(
            name: name, path: path, type: type, depth: depth, depthIndex: depthIndex, parent: parent,
            descendantCount: rows.count - index - 1, kind: nil, block: block, inputShape: input.shape,
            outputShape: output.shape, params: params, multAdds: multAdds, macsWithoutBias: macs,
            receptiveField: output.field)
    }

    // MARK: - Leaf layers

    /// Applies one leaf layer to a flow: output shape (PyTorch's rules), receptive field,
    /// parameters and multiply-adds (torchinfo 1.8's counts; see ``ModelSummaryRow``).
    static func apply(_ kind: LayerKind, to flow: Flow, layer: String) throws(ModelError) -> LeafResult {
        let shape = flow.shape
        switch kind {
        case .pool2d, .convTranspose2d, .locallyConnected2d, .concat, .elementwise, .crop, .upsample, .reorg, .reshape,
             .pad2d, .transpose, .resize, .reduce,
             .passThrough, .prelu, .scale, .batchNormStatistics, .detectionHead, .input, .unknown:
            return try applyImported(kind, inputs: [flow], layer: layer)

        case let .conv2d(inChannels, outChannels, kernel, stride, padding, dilation, groups, bias):
            let (n, c, h, w) = try spatial(shape, layer: layer, type: kind.typeName)
            try check(layer, "in_channels", inChannels, 1...maximumExtent)
            try check(layer, "out_channels", outChannels, 1...maximumExtent)
            try check(layer, "groups", groups, 1...maximumExtent)
            try checkWindow(layer, kernel: kernel, stride: stride, padding: padding, dilation: dilation)
            guard c == inChannels else {
                throw .channelMismatch(layer: layer, type: kind.typeName, expected: inChannels, input: shape)
            }
            guard inChannels % groups == 0 else {
                throw .channelsNotDivisibleByGroups(layer: layer, channels: inChannels, groups: groups)
            }
            guard outChannels % groups == 0 else {
                throw .channelsNotDivisibleByGroups(layer: layer, channels: outChannels, groups: groups)
            }
            let oh = windowCount(input: h, kernel: kernel.height, stride: stride.height, padding: padding.height,
                                 dilation: dilation.height, ceilMode: false)
            let ow = windowCount(input: w, kernel: kernel.width, stride: stride.width, padding: padding.width,
                                 dilation: dilation.width, ceilMode: false)
            let output = [n, outChannels, oh, ow]
            guard oh >= 1, ow >= 1 else {
                throw .outputTooSmall(layer: layer, type: kind.typeName,
                                      geometry: geometry(kernel: kernel, stride: stride, padding: padding, dilation: dilation),
                                      input: shape, output: output.map { max($0, 0) })
            }
            let weights = try product([outChannels, inChannels / groups, kernel.height, kernel.width],
                                      layer: layer, quantity: "parameter count")
            let params = try sum(weights, bias ? outChannels : 0, layer: layer, quantity: "parameter count")
            let multAdds = try product([params, n, oh, ow], layer: layer, quantity: "multiply-adds")
            let macs = try product([weights, n, oh, ow], layer: layer, quantity: "multiply-accumulates")
            let field = try through(flow.field, kernel: kernel, stride: stride, padding: padding,
                                    dilation: dilation, layer: layer)
            return LeafResult(flow: Flow(shape: output, field: field), params: params, multAdds: multAdds,
                              macsWithoutBias: macs)

        case let .maxPool2d(kernel, stride, padding, ceilMode), let .avgPool2d(kernel, stride, padding, ceilMode):
            let (n, c, h, w) = try spatial(shape, layer: layer, type: kind.typeName)
            try checkWindow(layer, kernel: kernel, stride: stride, padding: padding, dilation: HeightWidth(1))
            for (p, k) in [(padding.height, kernel.height), (padding.width, kernel.width)] where p > k / 2 {
                throw .poolingPaddingTooLarge(layer: layer, padding: p, kernelSize: k)
            }
            let oh = windowCount(input: h, kernel: kernel.height, stride: stride.height, padding: padding.height,
                                 dilation: 1, ceilMode: ceilMode)
            let ow = windowCount(input: w, kernel: kernel.width, stride: stride.width, padding: padding.width,
                                 dilation: 1, ceilMode: ceilMode)
            let output = [n, c, oh, ow]
            guard oh >= 1, ow >= 1 else {
                let mode = ceilMode ? ", ceil_mode" : ""
                throw .outputTooSmall(layer: layer, type: kind.typeName,
                                      geometry: geometry(kernel: kernel, stride: stride, padding: padding, dilation: nil) + mode,
                                      input: shape, output: output.map { max($0, 0) })
            }
            let field = try through(flow.field, kernel: kernel, stride: stride, padding: padding,
                                    dilation: HeightWidth(1), layer: layer)
            return LeafResult(flow: Flow(shape: output, field: field), params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .adaptiveAvgPool2d(outputSize):
            let (n, c, h, w) = try spatial(shape, layer: layer, type: kind.typeName)
            try check(layer, "output height", outputSize.height, 1...maximumExtent)
            try check(layer, "output width", outputSize.width, 1...maximumExtent)
            var field = flow.field
            if h % outputSize.height == 0, w % outputSize.width == 0 {
                // Equal bins: exactly a pool with kernel = stride = input/output.
                let window = HeightWidth(height: h / outputSize.height, width: w / outputSize.width)
                field = try through(field, kernel: window, stride: window, padding: HeightWidth(0),
                                    dilation: HeightWidth(1), layer: layer)
            } else {
                field = field.wholeInput
            }
            return LeafResult(flow: Flow(shape: [n, c, outputSize.height, outputSize.width], field: field),
                              params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .batchNorm2d(numFeatures):
            let (n, c, _, _) = try spatial(shape, layer: layer, type: kind.typeName)
            try check(layer, "num_features", numFeatures, 1...maximumExtent)
            guard c == numFeatures else {
                throw .channelMismatch(layer: layer, type: kind.typeName, expected: numFeatures, input: shape)
            }
            let params = 2 * numFeatures
            let multAdds = try product([n, params], layer: layer, quantity: "multiply-adds")
            return LeafResult(flow: flow, params: params, multAdds: multAdds, macsWithoutBias: 0)

        case let .localResponseNorm(size):
            _ = try spatial(shape, layer: layer, type: kind.typeName)
            try check(layer, "size", size, 1...maximumExtent)
            return LeafResult(flow: flow, params: 0, multAdds: 0, macsWithoutBias: 0)

        case .relu:
            return LeafResult(flow: flow, params: 0, multAdds: 0, macsWithoutBias: 0)

        case let .dropout(probability):
            guard probability >= 0, probability <= 1 else {
                throw .probabilityOutOfRange(layer: layer, value: probability)
            }
            return LeafResult(flow: flow, params: 0, multAdds: 0, macsWithoutBias: 0)

        case .flatten:
            guard shape.count >= 2 else {
                throw .wrongRank(layer: layer, type: kind.typeName, expected: "N x C x ...", input: shape)
            }
            let features = try product(Array(shape.dropFirst()), layer: layer, quantity: "flattened features")
            return LeafResult(flow: Flow(shape: [shape[0], features], field: flow.field), params: 0, multAdds: 0,
                              macsWithoutBias: 0)

        case let .linear(inFeatures, outFeatures, bias):
            try check(layer, "in_features", inFeatures, 1...maximumExtent)
            try check(layer, "out_features", outFeatures, 1...maximumExtent)
            guard shape.count == 2 else {
                throw .wrongRank(layer: layer, type: kind.typeName, expected: "N x F (flattened)", input: shape)
            }
            guard shape[1] == inFeatures else {
                throw .channelMismatch(layer: layer, type: kind.typeName, expected: inFeatures, input: shape)
            }
            let weights = try product([inFeatures, outFeatures], layer: layer, quantity: "parameter count")
            let params = try sum(weights, bias ? outFeatures : 0, layer: layer, quantity: "parameter count")
            let multAdds = try product([shape[0], params], layer: layer, quantity: "multiply-adds")
            let macs = try product([shape[0], weights], layer: layer, quantity: "multiply-accumulates")
            return LeafResult(flow: Flow(shape: [shape[0], outFeatures], field: flow.field.wholeInput),
                              params: params, multAdds: multAdds, macsWithoutBias: macs)
        }
    }

    /// The number of window positions along one axis, as PyTorch's `pooling_output_shape`
    /// (used by both `conv2d`, with `ceilMode` false, and the pooling layers):
    ///
    ///     o = floor_or_ceil((i + 2p - d(k-1) - 1) / s) + 1
    ///     if ceilMode and (o - 1)·s >= i + p: o -= 1   (the last window must start inside the
    ///                                                   input or the left padding)
    ///
    /// | i | k | s | p | floor | ceil |
    /// |---|---|---|---|-------|------|
    /// | 5 | 2 | 2 | 0 | 2     | 3    |
    /// | 6 | 3 | 2 | 1 | 3     | 4    |
    /// | 112 | 3 | 2 | 0 | 55  | 56   |
    ///
    /// Floor division throughout: a negative numerator gives 0 or less, which callers reject.
    /// Delegates to the one implementation of each rule: ``ConvAxis`` (floor mode) and
    /// ``PoolAxis`` (ceil mode); 0 when no window fits (callers report the layer).
    static func windowCount(input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int, ceilMode: Bool) -> Int {
        if ceilMode {
            return (try? PoolAxis(inputSize: input, kernelSize: kernel, stride: stride, padding: padding,
                                  dilation: dilation, ceilMode: true))?.outputSize ?? 0
        }
        return (try? ConvAxis(inputSize: input, kernelSize: kernel, stride: stride, padding: .explicit(padding),
                              dilation: dilation))?.outputSize ?? 0
    }

    // MARK: - Checked helpers

    static func spatial(_ shape: [Int], layer: String, type: String) throws(ModelError) -> (Int, Int, Int, Int) {
        guard shape.count == 4 else {
            throw .wrongRank(layer: layer, type: type, expected: "N x C x H x W", input: shape)
        }
        return (shape[0], shape[1], shape[2], shape[3])
    }

    static func check(_ layer: String, _ name: String, _ value: Int,
                              _ allowed: ClosedRange<Int>) throws(ModelError) {
        guard allowed.contains(value) else {
            throw .outOfRange(layer: layer, name: name, value: value, allowed: allowed)
        }
    }

    static func checkWindow(_ layer: String, kernel: HeightWidth, stride: HeightWidth, padding: HeightWidth,
                                    dilation: HeightWidth) throws(ModelError) {
        try check(layer, "kernel height", kernel.height, 1...maximumExtent)
        try check(layer, "kernel width", kernel.width, 1...maximumExtent)
        try check(layer, "stride height", stride.height, 1...maximumExtent)
        try check(layer, "stride width", stride.width, 1...maximumExtent)
        try check(layer, "padding height", padding.height, 0...maximumExtent)
        try check(layer, "padding width", padding.width, 0...maximumExtent)
        try check(layer, "dilation height", dilation.height, 1...maximumExtent)
        try check(layer, "dilation width", dilation.width, 1...maximumExtent)
    }

    static func geometry(kernel: HeightWidth, stride: HeightWidth, padding: HeightWidth,
                                 dilation: HeightWidth?) -> String {
        var text = "kernel \(kernel), stride \(stride), padding \(padding)"
        if let dilation, dilation != HeightWidth(1) { text += ", dilation \(dilation)" }
        return text
    }

    static func through(_ field: ReceptiveField, kernel: HeightWidth, stride: HeightWidth,
                                padding: HeightWidth, dilation: HeightWidth, layer: String) throws(ModelError) -> ReceptiveField {
        guard let next = field.through(kernelSize: kernel, stride: stride, padding: padding, dilation: dilation) else {
            throw .arithmeticOverflow(layer: layer, quantity: "receptive field")
        }
        return next
    }

    /// The product of `factors`, or an error naming `quantity` when it would overflow.
    static func product(_ factors: [Int], layer: String, quantity: String) throws(ModelError) -> Int {
        var result = 1
        for factor in factors {
            let step = result.multipliedReportingOverflow(by: factor)
            guard !step.overflow else { throw .arithmeticOverflow(layer: layer, quantity: quantity) }
            result = step.partialValue
        }
        return result
    }

    /// `a + b`, or an error naming `quantity` when it would overflow.
    static func sum(_ a: Int, _ b: Int, layer: String, quantity: String) throws(ModelError) -> Int {
        let step = a.addingReportingOverflow(b)
        guard !step.overflow else { throw .arithmeticOverflow(layer: layer, quantity: quantity) }
        return step.partialValue
    }
}
