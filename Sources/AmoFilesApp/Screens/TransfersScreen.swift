import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// A row of Transfers: a transfer of this run, or an upload an earlier run left.
public enum TransferRow: Sendable {
    case task(TaskSnapshot)
    case waiting(UploadRecord)
}

/// The uploads and downloads of this run, as the task layer last reported them,
/// then the unfinished uploads of an earlier run that were not resumed when offered.
public struct TransferList: Sendable {
    public var items: [TaskSnapshot] = []
    /// Uploads left in the journal by an earlier run, waiting for `R`.
    public var waiting: [UploadRecord] = []
    public var viewport = ListViewport()
    /// What `/` narrowed the rows to.
    public var narrowing = ""

    public init() {}

    public var current: TaskSnapshot? {
        if case .task(let snapshot)? = currentRow { snapshot } else { nil }
    }

    /// The waiting upload under the cursor.
    public var currentWaiting: UploadRecord? {
        if case .waiting(let record)? = currentRow { record } else { nil }
    }

    public var totals: TransferTotals { TransferTotals(items) }

    /// Takes a newer snapshot of a task, or adds a task not seen before; returns the
    /// snapshot it replaced.
    @discardableResult
    mutating func take(_ snapshot: TaskSnapshot) -> TaskSnapshot? {
        guard let index = items.firstIndex(where: { $0.id == snapshot.id }) else {
            items.append(snapshot)
            return nil
        }
        defer { items[index] = snapshot }
        return items[index]
    }
}

extension TransferList: Narrowable {
    var allRows: [TransferRow] { items.map(TransferRow.task) + waiting.map(TransferRow.waiting) }

    static func text(of row: TransferRow) -> String? {
        switch row {
        case .task(let snapshot): snapshot.work.fileName ?? snapshot.title
        case .waiting(let record): record.fileName
        }
    }
}

/// The Transfers tab: a bar for each running upload and download, the state or the
/// error of the others, a total line; cancel (asks), retry, clear the finished rows,
/// resume an upload an earlier run left.
struct TransfersScreen: ListScreen {
    var list = TransferList()

    var kind: ScreenKind { .transfers }

    var rows: TransferList {
        get { list }
        set { list = newValue }
    }

    /// The rows: below the column header, above the total line.
    static func rowsArea(_ area: Area) -> (top: Int, height: Int) {
        (area.top + 1, max(0, area.height - 2))
    }

    mutating func handle(_ action: KeyAction?, key: Key, _ context: inout ScreenContext) -> Outcome {
        if move(action, context) { return .handled([]) }
        switch action {
        case .cancel?:
            askCancel(&context)
            return .handled([])
        case .retry?:
            return .handled(retry(&context))
        case .clearFilter?:
            clearFinished(&context)
            return .handled([])
        case .upload?:
            return Screens.openPicker(.upload(attach: nil), context)
        case nil:
            // Esc here has no filter or screen to leave.
            return .handled([])
        default:
            context.status = StatusMessage(text: "That works on drive files. \(Reducer.hint(.files, context.keymap, "for Files"))", isError: false)
            return .handled([])
        }
    }

    /// The whole error of the failed transfer under the cursor, or the last note on a running one.
    func notice(_ context: ScreenContext) -> StatusMessage? {
        guard let transfer = list.current else { return nil }
        if case .failed(let error) = transfer.state { return StatusMessage(text: error.message, isError: true) }
        guard !transfer.state.isFinished, let note = transfer.notes.last else { return nil }
        return StatusMessage(text: (transfer.work.fileName ?? transfer.title) + ": " + note, isError: false)
    }

    /// `x`: a running transfer is cancelled after asking (an upload loses what it sent).
    private func askCancel(_ context: inout ScreenContext) {
        if list.currentWaiting != nil {
            context.status = StatusMessage(
                text: "That upload is not running: \(Reducer.hint(.retry, context.keymap, "to resume it")) `amofiles transfers` lists it.", isError: false)
            return
        }
        guard let transfer = list.current, !transfer.state.isFinished else {
            context.status = StatusMessage(text: "Nothing to cancel here: the transfer has ended.", isError: false)
            return
        }
        let done = transfer.progress.map { " (\(Int($0.fraction * 100))%)" } ?? ""
        let isUpload = if case .upload = transfer.work { true } else { false }
        let name = TerminalText.sanitize(transfer.work.fileName ?? transfer.title)
        let what = isUpload ? "upload" : "download", consequence = isUpload ? "; what it sent is dropped" : ""
        context.overlay = .ask(question: "Cancel the \(what) of “\(name)”\(done)\(consequence)?", then: [.cancelTransfer(transfer.id)])
    }

