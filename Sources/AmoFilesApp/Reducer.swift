import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// The whole behaviour of the UI: a pure step from state and action to new state
/// and the effects to run. No I/O, no clock, no curses.
public enum Reducer {
    /// What to do when the UI opens.
    public static func start(_ state: inout AppState) -> [Effect] {
        [.loadUsers, .readJournal] + prefetch(&state)
    }

    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        if state.status?.isTransient == true, action.isAnswer { state.status = nil }
        let effects = step(&state, action)
        return effects.contains(.quit) ? askBeforeQuitting(&state, effects) : effects
    }

    private static func step(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .input(let event):
            return input(&state, event)
        case .pageLoaded(let tab, let generation, let page, let files, let hasMore):
            guard var list = state.lists[tab], list.generation == generation, list.nextPage == page else { return [] }
            list.items += files
            list.nextPage = hasMore && !files.isEmpty ? page + 1 : nil
            list.loading = false
            list.viewport.follow(count: list.items.count, height: state.listHeight)
            let seeking = list.seekReturnPoint(height: state.listHeight)
            state.lists[tab] = list
            resort(&state, tab)
            if seeking, let next = list.nextPage {
                state.lists[tab]?.loading = true
                return [.loadPage(tab, generation: generation, page: next, filter: list.filter)]
            }
            return tab == state.tab ? prefetch(&state) : []
        case .pageFailed(let tab, let generation, let message):
            guard state.lists[tab]?.generation == generation else { return [] }
            state.lists[tab]?.loading = false
            state.status = StatusMessage(text: "Could not load \(tab.title): \(message). \(hint(.refresh, state, "to try again"))", isError: true)
            return []
        case .usersLoaded(let users):
            state.users = users
            return []
        case .usersUnavailable(let reason):
            if let me = state.currentUserID, state.users[me] == nil { state.users[me] = "you" }
            state.status = StatusMessage(text: "User names are not shown: \(reason). Ids stand in for them.", isError: false)
            return []
        case .retrying(let notice):
            let text = TerminalText.sanitize(notice)
            state.status = StatusMessage(text: text.prefix(1).uppercased() + text.dropFirst(), isError: false, isTransient: true)
            return []
        case .versionsLoaded, .versionsFailed:
            return screenAnswer(&state, action)
        case .tick(let now):
            state.now = now
            return []
        case .searchPaused(let token):
            return searchPaused(&state, token: token)
        case .editDone(let edit, let files, let unchanged):
            return editDone(&state, edit, files: files, unchanged: unchanged)
        case .editFailed(let edit, let message):
            return editFailed(&state, edit, message: message)
        case .downloadTargetExists, .downloadFinished, .downloadFailed:
            return downloadAnswer(&state, action)
        case .transferChanged(let snapshot):
            return transferChanged(&state, snapshot)
        case .folderListed, .folderFailed:
            return screenAnswer(&state, action)
        case .journalRead(let records):
            return journalRead(&state, records)
        case .linksLoaded, .linksFailed, .entityNamed, .entityPageLoaded, .entityFailed:
            return screenAnswer(&state, action)
        case .entitiesFound, .entitySearchFailed:
            return attachFormAnswer(&state, action)
        }
    }

    private static func input(_ state: inout AppState, _ event: InputEvent) -> [Effect] {
        if state.isTooSmall, event != .suspend, !event.isResize { return tooSmallInput(&state, event) }
        switch event {
        case .resize(let rows, let columns):
            let wasTooSmall = state.isTooSmall
            state.rows = rows
            state.columns = columns
            // "j ignored: the terminal is too small" means nothing at a usable size.
            if wasTooSmall, !state.isTooSmall { state.status = nil }
            let height = state.listHeight
            for tab in Tab.fileTabs {
                guard var list = state.lists[tab] else { continue }
                list.viewport.follow(count: list.items.count, height: height)
                state.lists[tab] = list
            }
            let context = ScreenContext(state)
            for index in state.stack.indices { state.stack[index].update { $0.fit(context) } }
            if var base = state.tabScreen {
                base.fit(context)
                state.tabScreen = base
            }
            return prefetch(&state)
        case .suspend:
            return [.suspend]
        case .wheel(let up):
            return state.overlay == nil ? scroll(&state, by: up ? -3 : 3) : []
        case .click(let row, _, let double):
            return state.overlay == nil ? click(&state, row: row, double: double) : []
        case .key(let key):
            if state.overlay != nil { return overlayKey(&state, key) }
            // A key puts the last message away, in every view.
            state.status = nil
            let action = state.keymap.action(for: key, on: state.screenKind)
            if let effects = globalKey(&state, key, action) { return effects }
            if key == .escape, let top = state.topScreen, !top.narrowing.isEmpty {
                // Esc shows every row again before it closes the screen.
                narrowTop(&state, to: "")
                return []
            }
            if let effects = screenKey(&state, key, action) { return effects }
            if key == .escape {
                // Back out of what is open, or else out of the filter.
                return goBack(&state) ? [] : perform(&state, .clearFilter)
            }
            return action.map { perform(&state, $0) } ?? []
        }
    }

    /// Nothing is on screen but "terminal too small": only quitting (and answering
    /// the quit question, which that screen shows) may act, never a key on a list
    /// nobody sees.
    private static func tooSmallInput(_ state: inout AppState, _ event: InputEvent) -> [Effect] {
        guard case .key(let key) = event else { return [] }
        if state.overlay == .quitWhileTransfers { return overlayKey(&state, key) }
        if key == .control("c") || [.close, .quit].contains(state.keymap.action(for: key)) { return [.quit] }
        // Said, so a key that does nothing is not taken for a hung program.
        state.status = StatusMessage(text: "\(key) ignored: the terminal is too small", isError: false)
        return []
    }

    static func perform(_ state: inout AppState, _ action: KeyAction) -> [Effect] {
        if let delta = movement(action, in: state.list, state: state) {
            return move(&state, by: delta)
        }
        switch action {
        case .up, .down, .pageUp, .pageDown, .top, .bottom: return []
        case .nextTab: return switchTo(&state, Tab(rawValue: (state.tab.rawValue + 1) % Tab.allCases.count)!)
        case .previousTab: return switchTo(&state, Tab(rawValue: (state.tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count)!)
        case .files: return switchTo(&state, .files)
        case .trash: return switchTo(&state, .trash)
        case .transfers: return switchTo(&state, .transfers)
        // Over an entity's files, what is uploaded is attached to it.
        case .upload: return openPicker(&state, .upload(attach: state.entity?.target))
        case .newVersion: return openNewVersionPicker(&state)
        case .links: return openLinks(&state)
        case .attach: return askAttach(&state)
        case .command:
            state.overlay = .command(LineEditor(""))
            return []
        case .parent, .hidden:
            state.status = StatusMessage(text: "That key works in the local picker. \(hint(.upload, state, "to open it"))", isError: false)
            return []
        case .cancel, .retry:
            state.status = StatusMessage(text: "That key works in Transfers. \(hint(.transfers, state, "to open it"))", isError: false)
            return []
        case .refresh:
            state.list = state.list.reloaded()
            return prefetch(&state)
        case .search:
            state.overlay = .search(LineEditor(state.list.filter.term ?? ""), previous: state.list.filter.term)
            return []
        case .details:
            state.showingDetails.toggle()
            return []
        case .versions:
            return openVersions(&state)
        case .download:
            return askDownload(&state)
        case .sort:
            state.sort = FileSort.next(after: state.sort)
            guard state.sort != nil else {
                // Back to the service's order: load it again.
                state.list = state.list.reloaded()
                return prefetch(&state)
            }
            for tab in Tab.fileTabs { resort(&state, tab) }
            return []
        case .filter:
            state.overlay = .filterForm(FilterForm(filter: state.list.filter, users: state.users))
            return []
        case .clearFilter:
            guard state.isFiltered else { return [] }
            state.list = state.list.reloaded(filter: state.tab.baseFilter)
            return prefetch(&state)
        case .select:
            guard let file = state.list.current else { return [] }
            if state.list.selected.remove(file.uuid) == nil { state.list.selected.insert(file.uuid) }
            return move(&state, by: 1)
        case .rename: return askRename(&state)
        case .delete: return askDelete(&state)
        case .restore: return restore(&state)
        case .help:
            state.overlay = .help(scroll: 0)
            return []
        case .messages:
            state.overlay = .messages(scroll: MessagesView.lastPage(state))
            return []
        case .quit:
            return [.quit]
        case .close:
            return goBack(&state) ? [] : [.quit]
        }
    }

    /// Puts a tab's loaded rows in the chosen order, the cursor staying on its file.
    static func resort(_ state: inout AppState, _ tab: Tab) {
        guard let sort = state.sort, var list = state.lists[tab] else { return }
        let current = list.current?.uuid
        list.items.sort(by: sort.ordered)
        if let current, let index = list.items.firstIndex(where: { $0.uuid == current }) {
            list.viewport.moveTo(index, count: list.items.count, height: state.listHeight)
        }
        state.lists[tab] = list
    }

    /// How far a movement action moves the cursor of `list`; nil for other actions.
    static func movement(_ action: KeyAction?, in list: some Scrollable, state: AppState) -> Int? {
        movement(action, in: list, height: state.listHeight)
    }

    /// The same for a list `height` rows high.
    static func movement(_ action: KeyAction?, in list: some Scrollable, height: Int) -> Int? {
        let page = max(1, height - 1)
        let (cursor, count) = (list.viewport.cursor, list.rowCount)
        return switch action {
        case .up?: -1
        case .down?: 1
        case .pageUp?: -page
        case .pageDown?: page
        case .top?: -cursor
        case .bottom?: count
        default: nil
        }
    }

    static func move(_ state: inout AppState, by delta: Int) -> [Effect] {
        // A cursor moved by hand is not taken back to where it was before a reload.
        state.list.returnTo = nil
        state.list.viewport.move(by: delta, count: state.list.items.count, height: state.listHeight)
        return prefetch(&state)
    }

    private static func switchTo(_ state: inout AppState, _ tab: Tab) -> [Effect] {
        state.tab = tab
        return prefetch(&state)
    }

    /// Asks for the next page while the cursor is still a screen or more away from
    /// the end, so scrolling does not stall on the network.
    static func prefetch(_ state: inout AppState) -> [Effect] {
        guard state.tab != .transfers else { return [] }
        let list = state.list
        guard !list.loading, let next = list.nextPage,
              list.items.count - list.viewport.cursor <= max(2 * state.listHeight, 25) else { return [] }
        state.list.loading = true
        return [.loadPage(state.tab, generation: list.generation, page: next, filter: list.filter)]
    }

    /// "Press C-r to try again.", with the key in force.
    static func hint(_ action: KeyAction, _ state: AppState, _ purpose: String) -> String {
        hint(action, state.keymap, purpose)
    }

    static func hint(_ action: KeyAction, _ keymap: Keymap, _ purpose: String) -> String {
        guard let key = keymap.keys(for: action).first else { return "" }
        return "Press \(key) \(purpose)."
    }
}
