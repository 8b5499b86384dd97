import AmoFilesAPI
import AmoFilesTasks
import Foundation
import TerminalUI

/// A list of drive files loaded a page at a time.
public struct FileList: Sendable {
    public var items: [DriveFile] = []
    public var viewport = ListViewport()
    /// The page to ask for next; nil once the last page is in.
    public var nextPage: Int? = 1
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

    public init(filter: FileFilter) {
        self.filter = filter
    }

    public var isComplete: Bool { nextPage == nil }
    public var current: DriveFile? { items.indices.contains(viewport.cursor) ? items[viewport.cursor] : nil }

    /// The same list emptied for a new first page (a new filter, a refresh, a change
    /// elsewhere); the cursor goes back to its file when that file comes again.
    public func reloaded(filter: FileFilter? = nil) -> FileList {
        var fresh = FileList(filter: filter ?? self.filter)
        fresh.generation = generation + 1
        // Under a new filter the old row means nothing: the top, unless the file is there.
        let row = filter == nil || filter == self.filter ? viewport.cursor : 0
        fresh.returnTo = returnTo ?? current.map { ReturnPoint(uuid: $0.uuid, row: row, rowsLoaded: items.count) }
        return fresh
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

/// An order of the loaded rows; without one, the service's (newest change first).
public struct FileSort: Sendable, Equatable {
    public enum Column: String, CaseIterable, Sendable {
        case name = "NAME", size = "SIZE", updated = "UPDATED", type = "TYPE"
    }

    public var column: Column
    public var descending: Bool

    public init(_ column: Column, descending: Bool) {
        self.column = column
        self.descending = descending
    }

    /// The order after this one when the sort key is pressed; nil returns to the service's.
    public static func next(after sort: FileSort?) -> FileSort? {
        switch sort?.column {
        case nil: FileSort(.name, descending: false)
        case .name?: FileSort(.size, descending: true)
        case .size?: FileSort(.updated, descending: true)
        case .updated?: FileSort(.type, descending: false)
        case .type?: nil
        }
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
        }
    }
}
