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
    @OptionGroup var version: VersionOption

    func run() async throws {
        let api = try await connection.connect()
        let href = try await VersionCommands.source(uuid, version: version.version, api: api).href
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
    @OptionGroup var version: VersionOption

    func run() async throws {
        let api = try await connection.connect()
        let source = try await VersionCommands.source(uuid, version: version.version, api: api).source
        let (preview, read) = try await VersionReading.preview(source, drive: api.drive, cache: VersionCache())
        if !preview.lines.isEmpty { Output.write(preview.lines.map(Output.plain).joined(separator: "\n") + "\n", to: STDOUT_FILENO) }
        // What the lines are and where they stop goes beside them, not into them.
        let shown = preview.partial ? " · the first \(Output.size(Int64(read))) of \(Output.size(source.size))" : ""
        Output.note("\(Output.plain(source.name)): \(preview.kind)\(shown)" + (preview.note.map { ". \($0)" } ?? ""))
    }
}

/// `amofiles diff UUID [A [B]]`.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Print how two versions of a file differ, as a unified diff of their text.",
        discussion: """
            A and B are version numbers (1 the oldest), uuids or starts of uuids. Without them: \
            the version before the active one against the active one; with A alone: A against \
            the active one. Every format the preview reads is compared as text (a .docx as its \
            paragraphs, a workbook as its sheets); others as bytes. The summary goes to stderr.
            """)

    enum Color: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The file's uuid.") var uuid: String
    @Argument(help: "The older side (default: the version before the active one).") var old: String?
    @Argument(help: "The newer side (default: the active version).") var new: String?
    @Option(help: "Colour the lines: auto (when stdout is a terminal), always, never.") var color: Color = .auto
    @Flag(name: .customLong("exit-code"), help: "Exit with 1 when the versions differ and 0 when they do not, as git diff --exit-code.")
    var exitCode = false

    func run() async throws {
        let api = try await connection.connect()
        let file = try await api.drive.file(uuid)
        guard !file.isTrashed else { throw CLIError.service("\(uuid) is in the trash; `amofiles restore \(uuid)` first") }
        let versions = try await api.drive.versions(of: uuid)
        let active = versions.first { $0.isMain } ?? versions.first { $0.uuid == file.versionUUID }
        let newer = try new.map { try VersionCommands.find($0, in: versions) } ?? active
        guard let newer else { throw CLIError.service("the service named no active version of \(uuid)") }
        let older: FileVersion
        if let old {
            older = try VersionCommands.find(old, in: versions)
        } else {
            let number = VersionChoice.number(of: newer, in: versions) ?? 1
            guard number > 1 else { throw CLIError.service("version \(number) is the oldest: name two versions to compare (`amofiles versions \(uuid)`)") }
            older = versions[versions.count - number + 1]
        }
        let comparison = try await VersionReading.compare(VersionSource(version: older), VersionSource(version: newer), drive: api.drive, cache: VersionCache())
        func label(_ version: FileVersion) -> String {
            "\(Output.plain(version.displayName)) (version \(VersionChoice.number(of: version, in: versions) ?? 0) of \(versions.count), \(Output.time(version.createdAt)))"
        }
        switch comparison {
        case .text(let diff):
            let painted = color == .always || (color == .auto && isatty(STDOUT_FILENO) == 1)
            let lines = DiffPrinter.lines(diff, oldName: label(older), newName: label(newer), color: painted)
            if !lines.isEmpty { Output.write(lines.joined(separator: "\n") + "\n", to: STDOUT_FILENO) }
            Output.note(diff.summary)
        case .bytes(_, let what):
            Output.note(what)
        }
        if exitCode, !comparison.isSame { Foundation.exit(1) }
    }
}

/// A unified diff for a terminal: the lines made safe, coloured on request (red
/// removed, green added, the changed words reversed).
enum DiffPrinter {
    static func lines(_ diff: TextDiff, oldName: String, newName: String, color: Bool) -> [String] {
        guard !diff.isEmpty else { return [] }
        let (bold, cyan, red, green, reverse, reset) = color ? ("\u{1B}[1m", "\u{1B}[36m", "\u{1B}[31m", "\u{1B}[32m", "\u{1B}[7m", "\u{1B}[0m") : ("", "", "", "", "", "")
        var out = [bold + "--- " + oldName + reset, bold + "+++ " + newName + reset]
        for hunk in diff.hunks {
            out.append(cyan + hunk.header + reset)
            for line in hunk.lines {
                switch line.kind {
                case .same: out.append(" " + Output.plain(line.text))
                case .removed: out.append(red + "-" + marked(line, reverse, red, color) + reset)
                case .added: out.append(green + "+" + marked(line, reverse, green, color) + reset)
                }
            }
        }
        return out
    }

    /// The line made safe, its changed words between `on` and the line's own colour.
    private static func marked(_ line: TextDiff.Line, _ on: String, _ back: String, _ color: Bool) -> String {
        guard color, !line.changed.isEmpty else { return Output.plain(line.text) }
        let characters = Array(line.text)
        var out = ""
        var position = 0
        for range in line.changed where range.lowerBound >= position && range.upperBound <= characters.count {
            out += Output.plain(String(characters[position..<range.lowerBound]))
            out += on + Output.plain(String(characters[range])) + "\u{1B}[27m" + back
            position = range.upperBound
        }
        return out + Output.plain(String(characters[position...]))
    }
}

/// `--version N` of the commands that read one version.
struct VersionOption: ParsableArguments {
    @Option(help: ArgumentHelp("This version instead of the active one: its number (1 the oldest), its uuid, or the start of its uuid.", valueName: "version"))
    var version: String?
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
