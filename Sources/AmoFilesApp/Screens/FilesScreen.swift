import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// The Files or the Trash tab: the account's drive files a page at a time, searched
/// and filtered on the server, with the details of the file under the cursor beside
/// or instead of the list. In Files, files may be marked to attach to a record.
struct FilesScreen: Screen {
    let tab: Tab
    var list: FileList
    /// Files are being marked to attach to this record; its screen comes back after.
    var attachingTo: EntityView?
    /// The order of the whole list; nil for the service's.
    var sort: FileSort?

    init(tab: Tab) {
        self.tab = tab
        list = FileList(filter: tab.baseFilter)
    }

    var kind: ScreenKind { tab == .trash ? .trash : .files }

    /// True when the list is narrowed by more than what the tab itself is.
    var isFiltered: Bool { list.filter != tab.baseFilter }

    /// Where the rows are: below the filter line when one shows and the column header.
    func rowsArea(_ area: Area) -> (top: Int, height: Int) {
        let above = isFiltered ? 2 : 1
        return (area.top + above, max(0, area.height - above))
    }

    mutating func handle(_ action: KeyAction?, key: Key, _ context: inout ScreenContext) -> Outcome {
        let height = rowsArea(context.area).height
        if key == .escape {
            // Back out of what is open here, or else out of the search and filter.
            return back(&context) ?? handle(.clearFilter, key: .enter, &context)
        }
        // The ends of the whole list, not only of the rows loaded.
        if action == .bottom, !list.isComplete { return .handled(jump(.end, height: height)) }
        if action == .top, list.offset > 0 { return .handled(jump(.page(1), height: height)) }
        if let delta = Reducer.movement(action, in: list, height: height) {
            return .handled(move(by: delta, height: height))
        }
        switch action {
        case .select?:
            guard let file = list.current else { return .handled([]) }
            if list.selected.remove(file.uuid) == nil { list.selected.insert(file.uuid) }
            return .handled(move(by: 1, height: height))
        case .details?:
            context.showingDetails.toggle()
            return .handled([])
        case .sort?:
            return .handled(nextSort(&context, height: height))
        case .refresh?:
            list = list.reloaded()
            return .handled(prefetch(height: rowsArea(context.area).height))
        case .search?:
            context.overlay = .search(LineEditor(list.filter.term ?? ""), previous: list.filter.term)
            return .handled([])
        case .filter?:
            context.overlay = .filterForm(FilterForm(filter: list.filter, users: context.users))
            return .handled([])
        case .clearFilter?:
            guard isFiltered else { return .handled([]) }
            list = list.reloaded(filter: tab.baseFilter)
            return .handled(prefetch(height: rowsArea(context.area).height))
        case .versions?:
            guard tab == .files else {
                context.status = StatusMessage(text: "A file in the trash has to be restored before its versions can be changed.", isError: false)
                return .handled([])
            }
            return openVersions()
        case .links?:
            guard tab == .files, let file = list.current else { return .handled([]) }
            return .open(.links(LinksScreen(list: LinkList(file: file))), [.loadLinks(fileUUID: file.uuid)])
        case .rename?:
            guard tab == .files, let file = list.current else { return .handled([]) }
            context.overlay = .rename(uuid: file.uuid, extension: file.metadata?.fileExtension, LineEditor(file.name))
            return .handled([])
        case .delete?:
            askDelete(&context)
            return .handled([])
        case .restore?:
            guard tab == .trash else {
                context.status = StatusMessage(text: "Restoring works in the Trash tab. \(Reducer.hint(.trash, context.keymap, "to open it"))", isError: false)
                return .handled([])
            }
            let (files, indices) = Reducer.targets(list)
            guard !files.isEmpty else { return .handled([]) }
            takeOut(files, height: height)
            return .handled([.runEdit(.restore(files, at: indices))] + prefetch(height: height))
        case .download?:
            guard tab == .files else {
                context.status = StatusMessage(text: "A file in the trash has to be restored before it can be downloaded.", isError: false)
                return .handled([])
            }
            let files = Reducer.targets(list).files
            if files.count > 1 {
                Reducer.askSaveInto(.files(files), &context)
            } else if let file = files.first {
                Reducer.askSaveAs(DownloadRequest(file: file), &context)
            }
            return .handled([])
        case .upload?:
            return Screens.openPicker(.upload(attach: nil), context)
        case .newVersion?:
            guard tab == .files else {
                context.status = StatusMessage(text: "A file in the trash has to be restored before it gets a new version.", isError: false)
                return .handled([])
            }
            guard let file = list.current else { return .handled([]) }
            return Screens.openPicker(.newVersion(of: file), context)
        case .attach?:
            return attach(&context)
        case .preview?:
            guard tab == .files else {
                context.status = StatusMessage(text: "A file in the trash has to be restored before it can be read.", isError: false)
                return .handled([])
            }
            guard let file = list.current else { return .handled([]) }
            return PreviewScreen.open(VersionSource(file: file), &context)
        case .parent?, .hidden?:
            context.status = StatusMessage(text: "That key works in the local picker. \(Reducer.hint(.upload, context.keymap, "to open it"))", isError: false)
            return .handled([])
        case .cancel?, .retry?:
            context.status = StatusMessage(text: "That key works in Transfers. \(Reducer.hint(.transfers, context.keymap, "to open it"))", isError: false)
            return .handled([])
        default:
            // The order, which both file tabs share.
            return .pass
        }
    }

