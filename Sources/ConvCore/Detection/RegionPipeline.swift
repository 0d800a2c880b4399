/// The region-based detectors of the lecture, and where each one runs its CNN and crops its
/// regions: R-CNN warps every region out of the image and runs the CNN on each; SPP-net, Fast
/// R-CNN and Faster R-CNN run the CNN once and crop regions out of the shared feature map.
///
/// | pipeline      | proposals              | CNN passes for R regions | crops from  | region to fixed size |
/// |---------------|------------------------|--------------------------|-------------|----------------------|
/// | R-CNN         | selective search (~2k) | R                        | image       | warp to 227 x 227 |
/// | SPP-net       | selective search (~2k) | 1                        | feature map | SPP, levels 6/3/2/1 (12,800 values for 256 channels) |
/// | Fast R-CNN    | selective search (~2k) | 1                        | feature map | RoI max pooling to 7 x 7 |
/// | Faster R-CNN  | RPN on the feature map | 1                        | feature map | RoI max pooling to 7 x 7 |
///
/// Source: Girshick et al. 2014 "Rich feature hierarchies" (R-CNN, section 2.1); He et al. 2014
/// "Spatial Pyramid Pooling" (section 4.1); Girshick 2015 "Fast R-CNN" (sections 2-2.1); Ren et al.
/// 2015 "Faster R-CNN" (section 3).
public enum RegionPipeline: String, Equatable, Sendable, CaseIterable, CustomStringConvertible {
    /// Girshick et al. 2014: the CNN on every warped region.
    case rcnn = "R-CNN"
    /// He et al. 2014: the CNN once, spatial pyramid pooling per region.
    case sppNet = "SPP-net"
    /// Girshick 2015: the CNN once, RoI pooling per region, one network trained end to end.
    case fastRCNN = "Fast R-CNN"
    /// Ren et al. 2015: Fast R-CNN with proposals from a region proposal network on the same features.
    case fasterRCNN = "Faster R-CNN"

    /// Where a pipeline cuts out a region.
    public enum CropSource: String, Equatable, Sendable {
        /// Pixels of the input image, warped before the CNN.
        case image
        /// Cells of the shared convolutional feature map, pooled after the CNN.
        case featureMap = "feature map"
    }

    /// The paper's name ("Fast R-CNN").
    public var description: String { rawValue }

    /// Where regions are cropped.
    public var cropSource: CropSource { self == .rcnn ? .image : .featureMap }

    /// How regions are proposed.
    public var proposalSource: String { self == .fasterRCNN ? "region proposal network" : "selective search" }


    /// The convolutional forward passes for one image with `regions` regions: R for R-CNN,
    /// 1 for the others (whatever R is).
    public func cnnForwardPasses(regions: Int) -> Int { self == .rcnn ? regions : 1 }
}
