/// A parameter of a scene as data: its name, the value shown, and what +/- does to it. Built
/// from key paths, so the label, the value shown and the change cannot drift apart; a scene
/// lists its controls once (``SceneModel/controls(_:)``) and the host derives the parameter
/// line and Tab/+/- from them.
public struct Control<Options> {
    /// The field's name as shown ("stride", "output_padding").
    public var name: String
    /// The value as shown ("2", "3x5", "on").
    public var value: (Options) -> String
    /// Changes the options by one notch in the direction of `delta` (+1 or -1).
    public var adjust: (inout Options, Int) -> Void

    /// A control from its three parts.
    public init(_ name: String, value: @escaping (Options) -> String, adjust: @escaping (inout Options, Int) -> Void) {
        self.name = name
        self.value = value
        self.adjust = adjust
    }

    /// One integer, +/- by 1 within `range`.
    public static func int(_ name: String, _ path: WritableKeyPath<Options, Int>, _ range: ClosedRange<Int>) -> Control {
        Control(name, value: { "\($0[keyPath: path])" }, adjust: { o, d in o[keyPath: path] = clamp(o[keyPath: path] + d, range) })
    }

    /// A (height, width) pair changed together, +/- by 1 within `range`. Shown "3x5" as a size
    /// (`asSize`), else "2" when both agree and "2,3" when they do not.
    public static func pair(_ name: String, _ height: WritableKeyPath<Options, Int>, _ width: WritableKeyPath<Options, Int>,
                            _ range: ClosedRange<Int>, asSize: Bool = false) -> Control {
        Control(name, value: { o in
            let (h, w) = (o[keyPath: height], o[keyPath: width])
            return asSize ? "\(h)x\(w)" : (h == w ? "\(h)" : "\(h),\(w)")
        }, adjust: { o, d in
            o[keyPath: height] = clamp(o[keyPath: height] + d, range)
            o[keyPath: width] = clamp(o[keyPath: width] + d, range)
        })
    }

    /// An integer that doubles with + and halves with - within `range` (strides, sizes).
    public static func doubling(_ name: String, _ path: WritableKeyPath<Options, Int>, _ range: ClosedRange<Int>) -> Control {
        Control(name, value: { "\($0[keyPath: path])" }, adjust: { o, d in
            let v = o[keyPath: path]
            o[keyPath: path] = clamp(d > 0 ? v.multipliedReportingOverflow(by: 2).partialValue : v / 2, range)
        })
    }

    /// A switch shown as `on` / `off` (or the two given words); +/- flip it.
    public static func toggle(_ name: String, _ path: WritableKeyPath<Options, Bool>, on: String = "on", off: String = "off") -> Control {
        Control(name, value: { $0[keyPath: path] ? on : off }, adjust: { o, _ in o[keyPath: path].toggle() })
    }

    /// One of `values`, shown by `label`; + moves to the next, - to the previous (wrapping); a
    /// value not in the list moves to the first.
    public static func cycle<V: Equatable>(_ name: String, _ path: WritableKeyPath<Options, V>, _ values: [V],
                                           label: @escaping (V) -> String) -> Control {
        Control(name, value: { label($0[keyPath: path]) }, adjust: { o, d in
            guard !values.isEmpty else { return }
            guard let i = values.firstIndex(of: o[keyPath: path]) else {
                o[keyPath: path] = values[0]
                return
            }
            o[keyPath: path] = values[((i + (d > 0 ? 1 : -1)) % values.count + values.count) % values.count]
        })
    }
}

/// `value` limited to `range`.
func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int { min(range.upperBound, max(range.lowerBound, value)) }
