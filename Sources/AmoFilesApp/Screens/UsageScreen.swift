import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// The Usage tab: where the account's space goes. One walk over the files and the trash
/// (pages of 250, under the pacer) totals them by type, extension, month, year, author
/// and source; the groups show while it walks, and Enter lists a group's files in Files.
struct UsageScreen: Screen {
    enum Walk: Equatable {
        /// Nothing asked yet: opening the tab reads the last walk, or walks.
        case notAsked
        case walking(inTrash: Bool)
        case done
        case stopped
        case failed(String)
    }

    var walk = Walk.notAsked
    /// The files' totals: so far while walking, else of the last walk.
    var files = UsageTotals()
    var trash = UsageTotals()
    var stats: DriveStats?
    /// When the walk shown ended.
    var walkedAt: Int64?
    var grouping = UsageGrouping.type
    var viewport = ListViewport()
    /// What `/` narrowed the groups to.
    var narrowed = ""

    var kind: ScreenKind { .usage }

    var isWalking: Bool { if case .walking = walk { true } else { false } }

    /// The first look at the tab: the last walk when there is one, else a walk.
    mutating func opened() -> [Effect] {
        guard walk == .notAsked else { return [] }
        walk = .walking(inTrash: false)
        return [.loadUsage]
    }

    /// The groups of the grouping shown, biggest first, with what a person reads for each.
    func rows(_ users: [Int: String]) -> [(group: UsageGroup, label: String)] {
        let all = files.groups(by: grouping).map { ($0, grouping.label($0.key, users: users)) }
        guard !narrowed.isEmpty else { return all }
        return all.filter { TerminalText.sanitize($0.1).localizedStandardContains(narrowed) }
    }

    /// Where the rows are: below the title, the totals, the account's count, the groupings and the header.
    static func rowsArea(_ area: Area) -> (top: Int, height: Int) {
        (area.top + 5, max(0, area.height - 5))
    }

    mutating func handle(_ action: KeyAction?, key: Key, _ context: inout ScreenContext) -> Outcome {
        let height = Self.rowsArea(context.area).height
        let count = rows(context.users).count
        if key == .right || action == .nextSheet || key == .left || action == .previousSheet {
            regroup(by: key == .right || action == .nextSheet ? 1 : -1)
            return .handled([])
        }
        if key == .escape, !narrowed.isEmpty {
            narrow(to: "", context)
            return .handled([])
        }
        if let delta = Reducer.movement(action, in: UsageRows(viewport: viewport, rowCount: count), height: height) {
            viewport.move(by: delta, count: count, height: height)
            return .handled([])
        }
        switch action {
        case .details?:
            return .handled(openGroup(&context))
        case .download?:
            if let (group, filter) = groupFilter(&context) {
                Reducer.askSaveInto(.matching(filter, files: group.files, bytes: group.bytes), &context)
            }
            return .handled([])
        case .refresh?:
            guard !isWalking else {
                context.status = StatusMessage(text: "The drive is being walked already. \(Reducer.hint(.cancel, context.keymap, "to stop"))", isError: false)
                return .handled([])
            }
            walk = .walking(inTrash: false)
            files = UsageTotals()
            trash = UsageTotals()
            viewport = ListViewport()
            return .handled([.walkUsage])
        case .cancel?:
            guard isWalking else { return .handled([]) }
            return .handled([.stopUsageWalk])
        default:
            return .pass
        }
    }

    /// `←` `→`: the grouping before or after, the cursor back on top.
    private mutating func regroup(by step: Int) {
        let all = UsageGrouping.allCases
        let index = all.firstIndex(of: grouping) ?? 0
        grouping = all[(index + step + all.count) % all.count]
        viewport = ListViewport()
    }

    /// Enter: Files, filtered as the API can to the group under the cursor.
    private func openGroup(_ context: inout ScreenContext) -> [Effect] {
        context.showFiles = groupFilter(&context)?.filter
        return []
    }

