/// The two reference implementations of Faster R-CNN anchors, which differ in rounding, box
/// centre and pixel convention and so give different numbers for the "same" anchors.
///
/// | convention       | cell centre         | box edges                        | rounding                         | RPN scores |
/// |------------------|---------------------|----------------------------------|----------------------------------|------------|
/// | `pyFasterRCNN`   | ((base-1)/2, same)  | inclusive pixels: w = x2 - x1 + 1 | widths and heights, half to even (numpy) | 2k (softmax) |
/// | `torchvision`    | the cell's corner (0, 0) | continuous: w = x2 - x1     | box edges, half to even (`torch.round`)  | k (sigmoid)  |
///
/// Source: rbgirshick/py-faster-rcnn `lib/rpn/generate_anchors.py`; torchvision
/// `models/detection/anchor_utils.py` (`AnchorGenerator`) and `rpn.py` (`RPNHead`).
public enum AnchorConvention: String, Equatable, Sendable, CaseIterable, CustomStringConvertible {
    /// Ross Girshick's py-faster-rcnn (the paper's code): base size, ratios and scales.
    case pyFasterRCNN = "py-faster-rcnn"
    /// torchvision's `AnchorGenerator`: sizes and aspect ratios.
    case torchvision

    /// The name used on the command line ("py-faster-rcnn", "torchvision").
    public var description: String { rawValue }
}
