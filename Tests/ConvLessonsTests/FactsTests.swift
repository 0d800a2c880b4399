import Testing
import ConvLessons

/// The fact registry against numbers from outside the code: the lecture, the papers, PyTorch.
@Suite struct FactsTests {
    func value(_ name: String, _ arguments: [String: String] = [:], lists: [String: [String]] = [:]) throws -> FactValue {
        var args = arguments.mapValues { FactArgument.scalar($0) }
        for (k, v) in lists { args[k] = .list(v) }
        return try Facts.evaluate(FactQuery(name: name, arguments: args))
    }

    @Test func theLecturesParameterCounts() throws {
        // The lecture: one 3x3 convolution from 128 to 64 channels has 73,728 weights.
        #expect(try value("conv_params", ["cin": "128", "cout": "64", "k": "3"]) == .integer(73_728))
        // The issue: AlexNet's first layer, 11·11·3·48·2 = 34,848 weights.
        #expect(try value("conv_params", ["cin": "3", "cout": "96", "k": "11"]) == .integer(34_848))
        // Fully connected = in x out (+ out biases): 4096 -> 1000.
        #expect(try value("linear_params", ["in": "4096", "out": "1000", "bias": "false"]) == .integer(4_096_000))
        #expect(try value("linear_params", ["in": "4096", "out": "1000"]) == .integer(4_097_000))
        // AlexNet's conv2 on two GPUs (groups = 2): 256·48·5·5.
        #expect(try value("conv_params", ["cin": "96", "cout": "256", "k": "5", "groups": "2"]) == .integer(307_200))
        #expect(try value("conv_params", ["cin": "128", "cout": "64", "k": "3", "bias": "true"]) == .integer(73_792))
    }

    @Test func outputSizes() throws {
        // Dumoulin & Visin 2016: i = 5, k = 3, s = 2, p = 1 gives 3; the 7, 3, 2, 1 gives 4.
        #expect(try value("conv_output_size", ["i": "5", "k": "3", "s": "2", "p": "1"]) == .integer(3))
        #expect(try value("conv_output_size", ["i": "7", "k": "3", "s": "2", "p": "1"]) == .integer(4))
        // AlexNet: 227 -> 55 (conv1), 55 -> 27 (overlapping pooling 3/2).
        #expect(try value("conv_output_size", ["i": "227", "k": "11", "s": "4"]) == .integer(55))
        #expect(try value("pool_output_size", ["i": "55", "k": "3", "s": "2"]) == .integer(27))
        // conv_arithmetic's transposed animations: 3, 3, 2, 1 -> 5, with output_padding 1 -> 6.
        #expect(try value("transposed_output_size", ["i": "3", "k": "3", "s": "2", "p": "1"]) == .integer(5))
        #expect(try value("transposed_output_size", ["i": "3", "k": "3", "s": "2", "p": "1", "output_padding": "1"]) == .integer(6))
        #expect(try value("transposed_output_size", ["i": "2", "k": "3", "s": "2"]) == .integer(5))
        // FCN-32s: k64 s32 p16 multiplies the size by 32.
        #expect(try value("transposed_output_size", ["i": "7", "k": "64", "s": "32", "p": "16"]) == .integer(224))
        #expect(try value("transposed_zeros_between", ["s": "2"]) == .integer(1))
        #expect(try value("transposed_direct_padding", ["k": "3", "p": "1"]) == .integer(1))
        #expect(try value("same_padding", ["k": "5"]) == .integer(2))
        // Four 5x5x3 filters on 32 x 32 x 3: 28 x 28 x 4.
        #expect(try value("conv_output_shape", ["i": "32", "k": "5", "cin": "3", "cout": "4"]) == .shape([28, 28, 4]))
        // VGG: three stacked 3x3 see 7 x 7 (Simonyan & Zisserman 2015, section 2.3).
        #expect(try value("stacked_receptive_field", ["k": "3", "n": "3"]) == .integer(7))
    }

    @Test func modelsAndWorkedExamples() throws {
        // Caffe's bvlc_alexnet (the issue): 60,965,224; the paper's GoogLeNet: 6,998,552.
        #expect(try value("model_params", ["model": "alexnet-original"]) == .integer(60_965_224))
        #expect(try value("model_params", ["model": "googlenet-original"]) == .integer(6_998_552))
        // torchvision / torchinfo totals.
        #expect(try value("model_params", ["model": "resnet50"]) == .integer(25_557_032))
        #expect(try value("model_params", ["model": "vgg16"]) == .integer(138_357_544))
        // FCN: fc6 as Linear(25088, 4096) and as a 7x7 conv, both 102,764,544.
        #expect(try value("example_params", ["example": "fc6-as-conv", "variant": "1"]) == .integer(102_764_544))
        #expect(try value("example_params", ["example": "fc6-as-conv", "variant": "2"]) == .integer(102_764_544))
        // Inception 3a's 5x5 branch: 153,600 direct vs 15,872 with the 1x1 reduction.
        #expect(try value("example_params", ["example": "inception-3a-5x5", "variant": "1"]) == .integer(153_600))
        #expect(try value("example_params", ["example": "inception-3a-5x5", "variant": "2"]) == .integer(15_872))
        // He et al. 2016: the bottleneck 256-64-64-256, 69,632 weights.
        #expect(try value("example_params", ["example": "resnet-bottleneck"]) == .integer(69_632))
        // DenseNet-121 (Huang et al. 2017, table 1): block 1 ends at 64 + 6·32 = 256 channels,
        // the first transition halves channels and size.
        #expect(try value("layer_output_channels", ["model": "densenet121", "layer": "features.denseblock1"]) == .integer(256))
        #expect(try value("layer_output_shape", ["model": "densenet121", "layer": "features.transition1"]) == .shape([128, 28, 28]))
        // Inception 3a: 64 + 128 + 32 + 32 = 256 channels.
        #expect(try value("layer_output_channels", ["model": "googlenet", "layer": "inception3a"]) == .integer(256))
        // FCN-VGG16 on 500 x 375: a 9 x 5 heatmap of 21 classes.
        #expect(try value("example_output_shape", ["example": "fcn-vgg16"], lists: ["input": ["3", "500", "375"]]) == .shape([21, 9, 5]))
    }

