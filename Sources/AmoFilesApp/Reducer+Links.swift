import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// Links between files and CRM entities: a file's links, an entity's files,
/// attaching by name or id, detaching.
extension Reducer {
    /// Answers to the attach form's searches.
    static func attachFormAnswer(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .entitiesFound(let token, let entities):
            guard case .attach(var form)? = state.overlay, form.token == token else { return [] }
            if form.openAlone, entities.count == 1 {
                state.overlay = nil
                return openEntity(&state, LinkTarget(entity: form.type, id: entities[0].id), name: entities[0].name)
            }
            form.results = entities
            form.searching = false
            form.cursor = 0
            form.openAlone = false
            state.overlay = .attach(form)
            return []
        case .entitySearchFailed(let token, let message):
            guard case .attach(var form)? = state.overlay, form.token == token else { return [] }
            form.searching = false
            state.overlay = .attach(form)
            state.status = StatusMessage(text: "Could not search: \(message).", isError: true)
            return []
        default:
            return []
        }
    }

    /// The files of an entity, opened over what is open (Esc comes back to it).
    static func openEntity(_ state: inout AppState, _ target: LinkTarget, name: String?) -> [Effect] {
        var view = EntityView(target: target)
        view.name = name
        state.requests += 1
        let effects = view.reload(returnTo: nil, request: state.requests)
        state.stack.append(.entity(EntityScreen(view: view)))
        return effects
    }

    // MARK: Attaching

    /// `:lead TEXT` (and `:lead` alone): the records whose name holds TEXT, to open one;
    /// a single match opens at once.
    static func findEntity(_ state: inout AppState, _ type: EntityType, named query: String) -> [Effect] {
        var form = AttachForm(files: [])
        form.type = type
        form.editor = LineEditor(query)
        form.opening = true
        form.openAlone = !query.isEmpty
        let search = form.search()
        state.overlay = .attach(form)
        return [search]
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
            let search = form.search()
            state.overlay = .attach(form)
            return [search]
        case .up, .down:
            form.cursor = max(0, min(form.results.count - 1, form.cursor + (key == .up ? -1 : 1)))
            state.overlay = .attach(form)
            return []
        case .enter:
            let target: LinkTarget, name: String?
            if let id = form.typedID {
                (target, name) = (LinkTarget(entity: form.type, id: id), nil)
            } else if form.results.indices.contains(form.cursor) {
                let found = form.results[form.cursor]
                (target, name) = (LinkTarget(entity: form.type, id: found.id), found.name)
            } else {
                return []
            }
            state.overlay = nil
            return form.opening ? openEntity(&state, target, name: name) : apply(&state, .attach(form.files, to: target))
        default:
            guard form.editor.handle(key) else { return [] }
            let search = form.search()
            state.overlay = .attach(form)
            return [search]
        }
    }
}
