import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// A list with a cursor: files, versions, links, an entity's files, local entries, transfers.
protocol Scrollable {
    var viewport: ListViewport { get set }
    var rowCount: Int { get }
}

extension Scrollable {
    mutating func scroll(by delta: Int, height: Int) {
        viewport.move(by: delta, count: rowCount, height: height)
    }

    /// Puts the cursor on the row shown `offset` rows below the top; false when there is none.
    mutating func select(offset: Int, height: Int) -> Bool {
        let index = viewport.top + offset
        guard index < rowCount else { return false }
        viewport.moveTo(index, count: rowCount, height: height)
        return true
    }
}

/// A list whose rows are all here, narrowed with `/` to those whose text holds what
/// was typed (the Files and Trash tabs ask the server instead). The cursor moves over
/// the rows shown; `index` values are positions in `allRows`.
protocol Narrowable: Scrollable {
    associatedtype Row
    /// Every row, shown or not.
    var allRows: [Row] { get }
    var narrowing: String { get set }
    /// The text `/` looks in; nil for a row that always shows (`..`).
    static func text(of row: Row) -> String?
}

extension Narrowable {
    /// The rows shown, as positions in `allRows`.
    var shown: [Int] {
        let rows = allRows
        guard !narrowing.isEmpty else { return Array(rows.indices) }
        return rows.indices.filter { index in
            Self.text(of: rows[index]).map { TerminalText.sanitize($0).localizedStandardContains(narrowing) } ?? true
        }
    }

    var rowCount: Int { shown.count }

    /// The row under the cursor, as a position in `allRows`.
    var cursorIndex: Int? {
        let shown = shown
        return shown.indices.contains(viewport.cursor) ? shown[viewport.cursor] : nil
    }

    var currentRow: Row? { cursorIndex.map { allRows[$0] } }

    /// The rows on screen in `height` lines, top down, as positions in `allRows`.
    func visibleRows(height: Int) -> [(index: Int, isCursor: Bool)] {
        let shown = shown
        return viewport.visible(count: shown.count, height: height).map { (shown[$0], $0 == viewport.cursor) }
    }

    /// Shows only the rows holding `text`; the cursor stays on its row while it shows.
    mutating func narrow(to text: String, height: Int) {
        let kept = cursorIndex
        narrowing = text
        let shown = shown
        viewport = ListViewport()
        viewport.moveTo(kept.flatMap { shown.firstIndex(of: $0) } ?? 0, count: shown.count, height: height)
    }

    /// Puts the cursor on the row at `index` of `allRows` (shown or not: then the first row).
    mutating func moveTo(index: Int, height: Int) {
        let shown = shown
        viewport.moveTo(shown.firstIndex(of: index) ?? 0, count: shown.count, height: height)
    }

    /// " · “2026-10”: 3 of 12 shown", or nothing when every row shows.
    var narrowingNote: String {
        narrowing.isEmpty ? "" : " · “\(narrowing)”: \(rowCount) of \(allRows.count) shown"
    }
}

extension FileList: Scrollable { var rowCount: Int { items.count } }

extension VersionList: Narrowable {
    var allRows: [FileVersion] { items }
    static func text(of version: FileVersion) -> String? {
        "\(version.displayName) \(Quantities.bytes(version.size)) \(Quantities.time(version.createdAt))"
    }
}

extension LinkList: Narrowable {
    var allRows: [LinkedEntity] { items }
    static func text(of entity: LinkedEntity) -> String? {
        "\(EntityType(name: entity.entityType)?.singular ?? entity.entityType) \(entity.id) \(entity.name ?? "")"
    }
}

extension EntityView: Narrowable {
    var allRows: [RecordRow] { useRows + files.map(RecordRow.link) }
    static func text(of row: RecordRow) -> String? { "\(row.file?.displayName ?? row.fallbackName) \(row.use)" }
}

extension LocalPicker: Narrowable {
    var allRows: [LocalEntry] { rows }
    static func text(of entry: LocalEntry) -> String? { entry.name == ".." ? nil : entry.name }
}
