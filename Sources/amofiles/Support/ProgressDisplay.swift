import AmoFilesAPI
import AmoFilesApp
import AmoFilesTasks
import Foundation
import TerminalUI

/// Shows transfers on stderr while they run. On a terminal: a bar for each running
/// transfer and a total line, redrawn in place at most 10 times a second. Otherwise:
/// a plain line per transfer at most every 2 seconds. Results and notes are printed
/// above the bars as they come, and stay.
actor ProgressDisplay {
    private let interactive: Bool
    private let announce: @Sendable (TaskSnapshot) -> Void
    private var latest: [TaskID: TaskSnapshot] = [:]
    private var order: [TaskID] = []
    private var notesShown: [TaskID: Int] = [:]
    private var lastPlainLine: [TaskID: Double] = [:]
    private var drawnLines = 0
    private var dirty = false
    private var lastDraw = 0.0

    /// `announce` prints a finished task's result; the bars are out of the way meanwhile.
    init(interactive: Bool, announce: @escaping @Sendable (TaskSnapshot) -> Void) {
        self.interactive = interactive
        self.announce = announce
    }

    /// Submits `work`, shows it until every task has finished, and returns the final snapshots.
    /// Ctrl-C (and SIGTERM, SIGHUP) stops at once and keeps the uploads for `--resume`.
    static func run(
        _ work: [TaskWork], on runner: TaskRunner, retries: RetryAnnouncer,
        announce: @escaping @Sendable (TaskSnapshot) -> Void
    ) async -> [TaskSnapshot] {
        let display = ProgressDisplay(interactive: isatty(STDERR_FILENO) == 1, announce: announce)
        // Retries are said above the bars while they show.
        retries.listen { notice in Task { await display.say("amofiles: \(notice)") } }
        defer { retries.listen(Output.retryNotice) }
        let events = await runner.events()
        // Before the first transfer starts: a signal that came while the handlers were
        // being set up would be lost, and the transfer would run on.
        let uploading = work.contains { if case .upload = $0 { true } else { false } }
        let interrupts = Interrupts.install(uploading: uploading)
        var ids: [TaskID] = []
        for item in work { ids.append(await runner.submit(item)) }
        await display.follow(events, until: Set(ids))
        interrupts.remove()
        var finals: [TaskSnapshot] = []
        for id in ids { finals.append(await runner.finished(id)) }
        return finals
    }

    private func follow(_ events: AsyncStream<TaskSnapshot>, until ids: Set<TaskID>) async {
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                self.tick()
            }
        }
        defer { ticker.cancel() }
        for await snapshot in events where ids.contains(snapshot.id) {
            take(snapshot)
            if ids.allSatisfy({ latest[$0]?.state.isFinished == true }) { break }
        }
        erase()
    }

    private func take(_ snapshot: TaskSnapshot) {
        let id = snapshot.id
        let wasFinished = latest[id]?.state.isFinished ?? false
        if latest[id] == nil { order.append(id) }
        latest[id] = snapshot
        let name = TerminalText.sanitize(snapshot.work.fileName ?? snapshot.title)
        let shown = notesShown[id, default: 0]
        if snapshot.notes.count > shown {
            notesShown[id] = snapshot.notes.count
            aboveTheBars { for note in snapshot.notes[shown...] { Output.note("\(name): \(note)") } }
        }
        if snapshot.state.isFinished {
            if !wasFinished { aboveTheBars { announce(snapshot) } }
            return
        }
        if interactive {
            dirty = true
        } else if let progress = snapshot.progress, progress.done < progress.total {
            // Every 2 seconds from the start: a short transfer prints only its result.
            let now = Date().timeIntervalSinceReferenceDate
            if now - lastPlainLine[id, default: snapshot.startedAt.timeIntervalSinceReferenceDate] >= 2 {
                lastPlainLine[id] = now
                var line = "\(name): \(Int(progress.fraction * 100))% (\(Quantities.bytes(progress.done)) of \(Quantities.bytes(progress.total))"
                if let rate = progress.rate { line += ", \(Quantities.rate(rate))" }
                Output.note(line + ")")
            }
        }
    }

    /// A lasting line on stderr, above the bars.
    func say(_ text: String) {
        aboveTheBars { Output.note(text) }
    }

    private func tick() {
        guard interactive, dirty, Date().timeIntervalSinceReferenceDate - lastDraw >= 0.1 else { return }
        draw()
    }

    /// Prints lasting lines with the bars out of the way, then puts the bars back.
    private func aboveTheBars(_ body: () -> Void) {
        erase()
        body()
        if interactive { draw() }
    }

    private func erase() {
        guard drawnLines > 0 else { return }
        write("\r\u{1B}[\(drawnLines)A\u{1B}[J")
        drawnLines = 0
    }

    private func draw() {
        let width = max(20, Self.terminalColumns() - 1)
        var lines = order.compactMap { id -> String? in
            guard let snapshot = latest[id], case .running = snapshot.state else { return nil }
            let progress = snapshot.progress ?? TransferProgress(done: 0, total: 0)
            return TransferLine.text(label: snapshot.work.fileName ?? snapshot.title, progress, width: width)
        }
        if order.count > 1 { lines.append(totalLine(width: width)) }
        var text = drawnLines > 0 ? "\r\u{1B}[\(drawnLines)A\u{1B}[J" : ""
        for line in lines { text += line + "\n" }
        write(text)
        drawnLines = lines.count
        dirty = false
        lastDraw = Date().timeIntervalSinceReferenceDate
    }

    private func totalLine(width: Int) -> String {
        let totals = TransferTotals(order.compactMap { latest[$0] })
        return TransferLine.text(label: "total: " + totals.label, totals.progress, width: width)
    }

    private func write(_ text: String) {
        Output.write(text, to: STDERR_FILENO)
    }

    static func terminalColumns() -> Int {
        var size = winsize()
        return ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}