    /// Closes what is open on the tab, the last opened first: the marking of files to
    /// attach (the record's screen comes back), the details. Nil when nothing was.
    mutating func back(_ context: inout ScreenContext) -> Outcome? {
        if let view = attachingTo {
            attachingTo = nil
            return .open(.entity(EntityScreen(view: view)), [])
        }
        guard context.showingDetails else { return nil }
        context.showingDetails = false
        return .handled([])
    }

    /// `a`: the marked files (or the one under the cursor) to the record they are marked
    /// for (its screen comes back), or else to one picked in the attach form.
    private mutating func attach(_ context: inout ScreenContext) -> Outcome {
        let files = Reducer.targets(list).files
        guard !files.isEmpty else { return .handled([]) }
        if tab == .trash || files.contains(where: \.isTrashed) {
            context.status = StatusMessage(
                text: "A file in the trash cannot be attached; restore it first. \(Reducer.hint(.restore, context.keymap, "in Trash restores"))", isError: true)
            return .handled([])
        }
        guard let view = attachingTo else {
            // The first results (the newest leads) show before anything is typed.
            var form = AttachForm(files: files, types: context.recordTypes)
            let search = form.search(users: context.users)
            context.overlay = .attach(form)
            return .handled([search])
        }
        attachingTo = nil
        // The record's screen comes back, with the question how to attach over it.
        var form = WayForm(files: files, target: view.target, name: view.name)
        form.choice = context.lastAttachChoice
        context.overlay = .attachWay(form)
        return .open(.entity(EntityScreen(view: view)), [.loadAttachChoices(view.target)])
    }

    private func openVersions() -> Outcome {
        guard let file = list.current else { return .handled([]) }
        return .open(.versions(VersionsScreen(list: VersionList(file: file))), [.loadVersions(fileUUID: file.uuid)])
    }

    private func askDelete(_ context: inout ScreenContext) {
        guard tab == .files else {
            context.status = StatusMessage(text: "Files in the trash are purged by the service 30 days after they were deleted.", isError: false)
            return
        }
        let (files, indices) = Reducer.targets(list)
        guard !files.isEmpty else { return }
        let what = files.count == 1 ? Reducer.naming(files) : "\(files.count) files (\(Reducer.naming(files)))"
        context.overlay = .confirm(question: "Move \(what) to the trash?", edit: .delete(files, at: indices))
    }

    /// Removes `files` at once (moved to or out of the trash); they come back if the service refuses.
    mutating func takeOut(_ files: [DriveFile], height: Int) {
        let gone = Set(files.map(\.uuid))
        list.items.removeAll { gone.contains($0.uuid) }
        list.selected.subtract(gone)
        list.viewport.follow(count: list.items.count, height: height)
    }

