import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// Downloading a file or one of its versions: where to, and whether to overwrite.
extension Reducer {
    /// Where to save `request`, prefilled with a safe name; said when the service gave no link.
    static func askSaveAs(_ request: DownloadRequest?, _ context: inout ScreenContext) {
        guard let request else {
            context.status = StatusMessage(text: "The service gave no download link for this file.", isError: true)
            return
        }
        context.overlay = .saveAs(request, LineEditor(FileDownload.safeFileName(request.name)))
    }

    /// Where to copy several files: a new folder named for the day, here.
    static func askSaveInto(_ files: FileSet, _ context: inout ScreenContext) {
        context.overlay = .saveInto(files, LineEditor("amofiles-" + Quantities.date(context.now)))
    }

    static func folderKey(_ state: inout AppState, _ files: FileSet, _ editor: LineEditor, _ key: Key) -> [Effect] {
        pathKey(&state, editor, key, reopen: { .saveInto(files, $0) }) { state, folder in
            state.status = StatusMessage(text: "Looking for copies already in \(TerminalText.sanitize(folder))…", isError: false)
            return [.downloadInto(files, folder: folder)]
        }
    }

    static func downloadKey(_ state: inout AppState, _ request: DownloadRequest, _ editor: LineEditor, _ key: Key) -> [Effect] {
        pathKey(&state, editor, key, reopen: { .saveAs(request, $0) }) { state, path in
            startDownload(&state, request, path: path, overwrite: false)
        }
    }

    /// A key in a prompt for a local path: Esc closes it, Enter takes the path (nothing
    /// when it is blank), any other key edits it.
    private static func pathKey(_ state: inout AppState, _ editor: LineEditor, _ key: Key, reopen: (LineEditor) -> Overlay,
                                enter: (inout AppState, String) -> [Effect]) -> [Effect] {
        var editor = editor
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .enter:
            let path = editor.text.trimmingCharacters(in: .whitespaces)
            state.overlay = nil
            return path.isEmpty ? [] : enter(&state, path)
        default:
            _ = editor.handle(key)
            state.overlay = reopen(editor)
            return []
        }
    }

    static func startDownload(_ state: inout AppState, _ request: DownloadRequest, path: String, overwrite: Bool) -> [Effect] {
        state.status = downloading(request)
        return [.download(request, path: path, overwrite: overwrite)]
    }

    /// "Downloading 12 files (30 MB) into DIR; 3 already there. Press 3 to see them."
    static func folderNews(_ folder: String, count: Int, bytes: Int64, already: Int, unlinked: Int, _ keymap: Keymap) -> StatusMessage {
        let into = TerminalText.sanitize(folder)
        var text = count == 0
            ? "Nothing to download: every copy is in \(into) already."
            : "Downloading \(files(count)) (\(Quantities.bytes(bytes))) into \(into)"
        if count > 0, already > 0 { text += "; \(already) already there" }
        if count > 0 { text += ". " + hint(.transfers, keymap, "to see them") }
        if unlinked > 0 { text += " The service gave no download link for \(files(unlinked))." }
        return StatusMessage(text: text, isError: unlinked > 0)
    }

    private static func files(_ count: Int) -> String { count == 1 ? "1 file" : "\(count) files" }

    /// "Downloading a.pdf (1.5 MB)…".
    static func downloading(_ request: DownloadRequest) -> StatusMessage {
        StatusMessage(text: "Downloading \(TerminalText.sanitize(request.name)) (\(Quantities.bytes(request.size)))…", isError: false)
    }

    static func downloadAnswer(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .downloadTargetExists(let request, let path):
            state.status = nil
            state.overlay = .overwrite(request, path: path)
        case .downloadFinished(let request, let path, let bytes):
            state.status = StatusMessage(text: "Downloaded \(TerminalText.sanitize(request.name)) to \(TerminalText.sanitize(path)) (\(Quantities.bytes(bytes))).", isError: false)
        case .downloadFailed(_, let message):
            state.status = StatusMessage(text: message, isError: true)
        case .downloadsQueued(let folder, let count, let bytes, let already, let unlinked):
            state.status = folderNews(folder, count: count, bytes: bytes, already: already, unlinked: unlinked, state.keymap)
        case .downloadsFinished(let folder, let done, let bytes, let failed):
            let into = TerminalText.sanitize(folder)
            state.status = failed == 0
                ? StatusMessage(text: "Downloaded \(files(done)) (\(Quantities.bytes(bytes))) into \(into).", isError: false)
                : StatusMessage(text: "Downloaded \(files(done)) into \(into); \(files(failed)) did not come. \(hint(.transfers, state.keymap, "to see why and try again"))", isError: true)
        case .downloadsRefused(let folder, let message):
            state.status = StatusMessage(text: "Nothing downloaded into \(TerminalText.sanitize(folder)): \(message)", isError: true)
        default:
            break
        }
        return []
    }
}
