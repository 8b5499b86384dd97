import TerminalUI

/// The mouse: the wheel scrolls, a click puts the cursor on a row, a double click
/// does what Enter does there.
extension Reducer {
    static func scroll(_ state: inout AppState, by delta: Int) -> [Effect] {
        let context = ScreenContext(state)
        if let effects = updateTop(&state, { $0.scroll(by: delta, context) }) { return effects }
        return move(&state, by: delta)
    }

    static func click(_ state: inout AppState, row: Int, double: Bool) -> [Effect] {
        if let effects = onTopScreen(&state, { $0.click(row: row, double: double, &$1) }) { return effects }
        guard row >= state.listTop else { return [] }
        let index = state.list.viewport.top + row - state.listTop
        guard index < state.list.items.count else { return [] }
        let effects = move(&state, by: index - state.list.viewport.cursor)
        // A double click opens the file's versions, as Enter opens a folder elsewhere.
        return double && state.tab == .files ? effects + openVersions(&state) : effects
    }
}
