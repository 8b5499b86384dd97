import AmoFilesAPI
import AmoFilesTasks
import Foundation
import TerminalUI

/// The local picker: browse the server's file system, mark files, upload them.
extension Reducer {
    static func openPicker(_ state: inout AppState, _ purpose: LocalPicker.Purpose) -> [Effect] {
        let folder = state.picker?.folder ?? state.localFolder
        state.picker = LocalPicker(purpose: purpose, folder: folder)
        state.versions = nil
        return [.listFolder(path: folder)]
    }

    /// `V` on a drive file: pick the local file that becomes its new version.
    static func openNewVersionPicker(_ state: inout AppState) -> [Effect] {
        guard state.tab == .files else {
            state.status = StatusMessage(text: "A file in the trash has to be restored before it gets a new version.", isError: false)
            return []
        }
        guard let file = state.versions?.file ?? state.list.current else { return [] }
        return openPicker(&state, .newVersion(of: file))
    }

    /// Keys while the picker is open; nil when the key is not its own.
    static func pickerKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard var picker = state.picker else { return nil }
        let action = state.keymap.action(for: key)
        if let delta = movement(action, in: picker, state: state) {
            picker.scroll(by: delta, height: state.listHeight)
            state.picker = picker
            return []
        }
        if key == .escape {
            state.picker = nil
            return []
        }
        if key == .enter {
            guard let entry = picker.current else { return [] }
            if entry.isFolder { return openFolder(&state, entry.name == ".." ? parentFolder(picker.folder) : picker.path(of: entry.name)) }
            return uploadChosen(&state)
        }
        switch action {
        case .parent?:
            return openFolder(&state, parentFolder(picker.folder))
        case .hidden?:
            let current = picker.current?.name
            picker.showHidden.toggle()
            if !picker.showHidden { picker.selected = picker.selected.filter { !$0.hasPrefix(".") } }
            let index = picker.rows.firstIndex { $0.name == current } ?? 0
            picker.viewport.moveTo(index, count: picker.rows.count, height: state.listHeight)
            state.picker = picker
            return []
        case .select?:
            guard case .upload = picker.purpose else {
                state.status = StatusMessage(text: "A new version is one file: Enter uploads the file under the cursor.", isError: false)
                return []
            }
            guard let entry = picker.current, !entry.isFolder else { return [] }
            if picker.selected.remove(entry.name) == nil { picker.selected.insert(entry.name) }
            picker.scroll(by: 1, height: state.listHeight)
            state.picker = picker
            return []
        case .upload?:
            return uploadChosen(&state)
        case .refresh?:
            return openFolder(&state, picker.folder)
        case .quit?, .help?, nil:
            return nil
        default:
            return []
        }
    }

    private static func openFolder(_ state: inout AppState, _ path: String) -> [Effect] {
        guard var picker = state.picker else { return [] }
        picker.loading = true
        state.picker = picker
        return [.listFolder(path: path)]
    }

    static func parentFolder(_ path: String) -> String {
        LocalPath.folder(of: path)
    }

    static func folderListed(_ state: inout AppState, path: String, _ entries: [LocalEntry]) -> [Effect] {
        guard var picker = state.picker else { return [] }
        let cameFrom = picker.folder.hasPrefix(path) && picker.folder != path ? LocalPath.name(of: picker.folder) : nil
        let keep = picker.folder == path ? picker.current?.name : cameFrom
        if picker.folder != path { picker.selected = [] }
        picker.folder = path
        picker.entries = entries.sorted(by: LocalEntry.ordered)
        picker.loading = false
        picker.selected = picker.selected.filter { name in entries.contains { $0.name == name } }
        // Back in the folder above, the cursor is on the folder just left.
        let index = keep.flatMap { name in picker.rows.firstIndex { $0.name == name } } ?? 0
        picker.viewport = ListViewport()
        picker.viewport.moveTo(index, count: picker.rows.count, height: state.listHeight)
        state.picker = picker
        state.localFolder = path
        return []
    }

    static func folderFailed(_ state: inout AppState, path: String, message: String) -> [Effect] {
        guard state.picker != nil else { return [] }
        state.picker?.loading = false
        state.status = StatusMessage(text: "Cannot open \(path): \(message).", isError: true)
        return []
    }

    /// Enter on a file, or the upload key: the marked files (or the one under the cursor) go up.
    private static func uploadChosen(_ state: inout AppState) -> [Effect] {
        guard let picker = state.picker else { return [] }
        let chosen = picker.chosen
        guard !chosen.isEmpty else {
            state.status = StatusMessage(text: "Choose a file: Enter on it, or mark several with Space.", isError: false)
            return []
        }
        let paths = chosen.map { picker.path(of: $0.name) }
        switch picker.purpose {
        case .upload(let attach):
            state.picker = nil
            // Uploads to an entity stay on its files, where they show once done;
            // the others are followed in Transfers.
            if attach == nil { state.tab = .transfers }
            return [.upload(paths: paths, newVersionOf: nil, attach: attach)]
        case .newVersion(let file):
            // The picker stays under the question: n goes back to choosing.
            state.overlay = .newVersion(chosen[0], path: paths[0], of: file)
            return []
        }
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
