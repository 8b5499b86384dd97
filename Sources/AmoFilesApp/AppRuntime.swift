import AmoFilesAPI
import AmoFilesTasks
import FilePreview
import Foundation
import Synchronization
import TerminalUI

/// Runs the UI: reads input, reduces, runs effects through the client and the task
/// layer, and draws a frame only when something changed, at most one per 16 ms.
/// The loop owns the terminal; effects run as tasks and post their answers back.
public final class AppRuntime: Sendable {
    let drive: DriveClient
    private let account: AccountClient
    private let retries: RetryAnnouncer
    private let currentUserID: Int?
    public let runner: TaskRunner
    /// The records used last, offered first in searches; nil keeps none (the demo).
    private let recentRecords: RecentRecords?
    /// The last walk of the drive, so Usage opens on it; nil keeps none (the demo).
    let usageWalks: UsageWalks?
    /// The walk of the drive under way, to stop.
    let usageWalk = Mutex<Task<Void, Never>?>(nil)
    /// Where unfinished uploads are kept; none for the demo, whose account ends with it.
    let journal: UploadJournal?
    /// The manifest of pushed folders, once the first push has read it.
    let loadedManifest = Mutex<UploadManifest?>(nil)
    /// Versions read for previews, so a second look asks nothing.
    private let versionCache: VersionCache
    private let inbox = Mutex<[Action]>([])
    /// Posting an answer wakes the loop out of its wait for keys.
    private let wakeup = TerminalWakeup()
    /// The token of the newest entity search; older ones are dropped before they are sent.
    private let latestEntitySearch = Mutex(0)
    /// The lead pipelines' stage names, asked for by the first search of leads, not by every keystroke's.
    private let pipelineStages = Mutex<PipelineStages?>(nil)

    public init(
        connection: AmoConnection, runner: TaskRunner, journal: UploadJournal? = UploadJournal(), versionCache: VersionCache = VersionCache(),
        recentRecords: RecentRecords? = nil, usageWalks: UsageWalks? = nil
    ) {
        self.versionCache = versionCache
        self.recentRecords = recentRecords
        self.usageWalks = usageWalks
        drive = connection.drive
        account = connection.account
        retries = connection.retries
        currentUserID = connection.currentUserID
        self.runner = runner
        self.journal = journal
    }

    /// Opens the terminal and runs until the user quits or a stop signal arrives.
    /// Blocks the calling thread: call it from a thread of its own, not from Swift's
    /// concurrency pool (curses waits for keys). Uploads still running when it returns
    /// stay in the journal (unless the user chose to cancel them); downloads leave nothing.
    public func run(_ initial: AppState) throws {
        let terminal = try CursesTerminal.open()
        defer { terminal.close() }
        retries.listen { [weak self] notice in self?.post(.retrying(notice.description)) }
        defer { retries.listen(nil) }
        var state = initial
        state.currentUserID = currentUserID
        state.rows = terminal.rows
        state.columns = terminal.columns
        state.now = Int64(Date().timeIntervalSince1970)
        let transfers = Task { [runner] in
            for await snapshot in await runner.events() where snapshot.work.isTransfer { post(.transferChanged(snapshot)) }
        }
        defer { transfers.cancel() }
        for effect in Reducer.start(&state) { execute(effect) }
        var dirty = true
        var lastFrame = 0.0
        var cancellingUploads = false
        loop: while !TerminalRescue.stopRequested {
            let sinceFrame = Date().timeIntervalSinceReferenceDate - lastFrame
            let wait: Int32 = dirty ? Int32(min(16, max(0, (0.016 - sinceFrame) * 1000))) : 100
            var actions: [Action] = []
            if let event = terminal.read(timeout: wait, wakeup: wakeup) {
                actions.append(.input(event))
                // Keys that are already waiting go into the same frame.
                while actions.count < 64, let more = terminal.read(timeout: 0) { actions.append(.input(more)) }
            }
            actions += inbox.withLock { pending in
                defer { pending.removeAll() }
                return pending
            }
            let now = Int64(Date().timeIntervalSince1970)
            if now != state.now { _ = Reducer.reduce(&state, .tick(now: now)) }
            for action in actions {
                dirty = true
                for effect in Reducer.reduce(&state, action) {
                    switch effect {
                    case .exit(let cancelling):
                        cancellingUploads = cancelling
                        break loop
                    case .suspend: terminal.suspend()
                    default: execute(effect)
                    }
                }
            }
            if dirty, Date().timeIntervalSinceReferenceDate - lastFrame >= 0.016 {
                Renderer.render(state, into: terminal)
                terminal.present()
                dirty = false
                lastFrame = Date().timeIntervalSinceReferenceDate
            }
        }
        if cancellingUploads {
            state.status = StatusMessage(text: "Cancelling the uploads…", isError: false)
            Renderer.render(state, into: terminal)
            terminal.present()
        }
        leave(cancellingUploads: cancellingUploads)
    }

