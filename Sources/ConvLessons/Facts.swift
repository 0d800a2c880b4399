import ConvCore

/// The registry of facts lessons may ask for. Every number a lesson shows or checks comes from
/// here, and every fact is a thin call into ConvCore: the lesson layer computes nothing itself.
///
///     let q = FactQuery(name: "conv_params", arguments: ["cin": .scalar("128"), "cout": .scalar("64"), "k": .scalar("3")])
///     try Facts.evaluate(q).formatted   // "73,728"
///
/// Shapes of feature maps are given height x width x channels, as the lecture writes them
/// (YOLO's 7 x 7 x 30, the RPN's H x W x 54); layer shapes from the model zoo are
/// channels x height x width, as PyTorch and torchinfo print them.
public enum Facts {
    /// Every fact, by name.
    public static let all: [FactDefinition] = convolution + models + detection

    /// The fact named `name`.
    /// - Throws: ``FactError`` listing every fact name.
    public static func definition(named name: String) throws(FactError) -> FactDefinition {
        guard let d = all.first(where: { $0.name == name }) else {
            throw FactError("unknown fact '\(name)'; allowed: \(names.joined(separator: ", "))")
        }
        return d
    }

    /// Every fact name, in registry order.
    public static var names: [String] { all.map(\.name) }

    /// Checks and evaluates `query`.
    /// - Throws: ``FactError`` for an unknown fact, a bad parameter, or a configuration the core refuses.
    public static func evaluate(_ query: FactQuery) throws(FactError) -> FactValue {
        let d = try definition(named: query.name)
        return try d.evaluate(try d.arguments(from: query.arguments))
    }

    // MARK: - Parameters used by several facts

    static let size = 1...(1 << 20)
    static func count(_ name: String, _ summary: String, default value: Int? = nil, range: ClosedRange<Int> = size) -> FactParameter {
        FactParameter(name, .integer(range), default: value.map { .scalar(String($0)) }, summary)
    }
    static func zeroOrMore(_ name: String, _ summary: String, default value: Int = 0) -> FactParameter {
        FactParameter(name, .integer(0...(1 << 20)), default: .scalar(String(value)), summary)
    }
    static func flag(_ name: String, _ summary: String, default value: Bool) -> FactParameter {
        FactParameter(name, .flag, default: .scalar(value ? "true" : "false"), summary)
    }
    static let channels = 1...65536
    static let model = FactParameter("model", .choice(ModelZoo.names), "a model of the zoo (alexnet, vgg16, ...)")
    static let input = FactParameter("input", .integerList(1...4096), default: .list([]),
                                     "[C, H, W] (default: the model's own input)")
    static let convention = FactParameter("convention", .choice(AnchorConvention.allCases.map(\.rawValue)),
                                          default: .scalar(AnchorConvention.pyFasterRCNN.rawValue),
                                          "anchor convention: py-faster-rcnn or torchvision")

    static func inputShape(_ a: FactArguments) throws(FactError) -> [Int]? {
        let list = a.list("input")
        if list.isEmpty { return nil }
        guard list.count == 3 else { throw FactError("input \(list) is not valid; allowed: [C, H, W]") }
        return list
    }

    // MARK: - Convolution, pooling, transposed convolution

