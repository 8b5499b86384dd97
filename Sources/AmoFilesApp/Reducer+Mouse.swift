import TerminalUI

/// The mouse: the wheel scrolls, a click puts the cursor on a row, a double click
/// does what Enter does there; a click on a file tab's scroll bar goes to that share of the list.
extension Reducer {
    static func scroll(_ state: inout AppState, by delta: Int) -> [Effect] {
        let context = ScreenContext(state)
        return updateTop(&state) { $0.scroll(by: delta, context) }
    }

    static func click(_ state: inout AppState, row: Int, column: Int, double: Bool) -> [Effect] {
        if state.stack.isEmpty, state.tab.listsFiles,
           let jump = state.updateFileTab(state.tab, { screen, context in screen.clickScrollBar(row: row, column: column, context) }) {
            return jump
        }
        return onTopScreen(&state) { $0.click(row: row, double: double, &$1) } ?? []
    }
}
