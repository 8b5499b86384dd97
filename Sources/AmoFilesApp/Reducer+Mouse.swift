import TerminalUI

/// The mouse: the wheel scrolls, a click puts the cursor on a row, a double click
/// does what Enter does there.
extension Reducer {
    static func scroll(_ state: inout AppState, by delta: Int) -> [Effect] {
        let height = state.listHeight
        if var picker = state.picker {
            picker.viewport.move(by: delta, count: picker.rows.count, height: height)
            state.picker = picker
        } else if var entity = state.entity {
            entity.viewport.move(by: delta, count: entity.files.count, height: height)
            state.entity = entity
        } else if var links = state.links {
            links.viewport.move(by: delta, count: links.items.count, height: height)
            state.links = links
        } else if var versions = state.versions, state.tab == .files {
            versions.viewport.move(by: delta, count: versions.items.count, height: height)
            state.versions = versions
        } else if state.tab == .transfers {
            state.transfers.viewport.move(by: delta, count: state.transfers.items.count, height: height)
        } else {
            return move(&state, by: delta)
        }
        return []
    }

    static func click(_ state: inout AppState, row: Int, double: Bool) -> [Effect] {
        guard row >= state.listTop else { return [] }
        let offset = row - state.listTop
        let height = state.listHeight
        if var picker = state.picker {
            let index = picker.viewport.top + offset
            guard index < picker.rows.count else { return [] }
            picker.viewport.moveTo(index, count: picker.rows.count, height: height)
            state.picker = picker
            return double ? pickerKey(&state, .enter) ?? [] : []
        }
        if var entity = state.entity {
            let index = entity.viewport.top + offset
            guard index < entity.files.count else { return [] }
            entity.viewport.moveTo(index, count: entity.files.count, height: height)
            state.entity = entity
            return []
        }
        if var links = state.links {
            let index = links.viewport.top + offset
            guard index < links.items.count else { return [] }
            links.viewport.moveTo(index, count: links.items.count, height: height)
            state.links = links
            return double ? linksKey(&state, .enter) ?? [] : []
        }
        if var versions = state.versions, state.tab == .files {
            let index = versions.viewport.top + offset
            guard index < versions.items.count else { return [] }
            versions.viewport.moveTo(index, count: versions.items.count, height: height)
            state.versions = versions
            return double ? askActivate(&state) : []
        }
        if state.tab == .transfers {
            let index = state.transfers.viewport.top + offset
            guard index < state.transfers.items.count else { return [] }
            state.transfers.viewport.moveTo(index, count: state.transfers.items.count, height: height)
            return []
        }
        let index = state.list.viewport.top + offset
        guard index < state.list.items.count else { return [] }
        let effects = move(&state, by: index - state.list.viewport.cursor)
        // A double click opens the file's versions, as Enter opens a folder elsewhere.
        return double && state.tab == .files ? effects + openVersions(&state) : effects
    }
}
