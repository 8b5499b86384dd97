import AmoFilesAPI
import AmoFilesTasks
import FilePreview
import TerminalUI

/// What one version holds, read in the terminal: the lines of its preview, numbered,
/// scrolled, cut or wrapped (`w`), searched (`/`, then `n` and `N`). Every line is the
/// file's own and goes through the sanitiser as it is drawn.
struct PreviewScreen: Screen, Equatable {
    let source: VersionSource
    /// "version 2 of 5", when opened from Versions.
    let which: String?
    var preview: Preview?
    var failure: String?
    /// The request its answer carries: an answer for another preview is not this one's.
    var request = 0
    /// The first line shown, and the column the cut lines start at.
    var top = 0
    var left = 0
    var wraps = false
    /// What `/` looks for; "" when nothing.
    var term = ""
    /// The workbook's sheet shown.
    var sheet = 0
    /// A file read whole (an office file, a PDF) and big: Enter reads it.
    var asking = false

    var kind: ScreenKind { .preview }

    init(source: VersionSource, which: String? = nil) {
        self.source = source
        self.which = which
    }

    /// Opens the preview of `source` over the screen on top, asking for its bytes.
    static func open(_ source: VersionSource, which: String? = nil, _ context: inout ScreenContext) -> Outcome {
        guard source.href != nil else {
            context.status = StatusMessage(text: "The service gave no download link for this file.", isError: true)
            return .handled([])
        }
        var screen = PreviewScreen(source: source, which: which)
        // A file read whole and bigger than most is read only when asked to.
        if Preview.bytesNeeded(fileExtension: source.fileExtension) == nil, source.size > Preview.askAbove {
            screen.asking = true
            return .open(.preview(screen), [])
        }
        screen.request = context.newRequest()
        return .open(.preview(screen), [.loadPreview(source, request: screen.request)])
    }

    private var lines: [String] {
        guard let preview else { return [] }
        return preview.sheets.indices.contains(sheet) ? preview.sheets[sheet].lines : preview.lines
    }

    /// Rows for the text: the area less its title.
    private func height(_ context: ScreenContext) -> Int { max(0, context.area.height - 1) }

    mutating func handle(_ action: KeyAction?, key: Key, _ context: inout ScreenContext) -> Outcome {
        if key == .escape { return .close([]) }
        let height = height(context)
        if asking {
            guard key == .enter else { return .handled([]) }
            asking = false
            request = context.newRequest()
            return .handled([.loadPreview(source, request: request)])
        }
        switch key {
        case .left: left = max(0, left - 8); return .handled([])
        case .right: if !wraps { left += 8 }; return .handled([])
        default: break
        }
        switch action {
        case .up?: scroll(by: -1, height: height)
        case .down?: scroll(by: 1, height: height)
        case .pageUp?: scroll(by: -max(1, height - 1), height: height)
        case .pageDown?, .select?: scroll(by: max(1, height - 1), height: height)
        case .top?: top = 0
        case .bottom?: top = max(0, lines.count - height)
        case .wrap?:
            wraps.toggle()
            left = 0
        case .nextSheet?, .previousSheet?:
            guard let sheets = preview?.sheets, sheets.count > 1 else {
                context.status = StatusMessage(text: "That key turns the sheets of a workbook.", isError: false)
                break
            }
            sheet = (sheet + (action == .nextSheet ? 1 : sheets.count - 1)) % sheets.count
            (top, left) = (0, 0)
        case .nextMatch?: find(from: top + 1, forward: true, &context)
        case .previousMatch?: find(from: top - 1, forward: false, &context)
        case .refresh?:
            request = context.newRequest()
            (preview, failure) = (nil, nil)
            return .handled([.loadPreview(source, request: request)])
        case .preview?:
            return .close([])
        default:
            break
        }
        return .handled([])
    }

    private mutating func scroll(by delta: Int, height: Int) {
        top = max(0, min(max(0, lines.count - height), top + delta))
    }

    /// Moves to the next line (or the one before) holding the term, from line `start`.
    private mutating func find(from start: Int, forward: Bool, _ context: inout ScreenContext) {
        guard !term.isEmpty else {
            context.status = StatusMessage(text: "Nothing to find yet. \(Reducer.hint(.search, context.keymap, "to give the text"))", isError: false)
            return
        }
        guard let found = line(holding: term, from: start, forward: forward) else {
            context.status = StatusMessage(text: "“\(TerminalText.sanitize(term))” is not found \(forward ? "below" : "above").", isError: false)
            return
        }
        top = found
    }

    /// The first line holding `text` from line `start` on, or back from it; nil when
    /// none does (and when `start` is past either end).
    private func line(holding text: String, from start: Int, forward: Bool) -> Int? {
        let lines = lines
        let order = forward ? Array(stride(from: max(0, start), to: lines.count, by: 1)) : Array(stride(from: min(start, lines.count - 1), through: 0, by: -1))
        return order.first { lines[$0].localizedStandardContains(text) }
    }

    mutating func scroll(by delta: Int, _ context: ScreenContext) -> [Effect] {
        scroll(by: delta, height: height(context))
        return []
    }

    mutating func click(row: Int, double: Bool, _ context: inout ScreenContext) -> Outcome { .handled([]) }

    mutating func fit(_ context: ScreenContext) {
        scroll(by: 0, height: height(context))
    }

    /// `/` finds here: the text typed is looked for from the top line down.
    var narrowing: String? { term }

