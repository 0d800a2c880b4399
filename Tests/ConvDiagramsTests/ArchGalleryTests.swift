import Testing
import ConvTestSupport
import SnapshotTesting
import ConvCore
import ConvDiagrams
import ConvApp

/// One gallery file of architecture tables: the interactive frames (folded and unfolded blocks,
/// the panel beside and below, a narrow terminal, the picker, the comparison, an invalid input)
/// and the printed tables, so a layout change shows up as one reviewable diff. Re-record on
/// purpose with SNAPSHOT_TESTING_RECORD=all.
@Suite struct ArchGalleryTests {

    @Test func gallery() throws {
        var frames: [(String, AppState, Size)] = []
        var googlenet = AppState(scene: ArchScene(model: "googlenet"))
        frames.append(("googlenet, blocks folded", googlenet, Size(width: 100, height: 30)))
        for _ in 0..<6 { googlenet = press(googlenet, .character("j")) }
        googlenet = press(googlenet, .enter)
        frames.append(("googlenet, inception3a unfolded", googlenet, Size(width: 100, height: 30)))
        let vgg = press(AppState(scene: ArchScene(model: "vgg16"), glyphs: .unicode), .down, .down)
        frames.append(("vgg16 features.0, unicode, panel beside", vgg, Size(width: 160, height: 24)))
        let resnet = press(AppState(scene: ArchScene(model: "resnet50")), .character("/"))
        frames.append(("resnet50 at 60 x 20, search box open", resnet, Size(width: 60, height: 20)))
        let picker = press(AppState(scene: ArchScene(model: "resnet50")), .character("m"))
        frames.append(("model picker", picker, Size(width: 100, height: 30)))
        let comparison = press(AppState(scene: ArchScene(model: "densenet121")), .character("v"))
        frames.append(("comparison", comparison, Size(width: 100, height: 30)))
        var invalid = press(AppState(scene: ArchScene(model: "vgg16")), .tab)
        for _ in 0..<7 { invalid = press(invalid, .character("-")) }
        frames.append(("vgg16 at 3 x 1 x 1", invalid, Size(width: 100, height: 20)))

        var gallery = ""
        for (name, state, size) in frames {
            let text = frame(state, size: size).plainText
            #expect(text.split(separator: "\n").allSatisfy { displayWidth(of: String($0)) <= size.width }, "\(name)")
            gallery += "=== \(name) (\(size.width) x \(size.height))\n" + text
        }
        gallery += "=== printed: alexnet, text, width 100\n"
            + ArchTable.render(try ModelZoo.build("alexnet"), format: .text, width: 100)
        gallery += "=== printed: resnet18, unicode, depth 2, width 60\n"
            + ArchTable.render(try ModelZoo.build("resnet18"), format: .unicode, width: 60, depth: 2)
        gallery += "=== printed: the zoo (--list)\n" + ArchTable.listing(try ModelZoo.listing())
        gallery += "=== printed: the examples (--example)\n"
            + ArchTable.exampleList(try WorkedExample.names.map { try WorkedExample.build($0) })
        gallery += "=== printed: --compare at width 60\n"
            + ArchTable.comparison(try ["alexnet", "vgg16", "googlenet"].map { try ModelZoo.build($0) }, width: 60)
        assertSnapshot(of: gallery, as: .lines, named: "arch_tables")
    }
}
