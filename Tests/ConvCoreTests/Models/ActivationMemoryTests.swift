import Testing
import ConvCore

/// Activation bytes, FLOPs and the peak-memory rule, worked by hand from torchvision's shapes
/// (float32: 4 bytes per value).
@Suite struct ActivationMemoryTests {
    /// VGG16 at 224: a 1 x 64 x 224 x 224 map is 64·224·224·4 = 12,845,056 bytes; the first ReLU
    /// holds its input and output, 25,690,112 bytes, and nothing later holds more.
    @Test func vgg16PeaksAtTheFirstFullResolutionPair() throws {
        let vgg = try ModelZoo.build("vgg16")
        let conv1 = try #require(vgg.row(path: "features.0"))
        #expect(conv1.outputBytes == 12_845_056)
        #expect(conv1.inputBytes == 3 * 224 * 224 * 4)
        let peak = try #require(vgg.peakActivation)
        #expect(peak.bytes == 25_690_112)
        #expect(vgg.rows[peak.row].path == "features.1")
    }

    /// FLOPs are twice torchinfo's mult-adds: conv1 of AlexNet has 70,470,400 mult-adds
    /// (torchinfo 1.8), so 140,940,800 FLOPs.
    @Test func flopsAreTwiceTheMultAdds() throws {
        let alexnet = try ModelZoo.build("alexnet")
        let conv1 = try #require(alexnet.row(path: "features.0"))
        #expect(conv1.multAdds == 70_470_400)
        #expect(conv1.flops == 140_940_800)
        #expect(alexnet.totalFLOPs == 2 * alexnet.totalMultAdds)
    }

    /// ResNet-18 layer1.0 (BasicBlock at 1 x 64 x 56 x 56 = 802,816 bytes): its first conv reads
    /// the block input itself (802,816 + 802,816); bn1 also holds the block input for the shortcut
    /// (3 x 802,816 = 2,408,448). The network peaks at the stem's bn1: 2 x 64·112·112·4 = 6,422,528.
    @Test func residualBlocksHoldTheirInput() throws {
        let resnet = try ModelZoo.build("resnet18")
        let conv1 = try #require(resnet.rows.firstIndex { $0.path == "layer1.0.conv1" })
        let bn1 = try #require(resnet.rows.firstIndex { $0.path == "layer1.0.bn1" })
        #expect(resnet.liveActivationBytes(atRow: conv1) == 1_605_632)
        #expect(resnet.liveActivationBytes(atRow: bn1) == 2_408_448)
        let peak = try #require(resnet.peakActivation)
        #expect(peak.bytes == 6_422_528)
        #expect(resnet.rows[peak.row].path == "bn1")
    }

    /// GoogLeNet inception3a (input 1 x 192 x 28 x 28 = 602,112 bytes): branch2's first conv
    /// (192 -> 96 channels, 301,056 bytes out) runs while the block input and branch1's finished
    /// output (64 channels, 200,704 bytes) stay alive: 602,112 + 301,056 + 602,112 + 200,704.
    @Test func concatenationsHoldTheirInputAndFinishedBranches() throws {
        let googlenet = try ModelZoo.build("googlenet")
        let index = try #require(googlenet.rows.firstIndex { $0.path == "inception3a.branch2.0.conv" })
        #expect(googlenet.liveActivationBytes(atRow: index) == 1_705_984)
    }
}
