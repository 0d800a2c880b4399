import ConvDiagrams

/// One scene as a model: typed options, a computation over them, the steps of its result,
/// declarative controls, its own keys and its picture. ``ModelScene`` hosts any model as a
/// ``Scene``: it owns the options, the computed result or the error, the view state and the
/// step (clamped in one place), so a model holds no mutable state of its own.
///
/// A new scene is a core operation (if new), a diagram, a model, a command declaration and a
/// registry line.
public protocol SceneModel: Sendable {
    /// What the command line and lessons give (sizes, values, modes); validated by ``compute(_:)``.
    associatedtype Options: Sendable
    /// Everything the frames need, computed once per options (traces, cell widths, tilings).
    associatedtype Result: Sendable
    /// State of the view besides the step (the channel shown, zoom, a toggled view).
    associatedtype ViewState: Sendable = NoViewState

    /// The heading for `options` ("conv2d", "max_pool2d").
    static func title(_ options: Options) -> String
    /// Validates `options` and computes the result.
    /// - Throws: the core's typed error; its description is shown as the scene's content.
    static func compute(_ options: Options) throws -> Result
    /// The view state a scene starts with.
    static func initialView(_ options: Options) -> ViewState
    /// The number of steps of `result` in `view` (at least 1 for a valid result).
    static func stepCount(_ result: Result, view: ViewState) -> Int
    /// Steps per row, for Up/Down (default 1).
    static func stepsPerRow(_ result: Result, view: ViewState, step: Int) -> Int
    /// What a step is called in the title line (default "step").
    static var stepName: String { get }
    /// The generic keys the footer names before the scene's own (default: step, play, focus, change).
    static var footerKeys: String { get }
    /// The parameters Tab moves between and +/- change, in order.
    static func controls(_ options: Options) -> [Control<Options>]
    /// The scene's own keys for `result` (default none).
    static func keys(_ result: Result, options: Options, view: ViewState) -> [SceneKey<Self>]
    /// Called when the options changed and were computed again: keep the view valid (default: no change).
    static func adapt(_ view: inout ViewState, to result: Result)
    /// The step a scene opens at when none is given (default 1).
    static func defaultStep(_ result: Result, view: ViewState) -> Int
    /// The step after a control changed the result from `old` to `new` (default: the same
    /// number, clamped); a grid scene keeps the same cell.
    static func carryStep(_ step: Int, from old: Result?, to new: Result, view: ViewState) -> Int
    /// False when the change from `old` to `new` options leaves the result as it was (a zoom
    /// level): the host then keeps the result and the step (default true).
    static func recomputes(from old: Options, to new: Options) -> Bool
    /// Called when the step changed through the generic keys or a control (default: no change).
    static func stepChanged(_ view: inout ViewState, from old: Int, to new: Int)
    /// Draws step `step` (1-based) of `result` into `area`.
    static func draw(_ result: Result, options: Options, view: ViewState, step: Int,
                     into canvas: inout Canvas, area: Rect, glyphs: GlyphSet)
    /// The JSON of `result` (`--format json`), at `step` where the scene's JSON has one.
    static func json(_ result: Result, options: Options, step: Int) -> String
}

extension SceneModel where ViewState == NoViewState {
    public static func initialView(_ options: Options) -> NoViewState { NoViewState() }
}

extension SceneModel {
    public static func stepsPerRow(_ result: Result, view: ViewState, step: Int) -> Int { 1 }
    public static var stepName: String { "step" }
    public static var footerKeys: String { "n/p step  g/G first/last  space play  Tab focus  +/- change" }
    public static func keys(_ result: Result, options: Options, view: ViewState) -> [SceneKey<Self>] { [] }
    public static func adapt(_ view: inout ViewState, to result: Result) {}
    public static func stepChanged(_ view: inout ViewState, from old: Int, to new: Int) {}
    public static func recomputes(from old: Options, to new: Options) -> Bool { true }
    public static func defaultStep(_ result: Result, view: ViewState) -> Int { 1 }
    public static func carryStep(_ step: Int, from old: Result?, to new: Result, view: ViewState) -> Int { step }
}
