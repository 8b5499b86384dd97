import ZIPFoundation

/// One sheet of a workbook, as aligned rows.
public struct Sheet: Sendable, Equatable {
    public var name: String
    public var lines: [String]

    public init(name: String, lines: [String]) {
        self.name = name
        self.lines = lines
    }
}

/// The sheets of spreadsheets: the first 5,000 rows and 50 columns of each.
enum Workbook {
    static let rowLimit = 5_000
    static let columnLimit = 50

    // MARK: xlsx

    static func xlsx(_ archive: Archive) -> [Sheet] {
        guard let book = OfficeDocuments.part("xl/workbook.xml", of: archive) else { return [] }
        var targets: [String: String] = [:]
        if let relations = OfficeDocuments.part("xl/_rels/workbook.xml.rels", of: archive) {
            XMLEvents.read(relations) { event in
                if case .start("Relationship", let attributes) = event, let id = attributes["Id"], let target = attributes["Target"] {
                    targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                }
            }
        }
        var sheets: [(name: String, path: String)] = []
        XMLEvents.read(book) { event in
            if case .start("sheet", let attributes) = event, let name = attributes["name"] {
                let id = attributes["r:id"] ?? ""
                sheets.append((name, targets[id] ?? "xl/worksheets/sheet\(sheets.count + 1).xml"))
            }
        }
        let strings = OfficeDocuments.part("xl/sharedStrings.xml", of: archive).map(sharedStrings) ?? []
        return sheets.map { sheet in
            Sheet(name: sheet.name, lines: OfficeDocuments.part(sheet.path, of: archive).map { DelimitedText.aligned(cells($0, strings)) } ?? [])
        }
    }

    /// Each `si`, its runs joined.
    private static func sharedStrings(_ xml: [UInt8]) -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        XMLEvents.read(xml) { event in
            switch event {
            case .start("t", _): inText = true
            case .end("t"): inText = false
            case .text(let value) where inText: current += value
            case .end("si"):
                strings.append(current)
                current = ""
            default: break
            }
        }
        return strings
    }

    private static func cells(_ xml: [UInt8], _ strings: [String]) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var column = 0
        var type = ""
        var value = ""
        var inValue = false
        XMLEvents.read(xml) { event in
            switch event {
            case .start("row", _):
                row = []
            case .end("row"):
                if rows.count < rowLimit { rows.append(row) }
            case .start("c", let attributes):
                column = attributes["r"].map(columnIndex) ?? row.count
                type = attributes["t"] ?? ""
                value = ""
            case .start("v", _), .start("t", _):
                inValue = true
            case .end("v"), .end("t"):
                inValue = false
            case .text(let text) where inValue:
                value += text
            case .end("c"):
                guard column < columnLimit else { break }
                let shown = type == "s" ? Int(value).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? "" : type == "b" ? (value == "1" ? "TRUE" : "FALSE") : value
                while row.count < column { row.append("") }
                row.append(shown)
            default: break
            }
        }
        return rows
    }

    /// "B12" -> 1.
    private static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for character in reference.uppercased() {
            guard let ascii = character.asciiValue, (65...90).contains(ascii) else { break }
            index = index * 26 + Int(ascii - 64)
        }
        return max(0, index - 1)
    }

    // MARK: ods

    /// A repeat count of the file's, from 1 to `limit` whatever it says.
    static func count(_ attribute: String?, limit: Int) -> Int {
        max(1, min(limit, attribute.flatMap { Int($0) } ?? 1))
    }

    static func ods(_ xml: [UInt8]) -> [Sheet] {
        var sheets: [Sheet] = []
        var rows: [[String]] = []
        var row: [String] = []
        var (rowRepeat, cellRepeat) = (1, 1)
        var cell: [String]?
        var paragraph = ""
        var inParagraph = false
        XMLEvents.read(xml) { event in
            switch event {
            case .start("table:table", _):
                rows = []
            case .end("table:table"):
                while rows.last?.isEmpty == true { rows.removeLast() }
                sheets.append(Sheet(name: "", lines: DelimitedText.aligned(rows)))
            case .start("table:table-row", let attributes):
                row = []
                rowRepeat = count(attributes["table:number-rows-repeated"], limit: rowLimit)
            case .end("table:table-row"):
                // A sheet ends in a row repeated a million times over: empty rows are not copied.
                while let last = row.last, last.isEmpty { row.removeLast() }
                let times = row.isEmpty ? 1 : rowRepeat
                for _ in 0..<times where rows.count < rowLimit { rows.append(row) }
            case .start("table:table-cell", let attributes), .start("table:covered-table-cell", let attributes):
                cell = []
                cellRepeat = count(attributes["table:number-columns-repeated"], limit: columnLimit)
                if let value = attributes["office:value"] ?? attributes["office:date-value"] ?? attributes["office:boolean-value"] { cell = [value] }
            case .end("table:table-cell"), .end("table:covered-table-cell"):
                let text = (cell ?? []).joined(separator: " ")
                for _ in 0..<cellRepeat where row.count < columnLimit { row.append(text) }
                cell = nil
            case .start("text:p", _):
                (inParagraph, paragraph) = (true, "")
            case .end("text:p"):
                inParagraph = false
                // A value attribute says the number; the paragraph says it as shown.
                if cell != nil { cell = [paragraph] }
            case .text(let text) where inParagraph:
                paragraph += text
            default: break
            }
        }
        // The names are on the tables' start tags.
        var names: [String] = []
        XMLEvents.read(xml) { event in
            if case .start("table:table", let attributes) = event { names.append(attributes["table:name"] ?? "Sheet \(names.count + 1)") }
        }
        for index in sheets.indices where index < names.count { sheets[index].name = names[index] }
        return sheets
    }
}
