import AmoFilesAPI
import TerminalUI

/// The versions of a file: open, move, make one active.
extension Reducer {
    static func openVersions(_ state: inout AppState) -> [Effect] {
        guard state.tab == .files else {
            state.status = StatusMessage(text: "A file in the trash has to be restored before its versions can be changed.", isError: false)
            return []
        }
        guard let file = state.list.current else { return [] }
        state.versions = VersionList(file: file)
        return [.loadVersions(fileUUID: file.uuid)]
    }

    /// Keys while the versions are open; nil when the key is not theirs.
    static func versionsKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard var versions = state.versions else { return nil }
        if key == .escape {
            state.versions = nil
            return []
        }
        let action = state.keymap.action(for: key)
        if let delta = movement(action, in: versions, state: state) {
            versions.scroll(by: delta, height: state.listHeight)
            state.versions = versions
            return []
        }
        switch action {
        case .versions?:
            state.versions = nil
            return []
        case .details?:
            return askActivate(&state)
        case .download?:
            return askDownload(&state)
        case .newVersion?:
            return openNewVersionPicker(&state)
        case .quit?, .help?, .upload?, .transfers?, .files?, .trash?, .nextTab?, .previousTab?, nil:
            return nil
        default:
            return []
        }
    }
    static func versionsLoaded(_ state: inout AppState, fileUUID: String, _ items: [FileVersion]) -> [Effect] {
        guard var versions = state.versions, versions.file.uuid == fileUUID else { return [] }
        let current = versions.current?.uuid
        versions.items = items
        versions.loading = false
        let index = current.flatMap { uuid in items.firstIndex { $0.uuid == uuid } } ?? 0
        versions.viewport = ListViewport()
        versions.viewport.moveTo(index, count: items.count, height: state.listHeight)
        state.versions = versions
        return []
    }

    /// "Make version 2 (2026-11-20 17:30, 1.5 MB) active?"
    static func askActivate(_ state: inout AppState) -> [Effect] {
        guard let versions = state.versions, let version = versions.current else { return [] }
        let number = versions.items.count - versions.viewport.cursor
        guard !version.isMain else {
            state.status = StatusMessage(text: "Version \(number) is already the active one.", isError: false)
            return []
        }
        let previous = versions.items.first(where: \.isMain)?.uuid ?? versions.file.versionUUID
        state.overlay = .confirm(
            question: "Make version \(number) (\(Quantities.time(version.createdAt)), \(Quantities.bytes(version.size))) active?",
            edit: .activate(file: versions.file, version: version, previous: previous))
        return []
    }

    /// Marks `active` as the active version in the open list.
    static func markActive(_ state: inout AppState, fileUUID: String, _ active: String) {
        guard var versions = state.versions, versions.file.uuid == fileUUID else { return }
        for index in versions.items.indices { versions.items[index].isMain = versions.items[index].uuid == active }
        state.versions = versions
    }
}