    /// Stops the downloads (their partial files go) and, when asked, the uploads (their
    /// journal entries go); otherwise uploads are left to the journal as they stand,
    /// with no cancel that could race the exit. Waits at most 5 s for the stops.
    private func leave(cancellingUploads: Bool) {
        let stopped = DispatchSemaphore(value: 0)
        Task { [runner] in
            await runner.stop(uploads: cancellingUploads)
            stopped.signal()
        }
        _ = stopped.wait(timeout: .now() + 5)
        PartialDownloads.removeAll()
    }

    func post(_ action: Action) {
        inbox.withLock { $0.append(action) }
        wakeup.wake()
    }

    private func execute(_ effect: Effect) {
        switch effect {
        case .loadPage(let tab, let generation, let page, let filter):
            Task {
                do {
                    let answer = try await drive.listFiles(filter, limit: FileList.pageSize, page: page)
                    post(.pageLoaded(tab, generation: generation, page: page, files: answer.items, hasMore: answer.nextHref != nil))
                } catch {
                    post(.pageFailed(tab, generation: generation, message: Self.plainWords(error)))
                }
            }
        case .loadWholeList(let tab, let generation, let filter):
            Task {
                do {
                    post(.wholeListLoaded(tab, generation: generation, files: try await drive.allFiles(filter, atMost: FileSort.wholeListLimit)))
                } catch {
                    post(.pageFailed(tab, generation: generation, message: Self.plainWords(error)))
                }
            }
        case .findLastPage(let tab, let generation, let filter):
            Task {
                do {
                    let last = try await drive.lastPage(filter, limit: FileList.pageSize)
                    post(.lastPageFound(tab, generation: generation, page: last.page, files: last.files))
                } catch {
                    post(.pageFailed(tab, generation: generation, message: Self.plainWords(error)))
                }
            }
        case .loadUsers:
            Task {
                do {
                    post(.usersLoaded(try await account.userNames()))
                } catch {
                    post(.usersUnavailable(reason: UserNames.whyUnavailable(error)))
                }
            }
        case .loadPreview(let source, let request):
            let cache = versionCache
            Task {
                do {
                    post(.previewLoaded(request: request, try await VersionReading.preview(source, drive: drive, cache: cache).preview))
                } catch {
                    post(.previewFailed(request: request, message: Self.plainWords(error)))
                }
            }
        case .compare(let old, let new, let request):
            let cache = versionCache
            Task {
                do {
                    post(.compared(request: request, try await VersionReading.compare(old, new, drive: drive, cache: cache)))
                } catch {
                    post(.comparisonFailed(request: request, message: Self.plainWords(error)))
                }
            }
        case .loadVersions(let uuid):
            Task {
                do {
                    post(.versionsLoaded(fileUUID: uuid, try await drive.versions(of: uuid)))
                } catch {
                    post(.versionsFailed(fileUUID: uuid, message: Self.plainWords(error)))
                }
            }
        case .pauseSearch(let token):
            Task {
                try? await Task.sleep(for: .milliseconds(300))
                post(.searchPaused(token: token))
            }
        case .runEdit(let edit):
            // A record files are attached to is one the person uses.
            if case .attach(_, let target, _) = edit { recentRecords?.use(target) }
            run(Self.work(for: edit), done: { outcome in
                switch outcome {
                case .file(let file): .editDone(edit, files: [file])
                case .edited(let files, let unchanged): .editDone(edit, files: files, unchanged: unchanged)
                default: .editDone(edit, files: [])
                }
            }, failed: { .editFailed(edit, message: $0) })
        case .download(let request, let chosen, let overwrite):
            let path = FileDownload.target(LocalPath.expandingHome(chosen), name: request.name)
            if !overwrite, FileManager.default.fileExists(atPath: path) {
                return post(.downloadTargetExists(request, path: path))
            }
            let download = FileDownload(href: request.href, target: path, overwrite: overwrite)
            run(.download(download, name: request.name, size: request.size), done: { [target = path] outcome in
                // A download task always ends with the bytes written.
                var bytes = request.size
                if case .downloaded(_, let written) = outcome { bytes = written }
                return .downloadFinished(request, path: target, bytes: bytes)
            }, failed: { .downloadFailed(request, message: $0) })
        case .loadUsage:
            // The file is read off the loop that draws.
            Task.detached { [usageWalks] in
                guard let last = usageWalks?.last else { return self.walkUsage() }
                self.post(.usageWalked(last, earlier: true))
            }
        case .walkUsage:
            walkUsage()
        case .stopUsageWalk:
            usageWalk.withLock { $0?.cancel() }
        case .downloadInto(let files, let folder):
            Task.detached { [runner] in await self.download(files, into: LocalPath.expandingHome(folder), runner: runner) }
        case .listFolder(let path):
            Task.detached {
                do {
                    self.post(.folderListed(path: path, try LocalFolder.list(path)))
                } catch {
                    self.post(.folderFailed(path: path, message: String(describing: error)))
                }
            }
        case .upload(let paths, let newVersionOf, let attach):
            Task { [runner, journal] in
                for path in paths {
                    await runner.submit(.upload(FileUpload(path: path, newVersionOf: newVersionOf, attach: attach, journal: journal)))
                }
            }
        case .planPush(let plan):
            Task.detached { self.plan(plan) }
        case .push(let plan):
            Task { await self.push(plan) }
        case .cancelTransfer(let id):
            Task { [runner] in await runner.cancel(id) }
        case .retryTransfer(let id):
            Task { [runner] in
                guard let work = await runner.snapshot(id)?.work else { return }
                await runner.submit(retried(work))
            }
        case .readJournal:
            Task.detached { [journal, drive] in self.post(.journalRead(journal?.records(forDrive: drive.driveURL) ?? [])) }
        case .resume(let records):
            Task { [runner, journal] in
                guard let journal else { return }
                for record in records { await runner.submit(.upload(.resume(record, journal: journal), resuming: record)) }
            }
        case .loadLinks(let uuid):
            Task {
                do {
                    post(.linksLoaded(fileUUID: uuid, try await account.links(ofFile: uuid).entities))
                } catch {
                    post(.linksFailed(fileUUID: uuid, message: Self.plainWords(error)))
                }
            }
        case .searchEntities(let type, let query, let token, let users):
            latestEntitySearch.withLock { $0 = token }
            Task {
                // A pause in the typing first: the rate limit is shared with everything else.
                try? await Task.sleep(for: .milliseconds(250))
                guard latestEntitySearch.withLock({ $0 }) == token else { return }
                do {
                    var found = try await account.searchEntities(type, query: query, limit: 20)
                    // Records used recently come first; with nothing typed, they are fetched too.
                    let recent = recentRecords?.ids(of: type) ?? []
                    if query.isEmpty, !recent.isEmpty {
                        let missing = recent.filter { id in !found.contains { $0.id == id } }
                        if !missing.isEmpty { found += (try? await account.entities(type, ids: missing)) ?? [] }
                    }
                    found = RecentRecords.ordered(found, recent: recent)
                    let facts = await RecordFacts.load(for: found, of: type, account: account, users: users, stages: pipelineStages.withLock { $0 })
                    if type == .leads, !facts.stages.isEmpty { pipelineStages.withLock { $0 = facts.stages } }
                    let details = Dictionary(found.map { ($0.id, facts.details($0, type)) }, uniquingKeysWith: { first, _ in first })
                    post(.entitiesFound(token: token, found, details: details))
                } catch {
                    post(.entitySearchFailed(token: token, message: Self.plainWords(error)))
                }
            }
        case .loadAttachChoices(let target):
            Task {
                do {
                    async let fields = account.customFields(target.entity)
                    async let record = account.entity(target.entity, id: target.id)
                    post(.attachChoicesLoaded(target, fields: try await fields.filter(\.isFile), record: try await record))
                } catch {
                    post(.attachChoicesFailed(target, message: Self.plainWords(error)))
                }
            }
        case .loadEntityName(let target):
            Task {
                if let entity = try? await account.entity(target.entity, id: target.id) { post(.entityNamed(target, name: entity.name)) }
            }
        case .loadRecordUses(let target, let generation):
            Task {
                do {
                    post(.recordUsesLoaded(target, generation: generation, try await RecordUses.load(target, drive: drive, account: account)))
                } catch {
                    post(.recordUsesFailed(target, generation: generation, message: Self.plainWords(error)))
                }
            }
        case .loadEntityPage(let target, let generation, let beforeID):
            // The first page of a record's files: it was opened.
            if beforeID == nil { recentRecords?.use(target) }
            Task {
                do {
                    let page = try await account.entityFiles(target.entity, id: target.id, limit: 50, beforeID: beforeID)
                    let files = try await drive.files(of: page.items).compactMap { $0 }
                    let next = page.nextHref != nil ? page.items.map(\.id).min() : nil
                    post(.entityPageLoaded(target, generation: generation, files: files, nextBeforeID: next))
                } catch {
                    post(.entityFailed(target, message: Self.plainWords(error)))
                }
            }
        case .suspend, .quit, .exit:
            break
        }
    }