    static let convolution: [FactDefinition] = [
        FactDefinition(
            "conv_output_size",
            "o = floor((i + 2p - d(k-1) - 1)/s) + 1 (Dumoulin & Visin 2016, relationships 1-6, 15)",
            [count("i", "input size"), count("k", "kernel size"), count("s", "stride", default: 1),
             zeroOrMore("p", "padding on each side"), count("d", "dilation", default: 1)]
        ) { a throws(FactError) in
            .integer(try core { () throws(ConvError) in
                try ConvAxis(inputSize: a.int("i"), kernelSize: a.int("k"), stride: a.int("s"),
                             padding: .explicit(a.int("p")), dilation: a.int("d")).outputSize
            })
        },
        FactDefinition(
            "conv_padded_size", "i + 2p: the input with p zeros on each side",
            [count("i", "input size"), zeroOrMore("p", "padding on each side")]
        ) { a throws(FactError) in
            .integer(try core { () throws(ConvError) in
                try ConvAxis(inputSize: a.int("i"), kernelSize: 1, padding: .explicit(a.int("p"))).paddedSize
            })
        },
        FactDefinition(
            "same_padding",
            "zeros before (side before) or after the input that keep o = i at stride 1: d(k-1)/2 split as PyTorch's padding='same' does",
            [count("k", "kernel size", range: 1...4096), count("d", "dilation", default: 1, range: 1...4096),
             FactParameter("side", .choice(["before", "after"]), default: .scalar("before"), "before or after")]
        ) { a throws(FactError) in
            let p = try core { () throws(ConvError) in
                try Padding.same.resolve(kernelSize: a.int("k"), dilation: a.int("d"), stride: 1)
            }
            return .integer(a.text("side") == "after" ? p.after : p.before)
        },
        FactDefinition(
            "conv_output_shape",
            "H_out x W_out x C_out of a square convolution: one output channel per filter",
            [count("i", "input size"), count("k", "kernel size"), count("s", "stride", default: 1),
             zeroOrMore("p", "padding on each side"), count("cin", "input channels", default: 1, range: channels),
             count("cout", "output channels (filters)", range: channels)]
        ) { a throws(FactError) in
            let g = try core { () throws(ConvError) in
                try Conv2dGeometry(inputChannels: a.int("cin"), outputChannels: a.int("cout"),
                                   inputSize: (a.int("i"), a.int("i")), kernelSize: (a.int("k"), a.int("k")),
                                   stride: (a.int("s"), a.int("s")), padding: (.explicit(a.int("p")), .explicit(a.int("p"))))
            }
            return .shape([g.height.outputSize, g.width.outputSize, g.outputChannels])
        },
        FactDefinition(
            "conv_params",
            "C_out·(C_in/groups)·k·k weights, plus C_out biases when bias (torch.nn.Conv2d)",
            [count("cin", "input channels", range: channels), count("cout", "output channels", range: channels),
             count("k", "kernel size", range: 1...4096), count("groups", "channel groups", default: 1, range: channels),
             flag("bias", "count the biases", default: false)]
        ) { a throws(FactError) in
            let k = a.int("k")
            let g = try core { () throws(ConvError) in
                try Conv2dGeometry(inputChannels: a.int("cin"), outputChannels: a.int("cout"), groups: a.int("groups"),
                                   inputSize: (k, k), kernelSize: (k, k))
            }
            return .integer(g.parameterCount(bias: a.flag("bias")))
        },
        FactDefinition(
            "conv_mult_adds",
            "multiply-adds of a square convolution: C_out·(C_in/groups)·k·k·H_out·W_out (bias excluded unless bias)",
            [count("cin", "input channels", range: channels), count("cout", "output channels", range: channels),
             count("k", "kernel size", range: 1...4096), count("i", "input size", range: 1...4096),
             count("s", "stride", default: 1), zeroOrMore("p", "padding on each side"),
             flag("bias", "count the bias additions", default: false)]
        ) { a throws(FactError) in
            let g = try core { () throws(ConvError) in
                try Conv2dGeometry(inputChannels: a.int("cin"), outputChannels: a.int("cout"),
                                   inputSize: (a.int("i"), a.int("i")), kernelSize: (a.int("k"), a.int("k")),
                                   stride: (a.int("s"), a.int("s")), padding: (.explicit(a.int("p")), .explicit(a.int("p"))))
            }
            return .integer(g.multiplyAdds(bias: a.flag("bias")))
        },
        FactDefinition(
            "linear_params", "in·out weights, plus out biases when bias (torch.nn.Linear)",
            [count("in", "input features"), count("out", "output features"), flag("bias", "count the biases", default: true)]
        ) { a throws(FactError) in
            let graph = ModelNode.sequence(name: "", type: "Sequential", children: [
                .layer(name: "0", kind: .flatten),
                .layer(name: "1", kind: .linear(inFeatures: a.int("in"), outFeatures: a.int("out"), bias: a.flag("bias"))),
            ])
            let summary = try core { () throws(ModelError) in
                try ModelSummary(model: "linear", graph: graph, input: [a.int("in"), 1, 1])
            }
            return .integer(summary.totalParams)
        },
        FactDefinition(
            "pool_output_size",
            "pooling windows along one axis (torch.nn.MaxPool2d; ceil mode with PyTorch's last-window rule)",
            [count("i", "input size"), count("k", "window size"), count("s", "stride"),
             zeroOrMore("p", "padding on each side"), flag("ceil", "ceil mode", default: false)]
        ) { a throws(FactError) in
            .integer(try core { () throws(PoolError) in
                try PoolAxis(inputSize: a.int("i"), kernelSize: a.int("k"), stride: a.int("s"), padding: a.int("p"),
                             ceilMode: a.flag("ceil")).outputSize
            })
        },
        FactDefinition(
            "transposed_output_size",
            "o' = (i'-1)s - 2p + d(k-1) + output_padding + 1 (torch.nn.ConvTranspose2d; Dumoulin & Visin relationship 14)",
            [count("i", "input size"), count("k", "kernel size"), count("s", "stride", default: 1),
             zeroOrMore("p", "padding"), zeroOrMore("output_padding", "output_padding"), count("d", "dilation", default: 1)]
        ) { a throws(FactError) in
            .integer(try transposedAxis(a).outputSize)
        },
        FactDefinition(
            "transposed_stretched_size", "(i'-1)s + 1: the input with s-1 zeros inserted between pixels",
            [count("i", "input size"), count("s", "stride", default: 1)]
        ) { a throws(FactError) in
            .integer(try core { () throws(ConvTransposeError) in
                try ConvTransposeAxis(inputSize: a.int("i"), kernelSize: 1, stride: a.int("s")).stretchedSize
            })
        },
        FactDefinition(
            "transposed_zeros_between", "s-1 zeros inserted between input pixels (Dumoulin & Visin relationship 13)",
            [count("s", "stride")]
        ) { a throws(FactError) in
            .integer(try core { () throws(ConvTransposeError) in
                try ConvTransposeAxis(inputSize: 2, kernelSize: 1, stride: a.int("s")).zerosBetween
            })
        },
        FactDefinition(
            "transposed_direct_padding",
            "zeros before (d(k-1)-p) or after (d(k-1)-p+output_padding) in the equivalent direct convolution",
            [count("i", "input size", default: 2), count("k", "kernel size"), count("s", "stride", default: 1),
             zeroOrMore("p", "padding"), zeroOrMore("output_padding", "output_padding"), count("d", "dilation", default: 1),
             FactParameter("side", .choice(["before", "after"]), default: .scalar("before"), "before or after")]
        ) { a throws(FactError) in
            let axis = try transposedAxis(a)
            return .integer(a.text("side") == "after" ? axis.directPaddingAfter : axis.directPaddingBefore)
        },
        FactDefinition(
            "stacked_receptive_field",
            "receptive field of n stacked k x k layers: r += (k-1)·d·j, j *= s (Simonyan & Zisserman 2015, section 2.3)",
            [count("k", "kernel size", range: 1...4096), count("n", "layers", range: 1...1024),
             count("s", "stride of each layer", default: 1, range: 1...64), count("d", "dilation", default: 1, range: 1...64)]
        ) { a throws(FactError) in
            var field = ReceptiveField.inputPixel
            for _ in 0..<a.int("n") {
                guard let next = field.through(kernelSize: HeightWidth(a.int("k")), stride: HeightWidth(a.int("s")),
                                               padding: HeightWidth(0), dilation: HeightWidth(a.int("d"))) else {
                    throw FactError("the receptive field of \(a.int("n")) layers is too large to count")
                }
                field = next
            }
            return .integer(field.size.height)
        },
    ]

