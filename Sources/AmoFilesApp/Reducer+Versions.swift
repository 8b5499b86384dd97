import AmoFilesAPI
import TerminalUI

/// The versions of a file after a switch; the screen itself is `VersionsScreen`.
extension Reducer {
    /// Marks `active` as the active version in the open list.
    static func markActive(_ state: inout AppState, fileUUID: String, _ active: String) {
        state.updateOpen(VersionsScreen.self) { screen in
            guard screen.list.file.uuid == fileUUID else { return }
            for index in screen.list.items.indices { screen.list.items[index].isMain = screen.list.items[index].uuid == active }
        }
    }
}
