import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// Rename, delete and restore: shown at once, confirmed or undone when the service answers.
extension Reducer {
    static func rename(_ state: inout AppState, uuid: String, to name: String) -> [Effect] {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard let index = state.filesTab.list.items.firstIndex(where: { $0.uuid == uuid }) else { return [] }
        let file = state.filesTab.list.items[index]
        let new = FileNameRules.name(trimmed, keeping: file.metadata?.fileExtension)
        guard new != file.name else { return [] }
        if let problem = FileNameRules.problem(new) {
            state.status = StatusMessage(text: "Not renamed: \(problem); the file keeps its name.", isError: true)
            return []
        }
        state.filesTab.list.items[index].name = new
        return [.runEdit(.rename(uuid: uuid, from: file.name, to: new))]
    }

    /// The files an action applies to: the marked ones, or the one under the cursor.
    static func targets(_ list: FileList) -> (files: [DriveFile], at: [Int]) {
        let marked = list.items.indices.filter { list.selected.contains(list.items[$0].uuid) }
        let indices = marked.isEmpty ? (list.current == nil ? [] : [list.viewport.cursor]) : marked
        return (indices.map { list.items[$0] }, indices)
    }

    /// Shows an edit ahead of the answer and asks the runtime to run it.
    static func apply(_ state: inout AppState, _ edit: Edit) -> [Effect] {
        switch edit {
        case .rename:
            break
        case .activate(let file, let version, _):
            markActive(&state, fileUUID: file.uuid, version.uuid)
        case .delete(let files, _):
            state.updateFileTab(.files) { screen, context in screen.takeOut(files, height: screen.rowsArea(context.area).height) }
        case .restore:
            break   // asked for by the Trash screen, which took the files out itself
        case .attach(let files, let target, _):
            state.status = attaching(files, to: target)
        case .clearField:
            break   // shown when the read-back confirms it
        case .detach(let files, let target):
            // Gone at once from every open screen that shows the link.
            let gone = Set(files.map(\.uuid))
            let context = ScreenContext(state)
            for index in state.stack.indices {
                switch state.stack[index] {
                case .entity(var screen) where screen.view.target == target:
                    screen.view.files.removeAll { gone.contains($0.uuid) }
                    screen.view.selected.subtract(gone)
                    screen.fit(context)
                    state.stack[index] = .entity(screen)
                case .links(var screen) where gone.contains(screen.list.file.uuid):
                    screen.list.items.removeAll { $0.id == target.id && EntityType(name: $0.entityType) == target.entity }
                    screen.fit(context)
                    state.stack[index] = .links(screen)
                default:
                    break
                }
            }
        }
        return [.runEdit(edit)] + prefetch(&state)
    }

    static func editDone(_ state: inout AppState, _ edit: Edit, files: [DriveFile], unchanged: [String] = []) -> [Effect] {
        switch edit {
        case .rename(let uuid, _, let name):
            if let renamed = files.first, let index = state.filesTab.list.items.firstIndex(where: { $0.uuid == uuid }) {
                state.filesTab.list.items[index] = renamed
            }
            // Shown at once, confirmed now: on a slow link the difference matters.
            let shown = files.first?.displayName ?? name
            let ext = files.first?.metadata?.fileExtension
            let kept = FileNameRules.otherExtension(in: name, than: ext).map { _ in
                " The extension stays .\(TerminalText.sanitize(ext ?? "")): the service keeps it apart from the name."
            } ?? ""
            state.status = StatusMessage(text: "Renamed to “\(TerminalText.sanitize(shown))”.\(kept)", isError: false)
        case .activate(let file, let version, let previous):
            guard let updated = files.first else { break }
            if let index = state.filesTab.list.items.firstIndex(where: { $0.uuid == file.uuid }) {
                state.filesTab.list.items[index] = updated
            }
            // The versions screen keeps the one switched from, for `z`.
            var described: String?
            state.updateOpen(VersionsScreen.self) { screen in
                guard screen.list.file.uuid == file.uuid else { return }
                screen.list.file = updated
                screen.list.previousActive = previous
                described = screen.list.describe(version)
            }
            let undo = described == nil ? "" : state.keymap.keys(for: .undo).first.map { " · \($0) undoes" } ?? ""
            let what = described.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? "The version of \(Quantities.bytes(updated.size))"
            state.status = StatusMessage(text: "\(what) is now active\(undo)", isError: false)
            return [.loadVersions(fileUUID: file.uuid)]
        case .delete(let asked, _):
            // The trash changed; it loads afresh when next shown.
            state.trashTab.list = state.trashTab.list.reloaded()
            let (moved, already) = split(asked, unchanged)
            let said = moved.isEmpty ? "" : "Moved \(count(moved)) to the trash. "
            state.status = StatusMessage(
                text: said + leftAlone(already, "already in the trash") + hint(.trash, state, "to see it"), isError: false)
        case .restore(let asked, _):
            state.filesTab.list = state.filesTab.list.reloaded()
            let (restored, already) = split(asked, unchanged)
            let said = restored.isEmpty ? "" : "Restored \(count(restored)). "
            state.status = StatusMessage(text: (said + leftAlone(already, "already out of the trash")).trimmingCharacters(in: .whitespaces), isError: false)
        case .attach(let attached, let target, let way):
            state.filesTab.list.selected = []
            let how: String
            switch way {
            case .link: how = ""
            case .note(let comment): how = comment == nil ? " as a note" : " as a note with a comment"
            case .field(let id, _): how = " in “\(TerminalText.sanitize(state.fieldNames[id] ?? "field \(id)"))”"
            }
            state.status = StatusMessage(text: "Attached \(count(attached)) to \(target)\(how); read back, it is there.", isError: false)
            return linksChanged(&state, attached, target)
        case .clearField(_, let name, let target):
            state.status = StatusMessage(text: "Cleared “\(TerminalText.sanitize(name))” of \(target); the file stays in Files.", isError: false)
            return linksChanged(&state, [], target)
        case .detach(let asked, let target):
            let (detached, notAttached) = split(asked, unchanged)
            let said = detached.isEmpty ? "" : "Detached \(count(detached)) from \(target). "
            state.status = StatusMessage(text: (said + leftAlone(notAttached, "not attached to it")).trimmingCharacters(in: .whitespaces), isError: false)
        }
        return prefetch(&state)
    }

