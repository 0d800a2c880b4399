/// 2-D transposed convolution of an (N, C_in, H, W) input with a (C_in, C_out/groups, kH, kW)
/// weight and an optional (C_out) bias, giving (N, C_out, H_out, W_out) with
/// H_out = (H-1)s - 2p + d(kH-1) + output_padding + 1 (and likewise W_out).
///
/// Computed by the scatter definition: every input cell (n, c, y, x) stamps the kernel
/// weight[c, f, :, :], scaled by its value, onto output channel f (for each f in c's group) with
/// its top-left tap at (y·s - p, x·s - p) and taps d apart; overlapping stamps are summed and
/// stamps outside the output (the cropped padding) are dropped. Matches
/// `torch.nn.functional.conv_transpose2d`.
///
///     let (output, geometry) = try convTranspose2d(input: x, weight: w, stride: (2, 2), padding: (1, 1),
///                                                  outputPadding: (1, 1))
///
/// - Parameters:
///   - input: (N, C_in, H, W).
///   - weight: (C_in, C_out/groups, kH, kW).
///   - bias: (C_out), or nil for none.
///   - stride, padding, outputPadding, dilation: per axis (height, width).
///   - groups: number of channel groups.
/// - Returns: the output tensor and the validated geometry.
/// - Throws: ``ConvTransposeError`` when the shapes disagree or the geometry is invalid (see
///   ``ConvTransposeAxis/init(inputSize:kernelSize:stride:padding:outputPadding:dilation:name:)``).
/// - Complexity: O(N·C_in·H·W·(C_out/groups)·kH·kW).
public func convTranspose2d(input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1),
                            padding: (Int, Int) = (0, 0), outputPadding: (Int, Int) = (0, 0),
                            dilation: (Int, Int) = (1, 1),
                            groups: Int = 1) throws(ConvTransposeError) -> (output: Tensor, geometry: ConvTranspose2dGeometry) {
    let geometry = try ConvTranspose2dGeometry.validated(input: input, weight: weight, bias: bias, stride: stride,
                                                         padding: padding, outputPadding: outputPadding,
                                                         dilation: dilation, groups: groups)
    return (try convTranspose2d(input: input, weight: weight, bias: bias, geometry: geometry), geometry)
}

/// The scatter computation on an already validated geometry (see
/// ``ConvTranspose2dGeometry/validated(input:weight:bias:stride:padding:outputPadding:dilation:groups:)``).
///
/// Every output cell starts at its channel's bias; stamps are added in (n, c, y, x) order of the
/// input cells, which is the order ``ConvTransposeComputation/scatterTrace(step:)`` reports its
/// running sums in.
/// - Throws: ``ConvTransposeError/invalid(_:)`` if the tensors do not have the geometry's shapes.
public func convTranspose2d(input: Tensor, weight: Tensor, bias: Tensor?,
                            geometry g: ConvTranspose2dGeometry) throws(ConvTransposeError) -> Tensor {
    try g.requireShapes(input: input, weight: weight, bias: bias)
    return try scatter(input: input, weight: weight, bias: bias, geometry: g, inputCells: g.inputCellCount)
}

/// The output after the first `inputCells` input cells (in (n, c, y, x) order) have stamped the
/// kernel: every cell starts at its channel's bias. Shapes must already match the geometry.
func scatter(input: Tensor, weight: Tensor, bias: Tensor?, geometry g: ConvTranspose2dGeometry,
             inputCells: Int) throws(ConvTransposeError) -> Tensor {
    var output: Tensor
    do throws(ConvError) {
        output = try Tensor(zeros: g.outputShape)
    } catch {
        throw .invalid(error)
    }
    let h = g.height, w = g.width
    let ih = h.inputSize, iw = w.inputSize, oh = h.outputSize, ow = w.outputSize
    let kh = h.kernelSize, kw = w.kernelSize
    let cin = g.inputChannels, cout = g.outputChannels
    let cinPerGroup = cin / g.groups, coutPerGroup = cout / g.groups
    input.data.withUnsafeBufferPointer { inp in
        weight.data.withUnsafeBufferPointer { wt in
            output.data.withUnsafeMutableBufferPointer { out in
                for b in 0..<g.batch {
                    for f in 0..<cout {
                        let biasValue = bias?.data[f] ?? 0
                        let base = (b * cout + f) * oh * ow
                        for i in 0..<(oh * ow) { out[base + i] = biasValue }
                    }
                }
                var cell = 0
                stamping: for b in 0..<g.batch {
                    for c in 0..<cin {
                        let group = c / cinPerGroup
                        for y in 0..<ih {
                            for x in 0..<iw {
                                if cell >= inputCells { break stamping }
                                cell += 1
                                let value = inp[((b * cin + c) * ih + y) * iw + x]
                                for fl in 0..<coutPerGroup {
                                    let f = group * coutPerGroup + fl
                                    let outBase = (b * cout + f) * oh * ow
                                    let wBase = (c * coutPerGroup + fl) * kh * kw
                                    for ky in 0..<kh {
                                        let oy = h.outputIndex(inputIndex: y, tap: ky)
                                        if oy < 0 || oy >= oh { continue }
                                        for kx in 0..<kw {
                                            let ox = w.outputIndex(inputIndex: x, tap: kx)
                                            if ox < 0 || ox >= ow { continue }
                                            out[outBase + oy * ow + ox] += value * wt[wBase + ky * kw + kx]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    return output
}

/// The same transposed convolution computed as its equivalent direct convolution (Dumoulin &
/// Visin 2016, relationship 14, generalised to dilation and output_padding): the input stretched
/// with s - 1 zeros between cells and padded by d(k-1) - p before and d(k-1) - p + output_padding
/// after (cropped where negative), convolved by ``conv2d(input:weight:bias:geometry:)`` with the
/// kernel flipped 180 degrees and input/output channels swapped, unit stride, same dilation and
/// groups. Gives the numbers of ``convTranspose2d(input:weight:bias:geometry:)`` (exactly, for
/// integer data; up to Float summation order otherwise).
/// - Throws: ``ConvTransposeError/invalid(_:)`` if the tensors do not have the geometry's shapes.
/// - Complexity: O(N·C_out·(C_in/groups)·kH·kW·H_out·W_out), inserted zeros included.
public func convTranspose2dByDirectConvolution(input: Tensor, weight: Tensor, bias: Tensor?,
                                               geometry g: ConvTranspose2dGeometry) throws(ConvTransposeError) -> Tensor {
    let stretched = try g.stretchedInput(input)
    let flipped = try g.directWeight(weight)
    let direct = try g.directConvolution()
    do throws(ConvError) {
        return try conv2d(input: stretched, weight: flipped, bias: bias, geometry: direct)
    } catch {
        throw .invalid(error)
    }
}
