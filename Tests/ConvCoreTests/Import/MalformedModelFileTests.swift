import Testing
import ConvCore

/// Malformed files give a typed ``ModelImportError`` naming the place, never a trap.
@Suite struct MalformedModelFileTests {
    private func darknetError(_ text: String, input: [Int]? = nil) -> ModelImportError? {
        do {
            _ = try DarknetImporter.summary(text: text, model: "t.cfg", file: "t.cfg", input: input)
            return nil
        } catch { return error }
    }

    private func caffeError(_ text: String, input: [Int]? = nil) -> ModelImportError? {
        do {
            _ = try CaffeImporter.summary(text: text, model: "t.prototxt", file: "t.prototxt", input: input)
            return nil
        } catch { return error }
    }

    private let net = "[net]\nwidth=32\nheight=32\nchannels=3\n"

    @Test func darknetProblemsNameTheSection() throws {
        let cases: [(String, String)] = [
            (net + "[convolutional]\nfilters=9223372036854775807\nsize=3\n", "[convolutional] layer 0 (line 5)"),
            (net + "[convolutional]\nfilters=8\nsize=99\n", "[convolutional] layer 0 (line 5)"),
            (net + "[convolutional]\nfilters=abc\n", "filters=abc (line 6) is not a whole number"),
            (net + "[route]\nlayers=-1\n", "points to (layer -1) outside"),
            (net + "[convolutional]\nfilters=4\n[route]\nlayers=1\n", "[route] layer 1 (line 7)"),
            (net + "[convolutional]\nfilters=4\n[shortcut]\nfrom=-9223372036854775807\n", "[shortcut] layer 1"),
            (net + "[convolutional]\nfilters=254\nsize=1\n[yolo]\nmask=0,1,2\nclasses=80\n", "needs 255 input channels per cell (3 x (5 + 80))"),
            (net + "[maxpool]\nsize=64\nstride=2\npadding=0\n", "[maxpool] layer 0"),
            (net + "filters=3\nnot an option\n", "line 6"),
            ("[convolutional]\nfilters=3\n", "not [net]"),
            ("[net]\nwidth=0\n[convolutional]\n", "give --input"),
            (net + "[maxpool]\nsize=-9223372036854775808\n", "[maxpool] layer 0"),
            (net + "[local]\nfilters=2\nsize=9223372036854775807\n", "[local] layer 0"),
            (net + "[upsample]\nstride=1048576\n", "[upsample] layer 0"),
            (net + "[reorg]\nstride=64\n", "[reorg] layer 0"),
            (net + "[crop]\ncrop_height=64\ncrop_width=8\n", "does not fit"),
        ]
        for (text, expected) in cases {
            let error = try #require(darknetError(text), "\(expected)")
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func caffeProblemsNameTheLayer() throws {
        let input = "input: 'data'\ninput_dim: 1\ninput_dim: 3\ninput_dim: 16\ninput_dim: 16\n"
        let cases: [(String, String)] = [
            (input + "layer { name: 'c' type: 'Convolution' bottom: 'data' top: 'c' convolution_param { num_output: 4 kernel_size: 99 } }",
             "layer 'c' (Convolution, line 6)"),
            (input + "layer { name: 'c' type: 'Convolution' bottom: 'data' top: 'c' convolution_param { kernel_size: 3 } }",
             "no num_output"),
            (input + "layer { name: 'p' type: 'Pooling' bottom: 'data' top: 'p' pooling_param { kernel_size: 2 pad: 2 } }",
             "padding 2 is not less than kernel 2"),
            (input + "layer { name: 'x' type: 'ReLU' bottom: 'zzz' top: 'x' }", "bottom 'zzz'"),
            (input + "layer { name: 'x' type: 'ReLU' bottom: 'data' top: 'x' ", "missing '}'"),
            (input + "layer { name: 'x' type: 'ReLU' bottom: 'data }", "not closed"),
            (input + "layer { name: 'e' type: 'Concat' bottom: 'data' bottom: 'data' top: 'e' concat_param { axis: 7 } }", "axis 7"),
            (input + String(repeating: "a { ", count: 10_000), "nested deeper than 64"),
            ("name: 'x'\n", "not a Caffe network"),
        ]
        for (text, expected) in cases {
            let error = try #require(caffeError(text), "\(expected)")
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    /// An unknown layer type is a row with its name and type, "shape unknown" after it: never a guess.
    @Test func unknownTypesAreNamed() throws {
        let text = net + "[convolutional]\nfilters=4\n[gru]\noutput=3\n[convolutional]\nfilters=2\n"
        let summary = try DarknetImporter.summary(text: text, model: "t.cfg", file: "t.cfg")
        #expect(summary.layers.map(\.type) == ["Conv2d", "Sigmoid", "[gru]", "Conv2d"])
        #expect(summary.layers[2].outputShape.isEmpty && summary.layers[3].outputShape.isEmpty)
        #expect(summary.source?.notes.contains { $0.contains("1 ([gru])") } == true)
    }

    /// Every prefix of every corpus file (cut at many points) is answered, never trapped.
    @Test func truncatedCorpusFilesNeverTrap() throws {
        let files = ["darknet/yolov3.cfg", "darknet/yolov1.cfg", "darknet/densenet201.cfg",
                     "caffe/bvlc_googlenet/deploy.prototxt", "caffe/fcn-voc-fcn8s/deploy.prototxt",
                     "caffe/SPP_net/Zeiler_conv5.prototxt", "caffe/py-faster-rcnn-VGG16-end2end/test.prototxt"]
        for file in files {
            let bytes = Array(try CorpusFile.text(file).utf8)
            let step = max(1, bytes.count / 150)
            for cut in stride(from: 0, to: bytes.count, by: step) {
                let text = String(decoding: bytes[..<cut], as: UTF8.self)
                if file.hasPrefix("darknet") { _ = darknetError(text) } else { _ = caffeError(text, input: [3, 64, 64]) }
            }
        }
    }

    /// Seeded random byte mutations of corpus files (a small in-process fuzz): every one is
    /// answered with a summary or a ModelImportError, never a trap.
    @Test func mutatedCorpusFilesNeverTrap() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let alphabet = Array("0123456789-{}[]:=,#'\"\n abc_xyzLAYERlayer".utf8)
        for file in ["darknet/yolov3-tiny.cfg", "darknet/yolov2.cfg", "caffe/bvlc_alexnet/deploy.prototxt",
                     "caffe/fcn-voc-fcn8s/deploy.prototxt"] {
            let original = Array(try CorpusFile.text(file).utf8)
            for _ in 0..<300 {
                var bytes = original
                for _ in 0..<(1 + next() % 8) {
                    let position = next() % bytes.count
                    switch next() % 3 {
                    case 0: bytes[position] = alphabet[next() % alphabet.count]
                    case 1: bytes.insert(alphabet[next() % alphabet.count], at: position)
                    default: bytes.remove(at: position)
                    }
                }
                let text = String(decoding: bytes, as: UTF8.self)
                if file.hasPrefix("darknet") { _ = darknetError(text) } else { _ = caffeError(text) }
            }
        }
    }
}
