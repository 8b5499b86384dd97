import AmoFilesAPI
import ArgumentParser
import Foundation
import TerminalUI

/// `amofiles ls`: the drive's files with every documented filter.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List the drive's files (or the trash), a page at a time, with every documented filter.",
        discussion: """
            Sizes take units: 500, 20KB, 1.5MB, 2GiB. Dates take Unix seconds, YYYY-MM-DD or \
            YYYY-MM-DDTHH:MM (local time). --created-by and --updated-by take a user id, \
            "client" or "robot", and repeat.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var filters: FileFilterOptions
    @Option(help: "Files per page (1-250).") var limit = 50
    @Option(help: "Page number, from 1.") var page = 1
    @Flag(help: "Follow every next page and list all matches.") var all = false

    func validate() throws {
        guard (1...250).contains(limit) else { throw ValidationError("--limit must be between 1 and 250") }
        guard page >= 1 else { throw ValidationError("--page starts at 1") }
        if all && page != 1 { throw ValidationError("--all starts at page 1; drop --page") }
    }

    func run() async throws {
        let api = try await connection.connect()
        let filter = try filters.filter()
        // The table names people: ask for them beside the files instead of after them.
        async let names = output.json ? [:] : Output.userNames(api)
        let files: [DriveFile]
        var next: String?
        if all {
            files = try await api.drive.allFiles(filter, pageSize: limit)
        } else {
            let result = try await api.drive.listFiles(filter, limit: limit, page: page)
            files = result.items
            next = result.nextHref
        }
        if output.json {
            var links: [String: HALLink] = [:]
            if let next { links["next"] = HALLink(href: next) }
            return try Output.json(Page(items: files, embeddedKey: "files", count: files.count, links: links))
        }
        if files.isEmpty {
            Output.note(filters.trash ? "The trash holds no such files." : "No files match.")
            return
        }
        let users = await names
        let (header, rows) = Output.fileRows(files, users: users, trash: filters.trash)
        Output.table(header, rows, flexible: 1)
        if next != nil {
            Output.note("(page \(page); more on --page \(page + 1), or --all)")
        }
    }
}

enum DateFieldArgument: String, ExpressibleByArgument, CaseIterable {
    case created, updated
    var field: FileFilter.DateField { self == .created ? .createdAt : .updatedAt }
}

/// Every documented filter of the file listing, as `ls` and `download --all` take them.
struct FileFilterOptions: ParsableArguments {
    @Option(help: "Substring of the file name or of a linked entity's name.") var term: String?
    @Option(help: "Exact file name.") var name: String?
    @Option(name: .customLong("ext"), help: ArgumentHelp("Extension (repeat or comma-separate: --ext pdf,docx).", valueName: "ext"))
    var extensions: [String] = []
    @Option(name: .customLong("uuid"), help: ArgumentHelp("Only these files (repeat or comma-separate).", valueName: "uuid"))
    var uuids: [String] = []
    @Option(name: .customLong("source-id"), help: "Files that came from this source.") var sourceID: Int?
    @Flag(help: "List the trash instead of the active files.") var trash = false
    @Option(name: .customLong("min-size"), help: ArgumentHelp("Smallest size.", valueName: "size")) var minSize: String?
    @Option(name: .customLong("max-size"), help: ArgumentHelp("Largest size.", valueName: "size")) var maxSize: String?
    @Option(name: .customLong("date-field"), help: "Which date the date filters apply to: created or updated.")
    var dateField: DateFieldArgument?
    @Option(name: .customLong("date-preset"), help: ArgumentHelp(
        "A period: \(FileFilter.DatePreset.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "preset"))
    var datePreset: String?
    @Option(name: .customLong("since"), help: ArgumentHelp("From this time on.", valueName: "date")) var since: String?
    @Option(name: .customLong("until"), help: ArgumentHelp("Up to this time; a date alone takes in all of that day.", valueName: "date")) var until: String?
    @Option(name: .customLong("created-by"), help: ArgumentHelp("Creator: user id, client or robot (repeatable).", valueName: "who"))
    var createdBy: [String] = []
    @Option(name: .customLong("updated-by"), help: ArgumentHelp("Last editor: user id, client or robot (repeatable).", valueName: "who"))
    var updatedBy: [String] = []

    func validate() throws {
        _ = try filter()
    }

    func filter() throws -> FileFilter {
        var filter = FileFilter()
        filter.term = term
        filter.name = name
        filter.extensions = extensions.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ". ")) } }
        filter.uuids = uuids.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        filter.sourceID = sourceID
        filter.deleted = trash
        if minSize != nil || maxSize != nil {
            filter.size = FileFilter.SizeRange(
                from: try minSize.map { try Self.bytes($0, option: "--min-size") },
                to: try maxSize.map { try Self.bytes($0, option: "--max-size") })
        }
        if dateField != nil || datePreset != nil || since != nil || until != nil {
            var date = FileFilter.DateFilter(field: dateField?.field ?? .updatedAt)
            if let datePreset {
                guard let preset = FileFilter.DatePreset(rawValue: datePreset) else {
                    throw ValidationError("unknown --date-preset \"\(datePreset)\"; one of: \(FileFilter.DatePreset.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                date.preset = preset
            }
            date.from = try since.map { try Self.time($0, option: "--since") }
            date.to = try until.map { try Self.time($0, option: "--until", asEnd: true) }
            filter.date = date
        }
        filter.createdBy = try createdBy.map { try Self.author($0, option: "--created-by") }
        filter.updatedBy = try updatedBy.map { try Self.author($0, option: "--updated-by") }
        return filter
    }

    static func bytes(_ text: String, option: String) throws -> Int64 {
        guard let bytes = Quantities.parseBytes(text) else { throw ValidationError("\(option): \"\(text)\" is not a size (e.g. 500, 20KB, 1.5MB)") }
        return bytes
    }

    /// A moment; the end of a range takes the whole day or minute it names.
    static func time(_ text: String, option: String, asEnd: Bool = false) throws -> Int64 {
        guard let time = asEnd ? Quantities.parseEndTime(text) : Quantities.parseTime(text) else {
            throw ValidationError("\(option): \"\(text)\" is not a date (Unix seconds, YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
        }
        return time
    }

    static func author(_ text: String, option: String) throws -> Int {
        switch text.lowercased() {
        case "client": return -1
        case "robot": return 0
        default:
            guard let id = Int(text), id >= -1 else { throw ValidationError("\(option): \"\(text)\" is not a user id, client or robot") }
            return id
        }
    }
}
