import ConvDiagrams

/// A key of one scene (beyond the generic step, play, focus and change keys), with the help
/// text the footer and the `?` overlay show, so the binding and its description live together.
public struct SceneKey<M: SceneModel> {
    /// The keys that trigger it.
    public var keys: [Key]
    /// The keys as named in help ("z/Z"); empty for a key listed under another's help line. A
    /// binding without keys is a help line only.
    public var label: String
    /// What it does, in a few words ("zoom in/out").
    public var help: String
    /// Changes the view state and/or the step; returns false when the key means nothing now.
    public var perform: (_ result: M.Result, _ view: inout M.ViewState, _ step: inout Int) -> Bool
    /// Changes the options instead (a key that does what a control's +/- does, such as zoom);
    /// the host then computes again where ``SceneModel/recomputes(from:to:)`` says so.
    public var changeOptions: ((inout M.Options) -> Void)?

    /// A key binding with its help text and effect.
    public init(_ keys: [Key], _ label: String, _ help: String,
                perform: @escaping (_ result: M.Result, _ view: inout M.ViewState, _ step: inout Int) -> Bool) {
        self.keys = keys
        self.label = label
        self.help = help
        self.perform = perform
        changeOptions = nil
    }

    /// A key binding that changes the options (as a control's +/- would).
    public init(_ keys: [Key], _ label: String, _ help: String, options change: @escaping (inout M.Options) -> Void) {
        self.keys = keys
        self.label = label
        self.help = help
        perform = { _, _, _ in true }
        changeOptions = change
    }
}

/// The view state of a scene that has none besides its step.
public struct NoViewState: Equatable, Sendable {
    /// The empty view state.
    public init() {}
}
