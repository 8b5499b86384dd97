import AmoFilesTasks
import TerminalUI

/// Quitting: at once when nothing is on its way; while transfers run, one question
/// whose default keeps every upload in the journal to be resumed.
extension Reducer {
    static func askBeforeQuitting(_ state: inout AppState, _ effects: [Effect]) -> [Effect] {
        let others = effects.filter { $0 != .quit }
        guard !unfinishedTransfers(state).isEmpty else { return others + [.exit(cancellingUploads: false)] }
        state.overlay = .quitWhileTransfers
        return others
    }

    static func quitKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch key {
        case .character("y"), .character("Y"), .character("q"), .enter:
            state.overlay = nil
            return [.exit(cancellingUploads: !state.uploadsOutliveQuit)]
        case .character("c"), .character("C"):
            state.overlay = nil
            return [.exit(cancellingUploads: true)]
        case .character("n"), .character("N"), .escape:
            state.overlay = nil
            return []
        default:
            return []
        }
    }

    /// "2 uploads running: big.bin 64%, report.pdf 10%; 1 download: a.pdf 5%. Quit?"
    static func quitQuestion(_ state: AppState) -> String {
        let running = unfinishedTransfers(state)
        let uploads = running.filter { if case .upload = $0.work { true } else { false } }
        let downloads = running.filter { if case .download = $0.work { true } else { false } }
        var parts: [String] = []
        for (group, noun) in [(uploads, "upload"), (downloads, "download")] where !group.isEmpty {
            let named = group.prefix(3).map { snapshot in
                let percent = snapshot.progress.map { " \(Int($0.fraction * 100))%" } ?? ""
                return TerminalText.sanitize(snapshot.work.fileName ?? snapshot.title) + percent
            }
            let more = group.count > 3 ? ", \(group.count - 3) more" : ""
            parts.append("\(group.count) \(noun)\(group.count == 1 ? "" : "s") running: \(named.joined(separator: ", "))\(more)")
        }
        return parts.joined(separator: "; ") + ". Quit?"
    }

    /// The answers, as the question's last line shows them.
    static func quitAnswers(_ state: AppState) -> String {
        let running = unfinishedTransfers(state)
        let hasUploads = running.contains { if case .upload = $0.work { true } else { false } }
        guard hasUploads else { return "Enter/y quit, the download is dropped   n stay" }
        return state.uploadsOutliveQuit
            ? "Enter/y quit, uploads resume next time   c cancel them and quit   n stay"
            : "Enter/y quit, the demo's uploads end with it   n stay"
    }

    private static func unfinishedTransfers(_ state: AppState) -> [TaskSnapshot] {
        state.transfers.items.filter { !$0.state.isFinished }
    }
}
