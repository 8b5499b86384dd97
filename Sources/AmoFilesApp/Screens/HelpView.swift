import TerminalUI

/// One line of help: the keys in force and what they do on this screen.
struct KeyHint: Equatable {
    var action: KeyAction?
    var keys: String
    var what: String

    /// The keys the keymap gives `action` ("(none)" when unbound).
    init(_ action: KeyAction, _ keymap: Keymap, _ what: String? = nil) {
        self.action = action
        let keys = keymap.keys(for: action).map(\.description).joined(separator: " ")
        self.keys = keys.isEmpty ? "(none)" : keys
        self.what = what ?? action.summary
    }

    /// A key no action names (Enter, Esc where they mean something of their own).
    init(keys: String, _ what: String, for action: KeyAction? = nil) {
        self.action = action
        self.keys = keys
        self.what = what
    }
}

/// The help: the keys of what is on screen first, in its own words, then those that
/// work everywhere, then every other key; wrapped to the dialog's width.
enum HelpView {
    /// Keys that mean the same on every screen.
    static let everywhere: [KeyAction] = [
        .up, .down, .pageUp, .pageDown, .top, .bottom, .files, .trash, .transfers, .usage, .nextTab, .previousTab,
        .command, .search, .refresh, .help, .messages, .close, .quit,
    ]

    /// The box's width: the whole terminal up to 92 columns (nothing of the screen
    /// under it shows at its sides), 90 beyond.
    static func width(columns: Int) -> Int { columns <= 92 ? max(0, columns) : 90 }

    /// Every line of the help for `state`; the reducer scrolls by them too.
    static func lines(_ state: AppState) -> [String] {
        let (title, own) = screenKeys(state)
        let room = width(columns: state.columns) - 2
        let general = everywhere.filter { action in !own.contains { $0.action == action } }
        let others = KeyAction.allCases.filter { action in !everywhere.contains(action) && !own.contains { $0.action == action } }
        var lines = [" " + title] + own.flatMap { format($0, room) }
        lines += ["", " Everywhere"] + general.flatMap { format(KeyHint($0, state.keymap), room) }
        if !others.isEmpty { lines += ["", " On other screens"] + others.flatMap { format(KeyHint($0, state.keymap), room) } }
        return lines
    }

    /// The name of what is on screen and its own keys.
    private static func screenKeys(_ state: AppState) -> (String, [KeyHint]) {
        let top = state.topScreen
        return (top.name, top.keyHints(ScreenContext(state)))
    }

    /// "d Delete       move the marked files …", wrapped under its text.
    private static func format(_ hint: KeyHint, _ width: Int) -> [String] {
        let keysWidth = 14
        let text = TerminalText.wrap(hint.what, columns: max(10, width - keysWidth - 3))
        let indent = String(repeating: " ", count: keysWidth + 3)
        return ["  " + TerminalText.pad(hint.keys, columns: keysWidth) + " " + text[0]] + text.dropFirst().map { indent + $0 }
    }

    static func draw(_ state: AppState, scroll: Int, into surface: any Surface) {
        ReadingBox.draw(lines(state), scroll: scroll, closing: "any other key closes", into: surface)
    }
}

/// The last messages of the status line, whole and wrapped, the newest last.
enum MessagesView {
    static func lines(_ state: AppState) -> [String] {
        guard !state.messages.isEmpty else { return ["  No messages yet."] }
        let room = max(10, HelpView.width(columns: state.columns) - 2 - 19)
        return state.messages.flatMap { logged in
            let text = TerminalText.wrap(logged.message.text, columns: room)
            let mark = logged.message.isError ? "!" : " "
            return [" \(mark)\(Quantities.time(logged.at)) " + text[0]] + text.dropFirst().map { String(repeating: " ", count: 19) + $0 }
        }
    }

    /// Opened on the newest messages.
    static func lastPage(_ state: AppState) -> Int { ReadingBox.lastScroll(lines(state).count, rows: state.rows) }

    static func draw(_ state: AppState, scroll: Int, into surface: any Surface) {
        ReadingBox.draw(lines(state), scroll: scroll, title: " Messages", closing: "any other key closes", into: surface)
    }
}

/// A box of lines to read over the screen (help, messages), scrolled with ↑↓.
enum ReadingBox {
    /// How far the lines scroll: the last page shows the last line.
    static func lastScroll(_ count: Int, rows: Int) -> Int { max(0, count - max(1, rows - 5)) }

    static func draw(_ lines: [String], scroll: Int, title: String = " Keys", closing: String, into surface: any Surface) {
        let width = HelpView.width(columns: surface.columns)
        let room = max(1, surface.rows - 5)
        let shown = Array(lines.dropFirst(scroll).prefix(room))
        let more = lines.count > room
        let top = max(1, (surface.rows - shown.count - 3) / 2)
        let left = max(0, (surface.columns - width) / 2)
        surface.draw(title + (more ? " (↑↓ scroll, \(closing))" : " (\(closing.replacingOccurrences(of: "other ", with: "")))"),
                     row: top, column: left, width: width, style: .dialog)
        for (index, line) in shown.enumerated() {
            surface.draw(line, row: top + 1 + index, column: left, width: width, style: .dialog)
        }
        let footer = more ? "  \(scroll + 1)–\(scroll + shown.count) of \(lines.count)" : ""
        surface.draw(footer, row: top + 1 + shown.count, column: left, width: width, style: .dialog)
    }
}