    static func transposedAxis(_ a: FactArguments) throws(FactError) -> ConvTransposeAxis {
        try core { () throws(ConvTransposeError) in
            try ConvTransposeAxis(inputSize: a.int("i"), kernelSize: a.int("k"), stride: a.int("s"), padding: a.int("p"),
                                  outputPadding: a.int("output_padding"), dilation: a.int("d"))
        }
    }

    // MARK: - Models

    static let models: [FactDefinition] = [
        FactDefinition(
            "model_params", "total parameters of a zoo model (torchvision's count; checked against torchinfo)",
            [model, input]
        ) { a throws(FactError) in
            .integer(try summary(a).totalParams)
        },
        FactDefinition(
            "model_mult_adds", "total multiply-adds of a zoo model (torchinfo 1.8's convention)",
            [model, input]
        ) { a throws(FactError) in
            .integer(try summary(a).totalMultAdds)
        },
        FactDefinition(
            "layer_params", "parameters of one layer of a zoo model, by its module path (features.0)",
            [model, FactParameter("layer", .text, "the layer's module path, e.g. features.0"), input]
        ) { a throws(FactError) in
            .integer(try row(a).params)
        },
        FactDefinition(
            "layer_output_shape", "C x H x W after one layer (or block) of a zoo model, by its module path",
            [model, FactParameter("layer", .text, "the layer's module path, e.g. features.denseblock1"), input]
        ) { a throws(FactError) in
            .shape(Array(try row(a).outputShape.dropFirst()))
        },
        FactDefinition(
            "layer_output_channels", "channels after one layer (or block) of a zoo model, by its module path",
            [model, FactParameter("layer", .text, "the layer's module path, e.g. features.denseblock1"), input]
        ) { a throws(FactError) in
            let shape = try row(a).outputShape
            guard shape.count >= 2 else { throw FactError("layer \(a.text("layer")) has no channels") }
            return .integer(shape[1])
        },
        FactDefinition(
            "example_params", "total parameters of one variant of the lecture's worked examples (arch --example)",
            [FactParameter("example", .choice(WorkedExample.names), "a worked example"),
             count("variant", "which variant, 1-based", default: 1, range: 1...16), input]
        ) { a throws(FactError) in
            .integer(try variant(a).totalParams)
        },
        FactDefinition(
            "example_output_shape", "C x H x W at the end of one variant of a worked example",
            [FactParameter("example", .choice(WorkedExample.names), "a worked example"),
             count("variant", "which variant, 1-based", default: 1, range: 1...16), input]
        ) { a throws(FactError) in
            .shape(Array(try variant(a).outputShape.dropFirst()))
        },
    ]

