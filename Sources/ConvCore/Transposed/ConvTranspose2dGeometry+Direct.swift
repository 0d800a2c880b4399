extension ConvTranspose2dGeometry {
    /// The input of the equivalent direct convolution, (N, C_in, H_out + d(kH-1), W_out + d(kW-1)):
    /// input cell (y, x) at grid cell (y·s + d(k-1) - p, x·s + d(k-1) - p), zeros everywhere else
    /// (inserted zeros, border padding, output_padding). Cells that fall outside the grid (when
    /// d(k-1) - p < 0) are cropped.
    ///
    /// Source: Dumoulin & Visin 2016, relationship 14 (zero insertion and padding).
    /// - Parameter input: (N, C_in, H, W).
    /// - Throws: ``ConvTransposeError/invalid(_:)`` when `input` does not have ``inputShape``.
    public func stretchedInput(_ input: Tensor) throws(ConvTransposeError) -> Tensor {
        guard input.shape == inputShape else {
            throw .invalid(.shapeMismatch("conv_transpose2d: input shape \(Tensor.describe(input.shape)) does not match \(Tensor.describe(inputShape))"))
        }
        var grid: Tensor
        do throws(ConvError) {
            grid = try Tensor(zeros: directInputShape)
        } catch {
            throw .invalid(error)
        }
        let gh = height.directInputSize, gw = width.directInputSize
        for n in 0..<batch {
            for c in 0..<inputChannels {
                for y in 0..<height.inputSize {
                    let gy = height.gridIndex(ofInputIndex: y)
                    if gy < 0 || gy >= gh { continue }
                    for x in 0..<width.inputSize {
                        let gx = width.gridIndex(ofInputIndex: x)
                        if gx < 0 || gx >= gw { continue }
                        grid[n, c, gy, gx] = input[n, c, y, x]
                    }
                }
            }
        }
        return grid
    }

    /// The kernel of the equivalent direct convolution, (C_out, C_in/groups, kH, kW):
    /// direct[g·(C_out/groups) + o, i, ky, kx] = weight[g·(C_in/groups) + i, o, kH-1-ky, kW-1-kx],
    /// i.e. each kernel flipped 180 degrees with input and output channels swapped per group.
    ///
    /// Source: Dumoulin & Visin 2016, section 4 (the transpose of the convolution matrix);
    /// the weight layout of `torch.nn.ConvTranspose2d`.
    /// - Parameter weight: (C_in, C_out/groups, kH, kW).
    /// - Throws: ``ConvTransposeError/invalid(_:)`` when `weight` does not have ``weightShape``.
    public func directWeight(_ weight: Tensor) throws(ConvTransposeError) -> Tensor {
        guard weight.shape == weightShape else {
            throw .invalid(.shapeMismatch("conv_transpose2d: weight shape \(Tensor.describe(weight.shape)) does not match \(Tensor.describe(weightShape))"))
        }
        var direct: Tensor
        do throws(ConvError) {
            direct = try Tensor(zeros: directWeightShape)
        } catch {
            throw .invalid(error)
        }
        let kh = height.kernelSize, kw = width.kernelSize
        let cinPerGroup = inputChannels / groups, coutPerGroup = outputChannels / groups
        for group in 0..<groups {
            for o in 0..<coutPerGroup {
                for i in 0..<cinPerGroup {
                    for ky in 0..<kh {
                        for kx in 0..<kw {
                            direct[group * coutPerGroup + o, i, ky, kx] =
                                weight[group * cinPerGroup + i, o, kh - 1 - ky, kw - 1 - kx]
                        }
                    }
                }
            }
        }
        return direct
    }

    /// Checks that the tensors have this geometry's shapes.
    /// - Throws: ``ConvTransposeError/invalid(_:)`` wrapping ``ConvError/shapeMismatch(_:)``.
    func requireShapes(input: Tensor, weight: Tensor, bias: Tensor?) throws(ConvTransposeError) {
        let biasMatches = bias.map { $0.shape == [outputChannels] } ?? true
        guard input.shape == inputShape, weight.shape == weightShape, biasMatches else {
            throw .invalid(.shapeMismatch("conv_transpose2d: tensors do not match geometry \(Tensor.describe(inputShape)) * \(Tensor.describe(weightShape))"))
        }
    }
}
