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
        let effects = step(&state, action) + countVersions(&state)
        return effects.contains(.quit) ? askBeforeQuitting(&state, effects) : effects
    }

    private static func step(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .input(let event):
            return input(&state, event)
        case .pageLoaded(let tab, _, _, _, _):
            let effects = state.updateFileTab(tab) { screen, context in screen.receive(action, &context) ?? [] }
            // The tab on screen asks for more while the cursor is near the end.
            return effects.isEmpty && tab == state.tab ? prefetch(&state) : effects
        case .pageFailed(let tab, _, _), .lastPageFound(let tab, _, _, _), .wholeListLoaded(let tab, _, _):
            return state.updateFileTab(tab) { screen, context in screen.receive(action, &context) ?? [] }
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
        case .versionsLoaded(let uuid, let versions):
            state.versionCounts.learn(uuid, count: versions.count)
            return screenAnswer(&state, action)
        case .versionsFailed(let uuid, _):
            state.versionCounts.failed(uuid)
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
        case .downloadTargetExists, .downloadFinished, .downloadFailed, .downloadsQueued, .downloadsFinished, .downloadsRefused:
            return downloadAnswer(&state, action)
        case .transferChanged(let snapshot):
            return transferChanged(&state, snapshot)
        case .usageProgress, .usageWalked, .usageWalkStopped, .usageWalkFailed:
            var context = ScreenContext(state)
            let effects = state.usageTab.receive(action, &context) ?? []
            context.apply(to: &state)
            return effects
        case .folderListed, .folderFailed, .previewLoaded, .previewFailed, .compared, .comparisonFailed:
            return screenAnswer(&state, action)
        case .pushPlanned, .pushPlanFailed, .pushNotRecorded:
            return pushAnswer(&state, action)
        case .journalRead(let records):
            return journalRead(&state, records)
        case .linksLoaded, .linksFailed, .entityNamed, .entityPageLoaded, .entityFailed, .recordUsesLoaded, .recordUsesFailed:
            return screenAnswer(&state, action)
        case .entitiesFound, .entitySearchFailed:
            return attachFormAnswer(&state, action)
        case .attachChoicesLoaded, .attachChoicesFailed:
            return attachChoicesAnswer(&state, action)
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
            let context = ScreenContext(state)
            for index in state.stack.indices { state.stack[index].update { $0.fit(context) } }
            state.filesTab.fit(context)
            state.trashTab.fit(context)
            state.transfersTab.fit(context)
            state.usageTab.fit(context)
            return prefetch(&state)
        case .suspend:
            return [.suspend]
        case .wheel(let up):
            return state.overlay == nil ? scroll(&state, by: up ? -3 : 3) : []
        case .click(let row, let column, let double):
            return state.overlay == nil ? click(&state, row: row, column: column, double: double) : []
        case .key(let key):
            if state.overlay != nil { return overlayKey(&state, key) }
            // A key puts the last message away, in every view.
            state.status = nil
            let action = state.keymap.action(for: key, on: state.screenKind)
            if let effects = globalKey(&state, key, action) { return effects }
            if key == .escape, state.topScreen.narrowing?.isEmpty == false {
                // Esc shows every row again before it closes the screen.
                narrowTop(&state, to: "")
                return []
            }
            if let effects = screenKey(&state, key, action) { return effects }
            if key == .escape {
                goBack(&state)
                return []
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

    /// The keys the app acts on: those that mean the same everywhere, and the order
    /// both file tabs share.
    static func perform(_ state: inout AppState, _ action: KeyAction) -> [Effect] {
        switch action {
        case .nextTab: return switchTo(&state, Tab(rawValue: (state.tab.rawValue + 1) % Tab.allCases.count)!)
        case .previousTab: return switchTo(&state, Tab(rawValue: (state.tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count)!)
        case .files: return switchTo(&state, .files)
        case .trash: return switchTo(&state, .trash)
        case .transfers: return switchTo(&state, .transfers)
        case .usage: return switchTo(&state, .usage)
        case .command:
            state.overlay = .command(LineEditor(""))
            return []
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
        default:
            return []
        }
    }

    /// How far a movement action moves the cursor of `list`, `height` rows high; nil for other actions.
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

    private static func switchTo(_ state: inout AppState, _ tab: Tab) -> [Effect] {
        state.tab = tab
        return tab == .usage ? state.usageTab.opened() : prefetch(&state)
    }

    /// Asks for the next page of the tab on screen while the cursor is near its end.
    static func prefetch(_ state: inout AppState) -> [Effect] {
        guard state.tab.listsFiles else { return [] }
        return state.updateFileTab(state.tab) { screen, context in screen.prefetch(height: screen.rowsArea(context.area).height) }
    }

    /// While the details show on a file tab, the versions of the file under the cursor
    /// are counted (the service says only "several"): one file at a time, each once.
    private static func countVersions(_ state: inout AppState) -> [Effect] {
        guard state.showingDetails, state.stack.isEmpty, state.tab.listsFiles,
              let file = state.fileTab(state.tab).list.current, let ask = state.versionCounts.ask(for: file) else { return [] }
        return [ask]
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
