import Foundation
import Testing
import ConvCore
import ConvTestSupport

/// Random configurations checked against brute-force references written here straight from
/// PyTorch's definitions (torch.nn.functional.conv2d as the sum over taps, conv_transpose2d as
/// the scatter of each input pixel, max_pool2d / avg_pool2d window by window with PyTorch's ceil
/// rule), and PyTorch's refusals checked as typed errors. Data are small integers, so every
/// summation order is exact and results must be equal, not close. On a failure the test prints
/// the configuration shrunk to its smallest failing form and the seed.
@Suite struct PropertyTests {
    static let count = Int(ProcessInfo.processInfo.environment["CONVSCOPE_PROPERTY_COUNT"] ?? "") ?? 10_000
    static let seed = UInt64(ProcessInfo.processInfo.environment["CONVSCOPE_PROPERTY_SEED"] ?? "") ?? 20_261_203

    static func integers(_ count: Int, _ rng: inout SplitMix64) -> [Float] {
        (0..<count).map { _ in Float(Int.random(in: -3...3, using: &rng)) }
    }

    /// Shrinks `config` while `fails` holds, trying each smaller neighbour `smaller` gives.
    static func shrink<C>(_ config: C, smaller: (C) -> [C], fails: (C) -> Bool) -> C {
        var current = config
        var improved = true
        var rounds = 0
        while improved, rounds < 200 {
            improved = false
            rounds += 1
            for candidate in smaller(current) where fails(candidate) {
                current = candidate
                improved = true
                break
            }
        }
        return current
    }

    // MARK: conv2d

    struct ConvConfig: CustomStringConvertible {
        var n, cIn, cOut, groups, h, w, kh, kw, sh, sw, dh, dw: Int
        var padding: (Padding, Padding)
        var seed: UInt64
        var description: String {
            "N\(n) C_in\(cIn) C_out\(cOut) groups\(groups) input \(h)x\(w) kernel \(kh)x\(kw) stride \(sh)x\(sw) dilation \(dh)x\(dw) padding \(padding.0),\(padding.1) data seed \(seed)"
        }
    }

