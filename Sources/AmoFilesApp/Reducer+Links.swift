import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// Links between files and CRM entities: a file's links, an entity's files,
/// attaching by name or id, detaching.
extension Reducer {
    /// Answers to the attach form's searches.
    static func attachFormAnswer(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .entitiesFound(let token, let entities, let details):
            guard case .attach(var form)? = state.overlay, form.token == token else { return [] }
            if form.openAlone, entities.count == 1 {
                state.overlay = nil
                return openEntity(&state, LinkTarget(entity: form.type, id: entities[0].id), name: entities[0].name)
            }
            form.results = entities
            form.details = details
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
        guard state.recordTypes.contains(type) else {
            state.status = StatusMessage(text: "Customers are switched off in this account.", isError: true)
            return []
        }
        var form = AttachForm(files: [], types: state.recordTypes)
        form.type = type
        form.editor = LineEditor(query)
        form.opening = true
        form.openAlone = !query.isEmpty
        let search = form.search(users: state.users)
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
            let types = form.types
            let index = types.firstIndex(of: form.type) ?? 0
            form.type = types[(index + (key == .tab ? 1 : types.count - 1)) % types.count]
            let search = form.search(users: state.users)
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
            return form.opening ? openEntity(&state, target, name: name) : chooseWay(&state, form.files, to: target, name: name)
        default:
            guard form.editor.handle(key) else { return [] }
            let search = form.search(users: state.users)
            state.overlay = .attach(form)
            return [search]
        }
    }
}

// MARK: How to attach

extension Reducer {
    /// The record is picked: ask how (the last way chosen first), and load its file fields.
    static func chooseWay(_ state: inout AppState, _ files: [DriveFile], to target: LinkTarget, name: String?) -> [Effect] {
        var form = WayForm(files: files, target: target, name: name)
        form.choice = state.lastAttachChoice
        state.overlay = .attachWay(form)
        return [.loadAttachChoices(target)]
    }

    static func attachChoicesAnswer(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard case .attachWay(var form)? = state.overlay else { return [] }
        switch action {
        case .attachChoicesLoaded(let target, let fields, let record) where target == form.target:
            form.fields = fields
            form.record = record
            form.fieldIndex = fields.firstIndex { $0.id == state.lastAttachField } ?? 0
            for field in fields { state.fieldNames[field.id] = field.name }
        case .attachChoicesFailed(let target, let message) where target == form.target:
            form.fields = []
            form.loadFailure = message
        default:
            return []
        }
        state.overlay = .attachWay(form)
        return []
    }

    static func wayKey(_ state: inout AppState, _ form: WayForm, _ key: Key) -> [Effect] {
        var form = form
        let choices = WayForm.Choice.allCases
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .up, .down, .tab, .backTab:
            let step = key == .up || key == .backTab ? choices.count - 1 : 1
            form.choice = choices[(form.choice.rawValue + step) % choices.count]
        case .left where form.choice == .field, .right where form.choice == .field:
            if let count = form.fields?.count, count > 0 { form.fieldIndex = (form.fieldIndex + (key == .left ? count - 1 : 1)) % count }
        case .enter:
            return attachChosen(&state, form)
        default:
            guard form.choice == .note, form.comment.handle(key) else { return [] }
        }
        state.overlay = .attachWay(form)
        return []
    }

    /// Enter in the way form: attach, or for a field that holds another file, ask first.
    private static func attachChosen(_ state: inout AppState, _ form: WayForm) -> [Effect] {
        state.lastAttachChoice = form.choice
        switch form.choice {
        case .link:
            state.overlay = nil
            return apply(&state, .attach(form.files, to: form.target, as: .link))
        case .note:
            state.overlay = nil
            let comment = form.comment.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return apply(&state, .attach(form.files, to: form.target, as: .note(comment: comment.isEmpty ? nil : comment)))
        case .field:
            guard let field = form.field else {
                state.status = StatusMessage(text: form.fields == nil ? "The fields are still loading." : "\(form.target.entity.rawValue.capitalized) have no file fields.", isError: true)
                return []
            }
            guard form.files.count == 1, let file = form.files.first else {
                state.status = StatusMessage(text: "A file field holds one file: mark one.", isError: true)
                return []
            }
            state.lastAttachField = field.id
            guard let held = form.heldFile, held.fileUUID != file.uuid else {
                state.overlay = nil
                return apply(&state, .attach(form.files, to: form.target, as: .field(id: field.id, replacing: false)))
            }
            let heldName = TerminalText.sanitize(held.fileName ?? held.fileUUID)
            let newVersion = state.keymap.keys(for: .newVersion).first.map { " (\($0) on it)" } ?? ""
            state.overlay = .confirm(
                question: "“\(TerminalText.sanitize(field.name))” of \(form.target) holds “\(heldName)”. Replace it with “\(TerminalText.sanitize(file.displayName))”? "
                    + "To change “\(heldName)” itself, upload a new version of it\(newVersion): the field shows its newest version.",
                edit: .attach(form.files, to: form.target, as: .field(id: field.id, replacing: true)))
            return []
        }
    }
}
