/// The one gate for untrusted text on its way to a terminal: file names, entity and
/// user names, server messages. It makes control characters visible, neutralises
/// bidi overrides and other invisible format characters, measures display width per
/// grapheme and truncates to a column budget.
public enum TerminalText {
    /// Stand-in for a removed character.
    public static let replacement: Character = "\u{FFFD}"

    /// `text` with every control and format character replaced by a visible stand-in:
    /// C0 as the matching Control Picture (␛, ␊), DEL as ␡, C1 and format characters
    /// (bidi overrides, zero-width joiners, BOM) as U+FFFD.
    public static func sanitize(_ text: String) -> String {
        // Most text is plain: skip the copy and the Unicode property tables (they were 60% of a frame).
        if text.unicodeScalars.allSatisfy({ isPlainPrintable($0.value) }) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isPlainPrintable(scalar.value) {
                out.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x00...0x1F:
                out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F:
                out.append("\u{2421}")
            case 0x80...0x9F:
                out.append("\u{FFFD}")
            default:
                if scalar.properties.generalCategory == .format
                    || scalar.properties.generalCategory == .lineSeparator
                    || scalar.properties.generalCategory == .paragraphSeparator {
                    out.append("\u{FFFD}")
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// Columns a character takes: 2 for wide East Asian and emoji, 0 for lone combining marks.
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let single = scalars.index(after: scalars.startIndex) == scalars.endIndex
        if single && isPlainPrintable(first.value) { return 1 }
        if !single, scalars.contains(where: { $0.properties.isEmojiPresentation || $0.value == 0xFE0F }) {
            return 2
        }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if first.properties.isEmojiPresentation { return 2 }
        return isWide(first.value) ? 2 : 1
    }

    /// Display width of already sanitized text.
    public static func width(_ text: String) -> Int {
        var plain = 0
        for scalar in text.unicodeScalars {
            guard isPlainPrintable(scalar.value) else { return text.reduce(0) { $0 + width(of: $1) } }
            plain += 1
        }
        return plain
    }

    /// Sanitizes and fits `text` into `columns`, ending with `…` when cut.
    public static func fit(_ text: String, columns: Int) -> String {
        truncate(sanitize(text), columns: columns)
    }

    /// Cuts sanitized text to at most `columns`, ending with `…` when cut.
    public static func truncate(_ text: String, columns: Int) -> String {
        guard columns > 0 else { return "" }
        guard width(text) > columns else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = width(of: character)
            if used + w > columns - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// Sanitizes and fits `text` into `columns` by cutting its middle, so the end
    /// stays (a name's number and extension): "Дополнительное сог…ние к договору 12.pdf".
    public static func fitMiddle(_ text: String, columns: Int) -> String {
        let safe = sanitize(text)
        guard columns > 0, width(safe) > columns else { return columns > 0 ? safe : "" }
        guard columns > 8 else { return truncate(safe, columns: columns) }
        let characters = Array(safe)
        let headRoom = (columns - 1) * 2 / 5
        var head = "", used = 0
        for character in characters {
            let w = width(of: character)
            if used + w > headRoom { break }
            head.append(character)
            used += w
        }
        var tail: [Character] = []
        var tailUsed = 0
        for character in characters.reversed() {
            let w = width(of: character)
            if used + 1 + tailUsed + w > columns { break }
            tail.append(character)
            tailUsed += w
        }
        return head + "…" + String(tail.reversed())
    }

    /// Sanitizes and fits a path into `columns`, leaving out whole folders from its
    /// middle first ("/srv/exports/…/2026/March"), the middle of a name only when a
    /// name alone is too long.
    public static func fitPath(_ path: String, columns: Int) -> String {
        let safe = sanitize(path)
        guard width(safe) > columns else { return safe }
        let parts = safe.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 2 else { return fitMiddle(safe, columns: columns) }
        // Whole folders from the start and from the end around "…": the end counts
        // twice (it is where one is), then the start; of equals, the one with more start.
        var best: String?, bestScore = -1
        for headCount in 1..<parts.count {
            for tailCount in 1...(parts.count - headCount) where headCount + tailCount < parts.count {
                let candidate = (parts.prefix(headCount) + ["…"] + parts.suffix(tailCount)).joined(separator: "/")
                let head = parts.prefix(headCount).filter { !$0.isEmpty }.count
                let score = tailCount * 2 + head
                if width(candidate) <= columns, score >= bestScore { (best, bestScore) = (candidate, score) }
            }
        }
        return best ?? fitMiddle(safe, columns: columns)
    }

    /// Sanitized text padded with spaces to exactly `columns` (cut when longer).
    public static func pad(_ text: String, columns: Int) -> String {
        let fitted = fit(text, columns: columns)
        return fitted + String(repeating: " ", count: max(0, columns - width(fitted)))
    }

    /// Sanitizes `text` and breaks it into lines of at most `columns`, between words
    /// where it can; a word longer than a line is split. Never fewer than one line.
    public static func wrap(_ text: String, columns: Int) -> [String] {
        guard columns > 0 else { return [""] }
        var lines: [String] = []
        var line = "", used = 0
        for word in sanitize(text).split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word), wordWidth = width(String(word))
            if used > 0, used + 1 + wordWidth > columns {
                lines.append(line)
                (line, used) = ("", 0)
            }
            if used > 0 {
                line += " "
                used += 1
            }
            // A word wider than a whole line goes in pieces.
            while used + wordWidth > columns {
                var piece = "", pieceWidth = 0
                for character in word {
                    let w = width(of: character)
                    if used + pieceWidth + w > columns { break }
                    piece.append(character)
                    pieceWidth += w
                }
                if piece.isEmpty, used == 0 { piece = String(word.prefix(1)); pieceWidth = width(piece) }
                lines.append(line + piece)
                (line, used) = ("", 0)
                word = word.dropFirst(piece.count)
                wordWidth -= pieceWidth
            }
            line += word
            used += wordWidth
        }
        lines.append(line)
        return lines
    }

    /// Printable ASCII, Latin, Greek and Cyrillic letters: one column each, nothing to neutralise
    /// (the soft hyphen, a format character, and the combining marks in between are left out).
    private static func isPlainPrintable(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF, 0x370...0x482, 0x48A...0x52F: return true
        default: return false
        }
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