    static func randomPadding(_ rng: inout SplitMix64) -> Padding {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return .same
        case 1: return .valid
        case 2: return .full
        default: return .explicit(Int.random(in: 0...3, using: &rng))
        }
    }

    /// PyTorch's padding per side for `padding` (torch 'same': total d(k-1), the extra after).
    static func sides(_ padding: Padding, k: Int, d: Int) -> (Int, Int) {
        switch padding {
        case let .explicit(p): return (p, p)
        case let .asymmetric(before, after): return (before, after)
        case .valid: return (0, 0)
        case .same: return (d * (k - 1) / 2, d * (k - 1) - d * (k - 1) / 2)
        case .full: return (d * (k - 1), d * (k - 1))
        }
    }

    /// The definition: out[n, o, y, x] = bias[o] + sum over c in o's group, i, j of
    /// in[n, c, y·s - p + i·d, x·s - p + j·d] · w[o, c', i, j] (zero outside the input).
    /// Nil where PyTorch refuses: an empty output, channels not divisible by groups, 'same' with
    /// stride > 1.
    static func referenceConv(_ c: ConvConfig, input: [Float], weight: [Float], bias: [Float]) -> (shape: [Int], data: [Float])? {
        guard c.cIn % c.groups == 0, c.cOut % c.groups == 0 else { return nil }
        if case .same = c.padding.0, c.sh != 1 { return nil }
        if case .same = c.padding.1, c.sw != 1 { return nil }
        let (pt, pb) = sides(c.padding.0, k: c.kh, d: c.dh), (pl, pr) = sides(c.padding.1, k: c.kw, d: c.dw)
        let spanH = c.dh * (c.kh - 1) + 1, spanW = c.dw * (c.kw - 1) + 1
        guard c.h + pt + pb >= spanH, c.w + pl + pr >= spanW else { return nil }
        let oh = (c.h + pt + pb - spanH) / c.sh + 1, ow = (c.w + pl + pr - spanW) / c.sw + 1
        let inPerGroup = c.cIn / c.groups, outPerGroup = c.cOut / c.groups
        var out = [Float](repeating: 0, count: c.n * c.cOut * oh * ow)
        for n in 0..<c.n {
            for o in 0..<c.cOut {
                let g = o / outPerGroup
                for y in 0..<oh {
                    for x in 0..<ow {
                        var sum = bias.isEmpty ? Float(0) : bias[o]
                        for ci in 0..<inPerGroup {
                            let channel = g * inPerGroup + ci
                            for i in 0..<c.kh {
                                for j in 0..<c.kw {
                                    let yy = y * c.sh - pt + i * c.dh, xx = x * c.sw - pl + j * c.dw
                                    guard yy >= 0, yy < c.h, xx >= 0, xx < c.w else { continue }
                                    sum += input[((n * c.cIn + channel) * c.h + yy) * c.w + xx]
                                        * weight[((o * inPerGroup + ci) * c.kh + i) * c.kw + j]
                                }
                            }
                        }
                        out[((n * c.cOut + o) * oh + y) * ow + x] = sum
                    }
                }
            }
        }
        return ([c.n, c.cOut, oh, ow], out)
    }

    /// Nil when the core agrees with the reference on `c` (values and refusals), else what differs.
    static func convMismatch(_ c: ConvConfig) -> String? {
        var rng = SplitMix64(state: c.seed)
        let inPerGroup = max(c.cIn / c.groups, 1)
        let input = integers(c.n * c.cIn * c.h * c.w, &rng)
        let weight = integers(c.cOut * inPerGroup * c.kh * c.kw, &rng)
        let bias = integers(c.cOut, &rng)
        let expected = referenceConv(c, input: input, weight: weight, bias: bias)
        do {
            let x = try Tensor(shape: [c.n, c.cIn, c.h, c.w], data: input)
            let w = try Tensor(shape: [c.cOut, inPerGroup, c.kh, c.kw], data: weight)
            let b = try Tensor(shape: [c.cOut], data: bias)
            let (output, _) = try conv2d(input: x, weight: w, bias: b, stride: (c.sh, c.sw), padding: c.padding,
                                         dilation: (c.dh, c.dw), groups: c.groups)
            guard let expected else { return "the core computed \(output.shape) where PyTorch refuses" }
            if output.shape != expected.shape { return "shape \(output.shape), PyTorch \(expected.shape)" }
            if let index = output.data.indices.first(where: { output.data[$0] != expected.data[$0] }) {
                return "value \(index): \(output.data[index]), PyTorch \(expected.data[index])"
            }
            return nil
        } catch {
            return expected == nil ? nil : "the core refused (\(error)) where PyTorch gives \(expected!.shape)"
        }
    }

    @Test func conv2dMatchesTheSumOverTaps() {
        var rng = SplitMix64(state: Self.seed)
        var failures: [String] = []
        for _ in 0..<Self.count {
            let groups = [1, 1, 1, 2, 3].randomElement(using: &rng)!
            let c = ConvConfig(n: Int.random(in: 1...2, using: &rng),
                               cIn: groups * Int.random(in: 1...2, using: &rng) + (Int.random(in: 0..<20, using: &rng) == 0 ? 1 : 0),
                               cOut: groups * Int.random(in: 1...2, using: &rng), groups: groups,
                               h: Int.random(in: 1...12, using: &rng), w: Int.random(in: 1...12, using: &rng),
                               kh: Int.random(in: 1...5, using: &rng), kw: Int.random(in: 1...5, using: &rng),
                               sh: Int.random(in: 1...3, using: &rng), sw: Int.random(in: 1...3, using: &rng),
                               dh: Int.random(in: 1...3, using: &rng), dw: Int.random(in: 1...3, using: &rng),
                               padding: (Self.randomPadding(&rng), Self.randomPadding(&rng)), seed: rng.next())
            guard let problem = Self.convMismatch(c) else { continue }
            let small = Self.shrink(c, smaller: { c in
                var out: [ConvConfig] = []
                for path in [\ConvConfig.n, \.h, \.w, \.kh, \.kw, \.sh, \.sw, \.dh, \.dw] where c[keyPath: path] > 1 {
                    var d = c; d[keyPath: path] -= 1; out.append(d)
                }
                if c.groups > 1, c.cIn % c.groups == 0 { var d = c; d.cIn /= c.groups; d.cOut /= c.groups; d.groups = 1; out.append(d) }
                return out
            }, fails: { Self.convMismatch($0) != nil })
            failures.append("\(small): \(Self.convMismatch(small) ?? problem)")
            if failures.count >= 5 { break }
        }
        #expect(failures.isEmpty, "seed \(Self.seed): \(failures.joined(separator: "\n"))")
    }

    // MARK: conv_transpose2d

    struct TransposeConfig: CustomStringConvertible {
        var n, cIn, cOut, groups, h, w, kh, kw, sh, sw, ph, pw, oph, opw, dh, dw: Int
        var seed: UInt64
        var description: String {
            "N\(n) C_in\(cIn) C_out\(cOut) groups\(groups) input \(h)x\(w) kernel \(kh)x\(kw) stride \(sh)x\(sw) padding \(ph)x\(pw) output_padding \(oph)x\(opw) dilation \(dh)x\(dw) data seed \(seed)"
        }
    }

    /// The scatter: every input pixel (n, c, y, x) adds in · w[c, o', i, j] at output
    /// (y·s - p + i·d, x·s - p + j·d). Output H' = (H - 1)s - 2p + d(k - 1) + output_padding + 1.
    /// Nil where PyTorch refuses: output_padding not smaller than stride or dilation, H' < 1,
    /// channels not divisible by groups.
    static func referenceTranspose(_ c: TransposeConfig, input: [Float], weight: [Float], bias: [Float]) -> (shape: [Int], data: [Float])? {
        guard c.cIn % c.groups == 0, c.cOut % c.groups == 0 else { return nil }
        guard c.oph < c.sh || c.oph < c.dh, c.opw < c.sw || c.opw < c.dw else { return nil }
        let oh = (c.h - 1) * c.sh - 2 * c.ph + c.dh * (c.kh - 1) + c.oph + 1
        let ow = (c.w - 1) * c.sw - 2 * c.pw + c.dw * (c.kw - 1) + c.opw + 1
        guard oh >= 1, ow >= 1 else { return nil }
        let inPerGroup = c.cIn / c.groups, outPerGroup = c.cOut / c.groups
        var out = [Float](repeating: 0, count: c.n * c.cOut * oh * ow)
        for n in 0..<c.n {
            for o in 0..<c.cOut {
                for y in 0..<oh { for x in 0..<ow { out[((n * c.cOut + o) * oh + y) * ow + x] = bias.isEmpty ? 0 : bias[o] } }
            }
            for channel in 0..<c.cIn {
                let g = channel / inPerGroup
                for y in 0..<c.h {
                    for x in 0..<c.w {
                        let v = input[((n * c.cIn + channel) * c.h + y) * c.w + x]
                        for oo in 0..<outPerGroup {
                            let o = g * outPerGroup + oo
                            for i in 0..<c.kh {
                                for j in 0..<c.kw {
                                    let yy = y * c.sh - c.ph + i * c.dh, xx = x * c.sw - c.pw + j * c.dw
                                    guard yy >= 0, yy < oh, xx >= 0, xx < ow else { continue }
                                    out[((n * c.cOut + o) * oh + yy) * ow + xx] += v * weight[((channel * outPerGroup + oo) * c.kh + i) * c.kw + j]
                                }
                            }
                        }
                    }
                }
            }
        }
        return ([c.n, c.cOut, oh, ow], out)
    }

    static func transposeMismatch(_ c: TransposeConfig) -> String? {
        var rng = SplitMix64(state: c.seed)
        let outPerGroup = max(c.cOut / c.groups, 1)
        let input = integers(c.n * c.cIn * c.h * c.w, &rng)
        let weight = integers(c.cIn * outPerGroup * c.kh * c.kw, &rng)
        let bias = integers(c.cOut, &rng)
        let expected = referenceTranspose(c, input: input, weight: weight, bias: bias)
        do {
            let x = try Tensor(shape: [c.n, c.cIn, c.h, c.w], data: input)
            let w = try Tensor(shape: [c.cIn, outPerGroup, c.kh, c.kw], data: weight)
            let b = try Tensor(shape: [c.cOut], data: bias)
            let (output, _) = try convTranspose2d(input: x, weight: w, bias: b, stride: (c.sh, c.sw), padding: (c.ph, c.pw),
                                                  outputPadding: (c.oph, c.opw), dilation: (c.dh, c.dw), groups: c.groups)
            guard let expected else { return "the core computed \(output.shape) where PyTorch refuses" }
            if output.shape != expected.shape { return "shape \(output.shape), PyTorch \(expected.shape)" }
            if let index = output.data.indices.first(where: { output.data[$0] != expected.data[$0] }) {
                return "value \(index): \(output.data[index]), PyTorch \(expected.data[index])"
            }
            return nil
        } catch {
            return expected == nil ? nil : "the core refused (\(error)) where PyTorch gives \(expected!.shape)"
        }
    }

    @Test func convTranspose2dMatchesTheScatter() {
        var rng = SplitMix64(state: Self.seed &+ 1)
        var failures: [String] = []
        for _ in 0..<Self.count {
            let groups = [1, 1, 1, 2].randomElement(using: &rng)!
            let c = TransposeConfig(n: Int.random(in: 1...2, using: &rng), cIn: groups * Int.random(in: 1...2, using: &rng),
                                    cOut: groups * Int.random(in: 1...2, using: &rng), groups: groups,
                                    h: Int.random(in: 1...8, using: &rng), w: Int.random(in: 1...8, using: &rng),
                                    kh: Int.random(in: 1...4, using: &rng), kw: Int.random(in: 1...4, using: &rng),
                                    sh: Int.random(in: 1...3, using: &rng), sw: Int.random(in: 1...3, using: &rng),
                                    ph: Int.random(in: 0...3, using: &rng), pw: Int.random(in: 0...3, using: &rng),
                                    oph: Int.random(in: 0...2, using: &rng), opw: Int.random(in: 0...2, using: &rng),
                                    dh: Int.random(in: 1...3, using: &rng), dw: Int.random(in: 1...3, using: &rng), seed: rng.next())
            guard let problem = Self.transposeMismatch(c) else { continue }
            let small = Self.shrink(c, smaller: { c in
                var out: [TransposeConfig] = []
                for path in [\TransposeConfig.n, \.h, \.w, \.kh, \.kw, \.sh, \.sw, \.dh, \.dw] where c[keyPath: path] > 1 {
                    var d = c; d[keyPath: path] -= 1; out.append(d)
                }
                for path in [\TransposeConfig.ph, \.pw, \.oph, \.opw] where c[keyPath: path] > 0 {
                    var d = c; d[keyPath: path] -= 1; out.append(d)
                }
                return out
            }, fails: { Self.transposeMismatch($0) != nil })
            failures.append("\(small): \(Self.transposeMismatch(small) ?? problem)")
            if failures.count >= 5 { break }
        }
        #expect(failures.isEmpty, "seed \(Self.seed): \(failures.joined(separator: "\n"))")
    }

    // MARK: pooling

    struct PoolConfig: CustomStringConvertible {
        var max: Bool
        var n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw: Int
        var ceil, includePad: Bool
        var seed: UInt64
        var description: String {
            "\(max ? "max" : "avg") N\(n) C\(c) input \(h)x\(w) kernel \(kh)x\(kw) stride \(sh)x\(sw) padding \(ph)x\(pw) dilation \(dh)x\(dw) ceil_mode \(ceil) count_include_pad \(includePad) data seed \(seed)"
        }
    }

    /// PyTorch's output size (pooling_output_shape in aten/src/ATen/native/Pool.h): floor or ceil
    /// of (i + 2p - d(k - 1) - 1)/s + 1, and with ceil_mode the last window must start inside the
    /// input or its left padding. Nil where PyTorch refuses (p > k/2, an output below 1).
    static func poolSize(_ i: Int, k: Int, s: Int, p: Int, d: Int, ceil: Bool) -> Int? {
        guard p <= k / 2 else { return nil }
        let numerator = i + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0)
        guard numerator >= 0 else { return nil }
        var out = numerator / s + 1
        if ceil, (out - 1) * s >= i + p { out -= 1 }
        return out >= 1 ? out : nil
    }

    /// max_pool2d: the maximum over the window's taps inside the input (dilation d);
    /// avg_pool2d: the sum over the window clipped to the padded input, divided by that window's
    /// size (count_include_pad) or by its cells inside the input (avg_pool2d's CPU kernel).
    static func referencePool(_ c: PoolConfig, input: [Float]) -> (shape: [Int], data: [Float])? {
        guard let oh = poolSize(c.h, k: c.kh, s: c.sh, p: c.ph, d: c.dh, ceil: c.ceil),
              let ow = poolSize(c.w, k: c.kw, s: c.sw, p: c.pw, d: c.dw, ceil: c.ceil) else { return nil }
        var out = [Float](repeating: 0, count: c.n * c.c * oh * ow)
        for plane in 0..<(c.n * c.c) {
            for y in 0..<oh {
                for x in 0..<ow {
                    let value: Float
                    if c.max {
                        var best = -Float.infinity
                        for i in 0..<c.kh {
                            for j in 0..<c.kw {
                                let yy = y * c.sh - c.ph + i * c.dh, xx = x * c.sw - c.pw + j * c.dw
                                guard yy >= 0, yy < c.h, xx >= 0, xx < c.w else { continue }
                                best = Swift.max(best, input[(plane * c.h + yy) * c.w + xx])
                            }
                        }
                        value = best
                    } else {
                        var hstart = y * c.sh - c.ph, wstart = x * c.sw - c.pw
                        var hend = Swift.min(hstart + c.kh, c.h + c.ph), wend = Swift.min(wstart + c.kw, c.w + c.pw)
                        let size = (hend - hstart) * (wend - wstart)
                        hstart = Swift.max(hstart, 0); wstart = Swift.max(wstart, 0)
                        hend = Swift.min(hend, c.h); wend = Swift.min(wend, c.w)
                        var sum: Float = 0
                        for yy in hstart..<Swift.max(hend, hstart) {
                            for xx in wstart..<Swift.max(wend, wstart) { sum += input[(plane * c.h + yy) * c.w + xx] }
                        }
                        let divisor = c.includePad ? size : (hend - hstart) * (wend - wstart)
                        value = sum / Float(divisor)
                    }
                    out[(plane * oh + y) * ow + x] = value
                }
            }
        }
        return ([c.n, c.c, oh, ow], out)
    }

    static func poolMismatch(_ c: PoolConfig) -> String? {
        var rng = SplitMix64(state: c.seed)
        let input = integers(c.n * c.c * c.h * c.w, &rng)
        let expected = referencePool(c, input: input)
        do {
            let x = try Tensor(shape: [c.n, c.c, c.h, c.w], data: input)
            let output = c.max
                ? try maxPool2d(input: x, kernelSize: (c.kh, c.kw), stride: (c.sh, c.sw), padding: (c.ph, c.pw),
                                dilation: (c.dh, c.dw), ceilMode: c.ceil)
                : try avgPool2d(input: x, kernelSize: (c.kh, c.kw), stride: (c.sh, c.sw), padding: (c.ph, c.pw),
                                ceilMode: c.ceil, countIncludePad: c.includePad)
            guard let expected else { return "the core computed \(output.shape) where PyTorch refuses" }
            if output.shape != expected.shape { return "shape \(output.shape), PyTorch \(expected.shape)" }
            if let index = output.data.indices.first(where: { output.data[$0] != expected.data[$0] && !(output.data[$0].isNaN && expected.data[$0].isNaN) }) {
                return "value \(index): \(output.data[index]), PyTorch \(expected.data[index])"
            }
            return nil
        } catch {
            return expected == nil ? nil : "the core refused (\(error)) where PyTorch gives \(expected!.shape)"
        }
    }

    @Test func poolingMatchesWindowByWindow() {
        var rng = SplitMix64(state: Self.seed &+ 2)
        var failures: [String] = []
        for _ in 0..<Self.count {
            let max = Bool.random(using: &rng)
            let c = PoolConfig(max: max, n: Int.random(in: 1...2, using: &rng), c: Int.random(in: 1...2, using: &rng),
                               h: Int.random(in: 1...12, using: &rng), w: Int.random(in: 1...12, using: &rng),
                               kh: Int.random(in: 1...5, using: &rng), kw: Int.random(in: 1...5, using: &rng),
                               sh: Int.random(in: 1...4, using: &rng), sw: Int.random(in: 1...4, using: &rng),
                               ph: Int.random(in: 0...3, using: &rng), pw: Int.random(in: 0...3, using: &rng),
                               dh: max ? Int.random(in: 1...3, using: &rng) : 1, dw: max ? Int.random(in: 1...3, using: &rng) : 1,
                               ceil: Bool.random(using: &rng), includePad: Bool.random(using: &rng), seed: rng.next())
            guard let problem = Self.poolMismatch(c) else { continue }
            let small = Self.shrink(c, smaller: { c in
                var out: [PoolConfig] = []
                for path in [\PoolConfig.n, \.c, \.h, \.w, \.kh, \.kw, \.sh, \.sw, \.dh, \.dw] where c[keyPath: path] > 1 {
                    var d = c; d[keyPath: path] -= 1; out.append(d)
                }
                for path in [\PoolConfig.ph, \.pw] where c[keyPath: path] > 0 { var d = c; d[keyPath: path] -= 1; out.append(d) }
                return out
            }, fails: { Self.poolMismatch($0) != nil })
            failures.append("\(small): \(Self.poolMismatch(small) ?? problem)")
            if failures.count >= 5 { break }
        }
        #expect(failures.isEmpty, "seed \(Self.seed): \(failures.joined(separator: "\n"))")
    }
}
