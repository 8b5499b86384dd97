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

extension FileList: Scrollable { var rowCount: Int { items.count } }
extension VersionList: Scrollable { var rowCount: Int { items.count } }
extension LinkList: Scrollable { var rowCount: Int { items.count } }
extension EntityView: Scrollable { var rowCount: Int { files.count } }
extension LocalPicker: Scrollable { var rowCount: Int { rows.count } }
extension TransferList: Scrollable { var rowCount: Int { items.count } }
