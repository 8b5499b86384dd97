import AmoFilesAPI
import AmoFilesTasks
import FilePreview
import TerminalUI

/// Two versions of a file compared: their text as a unified diff, removed lines red,
/// added ones green, the changed words marked; side by side from 160 columns; `n`
/// and `N` go from one place that changed to the next.
struct CompareScreen: Screen, Equatable {
    let fileName: String
    /// "1" and "3": the numbers of the older and the newer version.
    let older: String, newer: String
    let oldSource: VersionSource, newSource: VersionSource
    var comparison: Comparison?
    var failure: String?
    var request = 0
    /// The first row shown.
    var top = 0

    var kind: ScreenKind { .compare }

    /// Opens the comparison of `old` with `new` over the screen on top.
    static func open(fileName: String, old: (VersionSource, String), new: (VersionSource, String), _ context: inout ScreenContext) -> Outcome {
        var screen = CompareScreen(fileName: fileName, older: old.1, newer: new.1, oldSource: old.0, newSource: new.0)
        screen.request = context.newRequest()
        return .open(.compare(screen), [.compare(old: old.0, new: new.0, request: screen.request)])
    }

    /// One row of the comparison as drawn: a hunk's header, or a line of one side or both.
    struct Row: Equatable {
        var kind: TextDiff.Kind?
        var text: String
        var changed: [Range<Int>] = []
        /// Side by side: the other version's line on the same row.
        var right: TextDiff.Line?
    }

    /// The rows, unified or side by side (`pairs`).
    func rows(sideBySide pairs: Bool) -> [Row] {
        guard case .text(let diff)? = comparison else { return [] }
        var rows: [Row] = []
        for hunk in diff.hunks {
            rows.append(Row(kind: nil, text: hunk.header))
            guard pairs else {
                rows += hunk.lines.map { Row(kind: $0.kind, text: $0.text, changed: $0.changed) }
                continue
            }
            var index = 0
            while index < hunk.lines.count {
                let line = hunk.lines[index]
                if line.kind == .same {
                    rows.append(Row(kind: .same, text: line.text, right: line))
                    index += 1
                    continue
                }
                // A run of removed lines beside the run of added ones after it.
                var removed: [TextDiff.Line] = [], added: [TextDiff.Line] = []
                while index < hunk.lines.count, hunk.lines[index].kind == .removed { removed.append(hunk.lines[index]); index += 1 }
                while index < hunk.lines.count, hunk.lines[index].kind == .added { added.append(hunk.lines[index]); index += 1 }
                for pair in 0..<max(removed.count, added.count) {
                    let left = pair < removed.count ? removed[pair] : nil
                    rows.append(Row(kind: left == nil ? .added : .removed, text: left?.text ?? "", changed: left?.changed ?? [],
                                    right: pair < added.count ? added[pair] : nil))
                }
            }
        }
        return rows
    }

    private func sideBySide(_ context: ScreenContext) -> Bool { context.area.width >= 160 }

    /// The rows as the area lays them out.
    private func rows(_ context: ScreenContext) -> [Row] { rows(sideBySide: sideBySide(context)) }

    /// Keeps the last row at the bottom of the area at most.
    private mutating func clamp(rows count: Int, _ context: ScreenContext) {
        top = max(0, min(top, count - height(context)))
    }

    private func height(_ context: ScreenContext) -> Int { max(0, context.area.height - 1) }

    mutating func handle(_ action: KeyAction?, key: Key, _ context: inout ScreenContext) -> Outcome {
        if key == .escape { return .close([]) }
        let (height, rows) = (height(context), rows(context))
        switch action {
        case .up?: top -= 1
        case .down?: top += 1
        case .pageUp?: top -= max(1, height - 1)
        case .pageDown?, .select?: top += max(1, height - 1)
        case .top?: top = 0
        case .bottom?: top = rows.count - height
        case .nextMatch?, .previousMatch?:
            let hunks = rows.indices.filter { rows[$0].kind == nil }
            let next = action == .nextMatch ? hunks.first { $0 > top } : hunks.last { $0 < top }
            if let next { top = next } else { context.status = StatusMessage(text: "No change \(action == .nextMatch ? "below" : "above").", isError: false) }
            return .handled([])
        case .compare?:
            return .close([])
        case .refresh?:
            request = context.newRequest()
            (comparison, failure) = (nil, nil)
            return .handled([.compare(old: oldSource, new: newSource, request: request)])
        default:
            break
        }
        clamp(rows: rows.count, context)
        return .handled([])
    }