    var narrowPrompt: String { " Find: " }

    mutating func narrow(to text: String, _ context: ScreenContext) {
        term = text
        guard !text.isEmpty, let found = line(holding: text, from: top, forward: true) ?? line(holding: text, from: 0, forward: true) else { return }
        top = found
    }

    mutating func receive(_ answer: Action, _ context: inout ScreenContext) -> [Effect]? {
        switch answer {
        case .previewLoaded(let request, let preview) where request == self.request:
            self.preview = preview
            fit(context)
            return []
        case .previewFailed(let request, let message) where request == self.request:
            failure = message
            return []
        default:
            return nil
        }
    }

    // MARK: Drawing

    func draw(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        surface.drawTitle(" " + name, keys: "  (Esc back · / find · w wrap)", in: area)
        let (first, height) = (area.top + 1, height(context))
        if asking {
            let question = " It is \(Quantities.bytes(source.size)), and its preview reads all of it. Enter reads it, Esc goes back."
            for (offset, line) in TerminalText.wrap(question, columns: max(1, area.width - 1)).enumerated() where offset < height {
                surface.draw(line, row: first + offset, column: area.left, width: area.width)
            }
            return
        }
        guard let preview else {
            let text = failure.map { " Could not read it: \($0)." } ?? " loading…"
            surface.draw(text, row: first, column: area.left, width: area.width, style: failure == nil ? .dim : .error)
            return
        }
        if lines.isEmpty {
            surface.draw(" " + (preview.note ?? "Nothing to show: the file is empty."), row: first, column: area.left, width: area.width, style: .dim)
            return
        }
        let gutter = String(min(top + height, lines.count)).count + 1
        let textWidth = max(1, area.width - gutter - 1)
        var row = first
        var index = top
        while row < first + height, index < lines.count {
            // A line of a megabyte is cut before it is measured: a screen holds no more.
            let line = String(lines[index].prefix(max(0, left) + textWidth * height * (wraps ? 2 : 1) + 1))
            let pieces = wraps ? TerminalText.wrap(line, columns: textWidth) : [String(line.dropFirst(left))]
            for (offset, piece) in pieces.enumerated() where row < first + height {
                let number = offset == 0 ? String(index + 1) : ""
                surface.draw(String(repeating: " ", count: gutter - number.count) + number, row: row, column: area.left, width: gutter, style: .dim)
                surface.draw(" " + piece, row: row, column: area.left + gutter, width: textWidth + 1)
                if !term.isEmpty { highlight(piece, row: row, column: area.left + gutter + 1, width: textWidth, surface) }
                row += 1
            }
            index += 1
        }
    }

    /// Marks where the term stands in what a row shows.
    private func highlight(_ shown: String, row: Int, column: Int, width: Int, _ surface: any Surface) {
        let safe = TerminalText.sanitize(shown)
        var searchStart = safe.startIndex
        while let range = safe.range(of: term, options: [.caseInsensitive, .diacriticInsensitive], range: searchStart..<safe.endIndex) {
            let at = TerminalText.width(String(safe[..<range.lowerBound]))
            let found = String(safe[range])
            if at < width { surface.draw(found, row: row, column: column + at, width: min(TerminalText.width(found), width - at), style: .marked) }
            searchStart = range.upperBound
        }
    }

    var name: String {
        "Preview of " + TerminalText.sanitize(source.name) + (which.map { ", \($0)" } ?? "")
    }

    func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let keymap = context.keymap
        return [
            KeyHint(.search, keymap, "find a text: the first line holding it from here down"),
            KeyHint(.nextMatch, keymap, "the next line holding it"),
            KeyHint(.previousMatch, keymap, "the line before holding it"),
            KeyHint(.wrap, keymap, "wrap long lines, or cut them again"),
            KeyHint(.nextSheet, keymap, "a workbook's next sheet"),
            KeyHint(.previousSheet, keymap, "the sheet before"),
            KeyHint(keys: "← →", "along cut lines"),
            KeyHint(.refresh, keymap, "read it again"),
            KeyHint(keys: "Esc", "back (Esc first forgets the text found)"),
        ]
    }

    /// " lines 1–20 of 5,000 · CSV, 4 columns, UTF-8 · the first 262 KB of 300 MB".
    func position(_ context: ScreenContext) -> String {
        if asking { return " not read yet" }
        guard let preview else {
            let reading = Preview.bytesNeeded(fileExtension: source.fileExtension).map { min(source.size, Int64($0)) } ?? source.size
            return failure == nil ? " loading \(Quantities.bytes(reading))…" : " not read"
        }
        let last = min(lines.count, top + height(context))
        var text = lines.isEmpty ? " \(preview.kind)" : " lines \(top + 1)–\(last) of \(lines.count) · \(preview.kind)"
        if preview.sheets.count > 1 {
            let turn = [context.keymap.keys(for: .previousSheet).first, context.keymap.keys(for: .nextSheet).first].compactMap { $0?.description }.joined(separator: " ")
            text += " · sheet \(sheet + 1) “\(TerminalText.sanitize(preview.sheets[sheet].name))” (\(turn) turn)"
        }
        if preview.partial { text += " · the first \(Quantities.bytes(Int64(Preview.textBytes))) of \(Quantities.bytes(source.size))" }
        if !term.isEmpty { text += " · finding “\(TerminalText.sanitize(term))”" }
        if let note = preview.note { text += " · \(note)" }
        return text
    }
}