    static func editFailed(_ state: inout AppState, _ edit: Edit, message: String) -> [Effect] {
        switch edit {
        case .rename(let uuid, let from, _):
            if let index = state.filesTab.list.items.firstIndex(where: { $0.uuid == uuid }) {
                state.filesTab.list.items[index].name = from
            }
        case .activate(let file, _, let previous):
            markActive(&state, fileUUID: file.uuid, previous)
        case .delete(let files, let indices):
            putBack(&state, .files, files, at: indices)
        case .restore(let files, let indices):
            putBack(&state, .trash, files, at: indices)
        case .attach, .clearField:
            break
        case .detach(let files, let target):
            state.status = StatusMessage(text: message, isError: true)
            return linksChanged(&state, files, target)
        }
        state.status = StatusMessage(text: message, isError: true)
        return []
    }

    /// Loads again every open links or entity screen the change touched.
    static func linksChanged(_ state: inout AppState, _ files: [DriveFile], _ target: LinkTarget) -> [Effect] {
        var effects: [Effect] = []
        for index in state.stack.indices {
            switch state.stack[index] {
            case .links(let screen) where files.contains(where: { $0.uuid == screen.list.file.uuid }):
                state.stack[index] = .links(LinksScreen(list: LinkList(file: screen.list.file)))
                effects.append(.loadLinks(fileUUID: screen.list.file.uuid))
            case .entity(var screen) where screen.view.target == target:
                state.requests += 1
                effects += screen.view.reload(returnTo: screen.view.returnPoint, request: state.requests)
                state.stack[index] = .entity(screen)
            default:
                break
            }
        }
        return effects
    }

    private static func putBack(_ state: inout AppState, _ tab: Tab, _ files: [DriveFile], at indices: [Int]) {
        state.updateFileTab(tab) { screen, context in
            for (file, index) in zip(files, indices).sorted(by: { $0.1 < $1.1 }) where !screen.list.items.contains(where: { $0.uuid == file.uuid }) {
                screen.list.items.insert(file, at: min(index, screen.list.items.count))
            }
            screen.fit(context)
        }
    }

    /// The files an edit changed, and those the task layer found already as asked.
    private static func split(_ files: [DriveFile], _ unchanged: [String]) -> (changed: [DriveFile], already: [DriveFile]) {
        let already = Set(unchanged)
        return (files.filter { !already.contains($0.uuid) }, files.filter { already.contains($0.uuid) })
    }

    /// "“a.pdf” was already in the trash. ", or nothing when no file was left alone.
    private static func leftAlone(_ files: [DriveFile], _ why: String) -> String {
        files.isEmpty ? "" : "\(count(files)) \(files.count == 1 ? "was" : "were") \(why). "
    }

    /// "Attaching “a.pdf” to lead 5…".
    static func attaching(_ files: [DriveFile], to target: LinkTarget) -> StatusMessage {
        StatusMessage(text: "Attaching \(count(files)) to \(target)…", isError: false)
    }

    private static func count(_ files: [DriveFile]) -> String {
        files.count == 1 ? "“\(TerminalText.sanitize(files[0].displayName))”" : "\(files.count) files"
    }

    /// The files a question acts on, by name: "“a.pdf”, “b.xlsx”, “c.jpg” and 7 more".
    static func naming(_ files: [DriveFile]) -> String {
        let shown = files.count <= 4 ? files : Array(files.prefix(3))
        let names = shown.map { "“\(TerminalText.sanitize($0.displayName))”" }
        if files.count > shown.count { return names.joined(separator: ", ") + " and \(files.count - shown.count) more" }
        return names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
}
