import Foundation

/// ONNX messages (onnx.proto field numbers) written with ``ProtobufMessage``: the benchmark's
/// synthetic VGG16 and ResNet-50 with their weights inside the file, and the tests' small and
/// malformed graphs.
///
///     let model = ONNXModelWriter.vgg16(weights: .inside)   // 553 MB of float zeros as raw_data
///     try model.write(to: url)
public enum ONNXModelWriter {
    /// Where an initializer's data is.
    public enum Weights: Sendable {
        /// raw_data of zeros inside the file (4 bytes per FLOAT element).
        case inside
        /// `data_location: EXTERNAL` naming a file that is not written.
        case external
        /// No data at all (dims and data type only).
        case none
    }

    /// A FLOAT initializer `name` of `dims`.
    public static func tensor(_ name: String, dims: [Int64], weights: Weights = .none, dataType: Int64 = 1) -> ProtobufMessage {
        var tensor = ProtobufMessage()
        for dim in dims { tensor.varint(1, dim) }
        tensor.varint(2, dataType)
        tensor.string(8, name)
        let elements = dims.reduce(Int64(1)) { $0.multipliedReportingOverflow(by: $1).partialValue }
        switch weights {
        case .inside:
            tensor.zeros(9, count: Int(max(elements, 0)) * 4)
        case .external:
            var entry = ProtobufMessage()
            entry.string(1, "location")
            entry.string(2, "weights.bin")
            tensor.message(13, entry)
            tensor.varint(14, 1)
        case .none:
            break
        }
        return tensor
    }

    /// An INT64 initializer with its values (a Reshape shape).
    public static func integers(_ name: String, _ values: [Int64]) -> ProtobufMessage {
        var tensor = ProtobufMessage()
        tensor.varint(1, Int64(values.count))
        tensor.varint(2, 7)
        for value in values { tensor.varint(7, value) }
        tensor.string(8, name)
        return tensor
    }

    /// A FLOAT initializer with its values in float_data (Resize scales).
    public static func reals(_ name: String, _ values: [Float]) -> ProtobufMessage {
        var tensor = ProtobufMessage()
        tensor.varint(1, Int64(values.count))
        tensor.varint(2, 1)
        for value in values { tensor.float(4, value) }
        tensor.string(8, name)
        return tensor
    }

    /// An attribute: INT (`int`), INTS (`ints`), STRING (`text`) or FLOAT (`float`).
    public static func attribute(_ name: String, int: Int64? = nil, ints: [Int64]? = nil, text: String? = nil,
                                 float: Float? = nil) -> ProtobufMessage {
        var attribute = ProtobufMessage()
        attribute.string(1, name)
        if let float { attribute.float(2, float); attribute.varint(20, 1) }
        if let int { attribute.varint(3, int); attribute.varint(20, 2) }
        if let text { attribute.string(4, text); attribute.varint(20, 3) }
        if let ints { for value in ints { attribute.varint(8, value) }; attribute.varint(20, 7) }
        return attribute
    }

    /// A node of the default domain.
    public static func node(_ op: String, name: String, inputs: [String], outputs: [String],
                            attributes: [ProtobufMessage] = []) -> ProtobufMessage {
        var node = ProtobufMessage()
        for input in inputs { node.string(1, input) }
        for output in outputs { node.string(2, output) }
        node.string(3, name)
        node.string(4, op)
        for attribute in attributes { node.message(5, attribute) }
        return node
    }

    /// A FLOAT tensor ValueInfo with `dims` (nil for a symbolic dim named after its position).
    public static func valueInfo(_ name: String, dims: [Int64?]) -> ProtobufMessage {
        var shape = ProtobufMessage()
        for (position, dim) in dims.enumerated() {
            var dimension = ProtobufMessage()
            if let dim { dimension.varint(1, dim) } else { dimension.string(2, "d\(position)") }
            shape.message(1, dimension)
        }
        var tensorType = ProtobufMessage()
        tensorType.varint(1, 1)
        tensorType.message(2, shape)
        var type = ProtobufMessage()
        type.message(1, tensorType)
        var info = ProtobufMessage()
        info.string(1, name)
        info.message(2, type)
        return info
    }

    /// A ModelProto (ir_version 8, opset 17) holding one graph.
    public static func model(nodes: [ProtobufMessage], initializers: [ProtobufMessage], inputs: [ProtobufMessage],
                             outputs: [ProtobufMessage], name: String = "graph") -> ProtobufMessage {
        var graph = ProtobufMessage()
        for node in nodes { graph.message(1, node) }
        graph.string(2, name)
        for initializer in initializers { graph.message(5, initializer) }
        for input in inputs { graph.message(11, input) }
        for output in outputs { graph.message(12, output) }
        var opset = ProtobufMessage()
        opset.string(1, "")
        opset.varint(2, 17)
        var model = ProtobufMessage()
        model.varint(1, 8)
        model.string(2, "convscope-synthetic")
        model.message(7, graph)
        model.message(8, opset)
        return model
    }

    /// Collects nodes and initializers of a chain of layers.
    struct Chain {
        var nodes: [ProtobufMessage] = []
        var initializers: [ProtobufMessage] = []
        let weights: Weights
        var counter = 0

