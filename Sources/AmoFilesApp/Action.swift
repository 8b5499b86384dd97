import AmoFilesAPI
import TerminalUI

/// Everything that can change the state: input, and answers to effects.
public enum Action: Sendable {
    case input(InputEvent)
    case pageLoaded(Tab, generation: Int, page: Int, files: [DriveFile], hasMore: Bool)
    case pageFailed(Tab, generation: Int, message: String)
    case usersLoaded([Int: String])
    case tick(now: Int64)
}

/// Work `reduce` asks the runtime to do; answers come back as actions.
public enum Effect: Sendable, Equatable {
    case loadPage(Tab, generation: Int, page: Int)
    case loadUsers
    case suspend
    case quit
}