    /// `R`: a failed or cancelled transfer starts again; a waiting upload is resumed.
    private mutating func retry(_ context: inout ScreenContext) -> [Effect] {
        if let record = list.currentWaiting {
            list.waiting.removeAll { $0.id == record.id }
            return [.resume([record])]
        }
        guard let transfer = list.current else { return [] }
        switch transfer.state {
        case .failed, .cancelled:
            // The new attempt takes the row's place at the end of the list.
            list.items.removeAll { $0.id == transfer.id }
            list.viewport.follow(count: list.rowCount, height: Self.rowsArea(context.area).height)
            if case .download(let download, let name, let size) = transfer.work {
                // As `D` does: a target that is there now is asked about, not failed on.
                let request = DownloadRequest(href: download.href, name: name, size: size)
                context.status = Reducer.downloading(request)
                return [.download(request, path: download.target, overwrite: download.overwrite)]
            }
            return [.retryTransfer(transfer.id)]
        default:
            context.status = StatusMessage(text: "Only a failed or cancelled transfer can be started again.", isError: false)
            return []
        }
    }

    /// `c`: the rows of transfers done or cancelled go; failed ones stay for `R`.
    private mutating func clearFinished(_ context: inout ScreenContext) {
        let before = list.items.count
        list.items.removeAll {
            switch $0.state {
            case .done, .cancelled: true
            default: false
            }
        }
        let cleared = before - list.items.count
        list.viewport.follow(count: list.rowCount, height: Self.rowsArea(context.area).height)
        let failed = list.items.filter { if case .failed = $0.state { true } else { false } }.count
        let retry = context.keymap.keys(for: .retry).first.map(\.description) ?? "retry"
        let stay = failed == 0 ? "" : " \(failed) failed \(failed == 1 ? "one stays" : "ones stay") for \(retry)."
        context.status = StatusMessage(
            text: cleared == 0 ? "No finished transfers to clear." + stay : "Cleared \(cleared) finished transfer\(cleared == 1 ? "" : "s")." + stay,
            isError: false)
    }

    mutating func click(row: Int, double: Bool, _ context: inout ScreenContext) -> Outcome {
        _ = select(screenRow: row, context)
        return .handled([])
    }

    /// The answers about transfers touch other screens too: the reducer takes them.
    mutating func receive(_ answer: Action, _ context: inout ScreenContext) -> [Effect]? { nil }

    var name: String { "Transfers" }

