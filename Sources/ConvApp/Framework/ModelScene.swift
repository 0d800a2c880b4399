import ConvDiagrams

/// The one host of every ``SceneModel``: it owns the options, the result computed from them
/// (or the error that replaced it), the view state and the step, and is the ``Scene`` the app
/// state holds. The step is clamped to 1...stepCount (0 while invalid) here and nowhere else.
public struct ModelScene<M: SceneModel>: Scene {
    /// The options as last set.
    public private(set) var options: M.Options
    /// The computed result, nil while the options are invalid.
    public private(set) var result: M.Result?
    /// Why the options are invalid (the core's one-line message), if they are.
    public private(set) var errorMessage: String?
    /// The view state besides the step.
    public private(set) var view: M.ViewState
    private var currentStep = 0

    /// Computes `options`; an invalid configuration becomes ``errorMessage``. Without a
    /// `step` the scene opens at the model's ``SceneModel/defaultStep(_:view:)``.
    public init(_ options: M.Options, step: Int? = nil) {
        self.options = options
        view = M.initialView(options)
        compute()
        currentStep = clamped(step ?? result.map { M.defaultStep($0, view: view) } ?? 1)
    }

    /// The same scene with `view` as its view state (the step kept within range).
    public init(_ options: M.Options, view: M.ViewState, step: Int? = nil) {
        self.init(options, step: 1)
        self.view = view
        currentStep = clamped(step ?? result.map { M.defaultStep($0, view: view) } ?? 1)
    }

    private mutating func compute() {
        do {
            let r = try M.compute(options)
            M.adapt(&view, to: r)
            result = r
            errorMessage = nil
        } catch {
            result = nil
            errorMessage = String(describing: error)
        }
    }

    private func clamped(_ step: Int) -> Int {
        let count = stepCount
        return count == 0 ? 0 : min(max(1, step), count)
    }

    public var title: String { M.title(options) }
    public var stepCount: Int { result.map { M.stepCount($0, view: view) } ?? 0 }
    public var stepName: String { M.stepName }
    public var footerKeys: String { M.footerKeys }
    public var stepsPerRow: Int { result.map { M.stepsPerRow($0, view: view, step: currentStep) } ?? 1 }

    /// The 1-based step; any value set is clamped to 1...stepCount (0 while invalid).
    public var step: Int {
        get { currentStep }
        set {
            let new = clamped(newValue)
            if new != currentStep { M.stepChanged(&view, from: currentStep, to: new) }
            currentStep = new
        }
    }

    public var parameters: [SceneParameter] {
        M.controls(options).map { SceneParameter($0.name, $0.value(options)) }
    }

    public mutating func adjust(parameter index: Int, by delta: Int) {
        let controls = M.controls(options)
        guard controls.indices.contains(index) else { return }
        change { controls[index].adjust(&$0, delta) }
    }

    /// Changes the options and computes again (unless the model says the result stays), carrying
    /// the step over.
    private mutating func change(_ body: (inout M.Options) -> Void) {
        let before = options
        body(&options)
        guard M.recomputes(from: before, to: options) else { return }
        let old = result
        compute()
        let new = clamped(result.map { M.carryStep(currentStep, from: old, to: $0, view: view) } ?? currentStep)
        if new != currentStep, new >= 1 { M.stepChanged(&view, from: currentStep, to: new) }
        currentStep = new
    }

    public mutating func handle(_ key: Key) -> Bool {
        guard let result, let binding = M.keys(result, options: options, view: view).first(where: { $0.keys.contains(key) }) else { return false }
        if let changeOptions = binding.changeOptions {
            change(changeOptions)
            return true
        }
        var step = currentStep
        guard binding.perform(result, &view, &step) else { return false }
        currentStep = clamped(step)
        return true
    }

    public var sceneBindings: [(String, String)] {
        result.map { r in M.keys(r, options: options, view: view).filter { !$0.label.isEmpty }.map { ($0.label, $0.help) } } ?? []
    }

    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        guard let result, currentStep >= 1 else { return }
        M.draw(result, options: options, view: view, step: currentStep, into: &canvas, area: area, glyphs: glyphs)
    }

    public func json() -> String? {
        result.map { M.json($0, options: options, step: currentStep) }
    }
}
