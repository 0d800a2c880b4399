/// One pipeline's cost for one image with R region proposals: CNN forward passes (R against 1)
/// and where it crops. A small value for the lecture's "R-CNN against SPP-net / Fast R-CNN" picture.
///
///     let rcnn = try RegionPipelineCost(pipeline: .rcnn, regionCount: 2000)
///     rcnn.cnnForwardPasses      // 2000
///     try RegionPipelineCost(pipeline: .fastRCNN, regionCount: 2000).cnnForwardPasses   // 1
///
/// Source: see ``RegionPipeline``; R-CNN runs the CNN on ~2,000 warped regions per image
/// (Girshick et al. 2014, section 2.2), SPP-net once per image (He et al. 2014, section 4).
public struct RegionPipelineCost: Equatable, Sendable {
    /// The pipeline.
    public let pipeline: RegionPipeline
    /// R: region proposals per image.
    public let regionCount: Int

    /// The cost of `pipeline` for R regions.
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` for R outside 1...1,000,000.
    public init(pipeline: RegionPipeline, regionCount: Int = 2000) throws(DetectionError) {
        try detectionRequire("regions", regionCount, 1...1_000_000)
        self.pipeline = pipeline
        self.regionCount = regionCount
    }

    /// CNN forward passes: R (R-CNN) or 1.
    public var cnnForwardPasses: Int { pipeline.cnnForwardPasses(regions: regionCount) }

    /// Image or feature map.
    public var cropSource: RegionPipeline.CropSource { pipeline.cropSource }

    /// Forward passes saved against R-CNN for the same R: R - 1 for the shared-feature pipelines, 0 for R-CNN.
    public var passesSavedAgainstRCNN: Int { regionCount - cnnForwardPasses }
}
