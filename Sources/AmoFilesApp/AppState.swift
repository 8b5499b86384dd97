import AmoFilesAPI
import TerminalUI

/// The tabs across the top.
public enum Tab: Int, CaseIterable, Sendable {
    case files, trash

    public var title: String {
        switch self {
        case .files: "Files"
        case .trash: "Trash"
        }
    }
}

/// A list of drive files loaded a page at a time.
public struct FileList: Sendable {
    public var items: [DriveFile] = []
    public var viewport = ListViewport()
    /// The page to ask for next; nil once the last page is in.
    public var nextPage: Int? = 1
    public var loading = false
    /// Bumped on every reload, so answers to an older request are dropped.
    public var generation = 0

    public var isComplete: Bool { nextPage == nil }
}

/// A message in the status line.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
}

/// Everything the screen shows; changed only by `reduce`.
public struct AppState: Sendable {
    public var rows: Int
    public var columns: Int
    public var tab: Tab = .files
    public var lists: [Tab: FileList] = [.files: FileList(), .trash: FileList()]
    /// Names of account users by id, for "who" columns.
    public var users: [Int: String] = [:]
    public var accountName: String
    public var driveHost: String
    public var status: StatusMessage?
    public var showingHelp = false
    public var keymap: Keymap
    /// The clock, as the runtime last reported it (reduce reads no clock itself).
    public var now: Int64 = 0

    public init(rows: Int, columns: Int, accountName: String, driveHost: String, keymap: Keymap = .defaults) {
        self.rows = rows
        self.columns = columns
        self.accountName = accountName
        self.driveHost = driveHost
        self.keymap = keymap
    }

    public var list: FileList {
        get { lists[tab] ?? FileList() }
        set { lists[tab] = newValue }
    }

    /// Rows the list gets: the screen less the tab bar, the column header and the status line.
    public var listHeight: Int { max(0, rows - 3) }

    /// Under this the screen says so instead of drawing a layout that cannot fit.
    public var isTooSmall: Bool { rows < 6 || columns < 30 }
}
