import AmoFilesAPI
import AmoFilesTasks
import Foundation

/// The effects that act on many files at once: a walk of the whole drive, a set of
/// files copied into a folder, folders pushed.
extension AppRuntime {
    /// Walks the files and the trash, posting the totals as they grow; the walk is saved
    /// for the next run. A walk already under way stops first.
    func walkUsage() {
        let walk = Task { [drive, usageWalks] in
            do {
                let result = try await drive.walkWholeUsage { totals, inTrash in self.post(.usageProgress(totals, inTrash: inTrash)) }
                usageWalks?.save(result)
                post(.usageWalked(result, earlier: false))
            } catch {
                post(Task.isCancelled ? .usageWalkStopped : .usageWalkFailed(message: Self.plainWords(error)))
            }
        }
        usageWalk.withLock { running in
            running?.cancel()
            running = walk
        }
    }

    /// Each file into `folder` as a transfer of its own (Transfers shows them), the copies
    /// already whole skipped; one answer when they are queued and one when all have ended.
    func download(_ set: FileSet, into folder: String, runner: TaskRunner) async {
        let files: [DriveFile]
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return post(.downloadsRefused(folder: folder, message: "cannot make the folder (\(Self.plainWords(error)))."))
        }
        switch set {
        case .files(let chosen):
            files = chosen
        case .matching(let filter, _, _):
            do {
                files = try await drive.allFiles(filter)
            } catch {
                return post(.downloadsRefused(folder: folder, message: "could not list the files (\(Self.plainWords(error)))."))
            }
        }
        let items = DownloadSet.plan(files, in: folder)
        let todo = items.filter { !DownloadSet.isComplete($0) }
        post(.downloadsQueued(folder: folder, count: todo.count, bytes: todo.reduce(0) { $0 + $1.size },
                              already: items.count - todo.count, unlinked: files.count - items.count))
        guard !todo.isEmpty else { return }
        var ids: [TaskID] = []
        for item in todo {
            let copy = FileDownload(href: item.href, target: item.target, overwrite: true)
            ids.append(await runner.submit(.download(copy, name: item.file.displayName, size: item.size)))
        }
        var done = 0, bytes: Int64 = 0
        for id in ids {
            if case .done(.downloaded(_, let written)) = await runner.finished(id).state {
                done += 1
                bytes += written
            }
        }
        post(.downloadsFinished(folder: folder, done: done, bytes: bytes, failed: ids.count - done))
    }

    /// What each pushed local file became, so a folder pushed again sends only what
    /// changed: read at the first push (not at start), none for the demo.
    var manifest: UploadManifest? {
        guard journal != nil else { return nil }
        return loadedManifest.withLock { loaded in
            if loaded == nil { loaded = UploadManifest(driveURL: drive.driveURL.absoluteString) }
            return loaded
        }
    }

    /// Walks the chosen folders and asks the manifest about each file, for the question.
    func plan(_ chosen: PushPlan) {
        var plan = chosen
        do {
            plan.push = try FolderPush.plan(plan.folders, walk: FolderWalk(), manifest: manifest)
            plan.filesBytes = plan.files.compactMap { try? FileUpload.identity($0).size }.reduce(0, +)
            post(.pushPlanned(plan))
        } catch {
            post(.pushPlanFailed(message: Self.plainWords(error)))
        }
    }

    /// Sends the loose files and the folders' files; each folder file that goes up is
    /// recorded, so the next push of its folder leaves it be.
    func push(_ plan: PushPlan) async {
        for path in plan.files {
            await runner.submit(.upload(FileUpload(path: path, newVersionOf: nil, attach: plan.attach, journal: journal)))
        }
        var sent: [(FolderPush.Item, TaskID)] = []
        for item in plan.push.items {
            let upload = FileUpload(path: item.path, newVersionOf: item.newVersionOf, attach: plan.attach, journal: journal)
            sent.append((item, await runner.submit(.upload(upload))))
        }
        for (item, id) in sent {
            guard case .done(.file(let file)) = await runner.finished(id).state else { continue }
            do {
                try manifest?.record(item.path, size: item.size, modified: item.modified, as: file)
            } catch {
                post(.pushNotRecorded(path: item.path, message: Self.plainWords(error)))
            }
        }
    }
}
