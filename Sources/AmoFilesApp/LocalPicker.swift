import AmoFilesAPI
import AmoFilesTasks
import Foundation
import TerminalUI

/// One entry of a local folder.
public struct LocalEntry: Sendable, Equatable {
    public var name: String
    public var isFolder: Bool
    public var size: Int64
    /// Seconds since 1970.
    public var modified: Int64

    public init(name: String, isFolder: Bool, size: Int64, modified: Int64) {
        self.name = name
        self.isFolder = isFolder
        self.size = size
        self.modified = modified
    }

    public var isHidden: Bool { name.hasPrefix(".") }

    /// Folders first, then by name as a person sorts them.
    static func ordered(_ a: LocalEntry, _ b: LocalEntry) -> Bool {
        if a.isFolder != b.isFolder { return a.isFolder }
        return a.name.localizedStandardCompare(b.name) == .orderedAscending
    }
}

/// The local file system, browsed to pick files to upload.
public struct LocalPicker: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        /// New files, attached to `attach` when set.
        case upload(attach: LinkTarget?)
        /// One file, uploaded as a new version of a drive file.
        case newVersion(of: DriveFile)
    }

    public var purpose: Purpose
    public var folder: String
    /// Every entry of the folder, ordered; hidden ones included.
    public var entries: [LocalEntry] = []
    public var showHidden = false
    public var viewport = ListViewport()
    /// Marked files, by name in this folder.
    public var selected: Set<String> = []
    public var loading = true
    /// What `/` narrowed the list to.
    public var narrowing = ""

    public init(purpose: Purpose, folder: String) {
        self.purpose = purpose
        self.folder = folder
    }

    /// What the list shows: `..` first (but at the root), then the entries, hidden ones on request.
    public var rows: [LocalEntry] {
        let up = folder == "/" ? [] : [LocalEntry(name: "..", isFolder: true, size: 0, modified: 0)]
        return up + entries.filter { showHidden || !$0.isHidden }
    }

    public var current: LocalEntry? { currentRow }

    public func path(of name: String) -> String {
        LocalPath.join(folder, name)
    }

    /// The marked files, or the one under the cursor when none is marked.
    public var chosen: [LocalEntry] {
        guard selected.isEmpty else { return entries.filter { selected.contains($0.name) } }
        return current.map { $0.isFolder ? [] : [$0] } ?? []
    }
}
