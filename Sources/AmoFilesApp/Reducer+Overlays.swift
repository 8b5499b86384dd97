import AmoFilesAPI
import TerminalUI

/// Keys while a prompt, a question or the help covers the list.
extension Reducer {
    static func overlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch state.overlay {
        case .help(let scroll)?:
            if let step = readingStep(state, key) {
                state.overlay = .help(scroll: min(ReadingBox.lastScroll(HelpView.lines(state).count, rows: state.rows), max(0, scroll + step)))
                return []
            }
            state.overlay = nil
            // Any other key closes the help, and does nothing more; Q still quits.
            return state.keymap.action(for: key) == .quit ? [.quit] : []
        case .messages(let scroll)?:
            if let step = readingStep(state, key) {
                state.overlay = .messages(scroll: min(MessagesView.lastPage(state), max(0, scroll + step)))
                return []
            }
            state.overlay = nil
            return state.keymap.action(for: key) == .quit ? [.quit] : []
        case .search(var editor, let previous)?:
            switch key {
            case .escape:
                state.overlay = nil
                return applySearch(&state, previous ?? "")
            case .enter:
                state.overlay = nil
                return applySearch(&state, editor.text)
            default:
                guard editor.handle(key) else { return [] }
                state.overlay = .search(editor, previous: previous)
                state.searchToken += 1
                return [.pauseSearch(token: state.searchToken)]
            }
        case .narrow(var editor, let previous)?:
            switch key {
            case .escape:
                state.overlay = nil
                narrowTop(&state, to: previous)
            case .enter:
                state.overlay = nil
            default:
                guard editor.handle(key) else { return [] }
                state.overlay = .narrow(editor, previous: previous)
                narrowTop(&state, to: editor.text)
            }
            return []
        case .rename(let uuid, let ext, var editor)?:
            switch key {
            case .escape:
                state.overlay = nil
                return []
            case .enter:
                state.overlay = nil
                return rename(&state, uuid: uuid, to: editor.text)
            default:
                _ = editor.handle(key)
                state.overlay = .rename(uuid: uuid, extension: ext, editor)
                return []
            }
        case .filterForm(var form)?:
            switch form.handle(key) {
            case .editing:
                state.overlay = .filterForm(form)
                return []
            case .cancel:
                state.overlay = nil
                return []
            case .apply(let filter):
                state.overlay = nil
                guard filter != state.fileTab(state.tab).list.filter else { return [] }
                state.updateFileTab(state.tab) { screen, _ in screen.list = screen.list.reloaded(filter: filter) }
                return prefetch(&state)
            }
        case .saveAs(let request, let editor)?:
            return downloadKey(&state, request, editor, key)
        case .saveInto(let files, let editor)?:
            return folderKey(&state, files, editor, key)
        case .overwrite(let request, let path)?:
            guard let yes = answer(key) else { return [] }
            state.overlay = nil
            guard yes else {
                state.status = StatusMessage(text: "Not downloaded: \(path) stays as it was.", isError: false)
                return []
            }
            return startDownload(&state, request, path: path, overwrite: true)
        case .confirm(_, let edit)?:
            guard let yes = answer(key) else { return [] }
            state.overlay = nil
            return yes ? apply(&state, edit) : []
        case .newVersion(_, let path, let file)?:
            guard let yes = answer(key) else { return [] }
            return answerNewVersion(&state, path: path, of: file, yes: yes)
        case .ask(_, let effects)?:
            guard let yes = answer(key) else { return [] }
            state.overlay = nil
            return yes ? effects : []
        case .attach(let form)?:
            return attachKey(&state, form, key)
        case .attachWay(let form)?:
            return wayKey(&state, form, key)
        case .command(let editor)?:
            return commandKey(&state, editor, key)
        case .quitWhileTransfers?:
            return quitKey(&state, key)
        case .resumeOffer(let records)?:
            guard let yes = answer(key) else { return [] }
            state.overlay = nil
            return answerResume(&state, records, yes: yes)
        case nil:
            return []
        }
    }

    /// A question's answer: y or Enter yes, n or Esc no, nil for any other key.
    private static func answer(_ key: Key) -> Bool? {
        switch key {
        case .character("y"), .character("Y"), .enter: true
        case .character("n"), .character("N"), .escape: false
        default: nil
        }
    }

    /// Typing paused: the term so far goes to the server.
    static func searchPaused(_ state: inout AppState, token: Int) -> [Effect] {
        guard token == state.searchToken, case .search(let editor, _)? = state.overlay else { return [] }
        return applySearch(&state, editor.text)
    }

    /// Reloads the list with `term` (blank: no term), unless it is already the filter.
    private static func applySearch(_ state: inout AppState, _ term: String) -> [Effect] {
        let trimmed = term.trimmingCharacters(in: .whitespaces)
        var filter = state.fileTab(state.tab).list.filter
        filter.term = trimmed.isEmpty ? nil : trimmed
        guard filter != state.fileTab(state.tab).list.filter else { return [] }
        state.updateFileTab(state.tab) { screen, _ in screen.list = screen.list.reloaded(filter: filter) }
        return prefetch(&state)
    }

    /// How far a key scrolls a box being read; nil for a key that closes it.
    private static func readingStep(_ state: AppState, _ key: Key) -> Int? {
        switch state.keymap.action(for: key) {
        case .down?: 1
        case .up?: -1
        case .pageDown?: 10
        case .pageUp?: -10
        default: nil
        }
    }
}

