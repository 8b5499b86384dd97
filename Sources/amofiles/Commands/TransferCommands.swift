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
            429 is sent again with backoff. --jobs files go up at once. A file that changes \
            during its upload fails and leaves nothing in the drive.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Local files.") var paths: [String] = []
    @Option(name: .customLong("new-version-of"), help: ArgumentHelp("Upload as a new (active) version of this file.", valueName: "uuid"))
    var newVersionOf: String?
    @Option(help: "How many files to upload at once.") var jobs = 3
    @Flag(help: "Finish the unfinished uploads of this account from the journal (see `amofiles transfers`).")
    var resume = false

    func validate() throws {
        if paths.isEmpty && !resume { throw ValidationError("name at least one file to upload, or pass --resume") }
        if newVersionOf != nil && paths.count != 1 { throw ValidationError("--new-version-of takes exactly one file") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw ValidationError("\(path) is not a readable file")
            }
        }
    }

    /// One upload to run: a new file, or one from the journal.
    private struct Job: Sendable {
        var path: String
        var upload: FileUpload
        var resumed: UploadRecord?
    }

    func run() async throws {
        let api = try await connection.connect()
        let drive = api.drive
        let journal = UploadJournal()
        var work: [Job] = paths.map { path in
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            return Job(path: path, upload: FileUpload(path: absolute, newVersionOf: newVersionOf, journal: journal), resumed: nil)
        }
        if resume {
            let pending = journal.records()
            for record in pending where record.driveURL != drive.driveURL.absoluteString {
                Output.note("skipping \(record.path): it was started on another account (\(record.driveURL))")
            }
            for record in pending where record.driveURL == drive.driveURL.absoluteString {
                Output.note("resuming \(record.path) from \(Output.size(record.accepted)) of \(Output.size(record.size))")
                work.append(Job(path: record.path, upload: .resume(record, journal: journal), resumed: record))
            }
            if work.isEmpty { return Output.note("No unfinished uploads.") }
        }
        let results = await runBounded(work, limit: jobs) { job in
            try await job.upload.run(drive: drive, resuming: job.resumed, note: { Output.note($0) })
        }
        var uploaded: [DriveFile] = []
        var failures: [(String, any Error)] = []
        for (job, result) in zip(work, results) {
            switch result {
            case .success(let file):
                uploaded.append(file)
                if !output.json { print("Uploaded \(job.path) -> \(file.uuid) \(Output.plain(file.displayName)) (\(Output.size(file.size)))") }
            case .failure(let error):
                failures.append((job.path, error))
                Output.error("\(job.path): \(error)")
            }
        }
        if output.json { try Output.json(uploaded) }
        if let (_, first) = failures.first {
            guard failures.count > 1 else { throw first }
            throw CLIError.local("\(failures.count) of \(work.count) uploads failed")
        }
    }
}

/// `amofiles transfers`: unfinished uploads in the journal.
struct TransfersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfers",
        abstract: "List unfinished uploads; `amofiles upload --resume` finishes them.",
        discussion: "The journal lives in $XDG_STATE_HOME/amofiles/uploads (default ~/.local/state/amofiles/uploads).")

    @OptionGroup var output: OutputOptions

    func run() throws {
        let records = UploadJournal().records()
        if output.json { return try Output.json(records) }
        if records.isEmpty { return Output.note("No unfinished uploads.") }
        Output.table(["FILE", "DONE", "SIZE", "DRIVE", "SESSION EXPIRES"], records.map { record in
            [record.path, "\(record.size == 0 ? 0 : record.accepted * 100 / record.size)%", Output.size(record.size), record.driveURL,
             Output.time(Int64(record.sessionExpiresAt))]
        }, flexible: 0)
    }
}

/// `amofiles download UUID`.
struct DownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download", abstract: "Download a file, or one of its versions.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The file's uuid.") var uuid: String
    @Option(help: ArgumentHelp("Download this version instead of the active one.", valueName: "uuid")) var version: String?
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write (a file or a folder). Default: the file's name here.", valueName: "path"))
    var outputPath: String?
    @Flag(help: "Overwrite an existing file.") var force = false

    func run() async throws {
        let api = try await connection.connect()
        let file = try await api.drive.file(uuid)
        guard !file.isTrashed else { throw CLIError.local("\(uuid) is in the trash; `amofiles restore \(uuid)` first") }
        var href = file.links.download?.href
        var name = file.displayName
        if let version {
            guard let chosen = try await api.drive.versions(of: uuid).first(where: { $0.uuid == version }) else {
                throw CLIError.local("file \(uuid) has no version \(version); see `amofiles versions \(uuid)`")
            }
            href = chosen.links.download?.href
            let ext = chosen.metadata?.fileExtension ?? ""
            name = ext.isEmpty ? chosen.name : "\(chosen.name).\(ext)"
        }
        guard let href else { throw CLIError.local("the service gave no download link for \(uuid)") }
        var target = outputPath ?? FileDownload.safeFileName(name)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
            target = (target as NSString).appendingPathComponent(FileDownload.safeFileName(name))
        }
        let bytes = try await FileDownload(href: href, target: target, overwrite: force).run(drive: api.drive)
        print("Downloaded \(Output.plain(name)) to \(target) (\(Output.size(bytes))).")
    }
}