    func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let keymap = context.keymap
        return [
            KeyHint(.cancel, keymap, "cancel the transfer under the cursor (asks first)"),
            KeyHint(.retry, keymap, "start a failed or cancelled transfer again; resume an upload an earlier run left"),
            KeyHint(.clearFilter, keymap, "clear the rows of finished transfers (failed ones stay)"),
            KeyHint(.upload, keymap),
            KeyHint(.search, keymap, "show only the transfers whose file name holds the text"),
        ]
    }

    func position(_ context: ScreenContext) -> String {
        let count = list.allRows.count
        guard count > 0 else { return " no transfers" }
        let unfinished = list.waiting.isEmpty ? "" : " · \(list.waiting.count) unfinished from before"
        let at = list.cursorIndex.map { " · \($0 + 1)/\(count)" } ?? ""
        return " \(count) transfer\(count == 1 ? "" : "s")\(at) · \(list.totals.label)\(unfinished)\(list.narrowingNote)"
    }

    func draw(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        let (top, height) = Self.rowsArea(area)
        let width = area.width
        let keys = [(KeyAction.cancel, "cancel"), (.retry, "retry"), (.clearFilter, "clear done"), (.upload, "upload")].compactMap { action, word in
            context.keymap.keys(for: action).first.map { "\($0) \(word)" }
        }.joined(separator: " · ")
        let keysWidth = min(keys.count + 1, max(0, width - 8))
        surface.draw("   NAME", row: area.top, column: area.left, width: width - keysWidth, style: .header)
        surface.draw(keys + " ", row: area.top, column: area.left + width - keysWidth, width: keysWidth, style: .header)
        guard list.rowCount > 0 || !list.narrowing.isEmpty else {
            let upload = context.keymap.keys(for: .upload).first.map { " \($0) chooses local files to upload." } ?? ""
            surface.draw(" No uploads or downloads yet." + upload, row: top, column: area.left, width: width, style: .dim)
            return
        }
        let rows = list.allRows
        for (offset, (index, isCursor)) in list.visibleRows(height: height).enumerated() {
            switch rows[index] {
            case .waiting(let record):
                let line = Self.waitingLine(record, resume: context.keymap.keys(for: .retry).first, width: width - 1)
                surface.draw(" " + line, row: top + offset, column: area.left, width: width, style: isCursor ? .cursor : .dim)
            case .task(let transfer):
                var style = Style.row(cursor: isCursor, marked: false)
                if case .failed = transfer.state, !isCursor { style = .error }
                surface.draw(" " + Self.line(transfer, width: width - 1), row: top + offset, column: area.left, width: width, style: style)
            }
        }
        // The counts are in the status line, so the bar keeps its place here.
        guard area.height >= 2 else { return }
        surface.draw("   " + TransferLine.text(label: "total", list.totals.progress, width: width - 3),
                     row: area.top + area.height - 1, column: area.left, width: width, style: .header)
    }

    /// `↑ name  [####....]  45% …`, or the name and how the transfer ended.
    static func line(_ transfer: TaskSnapshot, width: Int) -> String {
        let arrow = if case .upload = transfer.work { "↑ " } else { "↓ " }
        let label = TerminalText.sanitize(transfer.work.fileName ?? transfer.title)
        let progress = transfer.progress ?? TransferProgress(done: 0, total: 0)
        let status: String
        switch transfer.state {
        case .running: return arrow + TransferLine.text(label: label, progress, width: width - 2)
        case .queued: status = "queued · \(Quantities.bytes(progress.total))"
        case .done(let outcome):
            // What the task layer noted on the way stays on the row ("the session expired; starting over").
            let note = transfer.notes.last.map { " · " + TerminalText.sanitize($0) } ?? ""
            status = "done · \(Quantities.bytes(bytes(outcome) ?? progress.total))" + versionNote(transfer.work) + note
        case .failed(let error):
            // The row names the file already: "failed: no answer…", not "failed: upload a.bin failed: no answer…".
            let what = error.step.map { "\($0) failed: " } ?? "failed: "
            status = what + TerminalText.sanitize("\(error.cause); \(error.outcome)")
        case .cancelled: status = "cancelled"
        }
        return arrow + TransferLine.text(label: label, status: status, width: width - 2)
    }

    /// `↑ big.iso   unfinished: 40% of 1.2 GB · R resumes`.
    static func waitingLine(_ record: UploadRecord, resume: Key?, width: Int) -> String {
        let percent = record.size > 0 ? Int(record.accepted * 100 / record.size) : 0
        let status = "unfinished: \(percent)% of \(Quantities.bytes(record.size))" + (resume.map { " · \($0) resumes" } ?? "")
        return "↑ " + TransferLine.text(label: TerminalText.sanitize(record.fileName), status: status, width: width - 2)
    }

    private static func bytes(_ outcome: TaskOutcome) -> Int64? {
        switch outcome {
        case .file(let file): file.size
        case .downloaded(_, let bytes): bytes
        default: nil
        }
    }

    private static func versionNote(_ work: TaskWork) -> String {
        guard case .upload(let upload, _) = work, upload.newVersionOf != nil else { return "" }
        return " · a new version"
    }

    /// "⇅ 2 running, 1 queued · 45% · 3.1 MB/s", for the status line of any tab.
    static func summary(_ totals: TransferTotals) -> String {
        var parts = ["⇅ \(totals.running) running" + (totals.queued > 0 ? ", \(totals.queued) queued" : "")]
        parts.append("\(Int(totals.progress.fraction * 100))%")
        if let rate = totals.progress.rate { parts.append(Quantities.rate(rate)) }
        return parts.joined(separator: " · ")
    }
}
