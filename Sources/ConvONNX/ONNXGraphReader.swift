import Foundation
import ConvCore

/// What a tensor name stands for while a graph is read: the output of a row (an activation) or a
/// value fixed by the file.
enum ONNXValue {
    /// The output of builder node `index` (``GraphNode/graphInput`` for the graph's input).
    case activation(Int)
    /// An initializer, a Constant, or folded shape arithmetic.
    case constant(ONNXConstant)
}

/// Reads an ONNX GraphProto's nodes, in file order (ONNX requires a topological order), into a
/// ``GraphBuilder``. Every problem is thrown as ``ModelImportError/layer(location:problem:)``
/// naming the node ("node #12 '/features/Conv' (Conv)"), never a trap.
struct ONNXGraphReader {
    let graph: Onnx_GraphProto
    var builder: GraphBuilder
    var values: [String: ONNXValue] = [:]
    /// Every tensor some node writes, to tell "written later" (a cycle) from "never written".
    var written: Set<String> = []
    /// Elements per initializer name.
    var initializerElements: [String: Int] = [:]
    var uniqueElements = 0
    var externalInitializers = 0
    /// How many nodes read each initializer.
    var readers: [String: Int] = [:]
    var notes: [String] = []
    var operatorCounts: [String: Int] = [:]
    var batchNote: String?

    /// Sets up the graph input and the initializers.
    /// - Throws: ``ModelImportError/noInputSize(problem:)`` when the input's C, H or W is symbolic or
    ///   missing and `input` is nil; ``ModelImportError/layer(location:problem:)`` for negative or
    ///   overflowing dims.
    init(graph: Onnx_GraphProto, input: [Int]?) throws(ModelImportError) {
        self.graph = graph
        var initializerNames = Set<String>()
        for tensor in graph.initializer { initializerNames.insert(tensor.name) }
        let dataInputs = graph.input.filter { !initializerNames.contains($0.name) }
        guard let first = dataInputs.first else {
            throw .noInputSize(problem: "the graph has no input besides its initializers")
        }
        let size: [Int]
        if let input {
            guard input.count == 3 else { throw .noInputSize(problem: "--input needs C x H x W") }
            size = input
        } else {
            size = try Self.imageSize(of: first)
            let dims = Self.dims(of: first)
            if let batch = dims.first, let n = batch, n > 1 {
                batchNote = "the file's input '\(first.name)' has batch \(n); counted for batch 1"
            }
        }
        for (name, value) in zip(["channels", "height", "width"], size) where !ModelSummary.inputRange.contains(value) {
            throw .layer(location: "graph input '\(first.name)'", problem: "input \(name) \(value) is out of range; allowed: \(ModelSummary.inputRange)")
        }
        builder = GraphBuilder(input: size)
        values[first.name] = .activation(GraphNode.graphInput)

        for (offset, tensor) in graph.initializer.enumerated() {
            let location = "initializer #\(offset) '\(tensor.name)'"
            let dims = try Self.checkedDims(tensor.dims, location: location)
            let elements = try Self.elements(dims, location: location)
            if initializerElements[tensor.name] == nil {
                initializerElements[tensor.name] = elements
                let (total, overflow) = uniqueElements.addingReportingOverflow(elements)
                guard !overflow else { throw .layer(location: location, problem: "the initializers' element count overflows Int") }
                uniqueElements = total
                if tensor.dataLocation == .external { externalInitializers += 1 }
            }
            values[tensor.name] = .constant(ONNXConstant(tensor: tensor, dims: dims, elements: elements))
        }
        for extra in dataInputs.dropFirst() {
            let dims = Self.dims(of: extra)
            var shape: [Int] = []
            for (position, dim) in dims.enumerated() {
                if let dim, dim >= 1 { shape.append(dim) } else if position == 0, dim == nil { shape.append(1) } else { shape = []; break }
            }
            let location = "graph input '\(extra.name)'"
            let kind: LayerKind = shape.isEmpty ? .unknown(type: "Input") : .input(shape: shape)
            let index = try builder.append(GraphNode(name: extra.name, kind: kind, inputs: [], location: location), location: location)
            values[extra.name] = .activation(index)
        }
        for node in graph.node { for output in node.output where !output.isEmpty { written.insert(output) } }
    }

    // MARK: - Dims

