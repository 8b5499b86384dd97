import Foundation
import ZIPFoundation

/// The text of word-processor files (paragraphs, tables as aligned rows) and the
/// sheets of spreadsheets, out of their zip archives.
enum OfficeDocuments {
    /// Files bigger than this are cut short when read: a preview needs no more.
    static let partLimit = 64 * 1024 * 1024

    static func part(_ path: String, of archive: Archive) -> [UInt8]? {
        guard let entry = archive[path], entry.uncompressedSize <= partLimit else { return nil }
        var bytes: [UInt8] = []
        _ = try? archive.extract(entry, skipCRC32: true) { bytes += $0 }
        return bytes
    }

    static func preview(_ data: Data, fileExtension ext: String) -> Preview? {
        // Only a zip archive is opened as one: looking for a directory in other bytes is slow.
        guard ["docx", "odt", "xlsx", "ods"].contains(ext), data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read, pathEncoding: nil) } catch { return nil }
        switch ext {
        case "docx":
            guard let xml = part("word/document.xml", of: archive) else { return nil }
            return Preview(kind: "Word document", lines: WordText.lines(xml, paragraph: "w:p", text: "w:t", table: "w:tbl", row: "w:tr", cell: "w:tc"), partial: false)
        case "odt":
            guard let xml = part("content.xml", of: archive) else { return nil }
            return Preview(kind: "OpenDocument text", lines: WordText.lines(xml, paragraph: "text:p", text: nil, table: "table:table", row: "table:table-row", cell: "table:table-cell"), partial: false)
        case "xlsx":
            let sheets = Workbook.xlsx(archive)
            guard !sheets.isEmpty else { return nil }
            return Preview(kind: "Excel workbook", sheets: sheets)
        case "ods":
            guard let xml = part("content.xml", of: archive) else { return nil }
            let sheets = Workbook.ods(xml)
            guard !sheets.isEmpty else { return nil }
            return Preview(kind: "OpenDocument spreadsheet", sheets: sheets)
        default:
            return nil
        }
    }
}

/// Paragraphs one a line (headings too), a table as aligned rows, a list item after "• ".
enum WordText {
    /// `text`: the element holding the words (`w:t`); nil when every text node of a
    /// paragraph counts (ODF).
    static func lines(_ xml: [UInt8], paragraph: String, text: String?, table: String, row: String, cell: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var inParagraph = 0
        var inText = false
        var listItem = false
        var tables: [[[String]]] = []
        var cells: [String] = []
        var cellParagraphs: [String]?
        XMLEvents.read(xml) { event in
            switch event {
            case .start(let name, let attributes):
                switch name {
                case paragraph, "text:h": inParagraph += 1
                case text: inText = true
                case "w:tab", "text:tab": current += "    "
                case "w:br", "w:cr", "text:line-break": current += " "
                case "text:s": current += String(repeating: " ", count: Workbook.count(attributes["text:c"], limit: 100))
                case "w:numPr", "text:list-item": listItem = true
                case table: tables.append([])
                case row: cells = []
                case cell: cellParagraphs = []
                default: break
                }
            case .text(let value) where inParagraph > 0 && (text == nil || inText):
                current += value
            case .end(let name):
                switch name {
                case text: inText = false
                case paragraph, "text:h":
                    inParagraph -= 1
                    let line = (listItem ? "• " : "") + current
                    if cellParagraphs != nil { cellParagraphs?.append(line) } else { lines.append(line) }
                    (current, listItem) = ("", false)
                case cell:
                    cells.append((cellParagraphs ?? []).filter { !$0.isEmpty }.joined(separator: " "))
                    cellParagraphs = nil
                case row:
                    if !tables.isEmpty { tables[tables.count - 1].append(cells) }
                    cells = []
                case table:
                    if let rows = tables.popLast() { lines += DelimitedText.aligned(rows) }
                default: break
                }
            default:
                break
            }
        }
        return lines
    }
}