    /// The work that tries `work` again: an upload the journal still holds goes on
    /// from its last accepted part instead of starting over.
    private func retried(_ work: TaskWork) -> TaskWork {
        guard case .upload(let upload, _) = work, let journal else { return work }
        let record = journal.records(forDrive: drive.driveURL).first { $0.path == upload.path && $0.newVersionOf == upload.newVersionOf }
        guard let record else { return work }
        return .upload(.resume(record, journal: journal), resuming: record)
    }

    /// Runs `work` through the task layer and posts what `done` or `failed` make of its end.
    private func run(_ work: TaskWork, done: @escaping @Sendable (TaskOutcome) -> Action, failed: @escaping @Sendable (String) -> Action) {
        Task { [runner] in
            switch await runner.run(work).state {
            case .done(let outcome): post(done(outcome))
            case .failed(let error): post(failed("Could not \(work.title): \(Self.plainWords(error.underlying)); \(work.consequence)."))
            default: post(failed("Cancelled: \(work.title)."))
            }
        }
    }

    static func work(for edit: Edit) -> TaskWork {
        switch edit {
        case .rename(let uuid, let from, let to): .rename(uuid: uuid, from: from, to: to)
        case .delete(let files, _): .delete(files.map(\.uuid))
        case .restore(let files, _): .restore(files.map(\.uuid))
        case .activate(let file, let version, _): .activate(uuid: file.uuid, name: file.displayName, version: version.uuid)
        case .attach(let files, let target, let way): .attach(files.map(\.uuid), to: target, as: way)
        case .detach(let files, let target): .detach(files.map(\.uuid), from: target)
        case .clearField(let id, let name, let target): .clearField(id: id, name: name, of: target)
        }
    }

    /// A failure as the status line says it: what happened and what to do.
    static func plainWords(_ error: any Error) -> String {
        guard let error = error as? APIError else { return String(describing: error) }
        switch error.kind {
        case .unauthorized: return "the account refused the token; run `amofiles login` again"
        case .forbidden(let scope?): return "this token lacks the \(scope) scope; ask the account admin to grant it"
        case .transport(let reason, _): return "the service cannot be reached (\(reason)); check the network"
        case .certificate(let host, let reason): return "the certificate of \(host) was not accepted: \(reason)"
        case .rateLimited: return "the service asks to slow down; wait a moment"
        default: return error.description
        }
    }
}
