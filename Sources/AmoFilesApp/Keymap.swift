import TerminalUI

/// What a key can do. The names are those of keymap.txt.
public enum KeyAction: String, CaseIterable, Sendable {
    case up, down, pageUp = "page-up", pageDown = "page-down", top, bottom
    case details, versions, download, sort, select, rename, delete, restore, upload, newVersion = "new-version"
    case links, attach, command
    case parent, hidden, cancel, retry
    case search, filter, clearFilter = "clear-filter"
    case nextTab = "next-tab", previousTab = "previous-tab", files, trash, transfers
    case refresh, help, close, quit

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .up: "move up"
        case .down: "move down"
        case .pageUp: "one screen up"
        case .pageDown: "one screen down"
        case .top: "first row"
        case .bottom: "last loaded row"
        case .details: "show or hide every property of the file"
        case .versions: "versions of the file; Enter on one makes it active"
        case .download: "download the file, or the version under the cursor"
        case .sort: "sort the loaded rows: name, size, updated, type, as served"
        case .select: "mark or unmark a file, then move down"
        case .rename: "rename the file"
        case .delete: "move the marked files (or this one) to the trash; in links and entity views: detach"
        case .restore: "restore the marked files (or this one) from the trash"
        case .links: "the deals, contacts, companies and customers the file is attached to"
        case .attach: "attach the marked files (or this one) to an entity found by name or id"
        case .command: "a command: files, trash, transfers, upload, lead 123, contact 45, quit"
        case .upload: "choose local files to upload"
        case .newVersion: "choose a local file to upload as a new version of this one"
        case .parent: "local picker: the folder above"
        case .hidden: "local picker: show or hide hidden files"
        case .cancel: "cancel the transfer under the cursor"
        case .retry: "start a failed or cancelled transfer again"
        case .search: "Files, Trash: search names and linked records on the server; elsewhere: show only rows with the text"
        case .filter: "filter by extension, size, date, author, source"
        case .clearFilter: "clear the search and filters"
        case .nextTab: "next tab"
        case .previousTab: "previous tab"
        case .files: "Files tab"
        case .trash: "Trash tab"
        case .transfers: "Transfers tab: uploads and downloads"
        case .refresh: "load the list again"
        case .help: "this help"
        case .close: "close this screen (or help); on a tab with nothing open, quit"
        case .quit: "quit from anywhere (C-c too; while transfers run, asks first)"
        }
    }
}

/// A problem in a keymap file, with its line number.
public struct KeymapProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }
}

/// The keys of each action: the defaults (keymap.txt, carried in the binary)
/// with a user's file laid over them, one action at a time.
public struct Keymap: Sendable {
    public private(set) var bindings: [KeyAction: [Key]]
    private var byKey: [Key: KeyAction]

    /// The defaults, from the same text as keymap.txt at the repository root.
    public static let defaults: Keymap = {
        guard case .success(let keymap) = Keymap(bindings: [:]).overlaid(with: defaultText) else {
            preconditionFailure("the built-in keymap does not parse")
        }
        return keymap
    }()

    init(bindings: [KeyAction: [Key]]) {
        self.bindings = bindings
        byKey = [:]
        reindex()
    }

    public func action(for key: Key) -> KeyAction? { byKey[key] }

    public func keys(for action: KeyAction) -> [Key] { bindings[action] ?? [] }

    /// This keymap with the lines of `text` replacing the keys of the actions they name.
    public func overlaid(with text: String) -> Result<Keymap, KeymapProblem> {
        var result = self
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let name = words.first else { continue }
            guard let action = KeyAction(rawValue: name) else {
                return .failure(KeymapProblem(line: index + 1, message: "unknown action \"\(name)\"; actions: \(KeyAction.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            let keyNames = words.dropFirst()
            guard !keyNames.isEmpty else {
                return .failure(KeymapProblem(line: index + 1, message: "\"\(name)\" needs at least one key (or none)"))
            }
            if keyNames == ["none"] {
                result.bindings[action] = []
                continue
            }
            var keys: [Key] = []
            for keyName in keyNames {
                guard let key = Key(name: keyName) else {
                    return .failure(KeymapProblem(line: index + 1, message: "\"\(keyName)\" is not a key name (see the top of keymap.txt)"))
                }
                keys.append(key)
            }
            // A key moves to the action that names it last.
            for other in KeyAction.allCases where other != action {
                result.bindings[other]?.removeAll { keys.contains($0) }
            }
            result.bindings[action] = keys
        }
        result.reindex()
        return .success(result)
    }

    private mutating func reindex() {
        byKey = [:]
        for (action, keys) in bindings {
            for key in keys { byKey[key] = action }
        }
    }
}