    /// The group under the cursor and the API's filter for it; said when the API has none.
    private func groupFilter(_ context: inout ScreenContext) -> (group: UsageGroup, filter: FileFilter)? {
        let shown = rows(context.users)
        guard shown.indices.contains(viewport.cursor) else { return nil }
        let (group, label) = shown[viewport.cursor]
        guard let filter = grouping.filter(for: group.key, in: files) else {
            context.status = StatusMessage(text: "The API has no filter for \(Self.describe(grouping, label)).", isError: false)
            return nil
        }
        return (group, filter)
    }

    private static func describe(_ grouping: UsageGrouping, _ label: String) -> String {
        switch grouping {
        case .ext: "files without an extension"
        case .source: "files that came from no source"
        case .type: "the type “\(label)”: some of its files have no extension"
        default: "“\(label)”"
        }
    }

    mutating func scroll(by delta: Int, _ context: ScreenContext) -> [Effect] {
        viewport.move(by: delta, count: rows(context.users).count, height: Self.rowsArea(context.area).height)
        return []
    }

    mutating func click(row: Int, double: Bool, _ context: inout ScreenContext) -> Outcome {
        let (top, height) = Self.rowsArea(context.area)
        let count = rows(context.users).count
        guard row >= top, viewport.top + row - top < count else { return .handled([]) }
        viewport.moveTo(viewport.top + row - top, count: count, height: height)
        return .handled(double ? openGroup(&context) : [])
    }

    mutating func fit(_ context: ScreenContext) {
        viewport.follow(count: rows(context.users).count, height: Self.rowsArea(context.area).height)
    }

    var narrowing: String? { narrowed }

    mutating func narrow(to text: String, _ context: ScreenContext) {
        narrowed = text
        viewport = ListViewport()
        fit(context)
    }

    mutating func receive(_ answer: Action, _ context: inout ScreenContext) -> [Effect]? {
        switch answer {
        case .usageProgress(let totals, let inTrash):
            guard isWalking else { return [] }
            walk = .walking(inTrash: inTrash)
            if inTrash { trash = totals } else { files = totals }
        case .usageWalked(let result, let earlier):
            walk = .done
            files = result.files
            trash = result.trash
            stats = result.stats
            walkedAt = result.at
            if !earlier { context.status = StatusMessage(text: "Walked \(Self.count(result.files.files)) and \(Self.count(result.trash.files)) in the trash.", isError: false) }
        case .usageWalkStopped:
            walk = .stopped
        case .usageWalkFailed(let message):
            walk = .failed(message)
            context.status = StatusMessage(text: "Could not walk the drive: \(message). \(Reducer.hint(.refresh, context.keymap, "to walk again"))", isError: true)
        default:
            return nil
        }
        fit(context)
        return []
    }

    static func count(_ files: Int) -> String { files == 1 ? "1 file" : "\(files) files" }

    // MARK: Drawing

    func draw(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        let keymap = context.keymap
        let refresh = keymap.keys(for: .refresh).first.map { " · \($0) walks again" } ?? ""
        surface.drawTitle(" Usage of the drive", keys: "  (←→ grouping · Enter lists its files\(refresh))", in: area)
        guard area.height > 1 else { return }
        surface.draw(" " + progress(keymap), row: area.top + 1, column: area.left, width: area.width, style: walk == .done ? .normal : .notice)
        guard area.height > 2 else { return }
        if let stats {
            let text = " The account uses \(Quantities.bytes(stats.used)) of \(Quantities.bytes(stats.limit)) (\(UsageTotals.share(stats.used, of: stats.limit))):"
                + " every version counts, the trash does not."
            surface.draw(text, row: area.top + 2, column: area.left, width: area.width, style: .normal)
        } else if walk == .done {
            surface.draw(" The service does not say the account's used space and limit.", row: area.top + 2, column: area.left, width: area.width, style: .dim)
        }
        guard area.height > 3 else { return }
        drawGroupings(into: surface, row: area.top + 3, area)
        drawTable(into: surface, context)
    }

