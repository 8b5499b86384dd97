import CNCurses
import Foundation

/// The real terminal, through ncursesw on `/dev/tty` (so stdout may be redirected).
/// curses is not thread-safe: one thread owns this object and makes every call.
public final class CursesTerminal: Surface {
    public private(set) var rows: Int
    public private(set) var columns: Int
    private let screen: OpaquePointer
    private let tty: UnsafeMutablePointer<FILE>
    private let looks: [Style: (attributes: attr_t, pair: Int16)]
    private var repaintAll = false

    /// Opens the terminal. Fails, with a message for a person, on a non-UTF-8 locale
    /// or when there is no terminal.
    public static func open() throws -> CursesTerminal {
        setlocale(LC_ALL, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)).map({ String(cString: $0) }), codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8" else {
            throw TerminalError(message: "the terminal's locale is not UTF-8 (LANG=\(ProcessInfo.processInfo.environment["LANG"] ?? "")); run with LANG=C.UTF-8 or another UTF-8 locale")
        }
        guard let tty = fopen("/dev/tty", "r+") else {
            throw TerminalError(message: "no terminal to draw on (/dev/tty cannot be opened); the subcommands work without one")
        }
        TerminalRescue.save(fd: fileno(tty))
        guard let screen = newterm(nil, tty, tty) else {
            fclose(tty)
            throw TerminalError(message: "the terminal type \"\(ProcessInfo.processInfo.environment["TERM"] ?? "")\" is unknown to curses; try TERM=xterm-256color")
        }
        set_term(screen)
        raw()
        noecho()
        nonl()
        keypad(amo_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        mousemask(amo_mouse_mask(), nil)
        mouseinterval(250)
        let terminal = CursesTerminal(screen: screen, tty: tty, looks: Self.startColours())
        TerminalRescue.install()
        return terminal
    }

    private init(screen: OpaquePointer, tty: UnsafeMutablePointer<FILE>, looks: [Style: (attr_t, Int16)]) {
        self.screen = screen
        self.tty = tty
        self.looks = looks
        rows = Int(amo_lines())
        columns = Int(amo_cols())
    }

    /// Colours when the terminal has at least 8 and NO_COLOR is unset; otherwise
    /// bold, reverse and dim alone.
    private static func startColours() -> [Style: (attr_t, Int16)] {
        let bold = amo_a_bold(), reverse = amo_a_reverse(), dim = amo_a_dim(), plain = amo_a_normal()
        var looks: [Style: (attr_t, Int16)] = [
            .normal: (plain, 0), .header: (bold, 0), .tabActive: (reverse | bold, 0), .tabInactive: (reverse, 0),
            .title: (reverse, 0), .cursor: (reverse, 0), .marked: (bold, 0), .markedCursor: (reverse | bold, 0),
            .dim: (dim, 0), .status: (plain, 0), .error: (bold | reverse, 0), .notice: (bold, 0), .dialog: (reverse, 0),
            .removed: (dim, 0), .added: (bold, 0), .removedWord: (reverse, 0), .addedWord: (reverse | bold, 0),
        ]
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        guard !noColor, has_colors(), start_color() == OK, amo_colors() >= 8, amo_color_pairs() >= 8 else { return looks }
        use_default_colors()
        let pairs: [(Int16, Int16, Int16)] = [
            (1, Int16(COLOR_WHITE), Int16(COLOR_BLUE)), (2, Int16(COLOR_BLACK), Int16(COLOR_CYAN)),
            (3, Int16(COLOR_YELLOW), -1), (4, Int16(COLOR_RED), -1), (5, Int16(COLOR_GREEN), -1), (6, Int16(COLOR_BLACK), Int16(COLOR_YELLOW)),
        ]
        for (pair, foreground, background) in pairs { init_pair(pair, foreground, background) }
        looks[.tabActive] = (bold, 6)
        looks[.tabInactive] = (plain, 1)
        looks[.title] = (plain, 1)
        looks[.cursor] = (plain, 2)
        looks[.marked] = (bold, 3)
        looks[.markedCursor] = (bold, 6)
        looks[.error] = (bold, 4)
        looks[.notice] = (plain, 5)
        looks[.dialog] = (plain, 1)
        looks[.removed] = (plain, 4)
        looks[.added] = (plain, 5)
        looks[.removedWord] = (reverse | bold, 4)
        looks[.addedWord] = (reverse | bold, 5)
        return looks
    }

    public func put(_ safeText: String, row: Int, column: Int, style: Style) {
        guard row >= 0, row < rows, column >= 0, column < columns else { return }
        let wide = safeText.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        let look = looks[style] ?? (amo_a_normal(), 0)
        wide.withUnsafeBufferPointer { buffer in
            amo_put(amo_stdscr(), Int32(row), Int32(column), buffer.baseAddress, Int32(buffer.count), look.attributes, look.pair)
        }
    }

    public func erase() {
        werase(amo_stdscr())
    }

    /// Sends what changed since the last frame, in one write.
    public func present() {
        if repaintAll {
            clearok(amo_stdscr(), true)
            repaintAll = false
        }
        wnoutrefresh(amo_stdscr())
        doupdate()
    }

    /// Waits up to `milliseconds` for input; nil when none came, or when `wakeup` was
    /// woken first. Signals (a resize, a stop request) also end the wait.
    public func read(timeout milliseconds: Int32, wakeup: TerminalWakeup? = nil) -> InputEvent? {
        guard let wakeup, milliseconds > 0 else { return read(waiting: milliseconds) }
        // What curses already holds first; then the terminal and the pipe together.
        if let event = read(waiting: 0) { return event }
        var waits = [pollfd(fd: fileno(tty), events: Int16(POLLIN), revents: 0),
                     pollfd(fd: wakeup.readEnd, events: Int16(POLLIN), revents: 0)]
        _ = poll(&waits, 2, milliseconds)
        wakeup.drain()
        return read(waiting: 0)
    }

    private func read(waiting milliseconds: Int32) -> InputEvent? {
        wtimeout(amo_stdscr(), milliseconds)
        let key = amo_read_key(amo_stdscr())
        switch key.status {
        case KEY_CODE_YES: return functionKey(Int32(key.code))
        case OK: return character(key.code)
        default: return nil
        }
    }

    private func functionKey(_ code: Int32) -> InputEvent? {
        switch code {
        case amo_key_resize():
            rows = Int(amo_lines())
            columns = Int(amo_cols())
            return .resize(rows: rows, columns: columns)
        case amo_key_mouse():
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            if amo_wheel_up(event.bstate) != 0 { return .wheel(up: true) }
            if amo_wheel_down(event.bstate) != 0 { return .wheel(up: false) }
            if amo_button1_double(event.bstate) != 0 { return .click(row: Int(event.y), column: Int(event.x), double: true) }
            if amo_button1_clicked(event.bstate) != 0 { return .click(row: Int(event.y), column: Int(event.x), double: false) }
            return nil
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .key(.function(Int(code - KEY_F0)))
        default: return nil
        }
    }

    private func character(_ code: UInt32) -> InputEvent? {
        switch code {
        case 27:
            // Alt-x arrives as Esc then x; a lone Esc has nothing after it.
            wtimeout(amo_stdscr(), 0)
            let next = amo_read_key(amo_stdscr())
            if next.status == OK, next.code >= 32, next.code != 127, let scalar = Unicode.Scalar(next.code) {
                return .key(.alt(Character(scalar)))
            }
            return .key(.escape)
        case 13, 10: return .key(.enter)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        case 32: return .key(.space)
        case 26: return .suspend
        case 1...31: return .key(.control(Character(Unicode.Scalar(code + 96)!)))
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    /// Ctrl-Z: gives the shell its terminal back until `fg`.
    public func suspend() {
        endwin()
        raise(SIGSTOP)
        repaintAll = true
        present()
    }

    /// Gives the terminal back as it was.
    public func close() {
        endwin()
        delscreen(screen)
        fclose(tty)
        TerminalRescue.uninstall()
    }
}

public struct TerminalError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
