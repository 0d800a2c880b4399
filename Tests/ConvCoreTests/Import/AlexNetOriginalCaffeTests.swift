import Testing
import ConvCore
import ConvDiagrams

/// alexnet-original rounds its pools up as Caffe's bvlc_alexnet (issue 14, item 3). Caffe's
/// pooling_layer.cpp: out = ceil((i + 2p - k)/s) + 1. By hand for square input i: conv1 (k11 s4)
/// gives floor((i - 11)/4) + 1, each 3x3 s2 pool ceil((n - 3)/2) + 1, conv2-5 keep the size; the
/// classifier needs 6 x 6 after pool5: i = 199 gives 48, 24, 12, 6 and i = 230 gives 55, 27, 13, 6,
/// while 198 gives 47, 23, 11, 5 and 231 gives 56, 28, 14, 7.
@Suite struct AlexNetOriginalCaffeTests {
    @Test(arguments: [199, 227, 230])
    func acceptedSizesMatchTheCaffeCorpus(_ size: Int) throws {
        let zoo = try ModelZoo.build("alexnet-original", input: [3, size, size])
        let caffe = try CorpusFile.caffe("bvlc_alexnet/deploy.prototxt", input: [3, size, size])
        let kinds: Set = ["Conv2d", "MaxPool2d", "Linear", "LocalResponseNorm"]
        let ours = zoo.layers.filter { kinds.contains($0.type) }.map(\.outputShape)
        let theirs = caffe.layers.filter { kinds.contains($0.type) }.map(\.outputShape)
        #expect(ours.count == 13 && ours == theirs, "\(size): \(ours) vs \(theirs)")
        #expect(zoo.totalParams == 60_965_224)
    }

    @Test func poolFiveIsSixBySixAtTheEnds() throws {
        for size in [199, 230] {
            let pools = try ModelZoo.build("alexnet-original", input: [3, size, size]).layers.filter { $0.type == "MaxPool2d" }
            #expect(pools.last?.outputShape == [1, 256, 6, 6], "\(size)")
        }
        let pools = try ModelZoo.build("alexnet-original", input: [3, 199, 199]).layers.filter { $0.type == "MaxPool2d" }
        #expect(pools.map { $0.outputShape[2] } == [24, 12, 6])
    }

    @Test(arguments: [198, 231])
    func sizesOutsideAreRefused(_ size: Int) {
        #expect(throws: ModelError.self) { try ModelZoo.build("alexnet-original", input: [3, size, size]) }
    }

    @Test func theConventionsSaySo() throws {
        let summary = try ModelZoo.build("alexnet-original")
        #expect(ArchTable.conventions(for: summary).contains("rounds up as Caffe's bvlc_alexnet"))
        #expect(!ArchTable.conventions(for: try ModelZoo.build("alexnet")).contains("Caffe"))
    }
}
