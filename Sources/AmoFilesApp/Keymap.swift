import TerminalUI

/// What a key can do. The names are those of keymap.txt.
public enum KeyAction: String, CaseIterable, Sendable {
    case up, down, pageUp = "page-up", pageDown = "page-down", top, bottom
    case details, versions, download, sort, select, rename, delete, restore, upload, newVersion = "new-version"
    case undo, compare, links, attach, command
    case parent, hidden, cancel, retry
    case search, filter, clearFilter = "clear-filter"
    case nextTab = "next-tab", previousTab = "previous-tab", files, trash, transfers, usage
    case refresh, help, messages, close, quit
    case preview, nextMatch = "next-match", previousMatch = "previous-match", wrap, nextSheet = "next-sheet", previousSheet = "previous-sheet"

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .up: "move up"
        case .down: "move down"
        case .pageUp: "one screen up"
        case .pageDown: "one screen down"
        case .top: "first row"
        case .bottom: "last row of the whole list"
        case .details: "show or hide every property of the file"
        case .versions: "versions of the file; Enter on one makes it active"
        case .download: "download the file, or the version under the cursor"
        case .sort: "sort the whole list (up to 5,000 files): name, size, updated, type (Trash: deleted), as served"
        case .select: "mark or unmark a file, then move down"
        case .rename: "rename the file"
        case .delete: "move the marked files (or this one) to the trash; in links and entity views: detach"
        case .restore: "restore the marked files (or this one) from the trash"
        case .undo: "Versions: switch back to the version that was active before the last switch"
        case .compare: "Versions: compare the version under the cursor with the active one, or the two marked"
        case .links: "the deals, contacts, companies and customers the file is attached to"
        case .attach: "attach the marked files (or this one) to an entity found by name or id"
        case .command: "a command: files, trash, transfers, usage, upload, resume, lead 123 (or a name), contact, company, customer, quit"
        case .upload: "choose local files to upload"
        case .newVersion: "choose a local file to upload as a new version of this one"
        case .parent: "local picker: the folder above"
        case .hidden: "local picker: show or hide hidden files"
        case .cancel: "cancel the transfer under the cursor"
        case .retry: "start a failed or cancelled transfer again"
        case .search: "Files, Trash: search names and linked records on the server; elsewhere: show only rows with the text"
        case .filter: "filter by extension, size, date, author, source"
        case .clearFilter: "clear the search and filters; in Transfers, the rows of finished transfers"
        case .nextTab: "next tab"
        case .previousTab: "previous tab"
        case .files: "Files tab"
        case .trash: "Trash tab"
        case .transfers: "Transfers tab: uploads and downloads"
        case .usage: "Usage tab: where the account's space goes"
        case .refresh: "load the list again"
        case .help: "this help"
        case .messages: "the last messages of the status line, whole"
        case .close: "close this screen (or help); on a tab with nothing open, quit"
        case .quit: "quit from anywhere (C-c too; while transfers run, asks first)"
        case .preview: "what the file (or the version under the cursor) holds, in the terminal"
        case .nextMatch: "preview: the next line holding the text found with /"
        case .previousMatch: "preview: the line before holding it"
        case .wrap: "preview: wrap long lines, or cut them (← → move along them)"
        case .nextSheet: "preview of a workbook: the next sheet"
        case .previousSheet: "preview of a workbook: the sheet before"
        }
    }
}

/// Where a key acts: a tab with nothing open over it, or the screen on top.
public enum ScreenKind: String, CaseIterable, Sendable {
    case files, trash, transfers, usage, versions, links, entity, picker, preview, compare

    var title: String {
        switch self {
        case .files: "Files"
        case .trash: "Trash"
        case .transfers: "Transfers"
        case .usage: "Usage"
        case .versions: "Versions"
        case .links: "Links"
        case .entity: "a record's files"
        case .picker: "the local picker"
        case .preview: "a preview"
        case .compare: "a comparison"
        }
    }
}

extension KeyAction {
    /// The screens where the action does something (beyond saying where it works):
    /// two actions may share a key only when these do not meet.
    public var screens: Set<ScreenKind> {
        switch self {
        case .up, .down, .pageUp, .pageDown, .top, .bottom, .files, .trash, .transfers, .usage, .nextTab, .previousTab,
             .command, .search, .refresh, .help, .messages, .close, .quit, .upload:
            Set(ScreenKind.allCases)
        case .details: [.files, .trash, .versions, .links, .usage]
        case .versions: [.files, .versions, .entity]
        case .newVersion: [.files, .versions]
        case .undo, .compare: [.versions]
        case .preview: [.files, .versions, .entity, .preview]
        case .nextMatch, .previousMatch: [.preview, .compare]
        case .wrap: [.preview]
        case .nextSheet, .previousSheet: [.preview, .usage]
        case .download: [.files, .versions, .entity, .usage]
        case .sort, .filter: [.files, .trash]
        case .clearFilter: [.files, .trash, .transfers]
        case .select: [.files, .trash, .picker, .entity, .versions]
        case .rename: [.files]
        case .delete: [.files, .links, .entity]
        case .restore: [.trash]
        case .links: [.files, .links, .entity]
        case .attach: [.files, .links, .entity]
        case .parent, .hidden: [.picker]
        case .cancel: [.transfers, .usage]
        case .retry: [.transfers]
        }
    }
}

