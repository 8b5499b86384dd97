import AmoFilesAPI
import TerminalUI

/// The versions of a file after a switch; the screen itself is `VersionsScreen`.
extension Reducer {
    /// Marks `active` as the active version in the open list.
    static func markActive(_ state: inout AppState, fileUUID: String, _ active: String) {
        guard var versions = state.versions, versions.file.uuid == fileUUID else { return }
        for index in versions.items.indices { versions.items[index].isMain = versions.items[index].uuid == active }
        state.versions = versions
    }
}
