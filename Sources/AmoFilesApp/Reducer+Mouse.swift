import TerminalUI

/// The mouse: the wheel scrolls, a click puts the cursor on a row, a double click
/// does what Enter does there.
extension Reducer {
    static func scroll(_ state: inout AppState, by delta: Int) -> [Effect] {
        let context = ScreenContext(state)
        return updateTop(&state) { $0.scroll(by: delta, context) }
    }

    static func click(_ state: inout AppState, row: Int, double: Bool) -> [Effect] {
        onTopScreen(&state) { $0.click(row: row, double: double, &$1) } ?? []
    }
}
