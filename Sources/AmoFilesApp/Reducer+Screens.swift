import TerminalUI

/// The screens over the tabs and the keys that mean the same on all of them: the
/// global keys first, then the screen on top, its outcome carried out here.
extension Reducer {
    /// The keys that mean the same on every screen, taken before the screen sees them.
    static func globalKey(_ state: inout AppState, _ key: Key, _ action: KeyAction?) -> [Effect]? {
        switch action {
        case .nextTab?, .previousTab?, .files?, .trash?, .transfers?, .usage?, .command?, .help?, .messages?, .quit?:
            return perform(&state, action!)
        case .close?:
            return goBack(&state) ? [] : [.quit]
        case .search?:
            // Files and Trash search the server (`perform`); a screen narrows its own rows.
            guard let narrowing = state.topScreen.narrowing else { return nil }
            state.overlay = .narrow(LineEditor(narrowing), previous: narrowing)
            return []
        case nil:
            return key == .control("c") ? [.quit] : nil
        default:
            return nil
        }
    }

    /// Narrows the rows of the screen on top to those holding `text`.
    static func narrowTop(_ state: inout AppState, to text: String) {
        let context = ScreenContext(state)
        updateTop(&state) { $0.narrow(to: text, context) }
    }

    /// Runs `body` on the screen on top: the last opened, or the tab's own.
    @discardableResult
    static func updateTop<Result>(_ state: inout AppState, _ body: (inout any Screen) -> Result) -> Result {
        if !state.stack.isEmpty { return state.stack[state.stack.count - 1].update(body) }
        return body(&state.tabScreen)
    }

    /// Closes what is open over the tab, the last opened first: a screen, or on a
    /// file tab the marking of files to attach or the details. False when nothing was.
    @discardableResult
    static func goBack(_ state: inout AppState) -> Bool {
        guard state.stack.isEmpty else {
            state.stack.removeLast()
            return true
        }
        guard state.tab.listsFiles, let outcome = state.updateFileTab(state.tab, { $0.back(&$1) }) else { return false }
        if case .open(let screen, _) = outcome { state.stack.append(screen) }
        return true
    }

    /// The key to the screen on top of the stack; nil when it passes it on.
    static func screenKey(_ state: inout AppState, _ key: Key, _ action: KeyAction?) -> [Effect]? {
        onTopScreen(&state) { $0.handle(action, key: key, &$1) }
    }

    /// Runs `body` on the screen on top (the last opened, or the tab's own) and
    /// carries out its outcome; nil when there is none or it passes.
    static func onTopScreen(_ state: inout AppState, _ body: (inout any Screen, inout ScreenContext) -> Outcome) -> [Effect]? {
        let onStack = !state.stack.isEmpty
        var top = state.topScreen
        var context = ScreenContext(state)
        let outcome = body(&top, &context)
        context.apply(to: &state)
        guard outcome != .pass else { return nil }
        switch (outcome, onStack) {
        case (.close, true): state.stack.removeLast()
        case (_, true): state.stack[state.stack.count - 1] = OpenScreen(top) ?? state.stack[state.stack.count - 1]
        case (_, false): state.tabScreen = top
        }
        if case .open(let screen, _) = outcome { state.stack.append(screen) }
        if let view = context.markToAttach { state.filesTab.attachingTo = view }
        if let filter = context.showFiles {
            state.filesTab.list = state.filesTab.list.reloaded(filter: filter)
            state.tab = .files
            return outcome.effects + prefetch(&state)
        }
        guard let tab = context.tab else { return outcome.effects }
        state.tab = tab
        return outcome.effects + prefetch(&state)
    }

    /// An answer to whichever open screen it is for, the top one first.
    static func screenAnswer(_ state: inout AppState, _ answer: Action) -> [Effect] {
        var context = ScreenContext(state)
        for index in state.stack.indices.reversed() {
            if let effects = state.stack[index].update({ $0.receive(answer, &context) }) {
                context.apply(to: &state)
                return effects
            }
        }
        return []
    }
}
