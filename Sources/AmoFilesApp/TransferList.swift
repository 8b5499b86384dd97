import AmoFilesTasks
import TerminalUI

/// The uploads and downloads of this run, as the task layer last reported them.
public struct TransferList: Sendable {
    public var items: [TaskSnapshot] = []
    public var viewport = ListViewport()

    public init() {}

    public var current: TaskSnapshot? { items.indices.contains(viewport.cursor) ? items[viewport.cursor] : nil }
    public var totals: TransferTotals { TransferTotals(items) }

    /// Takes a newer snapshot of a task, or adds a task not seen before; returns the
    /// snapshot it replaced.
    @discardableResult
    mutating func take(_ snapshot: TaskSnapshot) -> TaskSnapshot? {
        guard let index = items.firstIndex(where: { $0.id == snapshot.id }) else {
            items.append(snapshot)
            return nil
        }
        defer { items[index] = snapshot }
        return items[index]
    }
}
