import AmoFilesAPI
import AmoFilesTasks
import Foundation
import TerminalUI

/// A list of drive files loaded a page at a time, of which only a window is kept: the
/// pages near the cursor. A jump (`G`, `:50%`) opens a window anywhere; pages left far
/// behind go, and are asked for again on the way back, so memory stays flat however
/// long the list.
public struct FileList: Sendable {
    /// Rows a page asks for.
    public static let pageSize = 50
    /// Rows kept at most.
    public static let keptRows = 1000

    /// The window: rows `offset ..< offset + items.count` of the whole list.
    public var items: [DriveFile] = []
    /// The row of the whole list `items[0]` is.
    public var offset = 0
    /// Over `items`.
    public var viewport = ListViewport()
    /// The page to ask for next; nil once the last page is in.
    public var nextPage: Int? = 1
    /// The page above the window; nil when the window starts at the top.
    public var previousPage: Int?
    /// Rows in the whole list once its end was seen; not exact after a reload until seen again.
    public var total: Int?
    public var totalIsExact = false
    /// A jump waiting for the end of the list to be found.
    public var pendingJump: Jump?
    /// The row of the whole list the cursor goes to when the window's first page comes.
    public var landing: Int?
    public var loading = false
    /// Bumped on every reload, so answers to an older request are dropped.
    public var generation = 0
    public var filter: FileFilter
    /// Files marked with Space, by uuid.
    public var selected: Set<String> = []
    /// After a reload, the file the cursor was on, sought in the pages as they come.
    public var returnTo: ReturnPoint?
    /// Some file loaded has several versions (kept as pages come, not sought per frame).
    public var someHaveVersions = false

    /// Where a jump goes: the end, a share of the list, a page.
    public enum Jump: Sendable, Equatable {
        case end
        case percent(Int)
        case page(Int)
    }

    public init(filter: FileFilter) {
        self.filter = filter
    }

    public var isComplete: Bool { nextPage == nil }
    /// Every row of the list is in the window.
    public var isWhole: Bool { offset == 0 && nextPage == nil }
    public var current: DriveFile? { items.indices.contains(viewport.cursor) ? items[viewport.cursor] : nil }

    /// The same list emptied for a new first page (a new filter, a refresh, a change
    /// elsewhere); the cursor goes back to its file when that file comes again. Under
    /// the same filter a window down the list is loaded again where it stands.
    public func reloaded(filter: FileFilter? = nil) -> FileList {
        var fresh = FileList(filter: filter ?? self.filter)
        fresh.generation = generation + 1
        let sameFilter = filter == nil || filter == self.filter
        // Under a new filter the old row means nothing: the top, unless the file is there.
        let row = sameFilter ? viewport.cursor : 0
        if sameFilter, offset > 0 {
            // The cursor goes back to its file (`returnTo`), not to a row.
            fresh.open(atRow: offset, landing: false)
            fresh.total = total
        }
        fresh.returnTo = returnTo ?? current.map { ReturnPoint(uuid: $0.uuid, row: row, rowsLoaded: items.count) }
        return fresh
    }

    /// Empties the window to fill it from the page holding `row`, where the cursor lands
    /// when that page comes (unless not `landing`).
    mutating func open(atRow row: Int, landing: Bool = true) {
        let page = max(0, row) / Self.pageSize + 1
        items = []
        viewport = ListViewport()
        offset = (page - 1) * Self.pageSize
        nextPage = page
        previousPage = page > 1 ? page - 1 : nil
        self.landing = landing ? row : nil
        returnTo = nil
        generation += 1
    }

    /// The row of the whole list a jump goes to, once the total is known.
    func row(of jump: Jump, total: Int) -> Int {
        let last = max(0, total - 1)
        switch jump {
        case .end: return last
        case .percent(let share): return min(last, Int((Double(last) * Double(min(100, max(0, share))) / 100).rounded()))
        case .page(let page): return min(last, max(0, page - 1) * Self.pageSize)
        }
    }

    /// A page that came: after the window, or before it (the rows shift down). The
    /// window is then cut back to `keptRows`, away from the cursor.
    mutating func add(_ files: [DriveFile], page: Int, hasMore: Bool, height: Int) {
        someHaveVersions = someHaveVersions || files.contains(where: \.hasMultipleVersions)
        loading = false
        if page == previousPage, page != nextPage {
            items.insert(contentsOf: files, at: 0)
            offset = max(0, offset - files.count)
            previousPage = page > 1 ? page - 1 : nil
            viewport.cursor += files.count
            viewport.top += files.count
        } else {
            items += files
            nextPage = hasMore && !files.isEmpty ? page + 1 : nil
            if nextPage == nil {
                total = offset + items.count
                totalIsExact = true
            }
        }
        if let landing {
            viewport.moveTo(landing - offset, count: items.count, height: height)
            self.landing = nil
        }
        viewport.follow(count: items.count, height: height)
        trim(height: height)
    }

