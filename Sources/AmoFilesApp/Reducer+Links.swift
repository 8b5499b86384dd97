import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// Links between files and CRM entities: a file's links, an entity's files,
/// attaching by name or id, detaching.
extension Reducer {
    static func openLinks(_ state: inout AppState) -> [Effect] {
        guard state.tab == .files, let file = state.versions?.file ?? state.list.current else { return [] }
        state.versions = nil
        state.links = LinkList(file: file)
        return [.loadLinks(fileUUID: file.uuid)]
    }

    /// Answers about links and entities.
    static func linksAnswer(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .linksLoaded(let uuid, let entities):
            return linksLoaded(&state, fileUUID: uuid, entities)
        case .entitiesFound(let token, let entities):
            return entitiesFound(&state, token: token, entities)
        case .entityPageLoaded(let target, let generation, let files, let next):
            return entityPageLoaded(&state, target, generation: generation, files: files, nextBeforeID: next)
        case .linksFailed(let uuid, let message):
            guard state.links?.file.uuid == uuid else { return [] }
            state.links?.loading = false
            state.status = StatusMessage(text: "Could not load the links: \(message).", isError: true)
            return []
        case .entitySearchFailed(let token, let message):
            guard case .attach(var form)? = state.overlay, form.token == token else { return [] }
            form.searching = false
            state.overlay = .attach(form)
            state.status = StatusMessage(text: "Could not search: \(message).", isError: true)
            return []
        case .entityNamed(let target, let name):
            if state.entity?.target == target { state.entity?.name = name }
            return []
        case .entityFailed(let target, let message):
            guard state.entity?.target == target else { return [] }
            state.entity?.loading = false
            state.status = StatusMessage(text: "Could not load the files of \(target): \(message).", isError: true)
            return []
        default:
            return []
        }
    }

    static func linksLoaded(_ state: inout AppState, fileUUID: String, _ entities: [LinkedEntity]) -> [Effect] {
        guard var links = state.links, links.file.uuid == fileUUID else { return [] }
        links.items = entities
        links.loading = false
        links.viewport.follow(count: entities.count, height: state.listHeight)
        state.links = links
        return []
    }

    /// Keys while a file's links are open; nil when the key is not theirs.
    static func linksKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard var links = state.links else { return nil }
        let action = state.keymap.action(for: key)
        if let delta = movement(action, in: links, state: state) {
            links.scroll(by: delta, height: state.listHeight)
            state.links = links
            return []
        }
        if key == .escape || action == .links {
            state.links = nil
            return []
        }
        switch action {
        case .details?:
            guard let entity = links.current, let type = EntityType(name: entity.entityType) else { return [] }
            return openEntity(&state, LinkTarget(entity: type, id: entity.id), name: entity.name)
        case .attach?:
            return askAttach(&state, [links.file])
        case .delete?:
            guard let entity = links.current, let type = EntityType(name: entity.entityType) else { return [] }
            let target = LinkTarget(entity: type, id: entity.id)
            let name = entity.name.map { " «\(TerminalText.sanitize($0))»" } ?? ""
            state.overlay = .confirm(question: "Detach “\(TerminalText.sanitize(links.file.displayName))” from \(target)\(name)?",
                                     edit: .detach([links.file], from: target))
            return []
        case .quit?, .help?, .command?, nil:
            return nil
        default:
            return []
        }
    }

    // MARK: The files of an entity

    static func openEntity(_ state: inout AppState, _ target: LinkTarget, name: String?, returnTo: ReturnPoint? = nil) -> [Effect] {
        var view = EntityView(target: target)
        view.name = name
        view.returnTo = returnTo
        view.generation = (state.entity?.generation ?? 0) + 1
        view.loading = true
        state.entity = view
        state.links = nil
        state.versions = nil
        let named: [Effect] = name == nil ? [.loadEntityName(target)] : []
        return named + [.loadEntityPage(target, generation: view.generation, beforeID: nil)]
    }

    static func entityPageLoaded(_ state: inout AppState, _ target: LinkTarget, generation: Int, files: [DriveFile],
                                 nextBeforeID: Int?) -> [Effect] {
        guard var view = state.entity, view.target == target, view.generation == generation else { return [] }
        view.files += files
        view.nextBeforeID = nextBeforeID
        view.started = true
        view.loading = false
        view.viewport.follow(count: view.files.count, height: state.listHeight)
        view.returnTo = view.returnTo?.place(in: view.files, hasMore: nextBeforeID != nil, viewport: &view.viewport, height: state.listHeight)
        state.entity = view
        if view.returnTo != nil, let before = nextBeforeID {
            state.entity?.loading = true
            return [.loadEntityPage(target, generation: generation, beforeID: before)]
        }
        return prefetchEntity(&state)
    }

    /// The next page of the entity's files while the cursor is still far from the end.
    static func prefetchEntity(_ state: inout AppState) -> [Effect] {
        guard var view = state.entity, !view.loading, let before = view.nextBeforeID,
              view.files.count - view.viewport.cursor <= max(2 * state.listHeight, 25) else { return [] }
        view.loading = true
        state.entity = view
        return [.loadEntityPage(view.target, generation: view.generation, beforeID: before)]
    }

    /// Keys while an entity's files are open; nil when the key is not theirs.
    static func entityKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard var view = state.entity else { return nil }
        let action = state.keymap.action(for: key)
        if let delta = movement(action, in: view, state: state) {
            view.returnTo = nil
            view.scroll(by: delta, height: state.listHeight)
            state.entity = view
            return prefetchEntity(&state)
        }
        if key == .escape {
            state.entity = nil
            return []
        }
        switch action {
        case .delete?:
            guard let file = view.current else { return [] }
            state.overlay = .confirm(question: "Detach “\(TerminalText.sanitize(file.displayName))” from \(view.title)?",
                                     edit: .detach([file], from: view.target))
            return []
        case .attach?:
            // Files are picked in the Files list; `a` there attaches the marked ones here.
            state.attachingTo = view
            state.entity = nil
            state.tab = .files
            return prefetch(&state)
        case .upload?:
            return openPicker(&state, .upload(attach: view.target))
        case .refresh?:
            let point = view.returnTo ?? view.current.map { ReturnPoint(uuid: $0.uuid, row: view.viewport.cursor, rowsLoaded: view.files.count) }
            return openEntity(&state, view.target, name: view.name, returnTo: point)
        case .quit?, .help?, .command?, .files?, .trash?, .transfers?, .nextTab?, .previousTab?, nil:
            return nil
        default:
            return []
        }
    }

    // MARK: Attaching

    /// `a`: attach the marked files (or the one under the cursor); straight to the
    /// entity whose files are open, otherwise through the attach form.
    static func askAttach(_ state: inout AppState, _ chosen: [DriveFile]? = nil) -> [Effect] {
        let files = chosen ?? targets(state.list).files
        guard !files.isEmpty else { return [] }
        if state.tab == .trash || files.contains(where: \.isTrashed) {
            state.status = StatusMessage(text: "A file in the trash cannot be attached; restore it first. \(hint(.restore, state, "in Trash restores"))", isError: true)
            return []
        }
        if let view = state.attachingTo, chosen == nil {
            state.attachingTo = nil
            state.entity = view
            return apply(&state, .attach(files, to: view.target))
        }
        // The first results (the newest leads) show before anything is typed.
        return search(&state, AttachForm(files: files))
    }

    /// Keys of the attach form: Tab changes the entity type, typing searches, ↑↓ choose, Enter attaches.
    static func attachKey(_ state: inout AppState, _ form: AttachForm, _ key: Key) -> [Effect] {
        var form = form
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .tab, .backTab:
            let types = EntityType.allCases
            let index = types.firstIndex(of: form.type) ?? 0
            form.type = types[(index + (key == .tab ? 1 : types.count - 1)) % types.count]
            return search(&state, form)
        case .up, .down:
            form.cursor = max(0, min(form.results.count - 1, form.cursor + (key == .up ? -1 : 1)))
            state.overlay = .attach(form)
            return []
        case .enter:
            let target: LinkTarget
            if let id = form.typedID {
                target = LinkTarget(entity: form.type, id: id)
            } else if form.results.indices.contains(form.cursor) {
                target = LinkTarget(entity: form.type, id: form.results[form.cursor].id)
            } else {
                return []
            }
            state.overlay = nil
            return apply(&state, .attach(form.files, to: target))
        default:
            guard form.editor.handle(key) else { return [] }
            return search(&state, form)
        }
    }

    /// The query changed: results come after a typing pause (an id needs none).
    private static func search(_ state: inout AppState, _ form: AttachForm) -> [Effect] {
        var form = form
        form.token += 1
        form.cursor = 0
        form.searching = true
        state.overlay = .attach(form)
        return [.searchEntities(form.type, query: form.editor.text.trimmingCharacters(in: .whitespaces), token: form.token)]
    }

    static func entitiesFound(_ state: inout AppState, token: Int, _ entities: [CRMEntity]) -> [Effect] {
        guard case .attach(var form)? = state.overlay, form.token == token else { return [] }
        form.results = entities
        form.searching = false
        form.cursor = 0
        state.overlay = .attach(form)
        return []
    }
}
