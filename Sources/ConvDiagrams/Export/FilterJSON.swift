import ConvCore

/// The JSON of `convscope filter --format json`: the raw Float output of the filter as a tensor,
/// in the form of the reference file `filters.json` (`kernel`, `weights` as rows, `output` as
/// `{"shape", "data"}`), plus `image` (the path given), `input_shape` [1, C, H, W], `padding`
/// ("same" or "valid"), `padding_before` / `padding_after` ([rows, columns] of zeros added),
/// `stride`, `display_mapping` ("clamp" or "absolute-rescaled") and `peak` (max |v| of the
/// output, shown as 255 by absolute-rescaled). Keys sorted.
public enum FilterJSON {
    struct Document: Encodable {
        var op = "filter"
        var image: String
        var input_shape: [Int]
        var kernel: String
        var weights: [[Float]]
        var padding: String
        var padding_before: [Int]
        var padding_after: [Int]
        var stride: Int
        var display_mapping: String
        var peak: Float
        var output: TensorJSON
    }

    /// The JSON text of `filter` applied as `computation` to the image at `imagePath`, ending in
    /// a newline.
    public static func render(filter: ImageFilter, computation: ConvComputation, imagePath: String) -> String {
        let g = computation.geometry
        let doc = Document(image: imagePath, input_shape: g.inputShape,
                           kernel: filter.kernel.name ?? "custom", weights: filter.kernel.weightRows,
                           padding: filter.padding.rawValue,
                           padding_before: [g.height.paddingBefore, g.width.paddingBefore],
                           padding_after: [g.height.paddingAfter, g.width.paddingAfter],
                           stride: filter.stride, display_mapping: filter.displayMapping.rawValue,
                           peak: DisplayMapping.maximumMagnitude(of: computation.output),
                           output: TensorJSON(computation.output))
        return encodeJSON(doc)
    }
}
