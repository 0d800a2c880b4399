extension ArchTableJSON {
    /// The document as text: keys in sorted order, the totals on the first line and one layer per
    /// line, byte for byte what Foundation's `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`)
    /// writes for each part, without its cost (Foundation's encoder takes about 20 times longer for
    /// ResNet-152's 523 rows).
    ///
    ///     {"buffer_count":0,...,"layers":[
    ///     {"depth":1,"dilation":[1,1],...,"type":"Conv2d"},
    ///     ...
    ///     ],"model":"alexnet",...}
    ///
    /// - Complexity: O(layers).
    public var text: String {
        var out = ""
        out.reserveCapacity(256 + layers.count * 260)
        out += "{\"buffer_count\":\(bufferCount),\"conventions\":"
        Self.appendString(conventions, to: &out)
        if let format {
            out += ",\"format\":"
            Self.appendString(format, to: &out)
        }
        out += ",\"forward_backward_pass_size_bytes\":\(forwardBackwardPassSizeBytes),\"input_shape\":"
        Self.appendArray(inputShape, to: &out)
        out += ",\"input_size_bytes\":\(inputSizeBytes),\"layers\":"
        if layers.isEmpty {
            out += "[]"
        } else {
            out += "[\n"
            for (offset, layer) in layers.enumerated() {
                if offset > 0 { out += ",\n" }
                Self.append(layer, to: &out)
            }
            out += "\n]"
        }
        out += ",\"model\":"
        Self.appendString(model, to: &out)
        out += ",\"non_trainable_params\":\(nonTrainableParams)"
        if let notes {
            out += ",\"notes\":["
            for (offset, note) in notes.enumerated() {
                if offset > 0 { out += "," }
                Self.appendString(note, to: &out)
            }
            out += "]"
        }
        out += ",\"output_shape\":"
        Self.appendArray(outputShape, to: &out)
        if let parameterCounts {
            out += ",\"parameter_counts\":{"
            for (offset, key) in parameterCounts.keys.sorted().enumerated() {
                if offset > 0 { out += "," }
                Self.appendString(key, to: &out)
                out += ":\(parameterCounts[key] ?? 0)"
            }
            out += "}"
        }
        out += ",\"params_size_bytes\":\(paramsSizeBytes)"
        if let peakActivationBytes { out += ",\"peak_activation_bytes\":\(peakActivationBytes)" }
        if let peakActivationLayer {
            out += ",\"peak_activation_layer\":"
            Self.appendString(peakActivationLayer, to: &out)
        }
        if let peakActivationRule {
            out += ",\"peak_activation_rule\":"
            Self.appendString(peakActivationRule, to: &out)
        }
        if let sourceFile {
            out += ",\"source_file\":"
            Self.appendString(sourceFile, to: &out)
        }
        if let totalFlops { out += ",\"total_flops\":\(totalFlops)" }
        out += ",\"total_macs_without_bias\":\(totalMacsWithoutBias)"
        out += ",\"total_mult_adds\":\(totalMultAdds),\"total_params\":\(totalParams),\"trainable_params\":\(trainableParams)}\n"
        return out
    }

    /// One layer object, keys sorted, optional keys left out when nil (as `encodeIfPresent`).
    static func append(_ layer: Layer, to out: inout String) {
        if let ceilMode = layer.ceilMode {
            out += "{\"ceil_mode\":\(ceilMode),\"depth\":\(layer.depth)"
        } else {
            out += "{\"depth\":\(layer.depth)"
        }
        if let dilation = layer.dilation {
            out += ",\"dilation\":"
            appendArray(dilation, to: &out)
        }
        if let flops = layer.flops { out += ",\"flops\":\(flops)" }
        if let groups = layer.groups { out += ",\"groups\":\(groups)" }
        out += ",\"input_shape\":"
        appendArray(layer.inputShape, to: &out)
        out += ",\"jump\":"
        appendArray(layer.jump, to: &out)
        if let kernelSize = layer.kernelSize {
            out += ",\"kernel_size\":"
            appendArray(kernelSize, to: &out)
        }
        out += ",\"macs_without_bias\":\(layer.macsWithoutBias),\"mult_adds\":\(layer.multAdds),\"name\":"
        appendString(layer.name, to: &out)
        if let outputBytes = layer.outputBytes { out += ",\"output_bytes\":\(outputBytes)" }
        out += ",\"output_shape\":"
        appendArray(layer.outputShape, to: &out)
        if let padding = layer.padding {
            out += ",\"padding\":"
            appendArray(padding, to: &out)
        }
        out += ",\"params\":\(layer.params),\"receptive_field\":"
        appendArray(layer.receptiveField, to: &out)
        out += ",\"receptive_field_all\":\(layer.receptiveFieldAll)"
        if let stride = layer.stride {
            out += ",\"stride\":"
            appendArray(stride, to: &out)
        }
        out += ",\"type\":"
        appendString(layer.type, to: &out)
        out += "}"
    }

    /// `[1,64,55,55]`.
    static func appendArray(_ values: [Int], to out: inout String) {
        out += "["
        for (offset, value) in values.enumerated() {
            if offset > 0 { out += "," }
            out += String(value)
        }
        out += "]"
    }

    /// A JSON string: quote, backslash and control characters escaped (RFC 8259, section 7),
    /// everything else, "/" and non-ASCII included, written as is.
    static func appendString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