    @Test func detection() throws {
        // He et al. 2014: 256 channels, levels 4/2/1 -> 5,376; 6/3/2/1 -> 12,800.
        #expect(try value("spp_vector_length", ["c": "256"]) == .integer(5_376))
        #expect(try value("spp_vector_length", ["c": "256"], lists: ["levels": ["6", "3", "2", "1"]]) == .integer(12_800))
        // The lecture: a 64 x 64 map, 4 x 4 level: bins of 16.
        #expect(try value("spp_bin_size", ["size": "64", "bins": "4"]) == .integer(16))
        // RoI pooling to 7 x 7 on 512 channels = VGG16's fc6 input, 25,088.
        #expect(try value("spp_vector_length", ["c": "512"], lists: ["levels": ["7"]]) == .integer(25_088))
        // Ren et al. 2015: nine anchors, 2k + 4k = 54 channels (18 + 36); torchvision's k + 4k = 45.
        #expect(try value("anchors_per_cell") == .integer(9))
        #expect(try value("rpn_channels") == .integer(54))
        #expect(try value("rpn_channels", ["part": "scores"]) == .integer(18))
        #expect(try value("rpn_channels", ["part": "deltas"]) == .integer(36))
        #expect(try value("rpn_channels", ["convention": "torchvision"]) == .integer(45))
        #expect(try value("anchor_count", ["h": "40", "w": "60"]) == .integer(21_600))
        // Redmon et al. 2016: 7 x 7 x 30 = 1,470; the 5 is x, y, w, h, confidence.
        #expect(try value("yolo_box_values") == .integer(5))
        #expect(try value("yolo_values_per_cell") == .integer(30))
        #expect(try value("yolo_output_shape") == .shape([7, 7, 30]))
        #expect(try value("yolo_output_count") == .integer(1_470))
        // R-CNN: one pass per region (2,000), SPP-net one.
        #expect(try value("region_forward_passes", ["pipeline": "rcnn"]) == .integer(2_000))
        #expect(try value("region_forward_passes", ["pipeline": "sppnet"]) == .integer(1))
        // Fast R-CNN's projection example (RoIProjection's documentation): 6 rows x 7 columns.
        #expect(try value("roi_projected_size", ["x1": "16", "y1": "16", "x2": "112", "y2": "96"]) == .shape([6, 7]))
    }

    @Test func badQueriesNameTheProblem() throws {
        func message(_ name: String, _ arguments: [String: String]) -> String {
            do {
                _ = try value(name, arguments)
                return ""
            } catch let error as FactError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(message("conv_size", [:]).contains("unknown fact 'conv_size'; allowed: conv_output_size"))
        #expect(message("conv_output_size", ["i": "7", "k": "3", "stride": "2"]).contains("has no parameter 'stride'; allowed: i, k, s, p, d"))
        #expect(message("conv_output_size", ["i": "7"]).contains("needs 'k'"))
        #expect(message("conv_output_size", ["i": "seven", "k": "3"]).contains("i 'seven' is not valid"))
        #expect(message("model_params", ["model": "lenet"]).contains("model 'lenet' is not valid; allowed: one of alexnet"))
        // The core's own refusal: a kernel larger than the padded input.
        #expect(message("conv_output_size", ["i": "3", "k": "5"]).contains("kernel"))
        #expect(message("layer_params", ["model": "vgg16", "layer": "features.99"]).contains("no layer 'features.99'"))
    }

    @Test func answersAreParsedAsPeopleTypeThem() {
        let n = FactValue.integer(73_728)
        for typed in ["73728", "73,728", "73 728", " 73_728 ", "+73728"] { #expect(n.accepts(typed), "\(typed)") }
        for typed in ["73729", "73.728", "", "seventy", "7372８"] { #expect(!n.accepts(typed), "\(typed)") }
        let shape = FactValue.shape([7, 7, 30])
        for typed in ["7x7x30", "7 x 7 x 30", "7,7,30", "(7, 7, 30)", "[7, 7, 30]", "7×7×30", "7*7*30"] {
            #expect(shape.accepts(typed), "\(typed)")
        }
        #expect(!shape.accepts("7x30x7") && !shape.accepts("1470"))
        let real = FactValue.real(0.0625)
        #expect(real.accepts("0.0625") && real.accepts(".0625") && real.accepts("1/16") && !real.accepts("0.06"))
        #expect(FactValue.integer(73_728).formatted == "73,728")
        #expect(FactValue.integer(-1_234_567).formatted == "-1,234,567")
        #expect(FactValue.shape([7, 7, 30]).formatted == "7 x 7 x 30")
    }
}
