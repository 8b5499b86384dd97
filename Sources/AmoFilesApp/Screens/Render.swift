import AmoFilesAPI
import TerminalUI

/// Draws a state; pure apart from writing into the surface.
public enum Renderer {
    public static func render(_ state: AppState, into surface: any Surface) {
        surface.erase()
        guard !state.isTooSmall else { return tooSmall(state, surface) }
        tabBar(state, surface)
        state.topScreen.draw(into: surface, ScreenContext(state))
        bottomLine(state, surface)
        switch state.overlay {
        case .help(let scroll)?: HelpView.draw(state, scroll: scroll, into: surface)
        case .messages(let scroll)?: MessagesView.draw(state, scroll: scroll, into: surface)
        case .confirm(let question, _)?, .ask(let question, _)?: confirm(question, surface)
        case .newVersion(let entry, _, let file)?: confirm(Reducer.newVersionQuestion(entry, of: file), surface)
        case .overwrite(_, let path)?: confirm("\(path) exists. Overwrite it?", surface)
        case .resumeOffer(let records)?: confirm(Reducer.resumeQuestion(records), surface)
        case .quitWhileTransfers?: confirm(Reducer.quitQuestion(state), answers: Reducer.quitAnswers(state), surface)
        case .attach(let form)?: AttachFormView.draw(form, into: surface)
        case .attachWay(let form)?: WayFormView.draw(form, into: surface)
        case .filterForm(let form)?: FilterFormView.draw(form, users: state.users, into: surface)
        default: break
        }
    }

    /// Below the smallest useful size: what is wrong and the keys that still work,
    /// centred, each line cut to the width.
    private static func tooSmall(_ state: AppState, _ surface: any Surface) {
        let quitKey = (state.keymap.keys(for: .close) + state.keymap.keys(for: .quit)).first.map { "\($0) quits" } ?? "C-c quits"
        let lines = state.overlay == .quitWhileTransfers
            ? ["Quit while", "transfers run?", "y keep · c cancel", "n stay"]
            : ["terminal too small", "enlarge it · \(quitKey)"] + [state.status?.text].compactMap { $0 }
        let first = max(0, (surface.rows - lines.count) / 2)
        for (index, line) in lines.enumerated() where first + index < surface.rows {
            let width = TerminalText.width(line)
            surface.draw(line, row: first + index, column: max(0, (surface.columns - width) / 2), width: surface.columns)
        }
    }

    private static func tabBar(_ state: AppState, _ surface: any Surface) {
        surface.fill(row: 0, style: .title)
        var column = 0
        for tab in Tab.allCases {
            let label = " \(tab.rawValue + 1) \(tab.title) "
            surface.draw(label, row: 0, column: column, width: label.count, style: tab == state.tab ? .tabActive : .tabInactive)
            column += label.count + 1
        }
        let place = "\(state.accountName) · \(state.driveHost) "
        let room = surface.columns - column
        guard room > 8 else { return }
        let shown = TerminalText.fit(place, columns: room)
        surface.draw(shown, row: 0, column: surface.columns - TerminalText.width(shown), width: TerminalText.width(shown), style: .title)
    }

    /// The status line, or the prompt being typed in.
    private static func bottomLine(_ state: AppState, _ surface: any Surface) {
        let row = surface.rows - 1
        switch state.overlay {
        case .search(let editor, _)?:
            // The count answers "how many match" while the term is still being typed.
            return prompt(" Search: ", editor, trailing: FilesScreen.count(state.fileTab(state.tab).list), row: row, surface)
        case .narrow(let editor, _)?:
            return prompt(state.topScreen.narrowPrompt, editor, trailing: "Enter keeps · Esc as before", row: row, surface)
        case .rename(_, let ext, let editor)?:
            // The service keeps the extension apart: it shows beside the name, not in it.
            let trailing = ext.map { $0.isEmpty ? "" : ".\(TerminalText.sanitize($0)) stays" } ?? ""
            return prompt(" Rename to: ", editor, trailing: trailing, row: row, surface)
        case .saveAs(let request, let editor)?:
            return prompt(" Save as: ", editor, trailing: Quantities.bytes(request.size), row: row, surface)
        case .saveInto(let set, let editor)?:
            return prompt(" Download \(set.count) files into folder: ", editor, trailing: Quantities.bytes(set.bytes), row: row, surface)
        case .command(let editor)?:
            let matches = Reducer.completions(editor.text)
            return prompt(" :", editor, trailing: matches.count > 1 ? matches.joined(separator: " ") : "", row: row, surface)
        default:
            break
        }
        if let status = state.status {
            let style: Style = status.isError ? .error : .notice
            // Cut short, it says where to read it whole.
            let hint = state.keymap.keys(for: .messages).first.map { " \($0) reads it whole " } ?? ""
            let cut = TerminalText.width(TerminalText.sanitize(" " + status.text)) > surface.columns && surface.columns > hint.count + 20
            let room = surface.columns - (cut ? hint.count : 0)
            surface.draw(" " + status.text, row: row, column: 0, width: room, style: style)
            if cut { surface.draw(hint, row: row, column: room, width: hint.count, style: .dim) }
            return
        }
        let context = ScreenContext(state)
        if let notice = state.topScreen.notice(context) {
            surface.draw(" " + TerminalText.sanitize(notice.text), row: row, column: 0, width: surface.columns, style: notice.isError ? .error : .notice)
            return
        }
        let left = state.topScreen.position(context)
        let totals = state.transfers.totals
        var right = state.keymap.keys(for: .help).first.map { "\($0) help " } ?? ""
        if totals.isActive, state.screenKind != .transfers { right = TransfersScreen.summary(totals) + "   " + right }
        surface.draw(left, row: row, column: 0, width: surface.columns, style: .status)
        let rightWidth = TerminalText.width(right)
        if surface.columns > TerminalText.width(left) + rightWidth + 2 {
            surface.draw(right, row: row, column: surface.columns - rightWidth, width: rightWidth, style: .dim)
        }
    }

    private static func prompt(_ label: String, _ editor: LineEditor, trailing: String, row: Int, _ surface: any Surface) {
        let right = trailing.isEmpty ? "" : "  \(trailing) "
        let rightWidth = min(TerminalText.width(right), max(0, surface.columns - label.count - 8))
        surface.draw(label, row: row, column: 0, width: label.count, style: .header)
        let width = max(0, surface.columns - label.count - rightWidth)
        editor.draw(into: surface, row: row, column: label.count, width: width, style: .normal, cursorStyle: .cursor)
        surface.draw(right, row: row, column: label.count + width, width: rightWidth, style: .dim)
    }

    /// A question in a box, wrapped to its width (never cut), the answers below it.
    private static func confirm(_ question: String, answers answer: String = "y yes   n no", _ surface: any Surface) {
        let width = min(surface.columns - 2, max(TerminalText.width(TerminalText.sanitize(question)), answer.count) + 4, 76)
        let lines = TerminalText.wrap(question, columns: max(1, width - 4)).map { "  " + $0 }
        // The answers stay as spaced as they are when they fit, and wrap when they do not.
        let answers = answer.count <= width - 4 ? [answer] : TerminalText.wrap(answer, columns: max(1, width - 4))
        let box = [""] + lines + [""] + answers.map { "  " + $0 } + [""]
        let top = max(1, surface.rows / 2 - box.count / 2)
        let left = max(1, (surface.columns - width) / 2)
        for (offset, text) in box.enumerated() where top + offset < surface.rows - 1 {
            surface.draw(text, row: top + offset, column: left, width: width, style: .dialog)
        }
    }
}
