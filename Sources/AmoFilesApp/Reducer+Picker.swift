import AmoFilesAPI
import AmoFilesTasks
import Foundation
import TerminalUI

/// The local picker: opened for new files or a new version; the screen itself is `PickerScreen`.
extension Reducer {
    /// Opens the picker over what is open (in the place of an open picker).
    static func openPicker(_ state: inout AppState, _ purpose: LocalPicker.Purpose) -> [Effect] {
        state.picker = LocalPicker(purpose: purpose, folder: state.localFolder)
        return [.listFolder(path: state.localFolder)]
    }

    /// `V` on a drive file: pick the local file that becomes its new version.
    static func openNewVersionPicker(_ state: inout AppState) -> [Effect] {
        guard state.versions != nil || state.tab == .files else {
            state.status = StatusMessage(text: "A file in the trash has to be restored before it gets a new version.", isError: false)
            return []
        }
        guard let file = state.versions?.file ?? state.list.current else { return [] }
        return openPicker(&state, .newVersion(of: file))
    }

    /// "Upload “v2.pdf” (1.2 MB) as the new active version of “offer.docx”? …"
    static func newVersionQuestion(_ entry: LocalEntry, of file: DriveFile) -> String {
        let name = TerminalText.sanitize(entry.name), target = TerminalText.sanitize(file.displayName)
        var question = "Upload “\(name)” (\(Quantities.bytes(entry.size))) as the new active version of “\(target)”?"
        if let newExtension = FileNameRules.otherExtension(in: entry.name, than: file.metadata?.fileExtension) {
            question += " Its extension becomes .\(TerminalText.sanitize(newExtension))."
        }
        return question
    }

    static func answerNewVersion(_ state: inout AppState, path: String, of file: DriveFile, yes: Bool) -> [Effect] {
        state.overlay = nil
        guard yes else { return [] }
        state.picker = nil
        state.tab = .transfers
        return [.upload(paths: [path], newVersionOf: file.uuid, attach: nil)]
    }
}
