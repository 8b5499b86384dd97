import AmoFilesAPI
import TerminalUI

/// One column of a file table: its place in the table, and what it shows of a file.
struct FileColumn {
    var table: TableColumn
    /// Narrow terminals drop the lowest first.
    var priority: Int
    var value: (DriveFile) -> String

    init(title: String, width: Int, alignRight: Bool = false, cutsMiddle: Bool = false, priority: Int = 0, value: @escaping (DriveFile) -> String) {
        table = TableColumn(title, width: width, alignRight: alignRight, cutsMiddle: cutsMiddle)
        self.priority = priority
        self.value = value
    }

    /// The columns of a tab that fit `columns`; the name takes what the others leave.
    /// `versions`: a column marks the files with several versions (when some of the
    /// listed files have them).
    static func layout(for tab: Tab, columns: Int, versions: Bool = false, _ context: ScreenContext) -> [FileColumn] {
        let (users, now, counts) = (context.users, context.now, context.versionCounts)
        let byWidth = peopleColumnWidth(columns)
        var optional: [FileColumn]
        if tab == .files {
            optional = [
                FileColumn(title: "TYPE", width: 8, priority: 1) { $0.type.rawValue },
                FileColumn(title: "SIZE", width: 8, alignRight: true, priority: 3) { Quantities.bytes($0.size) },
                FileColumn(title: "UPDATED", width: 16, priority: 2) { Quantities.time($0.updatedAt) },
                FileColumn(title: "BY", width: byWidth) { $0.updatedBy.displayName(users: users) },
            ]
            if versions {
                // How many once counted (the details count them), until then "2+".
                optional.insert(FileColumn(title: "VER", width: 3, alignRight: true, priority: 2) { file in
                    counts[file.uuid].map(String.init) ?? (file.hasMultipleVersions ? "2+" : "")
                }, at: 2)
            }
        } else {
            optional = [
                FileColumn(title: "SIZE", width: 8, alignRight: true, priority: 1) { Quantities.bytes($0.size) },
                FileColumn(title: "DELETED", width: 16, priority: 2) { $0.deletedAt.map(Quantities.time) ?? "" },
                FileColumn(title: "BY", width: byWidth) { $0.deletedBy?.displayName(users: users) ?? "" },
                FileColumn(title: "PURGE IN", width: 8, alignRight: true, priority: 3) { file in
                    file.daysUntilPurge(now: now).map { "\($0) d" } ?? ""
                },
            ]
        }
        // Narrow terminals lose the least telling columns, never the name.
        let nameMinimum = 24
        while !optional.isEmpty, optional.reduce(0, { $0 + $1.table.width + 1 }) + nameMinimum + 1 > columns {
            let least = optional.indices.min { optional[$0].priority < optional[$1].priority }!
            optional.remove(at: least)
        }
        let nameWidth = max(1, columns - 1 - optional.reduce(0) { $0 + $1.table.width + 1 })
        return [FileColumn(title: "NAME", width: nameWidth, cutsMiddle: true) { $0.displayName }] + optional
    }

    /// Room for a full "Екатерина Волкова" once the terminal is wide enough to spare it.
    static func peopleColumnWidth(_ columns: Int) -> Int { columns >= 120 ? 20 : 14 }
}
