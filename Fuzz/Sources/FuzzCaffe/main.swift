import ConvCore

/// libFuzzer's entry point: any bytes as a Caffe .prototxt, at the file's own input size and at a
/// given one. An importer may throw ModelImportError (that is its answer to a bad file); a trap,
/// a sanitizer report or a timeout is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCaffe(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    _ = CaffeImporter.recognizes(text)
    _ = try? CaffeImporter.summary(text: text, model: "fuzz", file: "fuzz.prototxt", input: nil)
    _ = try? CaffeImporter.summary(text: text, model: "fuzz", file: "fuzz.prototxt", input: [3, 64, 64])
    return 0
}
