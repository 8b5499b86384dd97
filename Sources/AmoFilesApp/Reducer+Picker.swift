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

    static func answerNewVersion(_ state: inout AppState, path: String, of file: DriveFile, yes: Bool) -> [Effect] {
        state.overlay = nil
        guard yes else { return [] }
        // What was open closes with the picker.
        state.tab = .transfers
        return [.upload(paths: [path], newVersionOf: file.uuid, attach: nil)]
    }
}
