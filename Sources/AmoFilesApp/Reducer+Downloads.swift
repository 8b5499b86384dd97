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

    static func downloadKey(_ state: inout AppState, _ request: DownloadRequest, _ editor: LineEditor, _ key: Key) -> [Effect] {
        var editor = editor
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .enter:
            let path = editor.text.trimmingCharacters(in: .whitespaces)
            state.overlay = nil
            guard !path.isEmpty else { return [] }
            return startDownload(&state, request, path: path, overwrite: false)
        default:
            _ = editor.handle(key)
            state.overlay = .saveAs(request, editor)
            return []
        }
    }

    static func startDownload(_ state: inout AppState, _ request: DownloadRequest, path: String, overwrite: Bool) -> [Effect] {
        state.status = downloading(request)
        return [.download(request, path: path, overwrite: overwrite)]
    }

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
        default:
            break
        }
        return []
    }
}