        mutating func fresh(_ prefix: String) -> String {
            counter += 1
            return "\(prefix)_\(counter)"
        }

        mutating func conv(_ input: String, _ inChannels: Int64, _ outChannels: Int64, kernel: Int64, stride: Int64 = 1,
                           pad: Int64 = 0) -> String {
            let name = fresh("conv"), output = name + "_out"
            initializers.append(tensor(name + ".weight", dims: [outChannels, inChannels, kernel, kernel], weights: weights))
            initializers.append(tensor(name + ".bias", dims: [outChannels], weights: weights))
            nodes.append(node("Conv", name: name, inputs: [input, name + ".weight", name + ".bias"], outputs: [output], attributes: [
                attribute("kernel_shape", ints: [kernel, kernel]), attribute("strides", ints: [stride, stride]),
                attribute("pads", ints: [pad, pad, pad, pad]), attribute("group", int: 1), attribute("dilations", ints: [1, 1]),
            ]))
            return output
        }

        mutating func unary(_ op: String, _ input: String, attributes: [ProtobufMessage] = []) -> String {
            let name = fresh(op.lowercased()), output = name + "_out"
            nodes.append(node(op, name: name, inputs: [input], outputs: [output], attributes: attributes))
            return output
        }

        mutating func add(_ a: String, _ b: String) -> String {
            let name = fresh("add"), output = name + "_out"
            nodes.append(node("Add", name: name, inputs: [a, b], outputs: [output]))
            return output
        }

        mutating func maxPool(_ input: String, kernel: Int64, stride: Int64, pad: Int64 = 0) -> String {
            unary("MaxPool", input, attributes: [attribute("kernel_shape", ints: [kernel, kernel]),
                                                 attribute("strides", ints: [stride, stride]),
                                                 attribute("pads", ints: [pad, pad, pad, pad])])
        }

        mutating func gemm(_ input: String, _ inFeatures: Int64, _ outFeatures: Int64) -> String {
            let name = fresh("fc"), output = name + "_out"
            initializers.append(tensor(name + ".weight", dims: [outFeatures, inFeatures], weights: weights))
            initializers.append(tensor(name + ".bias", dims: [outFeatures], weights: weights))
            nodes.append(node("Gemm", name: name, inputs: [input, name + ".weight", name + ".bias"], outputs: [output],
                              attributes: [attribute("transB", int: 1)]))
            return output
        }

        func model(output: String) -> ProtobufMessage {
            ONNXModelWriter.model(nodes: nodes, initializers: initializers, inputs: [valueInfo("input", dims: [1, 3, 224, 224])],
                                  outputs: [valueInfo(output, dims: [1, 1000])])
        }
    }

    /// torchvision's VGG16 as the exporter writes it (13 Conv + Relu, 5 MaxPool, Flatten, 3 Gemm;
    /// 138,357,544 parameters = 553,430,176 bytes of FLOAT weights when `weights` is `.inside`).
    public static func vgg16(weights: Weights) -> ProtobufMessage {
        var chain = Chain(weights: weights)
        var x = "input"
        var channels: Int64 = 3
        for stage in [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]] as [[Int64]] {
            for width in stage {
                x = chain.unary("Relu", chain.conv(x, channels, width, kernel: 3, pad: 1))
                channels = width
            }
            x = chain.maxPool(x, kernel: 2, stride: 2)
        }
        x = chain.unary("Flatten", x, attributes: [attribute("axis", int: 1)])
        x = chain.unary("Relu", chain.gemm(x, 25_088, 4096))
        x = chain.unary("Relu", chain.gemm(x, 4096, 4096))
        x = chain.gemm(x, 4096, 1000)
        return chain.model(output: x)
    }

    /// torchvision's ResNet-50 with BatchNorm folded into each Conv, as the exporter writes it
    /// (53 Conv with bias, 16 Add; 25,530,472 numbers = 102 MB of FLOAT weights when `.inside`).
    public static func resnet50(weights: Weights) -> ProtobufMessage {
        var chain = Chain(weights: weights)
        var x = chain.unary("Relu", chain.conv("input", 3, 64, kernel: 7, stride: 2, pad: 3))
        x = chain.maxPool(x, kernel: 3, stride: 2, pad: 1)
        var channels: Int64 = 64
        for (blocks, width, firstStride) in [(3, 64, 1), (4, 128, 2), (6, 256, 2), (3, 512, 2)] as [(Int, Int64, Int64)] {
            for block in 0..<blocks {
                let stride = block == 0 ? firstStride : 1
                var y = chain.unary("Relu", chain.conv(x, channels, width, kernel: 1))
                y = chain.unary("Relu", chain.conv(y, width, width, kernel: 3, stride: stride, pad: 1))
                y = chain.conv(y, width, width * 4, kernel: 1)
                let shortcut = block == 0 ? chain.conv(x, channels, width * 4, kernel: 1, stride: stride) : x
                x = chain.unary("Relu", chain.add(y, shortcut))
                channels = width * 4
            }
        }
        x = chain.unary("GlobalAveragePool", x)
        x = chain.unary("Flatten", x, attributes: [attribute("axis", int: 1)])
        x = chain.gemm(x, 2048, 1000)
        return chain.model(output: x)
    }
}
