import AmoFilesAPI
import TerminalUI

/// The versions of a file: opened over Files; the screen itself is `VersionsScreen`.
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

    /// Marks `active` as the active version in the open list.
    static func markActive(_ state: inout AppState, fileUUID: String, _ active: String) {
        guard var versions = state.versions, versions.file.uuid == fileUUID else { return }
        for index in versions.items.indices { versions.items[index].isMain = versions.items[index].uuid == active }
        state.versions = versions
    }
}
