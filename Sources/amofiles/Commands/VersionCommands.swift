import AmoFilesAPI
import AmoFilesApp
import AmoFilesTasks
import ArgumentParser
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
        let href = try await VersionCommands.link(uuid, version: version, api: api).href
        // Streamed as it comes: a broken transfer fails rather than writing the start twice.
        try await FileDownload(href: href, target: FileDownload.standardOutput, overwrite: false).run(drive: api.drive)
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
    static func link(_ uuid: String, version: String?, api: AmoConnection) async throws -> (href: String, name: String, size: Int64) {
        let file = try await api.drive.file(uuid)
        guard !file.isTrashed else { throw CLIError.service("\(uuid) is in the trash; `amofiles restore \(uuid)` first") }
        var (href, name, size) = (file.links.download?.href, file.displayName, file.size)
        if let version {
            let chosen = try find(version, in: try await api.drive.versions(of: uuid))
            (href, name, size) = (chosen.links.download?.href, chosen.displayName, chosen.size)
        }
        guard let href else { throw CLIError.service("the service gave no download link for \(uuid)") }
        return (href, name, size)
    }
}
