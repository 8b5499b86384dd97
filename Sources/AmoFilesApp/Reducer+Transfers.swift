import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// Transfers as the task layer reports them, seen from every screen (the status
/// line, Files, a lead's files); the tab's own keys are `TransfersScreen`'s.
extension Reducer {
    static func transferChanged(_ state: inout AppState, _ snapshot: TaskSnapshot) -> [Effect] {
        let before = state.transfers.take(snapshot)
        state.transfersTab.fit(ScreenContext(state))
        // What the task layer noted on the way ("the session expired; starting over") is said once.
        if let note = snapshot.notes.last, snapshot.notes.count > before?.notes.count ?? 0 {
            let name = TerminalText.sanitize(snapshot.work.fileName ?? snapshot.title)
            state.status = StatusMessage(text: "\(name): \(TerminalText.sanitize(note))", isError: false)
        }
        guard snapshot.state.isFinished, before?.state.isFinished != true else { return [] }
        // The quit waited only for these transfers: with the last one over, it goes ahead.
        if state.overlay == .quitWhileTransfers, !state.transfers.items.contains(where: { !$0.state.isFinished }) {
            state.overlay = nil
            return [.exit(cancellingUploads: false)]
        }
        let totals = state.transfers.totals
        if !totals.isActive, state.tab != .transfers {
            let failed = totals.failed > 0
            let more = failed ? " \(hint(.transfers, state, "to see why"))" : ""
            state.status = StatusMessage(text: "Transfers: \(totals.label).\(more)", isError: failed)
        }
        guard case .done(.file(let file)) = snapshot.state, case .upload(let upload, _) = snapshot.work else { return [] }
        if upload.newVersionOf != nil { state.versionCounts.forget(file.uuid) }
        // A file uploaded to an entity shows in that entity's open screen.
        let attached = upload.attach.map { linksChanged(&state, [file], $0) } ?? []
        return uploaded(&state, file) + attached
    }

    /// A finished upload shows in Files: a new version replaces its row, a new file
    /// goes on top (unless a filter is on, which it may not match).
    private static func uploaded(_ state: inout AppState, _ file: DriveFile) -> [Effect] {
        state.updateFileTab(.files) { screen, context in screen.show(uploaded: file, context) }
        // Its open versions come again, the new one among them.
        var reload = false
        state.updateOpen(VersionsScreen.self) { screen in
            guard screen.list.file.uuid == file.uuid else { return }
            screen.list = VersionList(file: file)
            reload = true
        }
        var effects: [Effect] = reload ? [.loadVersions(fileUUID: file.uuid)] : []
        // A record that uses the file shows the new version: linked at once, in its fields and notes once read again.
        for index in state.stack.indices {
            guard case .entity(var screen) = state.stack[index], screen.view.allRows.contains(where: { $0.file?.uuid == file.uuid }) else { continue }
            screen.view.files = screen.view.files.map { $0.uuid == file.uuid ? file : $0 }
            effects.append(.loadRecordUses(screen.view.target, generation: screen.view.generation))
            state.stack[index] = .entity(screen)
        }
        return effects
    }

    /// Uploads to go on with, found at start: ask first.
    static func journalRead(_ state: inout AppState, _ records: [UploadRecord]) -> [Effect] {
        defer { state.resumeAsked = false }
        if records.isEmpty, state.resumeAsked {
            state.status = StatusMessage(text: "No unfinished uploads of this account to resume.", isError: false)
        }
        guard !records.isEmpty, state.overlay == nil else { return [] }
        state.overlay = .resumeOffer(records)
        return []
    }

    /// "Resume 2 unfinished uploads (big.iso 40% of 1.2 GB, notes.txt 0% of 3 KB)?"
    static func resumeQuestion(_ records: [UploadRecord]) -> String {
        let listed = records.prefix(2).map { record in
            let percent = record.size > 0 ? Int(record.accepted * 100 / record.size) : 0
            return "\(TerminalText.sanitize(record.fileName)) \(percent)% of \(Quantities.bytes(record.size))"
        }
        let rest = records.count > 2 ? ", \(records.count - 2) more" : ""
        let noun = records.count == 1 ? "upload" : "uploads"
        return "Resume \(records.count) unfinished \(noun) (\(listed.joined(separator: ", "))\(rest))?"
    }

    static func answerResume(_ state: inout AppState, _ records: [UploadRecord], yes: Bool) -> [Effect] {
        guard yes else {
            // They wait in Transfers, to be resumed one by one.
            let known = Set(state.transfers.waiting.map(\.id))
            state.transfers.waiting += records.filter { !known.contains($0.id) }
            state.status = StatusMessage(
                text: "The unfinished uploads wait in Transfers: \(hint(.retry, state, "on one to resume it")) `amofiles upload --resume` finishes them all.",
                isError: false)
            return []
        }
        let resumed = Set(records.map(\.id))
        state.transfers.waiting.removeAll { resumed.contains($0.id) }
        state.tab = .transfers
        return [.resume(records)]
    }
}