    static func summary(_ a: FactArguments) throws(FactError) -> ModelSummary {
        let shape = try inputShape(a)
        return try core { () throws(ModelError) in try ModelZoo.build(a.text("model"), input: shape) }
    }

    static func row(_ a: FactArguments) throws(FactError) -> ModelSummaryRow {
        let s = try summary(a)
        guard let r = s.row(path: a.text("layer")) else {
            let sample = s.rows.prefix(6).map(\.path).filter { !$0.isEmpty }.joined(separator: ", ")
            throw FactError("\(a.text("model")) has no layer '\(a.text("layer"))'; module paths look like \(sample), ...")
        }
        return r
    }

    static func variant(_ a: FactArguments) throws(FactError) -> ModelSummary {
        let shape = try inputShape(a)
        let example = try core { () throws(ModelError) in try WorkedExample.build(a.text("example"), input: shape) }
        let index = a.int("variant") - 1
        guard example.variants.indices.contains(index) else {
            throw FactError("example \(example.name) has variants 1...\(example.variants.count), not \(index + 1)")
        }
        return example.variants[index]
    }

    // MARK: - Detection

    static let detection: [FactDefinition] = [
        FactDefinition(
            "anchors_per_cell", "k: anchors per feature-map cell, 3 ratios x 3 scales by default (Ren et al. 2015, section 3.1)",
            [convention]
        ) { a throws(FactError) in
            .integer(try cellAnchors(a).count)
        },
        FactDefinition(
            "anchor_count", "H·W·k anchors over an H x W feature map",
            [count("h", "feature-map height", range: 1...4096), count("w", "feature-map width", range: 1...4096),
             count("stride", "feature stride in pixels", default: 16, range: 1...1024), convention]
        ) { a throws(FactError) in
            let anchors = try cellAnchors(a)
            return .integer(try core { () throws(DetectionError) in
                try AnchorGrid(cellAnchors: anchors, featureHeight: a.int("h"), featureWidth: a.int("w"),
                               stride: (a.int("stride"), a.int("stride"))).count
            })
        },
        FactDefinition(
            "rpn_channels", "RPN head channels for k anchors: scores (2k or k), deltas (4k), total",
            [count("k", "anchors per cell", default: 9, range: 1...4096), convention,
             FactParameter("part", .choice(["total", "scores", "deltas"]), default: .scalar("total"), "total, scores or deltas")]
        ) { a throws(FactError) in
            let head = try core { () throws(DetectionError) in
                try RPNHeadChannels(anchorsPerCell: a.int("k"), convention: AnchorConvention(rawValue: a.text("convention")) ?? .pyFasterRCNN)
            }
            switch a.text("part") {
            case "scores": return .integer(head.classificationChannels)
            case "deltas": return .integer(head.regressionChannels)
            default: return .integer(head.totalChannels)
            }
        },
        FactDefinition(
            "spp_vector_length", "C·Σn²: the length of the spatial pyramid pooling vector (He et al. 2014, section 2.3)",
            [count("c", "channels", range: channels), FactParameter("levels", .integerList(1...1024), default: .list(["4", "2", "1"]), "bins per side of each level"),
             count("h", "map height", default: 13, range: 1...4096), count("w", "map width", default: 13, range: 1...4096)]
        ) { a throws(FactError) in
            .integer(try core { () throws(DetectionError) in
                try SpatialPyramidGeometry(channels: a.int("c"), height: a.int("h"), width: a.int("w"), levels: a.list("levels")).vectorLength
            })
        },
        FactDefinition(
            "spp_bin_size", "the largest bin along an axis of a bins, adaptive rule [floor(i·a/n), ceil((i+1)·a/n))",
            [count("size", "map size a", range: 1...4096), count("bins", "bins n", range: 1...4096)]
        ) { a throws(FactError) in
            .integer(try core { () throws(DetectionError) in
                try PyramidAxisBins(inputSize: a.int("size"), binCount: a.int("bins")).largestBinSize
            })
        },
        FactDefinition(
            "roi_projected_size",
            "height x width in feature-map cells of an image box projected by spatial_scale (Fast R-CNN's rounding)",
            [zeroOrMore("x1", "left"), zeroOrMore("y1", "top"), zeroOrMore("x2", "right"), zeroOrMore("y2", "bottom"),
             FactParameter("scale", .real(0x1p-20...1024), default: .scalar("0.0625"), "spatial_scale")]
        ) { a throws(FactError) in
            let p = try core { () throws(DetectionError) in
                try RoIProjection(box: try RoIBox(x1: Float(a.real("x1")), y1: Float(a.real("y1")), x2: Float(a.real("x2")), y2: Float(a.real("y2"))),
                                  spatialScale: a.real("scale"))
            }
            return .shape([p.height, p.width])
        },
        FactDefinition(
            "region_forward_passes", "CNN forward passes for R regions: R for R-CNN, 1 for SPP-net and (Fast/Faster) R-CNN",
            [FactParameter("pipeline", .choice(["rcnn", "sppnet", "fast-rcnn", "faster-rcnn"]), "rcnn, sppnet, fast-rcnn or faster-rcnn"),
             count("regions", "region proposals", default: 2000, range: 1...1_000_000)]
        ) { a throws(FactError) in
            let pipeline: RegionPipeline
            switch a.text("pipeline") {
            case "rcnn": pipeline = .rcnn
            case "sppnet": pipeline = .sppNet
            case "fast-rcnn": pipeline = .fastRCNN
            default: pipeline = .fasterRCNN
            }
            return .integer(try core { () throws(DetectionError) in
                try RegionPipelineCost(pipeline: pipeline, regionCount: a.int("regions")).cnnForwardPasses
            })
        },
        FactDefinition(
            "yolo_box_values", "values per predicted box: x, y, w, h, confidence (Redmon et al. 2016, section 2)", []
        ) { _ throws(FactError) in
            .integer(YOLOBoxField.allCases.count)
        },
        FactDefinition(
            "yolo_values_per_cell", "B·5 + C values per grid cell",
            [count("b", "boxes per cell", default: 2, range: 1...1024), count("c", "classes", default: 20, range: 0...100_000)]
        ) { a throws(FactError) in
            .integer(try yolo(a, grid: 1).valuesPerCell)
        },
        FactDefinition(
            "yolo_output_count", "S·S·(B·5 + C) values in the output tensor",
            [count("s", "grid size S", default: 7, range: 1...1024), count("b", "boxes per cell", default: 2, range: 1...1024),
             count("c", "classes", default: 20, range: 0...100_000)]
        ) { a throws(FactError) in
            .integer(try yolo(a, grid: a.int("s")).outputCount)
        },
        FactDefinition(
            "yolo_output_shape", "S x S x (B·5 + C)",
            [count("s", "grid size S", default: 7, range: 1...1024), count("b", "boxes per cell", default: 2, range: 1...1024),
             count("c", "classes", default: 20, range: 0...100_000)]
        ) { a throws(FactError) in
            .shape(try yolo(a, grid: a.int("s")).outputShape)
        },
    ]

    static func cellAnchors(_ a: FactArguments) throws(FactError) -> CellAnchors {
        let convention = AnchorConvention(rawValue: a.text("convention")) ?? .pyFasterRCNN
        return try core { () throws(DetectionError) in try CellAnchors.defaults(convention) }
    }

    static func yolo(_ a: FactArguments, grid: Int) throws(FactError) -> YOLOGrid {
        try core { () throws(DetectionError) in try YOLOGrid(gridSize: grid, boxesPerCell: a.int("b"), classes: a.int("c")) }
    }
}