    /// Every file of the list at once (to sort it): the window is the whole list.
    mutating func whole(_ files: [DriveFile]) {
        items = files
        offset = 0
        nextPage = nil
        previousPage = nil
        total = files.count
        totalIsExact = true
        landing = nil
        returnTo = nil
        loading = false
        someHaveVersions = files.contains(where: \.hasMultipleVersions)
    }

    /// Drops whole pages from the end of the window farther from the cursor.
    private mutating func trim(height: Int) {
        let excess = items.count - Self.keptRows
        guard excess > 0 else { return }
        let drop = (excess + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        if viewport.cursor >= items.count / 2 {
            items.removeFirst(drop)
            offset += drop
            previousPage = offset / Self.pageSize
            viewport.cursor -= drop
            viewport.top = max(0, viewport.top - drop)
        } else {
            items.removeLast(drop)
            nextPage = (offset + items.count) / Self.pageSize + 1
        }
        viewport.follow(count: items.count, height: height)
    }

    /// True while the file of `returnTo` is still sought (the next page is wanted).
    mutating func seekReturnPoint(height: Int) -> Bool {
        returnTo = returnTo?.place(in: items, hasMore: nextPage != nil, viewport: &viewport, height: height)
        return returnTo != nil
    }
}

/// Where the cursor stood before a list was loaded again: the file, its row, and how
/// many rows were loaded (the file is sought that far, and no farther).
public struct ReturnPoint: Sendable, Equatable {
    public var uuid: String
    public var row: Int
    public var rowsLoaded: Int

    /// Puts the cursor back on the file once it is among `items`; when it is not within
    /// as many rows as were loaded before, on the row it stood on. Returns itself while
    /// the file is still sought, nil once the cursor is placed.
    func place(in items: [DriveFile], hasMore: Bool, viewport: inout ListViewport, height: Int) -> ReturnPoint? {
        if let index = items.firstIndex(where: { $0.uuid == uuid }) {
            viewport.moveTo(index, count: items.count, height: height)
        } else if hasMore, items.count < rowsLoaded {
            return self
        } else {
            viewport.moveTo(row, count: items.count, height: height)
        }
        return nil
    }
}

/// An order of a whole list; without one, the service's (newest change first, in the
/// trash newest deletion first). A list is sorted only when all of it can be held.
public struct FileSort: Sendable, Equatable {
    public enum Column: String, CaseIterable, Sendable {
        case name = "NAME", size = "SIZE", updated = "UPDATED", type = "TYPE", deleted = "DELETED"
    }

    /// Files a list may have to be sorted: all of them are loaded to sort them.
    public static let wholeListLimit = 5000

    public var column: Column
    public var descending: Bool

    public init(_ column: Column, descending: Bool) {
        self.column = column
        self.descending = descending
    }

    /// The order after this one when the sort key is pressed, over the columns the tab
    /// shows; nil returns to the service's.
    public static func next(after sort: FileSort?, in tab: Tab) -> FileSort? {
        let cycle: [FileSort] = tab == .trash
            ? [FileSort(.name, descending: false), FileSort(.size, descending: true), FileSort(.deleted, descending: false)]
            : [FileSort(.name, descending: false), FileSort(.size, descending: true), FileSort(.updated, descending: true), FileSort(.type, descending: false)]
        guard let sort else { return cycle.first }
        guard let index = cycle.firstIndex(where: { $0.column == sort.column }), index + 1 < cycle.count else { return nil }
        return cycle[index + 1]
    }

    func ordered(_ a: DriveFile, _ b: DriveFile) -> Bool {
        descending ? less(b, a) : less(a, b)
    }

    private func less(_ a: DriveFile, _ b: DriveFile) -> Bool {
        switch column {
        case .name: a.displayName.localizedStandardCompare(b.displayName) == .orderedAscending
        case .size: a.size < b.size
        case .updated: a.updatedAt < b.updatedAt
        case .type: (a.type.rawValue, a.displayName) < (b.type.rawValue, b.displayName)
        case .deleted: (a.deletedAt ?? 0) < (b.deletedAt ?? 0)
        }
    }
}
