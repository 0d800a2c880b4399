import Testing
import ConvCore
import ConvDiagrams
import ConvApp

/// Every diagram, built directly from its core computation (the scene models' defaults), drawn into
/// areas from 0 x 0 up, inside a larger canvas: no trap, and nothing outside the area changes
/// (ratatui tests its widgets on zero-size and tiny buffers the same way).
@Suite struct SmallCanvasTests {
    /// A 1 x C x 8 x 8 ramp of values 0-252 (a stand-in photo).
    static func ramp(channels: Int) throws -> Tensor {
        try Tensor(shape: [1, channels, 8, 8], data: (0..<(channels * 64)).map { Float(($0 * 4) % 256) })
    }

    static func diagrams() throws -> [(String, any Diagram)] {
        var out: [(String, any Diagram)] = []
        let conv = try ConvModel.compute(ConvSceneParameters())
        out.append(("conv", ConvStepDiagram(computation: conv.computation, step: 5)))
        out.append(("conv unicode", ConvStepDiagram(computation: conv.computation, step: 5, glyphs: .unicode)))
        let deconv = try DeconvModel.compute(DeconvSceneParameters())
        for view in [ConvTransposeStepDiagram.View.direct, .scatter] {
            out.append(("deconv \(view)", ConvTransposeStepDiagram(computation: deconv, view: view, step: 3)))
        }
        let fcn = try DeconvModel.compute(DeconvSceneParameters.fcn32s())
        out.append(("deconv fcn32s zoomed", ConvTransposeStepDiagram(computation: fcn, step: 2, zoomed: true)))
        out.append(("pool", PoolStepDiagram(computation: try PoolModel.compute(PoolSceneParameters()), step: 2)))
        out.append(("spp", SPPDiagram(pooling: try SPPModel.compute(SPPSceneParameters()), step: 3)))
        out.append(("roi", RoIDiagram(operation: try RoIModel.compute(RoISceneParameters()), step: 2)))
        let anchors = AnchorSceneParameters()
        out.append(("anchors", AnchorDiagram(grid: try AnchorModel.compute(anchors), imageHeight: anchors.imageHeight,
                                             imageWidth: anchors.imageWidth, step: 4)))
        let yolo = YOLOSceneParameters(), yoloResult = try YOLOModel.compute(yolo)
        out.append(("yolo", YOLODiagram(grid: yoloResult.grid, imageHeight: yolo.imageHeight, imageWidth: yolo.imageWidth,
                                        object: yolo.shownObject, assignment: yoloResult.assignment, step: 7)))
        out.append(("1x1", Conv1x1Diagram(reduction: try Conv1x1Model.compute(Conv1x1Options()), step: 2)))
        let activation = ActivationModel.compute(ActivationOptions())
        out.append(("activations", ActivationDiagram(chain: activation.chain, map: activation.map,
                                                     rectified: activation.rectified, step: 2)))
        let rgb = try RGBModel.compute(RGBOptions(crop: try Self.ramp(channels: 3), source: "ramp"))
        out.append(("rgb", RGBBankDiagram(computation: rgb.computation, result: rgb.sums, step: 3, source: "ramp")))
        for channels in [1, 3] {
            let options = FilterOptions(imageName: "ramp", image: try Self.ramp(channels: channels), kernel: NamedFilter.box.kernel)
            let f = try FilterModel.compute(options)
            for view in [FilterView.split, .numbers, .pictures] {
                out.append(("filter \(channels)ch \(view)",
                            FilterDiagram(computation: f.computation, step: 9, original: f.original, result: f.result,
                                          mapping: f.filter.displayMapping, peak: f.peak, imageName: "ramp",
                                          kernelName: options.kernelName, view: view, zoom: 0, panCenter: nil)))
            }
        }
        let summary = try ModelZoo.build("alexnet")
        let visible = ArchTable.visibleRows(of: summary).map { ArchTableLayout.VisibleRow(index: $0.index, collapsed: $0.collapsed) }
        out.append(("arch", ArchDiagram(summary: summary, visible: visible, selected: 2, depth: Int.max,
                                        columns: ArchColumn.defaults, folded: [])))
        out.append(("arch comparison", ArchDiagram(summary: summary, visible: visible, selected: 1, depth: Int.max,
                                                   columns: ArchColumn.defaults, folded: [],
                                                   overlay: .comparison([summary, try ModelZoo.build("vgg16")]))))
        return out
    }

    @Test func everyDiagramStaysInsideTinyAndEmptyAreas() throws {
        let marker = Cell("#")
        for (name, diagram) in try Self.diagrams() {
            for (width, height) in [(0, 0), (0, 5), (5, 0), (1, 1), (2, 1), (10, 4), (40, 12), (200, 60)] {
                var canvas = Canvas(width: width + 4, height: height + 4, fill: marker)
                let area = Rect(x: 2, y: 2, width: width, height: height)
                diagram.draw(into: &canvas, area: area)
                var outside: [String] = []
                for y in 0..<canvas.height {
                    for x in 0..<canvas.width where !(x >= area.x && x < area.maxX && y >= area.y && y < area.maxY) {
                        if canvas[x, y] != marker { outside.append("(\(x), \(y))") }
                    }
                }
                #expect(outside.isEmpty, "\(name) in \(width)x\(height) drew \(outside.count) cells outside its area: \(outside.prefix(4))")
            }
        }
    }

    /// At a usable size every diagram draws something (the tiny-area test above is not passed by drawing nothing at all).
    @Test func everyDiagramDrawsAtAUsableSize() throws {
        for (name, diagram) in try Self.diagrams() {
            var canvas = Canvas(width: 120, height: 40)
            diagram.draw(into: &canvas, area: Rect(x: 0, y: 0, width: 120, height: 40))
            #expect(!canvas.plainText.trimmed().isEmpty, "\(name) drew nothing at 120x40")
        }
    }
}

/// ConvStepDiagram's cell width equals the widest formatted value, measured value by value.
@Suite struct ConvLayoutWidthTests {
    @Test(arguments: [[Float](arrayLiteral: 0, 2, -13, 7), [-0.5, 3, 12.25], [1e9, 2], [-123456, 5], [0]])
    func cellWidthIsTheWidestFormattedValue(_ values: [Float]) throws {
        let input = try Tensor(shape: [1, 1, 1, values.count], data: values)
        let weight = try Tensor(shape: [1, 1, 1, 1], data: [1])
        let computation = try ConvComputation(input: input, weight: weight)
        let expected = (values + computation.output.data + [1]).map { formatValue($0).count }.max() ?? 1
        #expect(ConvStepDiagram.Layout(computation).cellWidth == expected)
    }
}