    /// The dims of a ValueInfo's tensor type: a value, or nil for a symbolic or missing dim.
    static func dims(of info: Onnx_ValueInfoProto) -> [Int?] {
        guard case .tensorType? = info.type.value, info.type.tensorType.hasShape else { return [] }
        return info.type.tensorType.shape.dim.map { dim in
            if case let .dimValue(value)? = dim.value { return Int(value) }
            return nil
        }
    }

    /// [C, H, W] of an N x C x H x W graph input.
    static func imageSize(of info: Onnx_ValueInfoProto) throws(ModelImportError) -> [Int] {
        guard case .tensorType? = info.type.value, info.type.tensorType.hasShape else {
            throw .noInputSize(problem: "graph input '\(info.name)' has no shape")
        }
        let dims = info.type.tensorType.shape.dim
        let text = "[" + dims.map { dim -> String in
            switch dim.value {
            case let .dimValue(value)?: return String(value)
            case let .dimParam(name)?: return name.isEmpty ? "?" : name
            case nil: return "?"
            }
        }.joined(separator: ", ") + "]"
        guard dims.count == 4 else {
            throw .noInputSize(problem: "graph input '\(info.name)' has size \(text), not N x C x H x W")
        }
        var size: [Int] = []
        for dim in dims.dropFirst() {
            guard case let .dimValue(value)? = dim.value else {
                throw .noInputSize(problem: "graph input '\(info.name)' has size \(text) (symbolic or missing dims)")
            }
            guard value >= 1 else {
                throw .layer(location: "graph input '\(info.name)'", problem: "size \(text) has dim \(value); allowed: 1...\(maximumExtentText)")
            }
            size.append(Int(value))
        }
        return size
    }

    static let maximumExtentText = String(ModelSummary.inputRange.upperBound)

