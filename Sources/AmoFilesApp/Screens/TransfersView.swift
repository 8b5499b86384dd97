import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// Every upload and download of this run: a bar for each running one, the state
/// or the error of the others, and a total line.
enum TransfersView {
    static func draw(_ state: AppState, into surface: any Surface) {
        let width = surface.columns
        let top = state.listTop
        let transfers = state.transfers
        let keys = [(KeyAction.cancel, "cancel"), (.retry, "retry"), (.clearFilter, "clear done"), (.upload, "upload")].compactMap { action, word in
            state.keymap.keys(for: action).first.map { "\($0) \(word)" }
        }.joined(separator: " · ")
        surface.draw("   NAME", row: top - 1, column: 0, width: width - keys.count - 1, style: .header)
        surface.draw(keys + " ", row: top - 1, column: width - keys.count - 1, width: keys.count + 1, style: .header)
        guard transfers.rowCount > 0 else {
            let upload = state.keymap.keys(for: .upload).first.map { " \($0) chooses local files to upload." } ?? ""
            surface.draw(" No uploads or downloads yet." + upload, row: top, column: 0, width: width, style: .dim)
            return
        }
        let visible = transfers.viewport.visible(count: transfers.rowCount, height: state.listHeight)
        for (offset, index) in visible.enumerated() {
            let isCursor = index == transfers.viewport.cursor
            guard index < transfers.items.count else {
                let record = transfers.waiting[index - transfers.items.count]
                surface.draw(" " + waitingLine(record, resume: state.keymap.keys(for: .retry).first, width: width - 1), row: top + offset, column: 0,
                             width: width, style: isCursor ? .cursor : .dim)
                continue
            }
            let transfer = transfers.items[index]
            var style = Style.row(cursor: isCursor, marked: false)
            if case .failed = transfer.state, !isCursor { style = .error }
            surface.draw(" " + line(transfer, width: width - 1), row: top + offset, column: 0, width: width, style: style)
        }
        let totals = transfers.totals
        // The counts are in the status line, so the bar keeps its place here.
        surface.draw("   " + TransferLine.text(label: "total", totals.progress, width: width - 3),
                     row: top + state.listHeight, column: 0, width: width, style: .header)
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
        case .done(let outcome): status = "done · \(Quantities.bytes(bytes(outcome) ?? progress.total))" + versionNote(transfer.work)
        case .failed(let error):
            // The row names the file already: "failed: no answer…", not "failed: upload a.bin failed: no answer…".
            let named = transfer.title + " failed: "
            let reason = error.message.hasPrefix(named) ? String(error.message.dropFirst(named.count)) : error.message
            status = "failed: " + TerminalText.sanitize(reason)
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