    /// "1,234 files, 980 MB · in the trash 12 files, 3 MB · walked 2026-12-04 23:10", or how far the walk is.
    private func progress(_ keymap: Keymap) -> String {
        let stop = keymap.keys(for: .cancel).first.map { " (\($0) stops)" } ?? ""
        let counted = "\(Self.count(files.files)), \(Quantities.bytes(files.bytes))"
        let inTrash = "in the trash \(Self.count(trash.files)), \(Quantities.bytes(trash.bytes))"
        switch walk {
        case .notAsked: return "loading…"
        case .walking(false): return "Walking the files: \(counted) so far…\(stop)"
        case .walking(true): return "\(counted); walking the trash: \(Self.count(trash.files)) so far…\(stop)"
        case .stopped: return "Stopped after \(counted): the totals are of those."
        case .failed: return "The walk failed after \(counted)."
        case .done: return "\(counted) · \(inTrash) · walked \(walkedAt.map(Quantities.time) ?? "")"
        }
    }

    private func drawGroupings(into surface: any Surface, row: Int, _ area: Area) {
        var column = area.left
        surface.draw(" By:", row: row, column: column, width: 4, style: .dim)
        column += 5
        for option in UsageGrouping.allCases {
            let label = " \(Self.title(option)) "
            guard column + label.count <= area.left + area.width else { break }
            surface.draw(label, row: row, column: column, width: label.count, style: option == grouping ? .tabActive : .normal)
            column += label.count + 1
        }
    }

    static func title(_ grouping: UsageGrouping) -> String {
        switch grouping {
        case .type: "type"
        case .ext: "extension"
        case .month: "month"
        case .year: "year"
        case .author: "author"
        case .source: "source"
        }
    }

    private func drawTable(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        let (top, height) = Self.rowsArea(area)
        var columns = [TableColumn(Self.title(grouping).uppercased(), width: 0, cutsMiddle: true),
                       TableColumn("FILES", width: 9, alignRight: true), TableColumn("SIZE", width: 10, alignRight: true),
                       TableColumn("SHARE", width: 6, alignRight: true), TableColumn("", width: 20)]
        columns[0].width = max(8, area.width - 4 - 45)
        surface.drawRow(columns.map(\.title), columns: columns, row: top - 1, left: area.left, width: area.width, style: .header)
        let shown = rows(context.users)
        for (offset, index) in viewport.visible(count: shown.count, height: height).enumerated() {
            let (group, label) = shown[index]
            let fraction = files.bytes > 0 ? Double(group.bytes) / Double(files.bytes) : 0
            let bar = String(repeating: "█", count: Int((fraction * Double(columns[4].width - 1)).rounded()))
            surface.drawRow([label, String(group.files), Quantities.bytes(group.bytes), UsageTotals.share(group.bytes, of: files.bytes), bar],
                            columns: columns, row: top + offset, left: area.left, width: area.width,
                            style: Style.row(cursor: index == viewport.cursor, marked: false))
        }
        if shown.isEmpty, height > 0, !isWalking {
            let empty = narrowed.isEmpty ? " No files." : " No group holds “\(narrowed)”."
            surface.draw(empty, row: top, column: area.left, width: area.width, style: .dim)
        }
    }

    var name: String { "Usage" }

    func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let keymap = context.keymap
        return [
            KeyHint(keys: "← →", "group by type, extension, month, year, author or source"),
            KeyHint(.details, keymap, "list the group's files in Files (filtered as the API can), ready to mark"),
            KeyHint(.download, keymap, "copy the group's files into a folder"),
            KeyHint(.refresh, keymap, "walk the drive again"),
            KeyHint(.cancel, keymap, "stop the walk (the totals so far stay)"),
            KeyHint(.search, keymap, "show only the groups holding the text"),
        ]
    }

    func position(_ context: ScreenContext) -> String {
        let shown = rows(context.users).count
        let note = narrowed.isEmpty ? "" : " · “\(narrowed)”: \(shown) shown"
        return " \(shown) group\(shown == 1 ? "" : "s") by \(Self.title(grouping))\(shown > 0 ? " · \(viewport.cursor + 1)/\(shown)" : "")\(note)"
    }
}

/// The groups as `Reducer.movement` reads a list.
private struct UsageRows: Scrollable {
    var viewport: ListViewport
    var rowCount: Int
}
