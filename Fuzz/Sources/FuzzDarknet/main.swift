import ConvCore

/// libFuzzer's entry point: any bytes as a Darknet .cfg, at the file's own input size and at a
/// given one. An importer may throw ModelImportError (that is its answer to a bad file); a trap,
/// a sanitizer report or a timeout is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDarknet(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    _ = DarknetImporter.recognizes(text)
    _ = try? DarknetImporter.summary(text: text, model: "fuzz", file: "fuzz.cfg", input: nil)
    _ = try? DarknetImporter.summary(text: text, model: "fuzz", file: "fuzz.cfg", input: [3, 64, 64])
    return 0
}
