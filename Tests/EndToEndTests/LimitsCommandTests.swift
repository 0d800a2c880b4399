import Foundation
import Testing
import ConvTestSupport

/// The bounds that keep every accepted input fast and small, and the strict list syntax: each
/// bad value is refused with one line naming it and what is allowed (exit 64), quickly.
@Suite struct LimitsCommandTests {
    /// `count` comma-separated copies of `value`.
    static func list(_ value: String, _ count: Int) -> String { Array(repeating: value, count: count).joined(separator: ",") }

    /// Runs `arguments`, expecting exit 64, one line on stderr holding `message`, within `seconds`.
    func expectRefused(_ arguments: [String], _ message: String, within seconds: Double = 2) throws {
        let start = Date()
        let r = try BinaryRunner.run(arguments)
        let elapsed = Date().timeIntervalSince(start)
        #expect(r.status == 64, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(arguments): \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(arguments)")
        #expect(elapsed < seconds, "\(arguments) took \(elapsed) s")
    }

    @Test func sppLevelsAndWorkAreBounded() throws {
        try expectRefused(["spp", "--map", "1024x1024", "--levels", Self.list("1024", 32), "--channels", "4", "--format", "json", "--print"],
                          "1024 is out of range; allowed: 1...32 whole numbers 1...64")
        try expectRefused(["spp", "--map", "1024x1024", "--levels", Self.list("64", 32), "--channels", "4", "--print"],
                          "SPP vector of 4 x 131072 values (channels x bins) is too large: allowed at most 262144")
        // 1024 x 1024 with eight levels near 64: about 8 x 1,048,576 reads (overlapping bins) > 8,388,608.
        try expectRefused(["spp", "--map", "1024x1024", "--levels", "64,63,62,61,60,59,58,57", "--print"], "SPP work of 1 x")
        try expectRefused(["spp", "--map", "1024", "--channels", "2", "--levels", "1", "--print"], "is too large: allowed at most 1048576")
    }

    @Test func roiSamplingAndWorkAreBounded() throws {
        try expectRefused(["roi", "--align", "--sampling-ratio", "64", "--output", "64x64", "--scale", "1024", "--box", "0,0,1000,1000", "--print"],
                          "--sampling-ratio 64 is out of range; allowed: 1...16, or -1 or 0 for adaptive")
        // 64 x 64 bins x 16^2 samples = 1,048,576 per box: two boxes exceed the bound.
        try expectRefused(["roi", "--align", "--sampling-ratio", "16", "--output", "64x64", "--box", "0,0,100,100", "--box", "0,0,50,50", "--print"],
                          "RoI work (channels x bins x samples) is too large: allowed at most 1048576")
    }

    @Test func poolWorkIsBounded() throws {
        try expectRefused(["pool", "--input", "2048", "--kernel", "2048", "--print"],
                          "input 1 x 1 x 2048 x 2048 is too large for a step-through (at most 1,048,576 values)")
        try expectRefused(["pool", "--input", "1024", "--kernel", "1024", "--print"],
                          "kernel 1024x1024 has more than 65,536 cells")
        try expectRefused(["pool", "--mode", "avg", "--input", "1024", "--kernel", "4", "--stride", "1", "--print"],
                          "1021x1021 windows of 4x4 taps on 1 channel(s) need more than 1,048,576 window reads")
    }

    @Test func anchorCountIsBounded() throws {
        let thirtyTwo = (1...32).map(String.init).joined(separator: ",")
        try expectRefused(["anchors", "--image", "65536x65536", "--stride", "1024", "--sizes", thirtyTwo, "--ratios", thirtyTwo, "--format", "json", "--print"],
                          "anchor count is too large: 64 x 64 cells x 1024 anchors = 4194304; allowed: at most 262,144")
    }

    @Test func allIsBounded() throws {
        try expectRefused(["yolo", "--all", "--grid", "1024", "--print"],
                          "--all would print 1048576 frames; allowed: at most 1000 steps")
    }

    @Test(arguments: [
        (["spp", "--levels", "1,,2"], "--levels '1,,2' has an empty item"),
        (["spp", "--levels", "4,2,"], "--levels '4,2,' has an empty item"),
        (["spp", "--levels", "+4,2"], "'+4' is not a whole number"),
        (["spp", "--map", "13x"], "--map '13x' has an empty item"),
        (["spp", "--map", "x13"], "--map 'x13' has an empty item"),
        (["spp", "--map", "13x 13"], "' 13' is not a whole number"),
        (["roi", "--box", "1,,2,3,4"], "--box '1,,2,3,4' has an empty item"),
        (["roi", "--box", "1,2,3,inf"], "'inf' is not a number"),
        (["roi", "--output", "7x"], "--output '7x' has an empty item"),
        (["yolo", "--object", "1,,2,3,4"], "--object '1,,2,3,4' has an empty item"),
        (["anchors", "--sizes", "1,,2"], "--sizes '1,,2' has an empty item"),
        (["anchors", "--ratios", ",1"], "--ratios ',1' has an empty item"),
        (["conv1x1", "--map", "3x"], "--map '3x' has an empty item"),
        (["activations", "--map", "1,,2"], "--map '1,,2': row 1 has an empty item"),
        (["activations", "--map", "1 2;"], "row 2 is empty"),
        (["arch", "--columns", "output,,params", "alexnet"], "--columns 'output,,params' has an empty item"),
        (["arch", "--compare", ",,,"], "--compare ',,,' has an empty item"),
        (["arch", "--input", "3xx224x224", "alexnet"], "--input '3xx224x224' has an empty item"),
        (["deconv", "--input", "3x"], "--input '3x' has an empty item"),
        (["pool", "--input", "3x"], "--input '3x' has an empty item"),
        (["pool", "--kernel", "1,,2"], "--kernel '1,,2' has an empty item"),
    ] as [([String], String)])
    func malformedListsAreRefused(_ c: ([String], String)) throws {
        try expectRefused(c.0 + ["--print"], c.1)
    }

    @Test func yoloObjectCentreMustBeInsideTheImage() throws {
        // The centre (440, 224) is inside the 448 x 448 image; the 400-pixel width reaches past
        // the right edge, which the help says is clipped.
        let accepted = try BinaryRunner.run(["yolo", "--object", "440,224,400,10", "--print"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        try expectRefused(["yolo", "--object", "449,224,10,10", "--print"], "allowed: the centre inside the image (cx 0...448, cy 0...448)")
        let help = try BinaryRunner.run(["yolo", "--help"])
        let flat = help.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(flat.contains("the centre inside the image (cx 0...W, cy 0...H)"), "\(flat)")
        #expect(flat.contains("a box reaching past the edge is clipped there"), "\(flat)")
    }
}
