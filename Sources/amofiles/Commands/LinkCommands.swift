import AmoFilesAPI
import AmoFilesTasks
import ArgumentParser
import Foundation

extension EntityType: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// `amofiles links UUID`.
struct LinksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "links", abstract: "List the deals, contacts, companies and customers a file is attached to.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The file's uuid.") var uuid: String

    func run() async throws {
        let api = try await connection.connect()
        let links = try await api.account.links(ofFile: uuid)
        if output.json { return try Output.json(links) }
        if links.entities.isEmpty { return Output.note("The file is not attached to anything.") }
        Output.table(["TYPE", "ID", "NAME"], links.entities.map { [$0.entityType, String($0.id), $0.name ?? ""] }, flexible: 2)
    }
}

/// The arguments of `attach` and `detach`: which record, and which files.
struct LinkChangeArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The record (lead:123, lead:TEXT or leads 123), then the files' uuids.", valueName: "record> <uuid"))
    var words: [String]

    var record: RecordWords { get throws { try RecordWords(words) } }
}

/// `amofiles attach lead:123 UUID... [--as link|note|field:ID]`.
struct AttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Attach files to a lead, contact, company or customer: linked, as a note in its feed, or in a file field.",
        discussion: """
            --as link (the default) links the files to the record: they show on its Files tab. \
            --as note adds an attachment note per file to the record's feed, with --comment beside them. \
            --as field:ID (or field:NAME) puts one file in a file field (see `amofiles fields leads --files`); \
            a field that holds another file is replaced only with --replace. To change the file a field \
            holds, upload a new version of it instead (`amofiles upload PATH --new-version-of UUID`): \
            the field shows its newest version. Trashed files are refused before anything is sent, and \
            every attach is read back: one the service answered as done but does not show exits 1.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .customLong("as"), help: ArgumentHelp("How: link, note, or field:ID (field:NAME).", valueName: "way")) var way = "link"
    @Option(help: "With --as note: a comment shown beside the files.") var comment: String?
    @Flag(help: "With --as field: replace a file the field already holds.") var replace = false
    @OptionGroup var change: LinkChangeArguments

    func validate() throws {
        if try change.record.rest.isEmpty { throw ValidationError("name at least one file uuid after the record") }
        let lower = way.lowercased()
        guard lower == "link" || lower == "note" || (lower.hasPrefix("field:") && lower.count > 6) else {
            throw ValidationError("--as is link, note or field:ID (field:NAME)")
        }
        if comment != nil, lower != "note" { throw ValidationError("--comment goes with --as note") }
        if replace, !lower.hasPrefix("field:") { throw ValidationError("--replace goes with --as field:ID") }
        if lower.hasPrefix("field:"), try change.record.rest.count > 1 { throw ValidationError("a file field holds one file; name one uuid") }
    }

    func run() async throws {
        let api = try await connection.connect()
        let record = try change.record
        let target = try await api.target(record.reference)
        let chosen = try await attachWay(api, target.entity)
        try await api.edit(.attach(record.rest, to: target, as: chosen))
        if output.json {
            struct Attached: Encodable {
                let entity: String, id: Int, way: String, files: [String], readBack = "kept"
                enum CodingKeys: String, CodingKey { case entity, id, way, files, readBack = "read_back" }
            }
            return try Output.json(Attached(entity: target.entity.rawValue, id: target.id, way: chosen.description, files: record.rest))
        }
        Output.line("Attached \(Output.count(record.rest.count, "file")) to \(target) \(chosen.phrase); read back, it is there.")
    }

    /// The way asked for; a field named by name is looked up among the type's file fields.
    private func attachWay(_ api: AmoConnection, _ entity: EntityType) async throws -> AttachWay {
        if let way = AttachWay(way, comment: comment, replacing: replace) { return way }
        return .field(id: try await fileField(way.dropFirst(6), of: entity, api).id, replacing: replace)
    }
}

/// The file field of an entity type a person names: its id, or its name (any case).
func fileField(_ name: some StringProtocol, of entity: EntityType, _ api: AmoConnection) async throws -> CustomField {
    let fields = try await api.account.customFields(entity).filter(\.isFile)
    if let id = Int(name), let field = fields.first(where: { $0.id == id }) { return field }
    let matches = fields.filter { $0.name.compare(String(name), options: [.caseInsensitive]) == .orderedSame }
    guard matches.count == 1 else {
        let known = fields.map { "\($0.id) “\($0.name)”" }.joined(separator: ", ")
        throw CLIError.config("\(matches.isEmpty ? "no" : "more than one") file field of \(entity.rawValue) is named “\(name)”; file fields: \(known.isEmpty ? "none" : known)")
    }
    return matches[0]
}

/// `amofiles detach lead:123 UUID...`, `amofiles detach lead:123 --field Договор`.
struct DetachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detach", abstract: "Detach linked files from a lead, contact, company or customer, or empty one of its file fields.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: ArgumentHelp("Empty this file field (its id or name) instead; the file stays on the drive.", valueName: "field"))
    var field: String?
    @OptionGroup var change: LinkChangeArguments

    func validate() throws {
        let rest = try change.record.rest
        if field == nil, rest.isEmpty { throw ValidationError("name at least one file uuid after the record, or --field") }
        if field != nil, !rest.isEmpty { throw ValidationError("--field empties a field: name no files with it") }
    }

    func run() async throws {
        let api = try await connection.connect()
        let record = try change.record
        let target = try await api.target(record.reference)
        if let field {
            let chosen = try await fileField(field, of: target.entity, api)
            try await api.edit(.clearField(id: chosen.id, name: chosen.name, of: target))
            return print("Cleared “\(Output.plain(chosen.name))” of \(target); read back, it is empty.")
        }
        let notAttached = try await api.edit(.detach(record.rest, from: target)).unchanged
        let detached = record.rest.count - notAttached.count
        if detached > 0 { print("Detached \(Output.count(detached, "file")) from \(target).") }
        for uuid in notAttached { print("\(uuid) was not attached to \(target).") }
    }
}

/// `amofiles entity-files ENTITY ID`.
struct EntityFilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity-files", abstract: "List the files attached to a lead, contact, company or customer.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "leads, contacts, companies or customers (singular works too).") var entity: EntityType
    @Argument(help: "The entity's id.") var id: Int
    @Option(help: "Links per page (1-250).") var limit = 50
    @Option(name: .customLong("before-id"), help: "Only links with an id below this (paging back).") var beforeID: Int?
    @Flag(help: "Follow every page.") var all = false

    func run() async throws {
        let api = try await connection.connect()
        let links: [EntityFileLink]
        if all {
            links = try await api.account.allEntityFiles(entity, id: id)
        } else {
            links = try await api.account.entityFiles(entity, id: id, limit: limit, beforeID: beforeID).items
        }
        if output.json { return try Output.json(Page(items: links, embeddedKey: "files")) }
        if links.isEmpty { return Output.note("No files are attached to \(entity.singular) \(id).") }
        let files = try await api.drive.files(of: links)
        Output.table(["LINK", "UUID", "NAME", "SIZE"], zip(links, files).map { link, file in
            [String(link.id), link.fileUUID, file?.displayName ?? "?", file.map { Output.size($0.size) } ?? ""]
        }, flexible: 2)
    }
}