    /// A finished upload shows at once: a new version replaces its file's row, a new
    /// file goes on top (unless a filter is on, which it may not match).
    mutating func show(uploaded file: DriveFile, _ context: ScreenContext) {
        let height = rowsArea(context.area).height
        list.someHaveVersions = list.someHaveVersions || file.hasMultipleVersions
        if let index = list.items.firstIndex(where: { $0.uuid == file.uuid }) {
            list.items[index] = file
        } else if !isFiltered {
            let hadRows = !list.items.isEmpty
            list.items.insert(file, at: 0)
            // The cursor stays on the file it was on.
            if hadRows { list.viewport.moveTo(list.viewport.cursor + 1, count: list.items.count, height: height) }
        }
        if let sort { resort(sort, height: height) }
    }

    /// A cursor moved by hand is not taken back to where it was before a reload.
    mutating func move(by delta: Int, height: Int) -> [Effect] {
        list.returnTo = nil
        list.viewport.move(by: delta, count: list.items.count, height: height)
        return prefetch(height: height)
    }

    mutating func scroll(by delta: Int, _ context: ScreenContext) -> [Effect] {
        move(by: delta, height: rowsArea(context.area).height)
    }

    mutating func click(row: Int, double: Bool, _ context: inout ScreenContext) -> Outcome {
        let (top, height) = rowsArea(context.area)
        guard row >= top, list.viewport.top + row - top < list.items.count else { return .handled([]) }
        let effects = move(by: list.viewport.top + row - top - list.viewport.cursor, height: height)
        // A double click opens the file's versions, as Enter opens a folder elsewhere.
        guard double, tab == .files, case .open(let screen, let opening) = openVersions() else { return .handled(effects) }
        return .open(screen, effects + opening)
    }

    mutating func fit(_ context: ScreenContext) {
        list.viewport.follow(count: list.items.count, height: rowsArea(context.area).height)
    }

    /// `/` searches the server here (the overlay of `handle`), not the rows loaded.
    var narrowing: String? { nil }

    mutating func narrow(to text: String, _ context: ScreenContext) {}

    mutating func receive(_ answer: Action, _ context: inout ScreenContext) -> [Effect]? {
        let height = rowsArea(context.area).height
        switch answer {
        case .lastPageFound(let tab, let generation, let page, let files) where tab == self.tab:
            guard list.generation == generation, let jump = list.pendingJump else { return [] }
            list.pendingJump = nil
            list.loading = false
            let total = (page - 1) * FileList.pageSize + files.count
            list.total = total
            list.totalIsExact = true
            let row = list.row(of: jump, total: total)
            list.open(atRow: row)
            // The last page is here already; another is asked for.
            guard list.nextPage == page else {
                list.loading = true
                return [.loadPage(tab, generation: list.generation, page: list.nextPage ?? 1, filter: list.filter)]
            }
            list.add(files, page: page, hasMore: false, height: height)
            return prefetch(height: height)
        case .pageLoaded(let tab, let generation, let page, let files, let hasMore) where tab == self.tab:
            guard list.generation == generation, list.nextPage == page || list.previousPage == page else { return [] }
            list.add(files, page: page, hasMore: hasMore, height: height)
            let seeking = list.seekReturnPoint(height: height)
            if seeking, let next = list.nextPage {
                list.loading = true
                return [.loadPage(tab, generation: generation, page: next, filter: list.filter)]
            }
            return []
        case .wholeListLoaded(let tab, let generation, let files) where tab == self.tab:
            guard list.generation == generation else { return [] }
            list.loading = false
            guard let files, let sort else {
                // Too many to hold: the service's order, a page at a time.
                if files == nil { context.status = Self.tooLongToSort(nil) }
                self.sort = nil
                list = list.reloaded()
                return prefetch(height: height)
            }
            // The file the cursor was on stays under it.
            let kept = list.returnTo?.uuid ?? list.current?.uuid
            list.whole(files)
            resort(sort, height: height)
            if let kept, let index = list.items.firstIndex(where: { $0.uuid == kept }) {
                list.viewport.moveTo(index, count: list.items.count, height: height)
            }
            return []
        case .pageFailed(let tab, let generation, let message) where tab == self.tab:
            guard list.generation == generation else { return [] }
            list.loading = false
            context.status = StatusMessage(text: "Could not load \(tab.title): \(message). \(Reducer.hint(.refresh, context.keymap, "to try again"))", isError: true)
            return []
        default:
            return nil
        }
    }

