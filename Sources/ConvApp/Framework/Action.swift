/// What a key means to the program, after the keymap; `reduce` turns it into the next state.
public enum Action: Equatable, Sendable {
    case stepForward, stepBack, firstStep, lastStep
    /// Step by a whole output row (±1 row).
    case rowForward, rowBack
    case togglePlay, faster, slower
    case focusNext, focusPrevious
    case increase, decrease
    case toggleHelp
    /// Leave the help overlay, or quit.
    case back
    case quit
    case export
    /// Time passed while playing, in milliseconds (the run loop's animation tick).
    case tick(milliseconds: Int)
    /// A key the generic keymap leaves to the scene (e.g. `c` for the channel, `t` for a toggle).
    case scene(Key)
    case resize
    /// In a lesson: the next / previous lesson step (PgDn or N, PgUp or P).
    case lessonStepForward, lessonStepBack
    /// In a lesson: start typing the answer to the step's question (a).
    case beginAnswer
    /// In a lesson, while answering: a key typed into the answer (Enter checks, Esc cancels).
    case answer(Key)
}
