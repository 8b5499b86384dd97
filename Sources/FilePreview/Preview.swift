import Foundation

/// What a version holds, as lines for a terminal: the text of a text file, a table
/// aligned, JSON indented, the facts of an image, the first bytes in hex. The lines
/// are the file's own, untrusted: they go through `TerminalText` when shown.
public struct Preview: Sendable, Equatable {
    /// "CSV, 4 columns, UTF-8", "PNG image, 800×600", "binary".
    public var kind: String
    public var lines: [String]
    /// Only the first bytes were read: the lines stop where they did.
    public var partial: Bool
    /// What could not be shown, and why ("pdftotext is not installed: …").
    public var note: String?
    /// A workbook's sheets (`lines` are the first one's); empty for other files.
    public var sheets: [Sheet] = []
    /// False for what has no text (an image, bytes in hex).
    public var isText = true

    public init(kind: String, lines: [String], partial: Bool, note: String? = nil) {
        self.kind = kind
        self.lines = lines
        self.partial = partial
        self.note = note
    }

    /// A workbook: its sheets, the first one's rows in `lines`.
    init(kind: String, sheets: [Sheet]) {
        let count = sheets.count == 1 ? "1 sheet" : "\(sheets.count) sheets"
        self.init(kind: "\(kind), \(count)", lines: sheets.first?.lines ?? [], partial: false)
        self.sheets = sheets
    }

    /// How many bytes a preview of a text-like file reads: its first 256 KiB.
    public static let textBytes = 256 * 1024

    /// The bytes a preview of a file with `fileExtension` reads from its start; nil
    /// for the whole file (a zip archive has its directory at its end; a PDF its table).
    public static func bytesNeeded(fileExtension: String?) -> Int? {
        wholeFileKinds.contains((fileExtension ?? "").lowercased()) ? nil : textBytes
    }

    private static let wholeFileKinds: Set<String> = ["docx", "odt", "xlsx", "ods", "pdf"]

    /// Above this a preview that reads the whole file asks first.
    public static let askAbove: Int64 = 50 * 1024 * 1024

    /// Makes the preview of `data`, the first bytes of a file named with `fileExtension`
    /// (all of it when `whole`).
    public static func make(_ data: Data, fileExtension: String?, whole: Bool) -> Preview {
        let ext = (fileExtension ?? "").lowercased()
        if whole, let document = OfficeDocuments.preview(data, fileExtension: ext) ?? PDFText.preview(data, fileExtension: ext) { return document }
        if let image = ImageFacts.read(data) { return HexView.preview(data, kind: image, whole: whole) }
        guard let text = TextDecoding.decode(data, partial: !whole) else { return HexView.preview(data, kind: "binary", whole: whole) }
        let encoding = text.encoding
        switch ext {
        case "csv", "tsv":
            let table = DelimitedText.parse(text.text, separator: ext == "tsv" ? "\t" : DelimitedText.separator(of: text.text))
            let columns = table.map(\.count).max() ?? 0
            return Preview(kind: "\(ext.uppercased()), \(columns) column\(columns == 1 ? "" : "s"), \(encoding)",
                           lines: DelimitedText.aligned(table), partial: !whole)
        case "json":
            if let pretty = JSONIndent.indent(text.text) {
                return Preview(kind: "JSON, \(encoding)", lines: TextLines.split(pretty), partial: !whole)
            }
        default:
            break
        }
        let label = Self.textKinds[ext] ?? "text"
        return Preview(kind: "\(label), \(encoding)", lines: TextLines.split(text.text), partial: !whole)
    }

    private static let textKinds = [
        "md": "Markdown", "xml": "XML", "html": "HTML", "htm": "HTML", "log": "log", "yaml": "YAML", "yml": "YAML",
        "json": "JSON (not valid)", "swift": "Swift", "py": "Python", "js": "JavaScript", "ts": "TypeScript", "go": "Go",
        "sql": "SQL", "sh": "shell script", "php": "PHP", "java": "Java", "c": "C", "h": "C header", "css": "CSS",
    ]
}

/// Text out of bytes: UTF-8 when it is, Windows-1251 (Cyrillic files from Windows)
/// when it is not; nil for bytes that are not text.
enum TextDecoding {
    static func decode(_ data: Data, partial: Bool) -> (text: String, encoding: String)? {
        let sample = data.prefix(8192)
        guard !sample.contains(0) else { return nil }
        // The first bytes may end inside a character: up to three bytes are left off.
        for cut in 0...(partial ? 3 : 0) where data.count >= cut {
            if let text = String(data: data.dropLast(cut), encoding: .utf8) { return (text, "UTF-8") }
        }
        let controls = sample.filter { $0 < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C, 0x1B].contains($0) }.count
        guard controls * 20 < max(1, sample.count) else { return nil }
        if let text = String(data: data, encoding: .windowsCP1251) { return (text, "Windows-1251") }
        return (String(decoding: data, as: UTF8.self), "UTF-8 with errors")
    }
}

/// Lines of text: `\r\n` and `\r` end lines too; tabs go to the next multiple of 8.
enum TextLines {
    static func split(_ text: String) -> [String] {
        // Walked as bytes: every line ending is ASCII, and grapheme by grapheme a
        // 256 KiB head took a tenth of a second.
        var lines: [String] = []
        let bytes = text.utf8
        var (start, index) = (bytes.startIndex, bytes.startIndex)
        while index != bytes.endIndex {
            let byte = bytes[index]
            guard byte == 0x0A || byte == 0x0D else {
                index = bytes.index(after: index)
                continue
            }
            lines.append(expandTabs(String(text[start..<index])))
            var next = bytes.index(after: index)
            if byte == 0x0D, next != bytes.endIndex, bytes[next] == 0x0A { next = bytes.index(after: next) }
            (start, index) = (next, next)
        }
        if start != bytes.endIndex { lines.append(expandTabs(String(text[start...]))) }
        return lines
    }

    static func expandTabs(_ line: String) -> String {
        guard line.utf8.contains(0x09) else { return line }
        var out = ""
        var column = 0
        for character in line {
            if character == "\t" {
                let spaces = 8 - column % 8
                out += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                out.append(character)
                column += 1
            }
        }
        return out
    }
}