    // MARK: Drawing

    func draw(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        if isFiltered { drawFilterLine(into: surface, context) }
        if let width = tableWidth(context) { drawTable(into: surface, context, width: width) }
        guard context.showingDetails else { return }
        let paneWidth = area.width - (tableWidth(context).map { $0 + 1 } ?? 0)
        DetailsView.draw(list.current, into: surface, context, top: rowsArea(area).top - 1, column: area.left + area.width - paneWidth, width: paneWidth)
    }

    /// The list's width: all of the area, or what the details beside it leave (from 110
    /// columns); nil when the details show instead of it.
    private func tableWidth(_ context: ScreenContext) -> Int? {
        guard context.showingDetails else { return context.area.width }
        guard context.area.width >= 110 else { return nil }
        return context.area.width - DetailsView.paneWidth(list.current, context) - 1
    }

    private func drawFilterLine(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        let clear = context.keymap.keys(for: .clearFilter).first.map { "  (\($0) clears)" } ?? ""
        let text = " Filter: " + FilterSummary.describe(list.filter, users: context.users)
        let room = area.width - clear.count
        surface.draw(TerminalText.fit(text, columns: room), row: area.top, column: area.left, width: room, style: .marked)
        surface.draw(clear, row: area.top, column: area.left + room, width: clear.count, style: .dim)
    }

    private func drawTable(into surface: any Surface, _ context: ScreenContext, width whole: Int) {
        let (top, height) = rowsArea(context.area)
        let left = context.area.left
        // A list longer than its window gets a scroll bar: where the cursor is in the whole.
        let bar = scrollBar(width: whole)
        let width = bar == nil ? whole : whole - 1
        if let bar { drawScrollBar(into: surface, column: left + bar, top: top, height: height) }
        let columns = FileColumn.layout(for: tab, columns: width, versions: list.someHaveVersions, context)
        let table = columns.map(\.table)
        let titles = table.map { column in
            guard let sort, column.title == sort.column.rawValue else { return column.title }
            return column.title + (sort.descending ? " ▼" : " ▲")
        }
        surface.drawRow(titles, columns: table, row: top - 1, left: left, width: width, style: .header)
        let visible = list.viewport.visible(count: list.items.count, height: height)
        for (offset, index) in visible.enumerated() {
            let file = list.items[index]
            let marked = list.selected.contains(file.uuid)
            let style = Style.row(cursor: index == list.viewport.cursor, marked: marked)
            surface.drawRow(columns.map { $0.value(file) }, columns: table, row: top + offset, left: left, width: width, style: style)
            if marked { surface.put("*", row: top + offset, column: left, style: style) }
        }
        let after = top + visible.count
        if list.loading, after < top + height {
            surface.draw(" loading…", row: after, column: left, width: width, style: .dim)
        } else if list.items.isEmpty, list.isComplete, height > 0 {
            let empty = isFiltered ? " Nothing matches the filter." : tab == .trash ? " The trash is empty." : " No files."
            surface.draw(empty, row: top, column: left, width: width, style: .dim)
        }
    }

    /// The column of the scroll bar within a table `width` wide; nil when the list is all
    /// in its window, or its length is not known.
    func scrollBar(width: Int) -> Int? {
        guard let total = list.total, total > 0, !list.isWhole, width > 20 else { return nil }
        return width - 1
    }

    private func drawScrollBar(into surface: any Surface, column: Int, top: Int, height: Int) {
        guard let total = list.total, height > 0 else { return }
        let row = list.offset + list.viewport.cursor
        let thumb = min(height - 1, Int(Double(row) / Double(max(1, total - 1)) * Double(height - 1)))
        for line in 0..<height { surface.put(line == thumb ? "█" : "│", row: top + line, column: column, style: line == thumb ? .normal : .dim) }
    }

