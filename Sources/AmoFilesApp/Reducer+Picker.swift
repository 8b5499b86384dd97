import AmoFilesAPI
import AmoFilesTasks
import Foundation
import TerminalUI

/// The local picker: opened for new files or a new version; the screen itself is `PickerScreen`.
extension Reducer {
    /// "Upload “v2.pdf” (1.2 MB) as the new active version of “offer.docx”? …"
    static func newVersionQuestion(_ entry: LocalEntry, of file: DriveFile) -> String {
        let name = TerminalText.sanitize(entry.name), target = TerminalText.sanitize(file.displayName)
        var question = "Upload “\(name)” (\(Quantities.bytes(entry.size))) as the new active version of “\(target)”?"
        if let newExtension = FileNameRules.otherExtension(in: entry.name, than: file.metadata?.fileExtension) {
            question += " Its extension becomes .\(TerminalText.sanitize(newExtension))."
        }
        return question
    }

    /// The folders are walked: ask before sending what changed since the last push.
    static func pushAnswer(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .pushPlanned(let plan):
            state.status = nil
            let push = plan.push
            let folders = plan.folders.map { "“\(TerminalText.sanitize(LocalPath.name(of: $0)))”" }.joined(separator: ", ")
            let unchanged = push.unchanged == 0 ? "" : "; \(push.unchanged) unchanged since the last push"
            guard !push.items.isEmpty || !plan.files.isEmpty else {
                state.status = StatusMessage(text: push.unchanged == 0
                    ? "Nothing to upload: \(folders) holds no files (hidden ones are left out)."
                    : "Nothing to upload from \(folders): its \(push.unchanged) files are unchanged since the last push.", isError: false)
                return []
            }
            let count = push.items.count + plan.files.count
            let versions = push.newVersions == 0 ? "" : " (\(push.newVersions) changed: each a new version of the file it became)"
            let attach = plan.attach.map { ", attached to \($0)" } ?? ""
            let bytes = push.bytes + plan.filesBytes
            state.overlay = .ask(question: "Upload \(count == 1 ? "1 file" : "\(count) files") (\(Quantities.bytes(bytes))) from \(folders)\(attach)\(versions)\(unchanged)?",
                                 then: [.push(plan)])
        case .pushPlanFailed(let message):
            state.status = StatusMessage(text: "Nothing uploaded: \(message).", isError: true)
        case .pushNotRecorded(let path, let message):
            state.status = StatusMessage(text: "\(TerminalText.sanitize(path)) went up, but the manifest could not be written (\(message)): the next push sends it again.", isError: true)
        default:
            break
        }
        return []
    }

    static func answerNewVersion(_ state: inout AppState, path: String, of file: DriveFile, yes: Bool) -> [Effect] {
        state.overlay = nil
        guard yes else { return [] }
        // What was open closes with the picker.
        state.tab = .transfers
        return [.upload(paths: [path], newVersionOf: file.uuid, attach: nil)]
    }
}