    /// Dims as Int, each at least 0.
    static func checkedDims(_ dims: [Int64], location: String) throws(ModelImportError) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(dims.count)
        for dim in dims {
            guard dim >= 0 else { throw .layer(location: location, problem: "dims \(dims) have a negative dim \(dim)") }
            result.append(Int(dim))
        }
        return result
    }

    /// The product of `dims`, overflow-checked.
    static func elements(_ dims: [Int], location: String) throws(ModelImportError) -> Int {
        var total = 1
        for dim in dims {
            let (product, overflow) = total.multipliedReportingOverflow(by: dim)
            guard !overflow else { throw .layer(location: location, problem: "dims \(dims) overflow Int when multiplied") }
            total = product
        }
        return total
    }

    // MARK: - Nodes

    /// Reads every node in order.
    mutating func readNodes() throws(ModelImportError) {
        for (index, node) in graph.node.enumerated() {
            try read(node, index: index)
        }
    }

    /// The problem text for an undefined input.
    func undefined(_ name: String) -> String {
        written.contains(name)
            ? "reads tensor '\(name)' before the node that writes it (a cycle, or nodes out of topological order)"
            : "reads tensor '\(name)', which no node, initializer or graph input defines"
    }

    mutating func read(_ node: Onnx_NodeProto, index: Int) throws(ModelImportError) {
        let op = node.opType
        let location = node.name.isEmpty ? "node #\(index) (\(op))" : "node #\(index) '\(node.name)' (\(op))"
        let name = node.name.isEmpty ? "\(op)_\(index)" : node.name
        guard !op.isEmpty else { throw .layer(location: location, problem: "has no op_type") }
        operatorCounts[op, default: 0] += 1
        var inputs: [ONNXValue?] = []
        var seen = Set<String>()
        for input in node.input {
            if input.isEmpty { inputs.append(nil); continue }
            guard let value = values[input] else { throw .layer(location: location, problem: undefined(input)) }
            inputs.append(value)
            if initializerElements[input] != nil, seen.insert(input).inserted { readers[input, default: 0] += 1 }
        }
        let context = ONNXNodeContext(node: node, location: location, inputs: inputs, builder: builder)
        let translation: ONNXTranslation
        if !node.domain.isEmpty, node.domain != "ai.onnx" {
            translation = .unknown(reason: "operator of domain '\(node.domain)'")
        } else {
            translation = try context.translate()
        }
        let outputs: [ONNXValue]
        switch translation {
        case let .layer(kind, layerInputs):
            let row = try builder.append(GraphNode(name: name, kind: kind, inputs: layerInputs, location: location), location: location)
            outputs = Array(repeating: .activation(row), count: max(node.output.count, 1))
        case let .padded(kind, pad, layerInputs):
            let padName = "\(name)/pads"
            let padRow = try builder.append(GraphNode(name: padName, kind: pad, inputs: layerInputs, location: location), location: location)
            let row = try builder.append(GraphNode(name: name, kind: kind, inputs: [padRow], location: location), location: location)
            if case let .pad2d(top, left, bottom, right, _) = pad {
                notes.append("\(name) (\(op)): its padding is not the same on both sides; the extra (top \(top), left \(left), bottom \(bottom), right \(right)) is the row \(padName) before it")
            }
            outputs = Array(repeating: .activation(row), count: max(node.output.count, 1))
        case let .value(constant):
            outputs = [.constant(constant)] + Array(repeating: .constant(.opaque), count: max(node.output.count - 1, 0))
        case let .alias(value):
            outputs = Array(repeating: value, count: max(node.output.count, 1))
        case let .unknown(reason):
            let reads = context.activations
            let before = builder.unknownOrigins.count
            let row = try builder.append(GraphNode(name: name, kind: .unknown(type: op), inputs: reads, location: location),
                                         location: location)
            if let reason, builder.unknownOrigins.count > before { notes.append("\(name) (\(op)): \(reason)") }
            outputs = Array(repeating: .activation(row), count: max(node.output.count, 1))
        }
        for (output, value) in zip(node.output, outputs) where !output.isEmpty {
            values[output] = value
        }
    }

    // MARK: - Report

    /// The summary with the ONNX counts and notes.
    func report(model: String, file: String, irVersion: Int, opset: Int?, producer: String) throws(ModelImportError) -> ONNXImporter.Report {
        var notes: [String] = []
        var header = "\(graph.node.count) ONNX nodes, \(initializerElements.count) initializers"
        header += " (ir_version \(irVersion)" + (opset.map { ", opset \($0)" } ?? "") + (producer.isEmpty ? "" : ", \(producer)") + ")"
        notes.append(header)
        if externalInitializers > 0 {
            notes.append("\(externalInitializers) initializers are stored as external data: counted from their dims; the data file is not read")
        }
        if let batchNote { notes.append(batchNote) }
        if !builder.unknownOrigins.isEmpty {
            notes.append("shape unknown after \(builder.unknownOrigins.joined(separator: ", ")): not an operator this importer infers")
        }
        notes += self.notes
        var shared = 0
        for (name, count) in readers where count > 1 {
            let (extra, overflow) = (initializerElements[name] ?? 0).multipliedReportingOverflow(by: count - 1)
            shared = overflow ? Int.max : shared.addingReportingOverflow(extra).partialValue
        }
        // Declared shapes are checked, never used.
        for info in graph.output + graph.valueInfo {
            guard case let .activation(index)? = values[info.name] else {
                if values[info.name] == nil, graph.output.contains(where: { $0.name == info.name }) {
                    throw .layer(location: "graph output '\(info.name)'", problem: "no node writes it")
                }
                continue
            }
            let computed = builder.shape(of: index)
            let declared = Self.dims(of: info)
            guard !computed.isEmpty, !declared.isEmpty else { continue }
            let disagrees = declared.count != computed.count
                || zip(declared, computed).enumerated().contains { position, pair in
                    guard let stated = pair.0 else { return false }
                    return position == 0 ? false : stated != pair.1
                }
            if disagrees {
                let text = declared.map { $0.map(String.init) ?? "?" }.joined(separator: ", ")
                notes.append("the file states '\(info.name)' is [\(text)]; computed \(computed)")
            }
        }
        let source = ModelSource(file: file, format: "onnx", parameterCounts: [], notes: [])
        var summary = try builder.summary(model: model, type: "ONNX", source: source)
        if shared > 0 {
            notes.append("\(shared) parameters are counted in more than one row (initializers read by several nodes): per-row sum \(summary.totalParams), each initializer once \(uniqueElements)")
        }
        summary.source = ModelSource(file: file, format: "onnx", parameterCounts: [
            .init(key: "onnx_initializers", label: "ONNX initializer elements, each initializer once (the file's weights and BatchNorm statistics)",
                  value: uniqueElements),
        ], notes: notes)
        return ONNXImporter.Report(summary: summary, nodeCount: graph.node.count, initializerElements: uniqueElements,
                                   sharedElements: shared, operatorCounts: operatorCounts)
    }
}