    /// A click on the scroll bar: that share of the whole list. Nil when `column` is not on it.
    mutating func clickScrollBar(row: Int, column: Int, _ context: ScreenContext) -> [Effect]? {
        let (top, height) = rowsArea(context.area)
        guard let width = tableWidth(context), let bar = scrollBar(width: width),
              column == context.area.left + bar, row >= top, row < top + height else { return nil }
        let share = height > 1 ? Int((Double(row - top) / Double(height - 1) * 100).rounded()) : 0
        return jump(.percent(share), height: height)
    }

    var name: String { tab.title }

    func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let keymap = context.keymap
        guard tab == .files else {
            return [
                KeyHint(.restore, keymap), KeyHint(.select, keymap), KeyHint(.details, keymap),
                KeyHint(.search, keymap, "search names in the trash on the server"), KeyHint(.filter, keymap),
                KeyHint(.clearFilter, keymap), KeyHint(.sort, keymap),
            ]
        }
        var hints = [
            KeyHint(.details, keymap), KeyHint(.versions, keymap), KeyHint(.preview, keymap, "what the file holds, in the terminal"),
            KeyHint(.select, keymap), KeyHint(.download, keymap, "download this file, or the marked ones into a folder"),
            KeyHint(.rename, keymap), KeyHint(.delete, keymap, "move the marked files (or this one) to the trash (asks first)"),
            KeyHint(.links, keymap), KeyHint(.attach, keymap), KeyHint(.upload, keymap), KeyHint(.newVersion, keymap),
            KeyHint(.search, keymap, "search names and linked records on the server"), KeyHint(.filter, keymap),
            KeyHint(.clearFilter, keymap), KeyHint(.sort, keymap),
        ]
        if let view = attachingTo {
            hints.removeAll { $0.action == .attach }
            hints.insert(KeyHint(.attach, keymap, "attach the marked files (or this one) to \(view.title)"), at: 0)
            hints.insert(KeyHint(keys: "Esc", "back to the files of \(view.title)"), at: 1)
        }
        return hints
    }

    /// "100 files loaded · 3/100 · 2 marked", or what marking to attach is for.
    func position(_ context: ScreenContext) -> String {
        if let view = attachingTo {
            let attach = context.keymap.keys(for: .attach).first?.description ?? "a"
            let marked = list.selected.isEmpty ? "" : " · \(list.selected.count) marked"
            return " To attach to \(view.title): Space marks, \(attach) attaches, Esc goes back\(marked)"
        }
        var text = " " + Self.count(list)
        if list.pendingJump != nil {
            text = " finding the end of the list…"
        } else if list.offset > 0 || (list.total != nil && !list.isWhole) {
            // A window down a long list: where it is in the whole.
            let row = list.offset + list.viewport.cursor + 1
            let of = list.total.map { ($0 < row ? "" : list.totalIsExact ? "" : "about ") + Quantities.grouped(max($0, row)) }
            text = " row \(Quantities.grouped(row)) of " + (of ?? "more than \(Quantities.grouped(list.offset + list.items.count))")
        } else if !list.items.isEmpty {
            text += " · \(list.viewport.cursor + 1)/\(list.items.count)"
        }
        if !list.selected.isEmpty { text += " · \(list.selected.count) marked" }
        return text
    }

    /// "12 files", "100 files loaded" while more pages remain, "loading…" before the first;
    /// "100,000 files" once the end of a long list is known.
    static func count(_ list: FileList) -> String {
        if let total = list.total, !list.isWhole { return "\(list.totalIsExact ? "" : "about ")\(Quantities.grouped(total)) files" }
        if list.items.isEmpty && !list.isComplete { return "loading…" }
        let noun = list.items.count == 1 ? "file" : "files"
        return list.isComplete ? "\(list.items.count) \(noun)" : "\(list.items.count) \(noun) loaded"
    }
}
