import AmoFilesAPI
import AmoFilesApp
import AmoFilesTasks
import ArgumentParser
import FilePreview
import Foundation

/// `amofiles versions UUID`.
struct VersionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions", abstract: "List a file's versions, newest first, numbered (1 the oldest); * marks the active one.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The file's uuid.") var uuid: String

    func run() async throws {
        let api = try await connection.connect()
        let versions = try await api.drive.versions(of: uuid)
        if output.json { return try Output.json(Page(items: versions, embeddedKey: "versions", count: versions.count)) }
        let users = await Output.userNames(api)
        Output.table(
            ["", "#", "VERSION", "NAME", "KIND", "SIZE", "CREATED", "BY"],
            versions.enumerated().map { index, version in
                [version.isMain ? "*" : "", String(versions.count - index), version.uuid, version.displayName, version.type.rawValue,
                 Output.size(version.size), Output.time(version.createdAt), Output.who(version.createdBy, users: users)]
            }, flexible: 3)
    }
}

/// `amofiles activate UUID VERSION`.
struct ActivateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activate", abstract: "Make one version of a file the active one.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The file's uuid.") var uuid: String
    @Argument(help: "The version to make active: its number (1 the oldest, as `versions` prints), its uuid, or the start of its uuid.")
    var version: String

    func run() async throws {
        let api = try await connection.connect()
        let versions = try await api.drive.versions(of: uuid)
        let chosen = try VersionCommands.find(version, in: versions)
        let number = VersionChoice.number(of: chosen, in: versions) ?? 0
        let file = try await api.edit(.activate(uuid: uuid, name: uuid, version: chosen.uuid)).file
        if output.json { return try Output.json(file) }
        print("\(Output.plain(file.displayName)): version \(number) of \(versions.count) (\(chosen.uuid), \(Output.size(file.size))) is now active.")
    }
}

/// `amofiles cat UUID [--version N]`.
struct CatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat", abstract: "Write the bytes of a file's active version, or of another version, to standard output.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The file's uuid.") var uuid: String
    @Option(help: ArgumentHelp("This version instead of the active one: its number (1 the oldest), its uuid, or the start of its uuid.", valueName: "version"))
    var version: String?

    func run() async throws {
        let api = try await connection.connect()
        let href = try await VersionCommands.source(uuid, version: version, api: api).href
        // Streamed as it comes: a broken transfer fails rather than writing the start twice.
        try await FileDownload(href: href, target: FileDownload.standardOutput, overwrite: false).run(drive: api.drive)
    }
}

/// `amofiles preview UUID [--version N]`.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print what a version holds as the UI's preview shows it: text, a table aligned, JSON indented, an image's size, hex.",
        discussion: "A text file is read from its first 256 KiB. What is fetched is kept in $XDG_CACHE_HOME/amofiles/versions, so a second look asks nothing.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The file's uuid.") var uuid: String
    @Option(help: ArgumentHelp("This version instead of the active one: its number (1 the oldest), its uuid, or the start of its uuid.", valueName: "version"))
    var version: String?

    func run() async throws {
        let api = try await connection.connect()
        let source = try await VersionCommands.source(uuid, version: version, api: api).source
        let (data, whole) = try await VersionBytes.fetch(source, first: Preview.bytesNeeded(fileExtension: source.fileExtension), drive: api.drive, cache: VersionCache())
        let preview = Preview.make(data, fileExtension: source.fileExtension, whole: whole)
        if !preview.lines.isEmpty { Output.write(preview.lines.map(Output.plain).joined(separator: "\n") + "\n", to: STDOUT_FILENO) }
        // What the lines are and where they stop goes beside them, not into them.
        let shown = preview.partial ? " · the first \(Output.size(Int64(data.count))) of \(Output.size(source.size))" : ""
        Output.note("\(Output.plain(source.name)): \(preview.kind)\(shown)" + (preview.note.map { ". \($0)" } ?? ""))
    }
}

/// What the version commands share.
enum VersionCommands {
    /// The version the command line names; a clear error (exit 1 when none matches,
    /// 2 when the start of a uuid matches several) otherwise.
    static func find(_ text: String, in versions: [FileVersion]) throws -> FileVersion {
        switch VersionChoice.find(text, in: versions) {
        case .success(let version): return version
        case .failure(.missing(let why)): throw CLIError.service(why)
        case .failure(.ambiguous(let why)): throw CLIError.config(why)
        }
    }

    /// The download link and name of the file's active version, or of the version
    /// `version` names; a trashed file is refused (its links answer 404).
    static func source(_ uuid: String, version: String?, api: AmoConnection) async throws -> (source: VersionSource, href: String) {
        let file = try await api.drive.file(uuid)
        guard !file.isTrashed else { throw CLIError.service("\(uuid) is in the trash; `amofiles restore \(uuid)` first") }
        var source = VersionSource(file: file)
        if let version { source = VersionSource(version: try find(version, in: try await api.drive.versions(of: uuid))) }
        guard let href = source.href else { throw CLIError.service("the service gave no download link for \(uuid)") }
        return (source, href)
    }
}
