import AmoFilesTasks
import TerminalUI

/// The uploads and downloads of this run, as the task layer last reported them,
/// then the unfinished uploads of an earlier run that were not resumed when offered.
public struct TransferList: Sendable {
    public var items: [TaskSnapshot] = []
    /// Uploads left in the journal by an earlier run, waiting for `R`.
    public var waiting: [UploadRecord] = []
    public var viewport = ListViewport()

    public init() {}

    public var current: TaskSnapshot? { items.indices.contains(viewport.cursor) ? items[viewport.cursor] : nil }
    /// The waiting upload under the cursor (its rows come after this run's).
    public var currentWaiting: UploadRecord? {
        let index = viewport.cursor - items.count
        return waiting.indices.contains(index) ? waiting[index] : nil
    }
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