/// A problem in a keymap file, with its line number.
public struct KeymapProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }
}

/// Everything wrong with a keymap file, in line order.
public struct KeymapProblems: Error, Sendable, Equatable, CustomStringConvertible {
    public let problems: [KeymapProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// The keys of each action: the defaults (keymap.txt, carried in the binary)
/// with a user's file laid over them, one action at a time. A key serves two
/// actions only when they never act on the same screen.
public struct Keymap: Sendable {
    public private(set) var bindings: [KeyAction: [Key]]
    private var byKey: [Key: [KeyAction]]

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

    /// The action of `key` on screen `kind`: of two actions sharing the key, the one
    /// that acts there; a key of one action is that action's everywhere.
    public func action(for key: Key, on kind: ScreenKind) -> KeyAction? {
        let actions = byKey[key] ?? []
        return actions.first { $0.screens.contains(kind) } ?? actions.first
    }

    /// The action of a key no other action shares (movement, quitting, help).
    public func action(for key: Key) -> KeyAction? { byKey[key]?.first }

    public func keys(for action: KeyAction) -> [Key] { bindings[action] ?? [] }

    /// This keymap with the lines of `text` replacing the keys of the actions they
    /// name; every bad line and every clash is reported, each with its line.
    public func overlaid(with text: String) -> Result<Keymap, KeymapProblems> {
        var result = self
        var problems: [KeymapProblem] = []
        var lineOf: [KeyAction: Int] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let name = words.first else { continue }
            guard let action = KeyAction(rawValue: name) else {
                problems.append(KeymapProblem(line: number, message: "unknown action \"\(name)\"; actions: \(KeyAction.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            let keyNames = words.dropFirst()
            guard !keyNames.isEmpty else {
                problems.append(KeymapProblem(line: number, message: "\"\(name)\" needs at least one key (or none)"))
                continue
            }
            if let earlier = lineOf[action] {
                problems.append(KeymapProblem(line: number, message: "\"\(name)\" is bound on line \(earlier) too; one line per action"))
                continue
            }
            let keys = keyNames == ["none"] ? [] : keyNames.map { (name: $0, key: Key(name: $0)) }
            if let bad = keys.first(where: { $0.key == nil }) {
                problems.append(KeymapProblem(line: number, message: "\"\(bad.name)\" is not a key name (see the top of keymap.txt)"))
                continue
            }
            lineOf[action] = number
            result.bindings[action] = keys.compactMap(\.key)
        }
        problems += result.clashes(lines: lineOf)
        guard problems.isEmpty else { return .failure(KeymapProblems(problems: problems.sorted { $0.line < $1.line })) }
        result.reindex()
        return .success(result)
    }

    /// Keys two actions share on some screen, reported on the user's line of the
    /// later one (the other's line named: the user's, or keymap.txt's).
    private func clashes(lines: [KeyAction: Int]) -> [KeymapProblem] {
        var problems: [KeymapProblem] = []
        let actions = KeyAction.allCases
        for (first, a) in actions.enumerated() {
            for b in actions[(first + 1)...] {
                let shared = keys(for: a).filter { keys(for: b).contains($0) }
                let screens = a.screens.intersection(b.screens)
                guard let key = shared.first, !screens.isEmpty, lines[a] != nil || lines[b] != nil else { continue }
                let (mine, other) = (lines[a] ?? 0) > (lines[b] ?? 0) ? (a, b) : (b, a)
                let place = screens.count == ScreenKind.allCases.count
                    ? "on every screen" : "in " + ScreenKind.allCases.filter(screens.contains).map(\.title).joined(separator: ", ")
                let otherLine = lines[other].map { "on line \($0)" } ?? "by default (keymap.txt line \(Self.defaultLine(of: other)))"
                let fix = lines[other] == nil ? " Give \(other.rawValue) another key, or \"\(other.rawValue) none\"." : " Give one of them another key."
                problems.append(KeymapProblem(
                    line: lines[mine] ?? 0,
                    message: "\(key) is bound to \(mine.rawValue) here and to \(other.rawValue) \(otherLine); both act \(place).\(fix)"))
            }
        }
        return problems
    }

    /// The line of keymap.txt that binds `action`.
    private static func defaultLine(of action: KeyAction) -> Int {
        let lines = defaultText.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.split(separator: " ").first.map(String.init) == action.rawValue } ?? 0) + 1
    }

    private mutating func reindex() {
        byKey = [:]
        for action in KeyAction.allCases {
            for key in bindings[action] ?? [] { byKey[key, default: []].append(action) }
        }
    }
}