    mutating func scroll(by delta: Int, _ context: ScreenContext) -> [Effect] {
        top += delta
        clamp(rows: rows(context).count, context)
        return []
    }

    mutating func click(row: Int, double: Bool, _ context: inout ScreenContext) -> Outcome { .handled([]) }

    mutating func fit(_ context: ScreenContext) {
        clamp(rows: rows(context).count, context)
    }

    var narrowing: String? { nil }

    mutating func narrow(to text: String, _ context: ScreenContext) {}

    mutating func receive(_ answer: Action, _ context: inout ScreenContext) -> [Effect]? {
        switch answer {
        case .compared(let request, let comparison) where request == self.request:
            self.comparison = comparison
            return []
        case .comparisonFailed(let request, let message) where request == self.request:
            failure = message
            return []
        default:
            return nil
        }
    }

    // MARK: Drawing

    func draw(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        surface.drawTitle(" " + name, keys: "  (Esc back · n N next and previous change)", in: area)
        let first = area.top + 1
        switch comparison {
        case nil:
            let text = failure.map { " Could not compare them: \($0)." } ?? " reading both versions…"
            surface.draw(text, row: first, column: area.left, width: area.width, style: failure == nil ? .dim : .error)
        case .bytes(_, let what)?:
            surface.draw(" " + what.prefix(1).uppercased() + what.dropFirst() + ".", row: first, column: area.left, width: area.width)
        case .text(let diff)? where diff.isEmpty:
            surface.draw(" Their text is the same.", row: first, column: area.left, width: area.width)
        case .text?:
            let pairs = sideBySide(context)
            let half = (area.width - 1) / 2
            for (offset, row) in rows(sideBySide: pairs).dropFirst(top).prefix(height(context)).enumerated() {
                let at = first + offset
                guard let kind = row.kind else {
                    surface.draw(" " + row.text, row: at, column: area.left, width: area.width, style: .header)
                    continue
                }
                if pairs {
                    if kind != .added || !row.text.isEmpty || row.right == nil {
                        drawLine(row.text, kind: kind == .same ? .same : .removed, changed: row.changed, row: at, column: area.left, width: half, surface)
                    }
                    surface.put("│", row: at, column: area.left + half, style: .dim)
                    if let right = row.right {
                        drawLine(right.text, kind: right.kind, changed: right.changed, row: at, column: area.left + half + 1, width: area.width - half - 1, surface)
                    }
                } else {
                    drawLine(row.text, kind: kind, changed: row.changed, row: at, column: area.left, width: area.width, surface)
                }
            }
        }
    }

    /// "-text" in red (or "+" in green, " " plain), its changed words marked.
    private func drawLine(_ text: String, kind: TextDiff.Kind, changed: [Range<Int>], row: Int, column: Int, width: Int, _ surface: any Surface) {
        let (mark, style, word): (String, Style, Style) = switch kind {
        case .same: (" ", .normal, .normal)
        case .removed: ("-", .removed, .removedWord)
        case .added: ("+", .added, .addedWord)
        }
        // A line of a megabyte is cut before it is measured.
        let shown = String(text.prefix(width * 2))
        surface.draw(mark + shown, row: row, column: column, width: width, style: style)
        let characters = Array(shown)
        for range in changed where range.lowerBound < characters.count {
            let at = 1 + TerminalText.width(TerminalText.sanitize(String(characters[..<range.lowerBound])))
            let piece = TerminalText.sanitize(String(characters[range.lowerBound..<min(range.upperBound, characters.count)]))
            guard at < width else { break }
            surface.draw(piece, row: row, column: column + at, width: min(TerminalText.width(piece), width - at), style: word)
        }
    }

    var name: String {
        "Version \(older) → \(newer) of " + TerminalText.sanitize(fileName)
    }

    func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let keymap = context.keymap
        return [
            KeyHint(.nextMatch, keymap, "the next place that changed"),
            KeyHint(.previousMatch, keymap, "the place before"),
            KeyHint(keys: "Esc", "back to the versions"),
        ]
    }

    /// " +4 −2 lines in 1 place · rows 1–20 of 31".
    func position(_ context: ScreenContext) -> String {
        switch comparison {
        case .text(let diff)?:
            let count = rows(context).count
            let shown = count == 0 ? "" : " · rows \(top + 1)–\(min(count, top + height(context))) of \(count)"
            return " " + diff.summary + shown
        case .bytes(_, let what)?: return " " + what
        case nil: return failure == nil ? " reading…" : " not compared"
        }
    }
}
