import TerminalUI

/// The mouse: the wheel scrolls, a click puts the cursor on a row, a double click
/// does what Enter does there.
extension Reducer {
    static func scroll(_ state: inout AppState, by delta: Int) -> [Effect] {
        let height = state.listHeight
        if !state.stack.isEmpty {
            let context = ScreenContext(state)
            return state.stack[state.stack.count - 1].update { $0.scroll(by: delta, context) }
        } else if state.tab == .transfers {
            state.transfers.scroll(by: delta, height: height)
        } else {
            return move(&state, by: delta)
        }
        return []
    }

    static func click(_ state: inout AppState, row: Int, double: Bool) -> [Effect] {
        guard row >= state.listTop else { return [] }
        let offset = row - state.listTop
        let height = state.listHeight
        if !state.stack.isEmpty {
            return onTopScreen(&state) { $0.click(row: row, double: double, &$1) } ?? []
        }
        if state.tab == .transfers {
            _ = state.transfers.select(offset: offset, height: height)
            return []
        }
        let index = state.list.viewport.top + offset
        guard index < state.list.items.count else { return [] }
        let effects = move(&state, by: index - state.list.viewport.cursor)
        // A double click opens the file's versions, as Enter opens a folder elsewhere.
        return double && state.tab == .files ? effects + openVersions(&state) : effects
    }
}
