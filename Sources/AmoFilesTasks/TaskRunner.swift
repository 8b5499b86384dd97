import AmoFilesAPI
import Foundation

/// Owns the running work: every upload, download and edit is a task with an id, a
/// state and progress. Uploads and downloads share a bounded pool; edits start at
/// once. The TUI and the command line both follow `events()`.
public actor TaskRunner {
    public let drive: DriveClient
    public let account: AccountClient
    public let transferSlots: Int

    private var tasks: [TaskID: TaskSnapshot] = [:]
    private var order: [TaskID] = []
    private var waiting: [TaskID] = []
    private var running: [TaskID: Task<Void, Never>] = [:]
    private var runningTransfers = 0
    private var meters: [TaskID: RateMeter] = [:]
    private var lastProgressEvent: [TaskID: Double] = [:]
    private var waiters: [TaskID: [CheckedContinuation<TaskSnapshot, Never>]] = [:]
    private var subscribers: [Int: AsyncStream<TaskSnapshot>.Continuation] = [:]
    private var nextID: TaskID = 1
    private var nextSubscriber = 1

    /// Progress events per task are at most this often (the last one always comes).
    private let progressInterval: Double = 0.05

    public init(drive: DriveClient, account: AccountClient, transferSlots: Int = 3) {
        self.drive = drive
        self.account = account
        self.transferSlots = max(1, transferSlots)
    }

    /// Queues a task; it starts when a slot is free (edits: at once). An upload with a
    /// journal is recorded there at once, so one still waiting survives a quit.
    @discardableResult
    public func submit(_ work: TaskWork) -> TaskID {
        var work = work
        if case .upload(let upload, nil) = work, let record = upload.reservation(on: drive.driveURL), (try? upload.journal?.save(record)) != nil {
            work = .upload(upload, resuming: record)
        }
        let id = nextID
        nextID += 1
        // A transfer shows its size from the start, while it waits for a slot.
        let progress = work.isTransfer ? TransferProgress(done: 0, total: work.expectedBytes ?? 0) : nil
        tasks[id] = TaskSnapshot(id: id, work: work, state: .queued, progress: progress, notes: [], startedAt: Date())
        order.append(id)
        publish(id)
        if work.isTransfer {
            waiting.append(id)
            startWaiting()
        } else {
            start(id)
        }
        return id
    }

    /// Runs a task to its end.
    public func run(_ work: TaskWork) async -> TaskSnapshot {
        await finished(submit(work))
    }

    /// Runs a task to its end and gives what it produced; throws its `TaskError`, or
    /// `CancellationError` when it was cancelled.
    public func outcome(of work: TaskWork) async throws -> TaskOutcome {
        let snapshot = await run(work)
        switch snapshot.state {
        case .done(let outcome): return outcome
        case .failed(let error): throw error
        default: throw CancellationError()
        }
    }

    /// Waits until the task is done, failed or cancelled.
    public func finished(_ id: TaskID) async -> TaskSnapshot {
        guard let snapshot = tasks[id] else { preconditionFailure("no task \(id)") }
        if snapshot.state.isFinished { return snapshot }
        return await withCheckedContinuation { waiters[id, default: []].append($0) }
    }

    /// Stops a task: a queued one never starts, a running one stops at once.
    public func cancel(_ id: TaskID) {
        guard let snapshot = tasks[id], !snapshot.state.isFinished else { return }
        if let worker = running[id] {
            worker.cancel()
        } else {
            waiting.removeAll { $0 == id }
            if case .upload(let upload, let record?) = snapshot.work { upload.journal?.remove(record.id) }
            settle(id, .cancelled)
        }
    }

    public func cancelAll() {
        for id in order { cancel(id) }
    }

    /// Cancels every download, and every upload when `uploads`, and waits until they have
    /// ended (a cancelled download removes its partial file, a cancelled upload its journal entry).
    public func stop(uploads: Bool) async {
        let stopping = order.filter { id in
            guard let work = tasks[id]?.work, work.isTransfer else { return false }
            if case .upload = work { return uploads }
            return true
        }
        for id in stopping { cancel(id) }
        for id in stopping { _ = await finished(id) }
    }

    public func snapshot(_ id: TaskID) -> TaskSnapshot? { tasks[id] }

    /// Every task so far, oldest first.
    public func snapshots() -> [TaskSnapshot] { order.compactMap { tasks[$0] } }

    /// Every change of every task, starting with the current state of each.
    public func events() -> AsyncStream<TaskSnapshot> {
        let (stream, continuation) = AsyncStream<TaskSnapshot>.makeStream()
        let key = nextSubscriber
        nextSubscriber += 1
        subscribers[key] = continuation
        for snapshot in snapshots() { continuation.yield(snapshot) }
        continuation.onTermination = { _ in Task { await self.unsubscribe(key) } }
        return stream
    }

    private func unsubscribe(_ key: Int) { subscribers[key] = nil }

    private func publish(_ id: TaskID) {
        guard let snapshot = tasks[id] else { return }
        for continuation in subscribers.values { continuation.yield(snapshot) }
    }

    private func startWaiting() {
        while runningTransfers < transferSlots, !waiting.isEmpty {
            runningTransfers += 1
            start(waiting.removeFirst())
        }
    }

    private func start(_ id: TaskID) {
        guard let work = tasks[id]?.work else { return }
        tasks[id]?.state = .running
        publish(id)
        let (drive, account) = (drive, account)
        running[id] = Task {
            // Progress and notes pass through one ordered stream, so the last progress
            // event always lands before the task's end.
            let (reports, reporter) = AsyncStream<Report>.makeStream()
            let relay = Task { for await report in reports { self.take(report, for: id) } }
            let result: Result<TaskOutcome, any Error>
            do {
                result = .success(try await Self.perform(work, drive: drive, account: account, report: { reporter.yield($0) }))
            } catch {
                result = .failure(error)
            }
            reporter.finish()
            await relay.value
            self.end(id, result)
        }
    }

    enum Report: Sendable {
        case progress(Int64, Int64)
        case note(String)
    }

    private func take(_ report: Report, for id: TaskID) {
        guard let snapshot = tasks[id], !snapshot.state.isFinished else { return }
        switch report {
        case .progress(let done, let total):
            let now = Date().timeIntervalSinceReferenceDate
            let rate = meters[id, default: RateMeter()].add(done, at: now)
            tasks[id]?.progress = TransferProgress(done: done, total: total, rate: rate)
            if done < total, let last = lastProgressEvent[id], now - last < progressInterval { return }
            lastProgressEvent[id] = now
        case .note(let text):
            tasks[id]?.notes.append(text)
        }
        publish(id)
    }

    private func end(_ id: TaskID, _ result: Result<TaskOutcome, any Error>) {
        running[id] = nil
        if tasks[id]?.work.isTransfer == true {
            runningTransfers -= 1
        }
        guard let work = tasks[id]?.work else { return }
        switch result {
        case .success(let outcome):
            if var progress = tasks[id]?.progress {
                progress.done = progress.total
                tasks[id]?.progress = progress
            }
            settle(id, .done(outcome))
        case .failure(let error) where error is CancellationError || Task.isCancelled || isCancelled(error):
            settle(id, .cancelled)
        case .failure(let error):
            settle(id, .failed(Self.failure(of: work, error)))
        }
        startWaiting()
    }

    private func isCancelled(_ error: any Error) -> Bool {
        (error as? TaskError)?.underlying is CancellationError
    }

    private func settle(_ id: TaskID, _ state: TaskState) {
        tasks[id]?.state = state
        meters[id] = nil
        lastProgressEvent[id] = nil
        publish(id)
        guard let snapshot = tasks[id] else { return }
        for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: snapshot) }
    }

    static func failure(of work: TaskWork, _ error: any Error) -> TaskError {
        if let error = error as? TaskError { return error }
        if case .upload(let upload, _) = work, upload.journal != nil, FileUpload.isResumable(after: error) {
            return TaskError(title: work.title, cause: "\(error)", outcome: "it stays in the journal and can be resumed", underlying: error, resumable: true)
        }
        return TaskError(title: work.title, cause: "\(error)", outcome: work.consequence, underlying: error, resumable: false)
    }

    /// Does the work itself, off the actor.
    static func perform(
        _ work: TaskWork, drive: DriveClient, account: AccountClient, report: @escaping @Sendable (Report) -> Void
    ) async throws -> TaskOutcome {
        switch work {
        case .upload(let upload, let record):
            let file = try await upload.run(
                drive: drive, resuming: record, progress: { report(.progress($0, $1)) }, note: { report(.note($0)) })
            if let target = upload.attach {
                do {
                    // The file exists now; a cancel no longer undoes it, so the attach is not cancelled either.
                    try await Task { try await Attaching(drive: drive, account: account).run(files: [file], to: target, as: .link) }.value
                } catch {
                    throw TaskError(
                        title: work.title, step: "attach it to \(target)", cause: "\(error)",
                        outcome: "the file was uploaded all the same (\(file.uuid)) and is in Files", underlying: error, resumable: false)
                }
            }
            return .file(file)
        case .download(let download, _, let size):
            report(.progress(0, size))
            let bytes = try await download.run(drive: drive) { report(.progress($0, max(size, $0))) }
            return .downloaded(path: download.target, bytes: bytes)
        case .rename(let uuid, _, let name):
            return .file(try await drive.rename(uuid, to: name))
        case .activate(let uuid, _, let version):
            return .file(try await drive.activateVersion(version, of: uuid))
        // The checks before delete, restore and detach are best effort: when they cannot
        // be made, the edit is sent whole (it is safe to send again).
        case .delete(let uuids):
            let already = (try? await drive.uuids(among: uuids, trashed: true)) ?? []
            let rest = uuids.filter { !already.contains($0) }
            if !rest.isEmpty { try await drive.delete(rest) }
            return .edited(files: [], unchanged: uuids.filter(already.contains))
        case .restore(let uuids):
            let already = (try? await drive.uuids(among: uuids, trashed: false)) ?? []
            let rest = uuids.filter { !already.contains($0) }
            let restored = rest.isEmpty ? [] : try await drive.restore(rest)
            return .edited(files: restored, unchanged: uuids.filter(already.contains))
        case .attach(let uuids, let target, let way):
            try await Attaching(drive: drive, account: account).run(uuids, to: target, as: way)
            return .done
        case .clearField(let id, _, let target):
            try await Attaching(drive: drive, account: account).clear(field: id, of: target)
            return .done
        case .detach(let uuids, let target):
            var notAttached: [String] = []
            for uuid in uuids {
                guard let links = try? await account.links(ofFile: uuid).entities else { continue }
                if !links.contains(where: { $0.id == target.id && EntityType(name: $0.entityType) == target.entity }) { notAttached.append(uuid) }
            }
            let rest = uuids.filter { !notAttached.contains($0) }
            if !rest.isEmpty { try await account.detach(rest, from: target.entity, id: target.id) }
            return .edited(files: [], unchanged: notAttached)
        }
    }
}
