import AmoFilesAPI
import TerminalUI

/// A file tab's list in pages: the pages near the cursor asked for as it goes, jumps
/// anywhere in a long list, and sorting, which needs the whole list.
extension FilesScreen {
    /// Asks for the page after the window (or before it) while the cursor is still a
    /// screen or more away from its end, so scrolling does not stall on the network.
    mutating func prefetch(height: Int) -> [Effect] {
        let near = max(2 * height, 25)
        guard !list.loading, list.pendingJump == nil else { return [] }
        // A sorted list is loaded whole, never a page of it sorted alone.
        if sort != nil, !list.isWhole {
            list.loading = true
            return [.loadWholeList(tab, generation: list.generation, filter: list.filter)]
        }
        if let next = list.nextPage, list.items.count - list.viewport.cursor <= near {
            list.loading = true
            return [.loadPage(tab, generation: list.generation, page: next, filter: list.filter)]
        }
        if let previous = list.previousPage, list.viewport.cursor < near {
            list.loading = true
            return [.loadPage(tab, generation: list.generation, page: previous, filter: list.filter)]
        }
        return []
    }

    /// `G`, `g` past the window, `:50%`, `:page N`: a row in the window is moved to; any
    /// other opens a window there. A share or a page of a list whose end is not known
    /// yet waits for the end to be found.
    mutating func jump(_ jump: FileList.Jump, height: Int) -> [Effect] {
        let row: Int
        if let total = list.total {
            row = list.row(of: jump, total: total)
        } else if jump == .page(1) {
            row = 0
        } else if jump == .end, list.isComplete {
            return move(by: list.items.count, height: height)
        } else {
            return findEnd(then: jump)
        }
        if row >= list.offset, row < list.offset + list.items.count {
            return move(by: row - list.offset - list.viewport.cursor, height: height)
        }
        if jump == .end, !list.totalIsExact { return findEnd(then: jump) }
        list.open(atRow: row)
        list.loading = true
        return [.loadPage(tab, generation: list.generation, page: list.nextPage ?? 1, filter: list.filter)]
    }

    private mutating func findEnd(then jump: FileList.Jump) -> [Effect] {
        list.generation += 1
        list.pendingJump = jump
        list.loading = true
        return [.findLastPage(tab, generation: list.generation, filter: list.filter)]
    }

    /// `s`: the next order, over the whole list: it is loaded whole first (when it has no
    /// more than `FileSort.wholeListLimit` files; a longer one is said, not sorted in part).
    mutating func nextSort(_ context: inout ScreenContext, height: Int) -> [Effect] {
        guard let next = FileSort.next(after: sort, in: tab) else {
            // Back to the service's order: loaded again.
            sort = nil
            list = list.reloaded()
            return prefetch(height: height)
        }
        if let total = list.total, total > FileSort.wholeListLimit {
            context.status = Self.tooLongToSort(total)
            return []
        }
        sort = next
        guard list.isWhole else {
            list = list.reloaded()
            context.status = StatusMessage(text: "Loading the whole list to sort it by \(next.column.rawValue.lowercased())…", isError: false, isTransient: true)
            return prefetch(height: height)
        }
        resort(next, height: height)
        return []
    }

    static func tooLongToSort(_ total: Int?) -> StatusMessage {
        let count = total.map { "\(Quantities.grouped($0)) files" } ?? "more than \(Quantities.grouped(FileSort.wholeListLimit)) files"
        return StatusMessage(
            text: "Not sorted: the list has \(count), and sorting needs all of them (up to \(Quantities.grouped(FileSort.wholeListLimit))). It stays in the service's order; a search or a filter narrows it.",
            isError: false)
    }

    /// Puts the loaded rows in `sort`'s order, the cursor staying on its file.
    mutating func resort(_ sort: FileSort, height: Int) {
        let current = list.current?.uuid
        list.items.sort(by: sort.ordered)
        if let current, let index = list.items.firstIndex(where: { $0.uuid == current }) {
            list.viewport.moveTo(index, count: list.items.count, height: height)
        }
    }
}
