import AmoFilesAPI
import AmoFilesTasks
import ArgumentParser
import Foundation

/// `amofiles download UUID`, `amofiles download --all [filters] -o DIR`.
struct DownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download", abstract: "Download a file or one of its versions; with --all, every file the filters match.",
        discussion: """
            --all takes every filter of `ls` and writes each matching file into the folder -o names \
            (made if missing), several at once (--jobs), under one request pace. Names are made safe \
            and stay inside the folder; a name several files share gets the start of each one's uuid. \
            A copy already there with the right size is skipped, so a second run transfers only what \
            is new. --versions writes every version (NAME.vN.EXT, 1 the oldest); --trash-after moves \
            each file to the trash once all its copies are there and the right size.
            """)

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The file's uuid (not with --all).") var uuid: String?
    @OptionGroup var version: VersionOption
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write (a file or a folder; - for standard output). Default: the file's name here.", valueName: "path"))
    var outputPath: String?
    @Flag(help: "Overwrite an existing file.") var force = false
    @Flag(help: "Every file the filters match, into the folder -o names.") var all = false
    @Flag(help: "With --all: every version of each file.") var versions = false
    @Flag(name: .customLong("trash-after"), help: "With --all: move each file to the trash once its copies are complete.") var trashAfter = false
    @Option(help: "With --all: files at once.") var jobs = 3
    @OptionGroup var filters: FileFilterOptions

    func validate() throws {
        if outputPath?.trimmingCharacters(in: .whitespaces).isEmpty == true {
            throw ValidationError("-o needs a path: a file, a folder, or - for standard output")
        }
        if all {
            if uuid != nil { throw ValidationError("--all takes filters, not a uuid (use --uuid to name files)") }
            guard let outputPath, outputPath != FileDownload.standardOutput else { throw ValidationError("--all needs -o DIR: the folder the copies go to") }
            if version.version != nil { throw ValidationError("--version names one file's version; with --all, --versions copies every version") }
            if trashAfter, filters.trash { throw ValidationError("--trash-after copies files out of Files; these are in the trash already") }
            if !(1...8).contains(jobs) { throw ValidationError("--jobs is between 1 and 8") }
        } else {
            if uuid == nil { throw ValidationError("name the file's uuid, or --all with filters") }
            if versions || trashAfter { throw ValidationError("--versions and --trash-after go with --all") }
            if try filters.filter() != FileFilter() { throw ValidationError("the filters go with --all") }
        }
    }

    func run() async throws {
        let api = try await connection.connect()
        if all { return try await downloadAll(api) }
        guard let uuid else { return }
        let (source, href) = try await VersionCommands.source(uuid, version: version.version, api: api)
        let (name, size) = (source.name, source.size)
        let target = FileDownload.target(outputPath ?? FileDownload.safeFileName(name), name: name)
        if !force, target != FileDownload.standardOutput, FileManager.default.fileExists(atPath: target) {
            throw CLIError.local("\(Output.plain(target)) already exists; pass --force to overwrite it")
        }
        let download = FileDownload(href: href, target: target, overwrite: force)
        let runner = TaskRunner(drive: api.drive, account: api.account, transferSlots: 1)
        let shownName = Output.plain(name)
        let finals = await ProgressDisplay.run([.download(download, name: name, size: size)], on: runner, retries: api.retries) { snapshot in
            switch snapshot.state {
            case .done(.downloaded(FileDownload.standardOutput, let bytes)):
                // stdout holds the bytes; the report goes beside them.
                Output.note("Downloaded \(shownName) to standard output (\(Output.size(bytes))).")
            case .done(.downloaded(let path, let bytes)): Output.line("Downloaded \(shownName) to \(Output.plain(path)) (\(Output.size(bytes))).")
            case .failed(let error): Output.error(error.message)
            default: break
            }
        }
        try throwIfUnfinished(finals, verb: "downloads")
    }

    /// `--all`: every matching file (or version) into the folder, skipping copies already whole.
    private func downloadAll(_ api: AmoConnection) async throws {
        let folder = outputPath ?? "."
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError.local("cannot make the folder \(Output.plain(folder)): \(error.localizedDescription)")
        }
        let files = try await api.drive.allFiles(try filters.filter())
        var versionLists: [String: [FileVersion]] = [:]
        if versions {
            for file in files where file.hasMultipleVersions { versionLists[file.uuid] = try await api.drive.versions(of: file.uuid) }
        }
        let items = DownloadSet.plan(files, versions: versionLists, in: folder)
        let already = items.filter(DownloadSet.isComplete)
        let todo = items.filter { !DownloadSet.isComplete($0) }
        let work = todo.map { item in
            TaskWork.download(FileDownload(href: item.href, target: item.target, overwrite: true),
                              name: (item.target as NSString).lastPathComponent, size: item.size)
        }
        let runner = TaskRunner(drive: api.drive, account: api.account, transferSlots: jobs)
        let finals = work.isEmpty ? [] : await ProgressDisplay.run(work, on: runner, retries: api.retries) { snapshot in
            if case .failed(let error) = snapshot.state { Output.error(error.message) }
        }
        let bytes = finals.reduce(Int64(0)) { total, snapshot in
            if case .done(.downloaded(_, let written)) = snapshot.state { return total + written }
            return total
        }
        let done = finals.filter { if case .done = $0.state { return true } else { return false } }.count
        Output.line("Downloaded \(Output.count(done, "file")) (\(Output.size(bytes))) to \(Output.plain(folder))"
            + (already.isEmpty ? "." : "; \(already.count) already there."))
        if trashAfter {
            // A file goes only when every copy of it is there whole.
            let whole = files.filter { file in items.filter { $0.file.uuid == file.uuid }.allSatisfy(DownloadSet.isComplete) }
            if !whole.isEmpty {
                try await api.edit(.delete(whole.map(\.uuid)))
                Output.line("Moved \(Output.count(whole.count, "file")) to the trash; their copies are in \(Output.plain(folder)).")
            }
        }
        try throwIfUnfinished(finals, verb: "downloads")
    }
}
