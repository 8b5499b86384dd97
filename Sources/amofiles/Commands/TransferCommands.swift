import AmoFilesAPI
import AmoFilesTasks
import ArgumentParser
import Foundation

/// `amofiles upload PATH...`.
struct UploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload local files, in parts, as new files or as a new version of one.",
        discussion: """
            Each part goes to the URL the service gave; a part that gets no answer, a 5xx or a \
            429 is sent again with backoff. --jobs files go up at once. Progress shows on stderr: \
            bars on a terminal, a line every 2 seconds otherwise. A file that changes during its \
            upload fails and leaves nothing in the drive.

            Ctrl-C stops at once and keeps unfinished uploads in the journal, as SIGTERM, a \
            dropped SSH session or a kill does: `amofiles upload --resume` finishes them within \
            the session's 24 hours, `amofiles transfers --discard` forgets them. Nothing is added \
            to the drive until a file's last part is in.

            A folder is pushed whole: its files (hidden ones with --hidden; --include and --exclude \
            globs match the path below the folder or the name). A manifest per account \
            ($XDG_STATE_HOME/amofiles/manifests) records what each local file became, so the next \
            push uploads only new files, and a changed one as a new version of the file it became \
            (--as-new-files uploads it as a new file). --dry-run says what a push would do.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Local files and folders.") var paths: [String] = []
    @Option(name: .customLong("new-version-of"), help: ArgumentHelp("Upload as a new (active) version of this file.", valueName: "uuid"))
    var newVersionOf: String?
    @Option(help: ArgumentHelp("Attach the uploaded files to this lead, contact, company or customer.", valueName: "entity:id"))
    var attach: LinkTarget?
    @Option(help: "How many files to upload at once.") var jobs = 3
    @Flag(help: "Finish the unfinished uploads of this account from the journal (see `amofiles transfers`).")
    var resume = false
    @Option(help: ArgumentHelp("In a folder: only files matching this glob (repeatable).", valueName: "glob")) var include: [String] = []
    @Option(help: ArgumentHelp("In a folder: leave out files matching this glob (repeatable).", valueName: "glob")) var exclude: [String] = []
    @Flag(help: "In a folder: hidden files and folders too.") var hidden = false
    @Flag(name: .customLong("dry-run"), help: "Say what would be uploaded, and upload nothing.") var dryRun = false
    @Flag(name: .customLong("as-new-files"), help: "In a folder: a file changed since the last push goes up as a new file, not a new version.")
    var asNewFiles = false

    func validate() throws {
        if paths.isEmpty && !resume { throw ValidationError("name at least one file to upload, or pass --resume") }
        if newVersionOf != nil && paths.count != 1 { throw ValidationError("--new-version-of takes exactly one file") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        for path in paths {
            if Self.isFolder(path) {
                if newVersionOf != nil { throw ValidationError("--new-version-of takes one file, not a folder") }
                continue
            }
            // Refused here, before any call: a FIFO or a device would hang or never end.
            do {
                _ = try FileUpload.identity(path)
            } catch {
                throw ValidationError(String(describing: error))
            }
            guard access(path, R_OK) == 0 else { throw ValidationError("\(path) cannot be read: permission denied") }
        }
    }

    func run() async throws {
        let api = try await connection.connect()
        if let attach {
            // Checked first: finding out after the upload would leave the files unattached.
            _ = try await api.account.entity(attach.entity, id: attach.id)
        }
        let journal = UploadJournal()
        let manifest = UploadManifest(driveURL: api.drive.driveURL.absoluteString)
        let (planned, pushed, unchanged) = try plan(manifest)
        if dryRun {
            for (path, version) in planned { Output.line(version.map { "would upload \(Output.plain(path)) as a new version of \($0)" } ?? "would upload \(Output.plain(path))") }
            return Output.line("\(Output.count(planned.count, "file")) to upload, \(unchanged) unchanged since the last push; nothing was sent.")
        }
        if unchanged > 0 { Output.note("\(Output.count(unchanged, "file")) unchanged since the last push") }
        if planned.isEmpty, !resume { return Output.note("Nothing to upload.") }
        var work: [TaskWork] = planned.map { path, version in
            .upload(FileUpload(path: path, newVersionOf: version, attach: attach, journal: journal))
        }
        if resume {
            let pending = journal.records()
            let here = api.drive.driveURL.absoluteString
            for record in pending where record.driveURL != here {
                Output.note("skipping \(record.path): it was started on another account (\(record.driveURL))")
            }
            for record in pending where record.driveURL == here {
                Output.note("resuming \(record.path) from \(Output.size(record.accepted)) of \(Output.size(record.size))")
                work.append(.upload(.resume(record, journal: journal), resuming: record))
            }
            if work.isEmpty { return Output.note("No unfinished uploads.") }
        }
        let runner = TaskRunner(drive: api.drive, account: api.account, transferSlots: jobs)
        let json = output.json
        let finals = await ProgressDisplay.run(work, on: runner, retries: api.retries) { snapshot in
            guard case .upload(let upload, _) = snapshot.work else { return }
            if case .done(.file(let file)) = snapshot.state, let identity = pushed[upload.path] {
                do {
                    try manifest.record(upload.path, size: identity.size, modified: identity.modified, as: file)
                } catch {
                    Output.error("\(upload.path) went up as \(file.uuid), but the manifest could not be written: \(error); the next push sends it again")
                }
            }
            switch snapshot.state {
            case .done(.file(let file)) where !json:
                let attached = upload.attach.map { ", attached to \($0)" } ?? ""
                let became = upload.newVersionOf == nil ? "as \(file.uuid)" : "as a new version of \(file.uuid)"
                Output.line("Uploaded \(Output.plain(upload.fileName)) (\(Output.size(file.size))) \(became)\(attached)")
            case .failed(let error): Output.error(error.message)
            default: break
            }
        }
        if json {
            try Output.json(finals.compactMap { snapshot -> DriveFile? in
                if case .done(.file(let file)) = snapshot.state { return file }
                return nil
            })
        }
        try throwIfUnfinished(finals, verb: "uploads")
    }

    /// The files to send (a folder's files as its manifest says: new, or a new version of
    /// what they became), the folder files' identities to record, and how many were unchanged.
    private func plan(_ manifest: UploadManifest) throws -> (planned: [(String, String?)], pushed: [String: (size: Int64, modified: Double)], unchanged: Int) {
        let folders = paths.filter(Self.isFolder)
        let push: FolderPush
        do {
            push = try FolderPush.plan(folders, walk: FolderWalk(includes: include, excludes: exclude, hidden: hidden), manifest: manifest, asNewFiles: asNewFiles)
        } catch {
            throw CLIError.local(String(describing: error))
        }
        let files = paths.filter { !Self.isFolder($0) }.map { (URL(fileURLWithPath: $0).standardizedFileURL.path, newVersionOf) }
        let pushed = Dictionary(push.items.map { ($0.path, (size: $0.size, modified: $0.modified)) }, uniquingKeysWith: { first, _ in first })
        return (files + push.items.map { ($0.path, $0.newVersionOf) }, pushed, push.unchanged)
    }

    static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}

extension LinkTarget: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `amofiles transfers`: unfinished uploads in the journal.
struct TransfersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfers",
        abstract: "List unfinished uploads; `amofiles upload --resume` finishes them, --discard forgets them.",
        discussion: """
            The journal lives in $XDG_STATE_HOME/amofiles/uploads (default ~/.local/state/amofiles/uploads). \
            With --account, --profile or --drive-url, only that account's uploads are listed; without them, every account's. \
            --discard removes the listed uploads (or only those of the named local files) from the journal; \
            the service drops their unfinished sessions when they expire.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Forget the listed unfinished uploads instead of listing them.") var discard = false
    @Argument(help: "With --discard: only the uploads of these local files.") var paths: [String] = []

    func validate() throws {
        if !paths.isEmpty && !discard { throw ValidationError("local files are named only with --discard") }
    }

    func run() async throws {
        let journal = UploadJournal()
        var records = journal.records()
        if connection.namesAnAccount {
            let drive = try await connection.driveURL()
            records = records.filter { $0.driveURL == drive.absoluteString }
        }
        if !paths.isEmpty {
            let named = Set(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
            records = records.filter { named.contains(URL(fileURLWithPath: $0.path).standardizedFileURL.path) }
        }
        if discard {
            for record in records { journal.remove(record.id) }
            if output.json { return try Output.json(records) }
            if records.isEmpty { return Output.note(paths.isEmpty ? "No unfinished uploads." : "No unfinished upload of those files.") }
            for record in records { Output.line("Discarded \(Output.plain(record.path)) (\(percentDone(record))).") }
            return
        }
        if output.json { return try Output.json(records) }
        if records.isEmpty { return Output.note("No unfinished uploads.") }
        Output.table(["FILE", "DONE", "SIZE", "DRIVE", "SESSION EXPIRES"], records.map { record in
            [record.path, percentDone(record), Output.size(record.size), record.driveURL, record.hasSession ? Output.time(Int64(record.sessionExpiresAt)) : "not started"]
        }, flexible: 0)
    }

    private func percentDone(_ record: UploadRecord) -> String {
        "\(record.size == 0 ? 0 : record.accepted * 100 / record.size)%"
    }
}

/// Throws when any transfer failed (each was printed as it failed): with a count when
/// several did, and the first one's status.
func throwIfUnfinished(_ finals: [TaskSnapshot], verb: String) throws {
    let failures = finals.compactMap { snapshot -> TaskError? in
        if case .failed(let error) = snapshot.state { return error }
        return nil
    }
    guard let first = failures.first else { return }
    let summary = failures.count == 1 ? nil : "\(failures.count) of \(finals.count) \(verb) failed"
    throw CLIError.reported(summary: summary, first: first.underlying)
}
