import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// `:` commands, in the manner of k9s: `:files`, `:trash`, `:transfers`, `:upload`,
/// `:resume`, `:lead 123`, `:50%`, `:page 1200`, `:q`. Tab completes the command name.
extension Reducer {
    /// The names, in the order completion offers them.
    static let commandNames = ["files", "trash", "transfers", "usage", "upload", "resume", "page", "help", "quit"] + EntityType.allCases.map(\.singular)

    /// Names starting with what is typed.
    static func completions(_ text: String) -> [String] {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !word.contains(" ") else { return [] }
        return commandNames.filter { $0.hasPrefix(word) }
    }

    static func commandKey(_ state: inout AppState, _ editor: LineEditor, _ key: Key) -> [Effect] {
        var editor = editor
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .tab:
            let matches = completions(editor.text)
            guard let first = matches.first else { return [] }
            // The longest prefix all matches share; a single match is completed whole.
            var common = first
            for match in matches.dropFirst() { common = String(common.commonPrefix(with: match)) }
            let entity = EntityType(name: common) != nil
            editor = LineEditor(common + (matches.count == 1 && entity ? " " : ""))
            state.overlay = .command(editor)
            return []
        case .enter:
            state.overlay = nil
            return runCommand(&state, editor.text)
        default:
            _ = editor.handle(key)
            state.overlay = .command(editor)
            return []
        }
    }

    static func runCommand(_ state: inout AppState, _ text: String) -> [Effect] {
        let words = text.split(separator: " ").map(String.init)
        guard let name = words.first?.lowercased() else { return [] }
        // `:deal` is what most people call a lead.
        if let type = EntityType(name: name) {
            if words.count == 2, let id = Int(words[1]), id > 0, state.recordTypes.contains(type) {
                return openEntity(&state, LinkTarget(entity: type, id: id), name: nil)
            }
            return findEntity(&state, type, named: words.dropFirst().joined(separator: " "))
        }
        if let jump = jump(words) { return go(&state, jump) }
        let matches = commandNames.filter { $0 == name } + (["q", "q!"].contains(name) ? ["quit"] : [])
        guard words.count == 1, let command = matches.first ?? uniqueCompletion(name) else {
            state.status = StatusMessage(text: "Unknown command :\(TerminalText.sanitize(text)). Commands: \(commandNames.joined(separator: ", ")).",
                                         isError: true)
            return []
        }
        switch command {
        case "files", "trash", "transfers", "usage":
            return perform(&state, KeyAction(rawValue: command)!)
        case "upload":
            // As the key does on the screen on top (over a record's files, attached to it).
            return screenKey(&state, state.keymap.keys(for: .upload).first ?? .character("U"), .upload) ?? []
        case "resume":
            // The offer made at start, made again: for uploads once declined.
            state.resumeAsked = true
            return [.readJournal]
        case "help":
            state.overlay = .help(scroll: 0)
            return []
        case "page":
            state.status = StatusMessage(text: "Which page? :page 1200 goes to page 1,200 of 50 files, :50% to the middle of the list.", isError: false)
            return []
        case "quit":
            return [.quit]
        default:
            return []
        }
    }

    /// `50%` or `page 1200`; nil for any other command.
    private static func jump(_ words: [String]) -> FileList.Jump? {
        if words.count == 1, words[0].hasSuffix("%"), let share = Int(words[0].dropLast()), (0...100).contains(share) { return .percent(share) }
        if words.count == 2, words[0].lowercased() == "page", let page = Int(words[1]), page > 0 { return .page(page) }
        return nil
    }

    /// A jump in the file tab on screen (Files from any other tab); what was open over it closes.
    private static func go(_ state: inout AppState, _ jump: FileList.Jump) -> [Effect] {
        if !state.tab.listsFiles { state.tab = .files }
        state.stack.removeAll()
        return state.updateFileTab(state.tab) { screen, context in
            screen.jump(jump, height: screen.rowsArea(context.area).height)
        }
    }

    /// `:tra` runs `transfers` when nothing else starts so.
    private static func uniqueCompletion(_ text: String) -> String? {
        let matches = completions(text)
        return matches.count == 1 ? matches[0] : nil
    }
}
