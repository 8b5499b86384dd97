import AmoFilesAPI
import AmoFilesTasks
import ArgumentParser
import Foundation

/// A record named on the command line: `lead:123`, `lead:TEXT`, or the older `leads 123`.
struct RecordWords {
    var reference: RecordReference
    /// The words after the record.
    var rest: [String]

    static let help = "The record: lead:123, lead:TEXT (a name that matches one record), or leads 123; contact, company, customer and deal (a lead) work too."

    init(_ words: [String]) throws {
        guard let first = words.first else { throw ValidationError("name a record: lead:123, lead:TEXT or leads 123") }
        if let reference = RecordReference(first) {
            self.reference = reference
            rest = Array(words.dropFirst())
        } else if let entity = EntityType(name: first), words.count > 1, let id = Int(words[1]), id > 0 {
            reference = RecordReference(entity: entity, id: id)
            rest = Array(words.dropFirst(2))
        } else if EntityType(name: first) != nil {
            throw ValidationError("“\(first)” needs an id or a name: \(first):123 or \(first):TEXT")
        } else {
            throw ValidationError("“\(first)” is not a record; name one as lead:123, lead:TEXT or leads 123 (contact, company, customer, deal)")
        }
    }
}

extension AmoConnection {
    /// The record a reference names. Several matches are listed on stderr with what tells
    /// them apart, and end the command with status 2; none is a refusal (1).
    func record(_ reference: RecordReference) async throws -> CRMEntity {
        switch try await account.lookUp(reference) {
        case .found(let record):
            return record
        case .none:
            throw CLIError.service("no \(reference.entity.singular) matches “\(reference.text ?? "")”")
        case .several(let candidates):
            let facts = await RecordFacts.load(for: candidates, of: reference.entity, account: account, users: await Output.userNames(self))
            Output.error("\(reference) matches \(Output.count(candidates.count, reference.entity.singular)); name one by its id:")
            let rows = candidates.map { record in
                ["\(reference.entity.singular):\(record.id)", record.name, facts.details(record, reference.entity).parts(time: Output.time).joined(separator: " · ")]
            }
            Output.table(["RECORD", "NAME", "DETAILS"], rows, flexible: 2, to: STDERR_FILENO)
            throw CLIError.reported(summary: nil, first: CLIError.config("several records match"))
        }
    }

    func target(_ reference: RecordReference) async throws -> LinkTarget {
        if let id = reference.id { return LinkTarget(entity: reference.entity, id: id) }
        return LinkTarget(entity: reference.entity, id: try await record(reference).id)
    }
}

/// The one record a command is about.
struct RecordArgument: ParsableArguments {
    @Argument(help: ArgumentHelp(RecordWords.help, valueName: "record")) var words: [String]

    func validate() throws {
        let record = try RecordWords(words)
        if !record.rest.isEmpty { throw ValidationError("unexpected “\(record.rest[0])”") }
    }

    func target(_ api: AmoConnection) async throws -> LinkTarget {
        try await api.target(try RecordWords(words).reference)
    }
}

/// `amofiles entity lead:123`: the record, what tells it apart, and its files in the three ways.
struct EntityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Show a lead, contact, company or customer and its files: linked, in attachment notes, in file fields.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var record: RecordArgument

    func run() async throws {
        let api = try await connection.connect()
        let target = try await record.target(api)
        let files = try await RecordFiles.load(target, drive: api.drive, account: api.account)
        let users = await Output.userNames(api)
        let facts = await RecordFacts.load(for: [files.record], of: target.entity, account: api.account, users: users)
        let details = facts.details(files.record, target.entity)
        if output.json {
            struct Shown: Encodable {
                let files: RecordFiles
                let details: RecordDetails
                func encode(to encoder: any Encoder) throws {
                    try files.encode(to: encoder)
                    var c = encoder.container(keyedBy: Key.self)
                    try c.encode(details, forKey: .details)
                }
                enum Key: String, CodingKey { case details }
            }
            return try Output.json(Shown(files: files, details: details))
        }
        Output.line("\(target) “\(Output.plain(files.record.name))”")
        let parts = details.parts(time: Output.time)
        if !parts.isEmpty { Output.line(parts.joined(separator: " · ")) }
        func name(_ file: DriveFile?, _ fallback: String?) -> String {
            guard let file else { return (fallback ?? "?") + " (gone)" }
            return file.displayName + (file.isTrashed ? " (in the trash)" : "")
        }
        Output.line("")
        Output.line("Linked files: \(files.links.count)")
        if !files.links.isEmpty {
            Output.table(["UUID", "NAME", "SIZE"], files.links.map { [$0.fileUUID, name($0.file, nil), $0.file.map { Output.size($0.size) } ?? ""] }, flexible: 1)
        }
        Output.line("")
        Output.line("Attachment notes: \(files.notes.count)")
        if !files.notes.isEmpty {
            Output.table(["DATE", "AUTHOR", "UUID", "FILE", "COMMENT"], files.notes.map { note in
                [Output.time(note.note.createdAt), note.note.createdBy.map { users[$0] ?? "user \($0)" } ?? "-", note.fileUUID ?? "-",
                 name(note.file, note.note.params.shownName), note.comment ?? ""]
            }, flexible: 4)
        }
        Output.line("")
        Output.line("File fields: \(files.fields.count)")
        if !files.fields.isEmpty {
            Output.table(["FIELD", "ID", "UUID", "FILE", "VERSION"], files.fields.map { field in
                [field.field.name, String(field.field.id), field.value.fileUUID, name(field.file, field.value.fileName), field.value.versionUUID ?? "-"]
            }, flexible: 3)
        }
    }
}

/// `amofiles notes lead:123`: the record's feed of notes, attachment and text.
struct NotesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notes", abstract: "List the notes in a record's feed (attachment and text notes).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .customLong("type"), help: "Only notes of this type (attachment, common); repeat for several.") var types: [String] = []
    @OptionGroup var record: RecordArgument

    func run() async throws {
        let api = try await connection.connect()
        let target = try await record.target(api)
        let notes = try await api.account.allNotes(target.entity, id: target.id, types: types)
        if output.json { return try Output.json(Page(items: notes, embeddedKey: "notes")) }
        if notes.isEmpty { return Output.note("No notes in the feed of \(target).") }
        let users = await Output.userNames(api)
        Output.table(["ID", "DATE", "AUTHOR", "TYPE", "TEXT"], notes.map { note in
            let text = note.isAttachment ? "\(note.params.shownName ?? "?") (\(note.params.fileUUID ?? "?"))" : note.params.text ?? ""
            return [String(note.id), Output.time(note.createdAt), note.createdBy.map { users[$0] ?? "user \($0)" } ?? "-", note.noteType, text]
        }, flexible: 4)
    }
}

/// `amofiles fields leads`: the custom fields of an entity type; file fields take files.
struct FieldsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields", abstract: "List the custom fields of leads, contacts, companies or customers (file fields hold files).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Flag(name: .customLong("files"), help: "Only fields of type file.") var filesOnly = false
    @Argument(help: "leads, contacts, companies or customers (singular and deal work too).") var entity: EntityType

    func run() async throws {
        let api = try await connection.connect()
        let fields = try await api.account.customFields(entity).filter { !filesOnly || $0.isFile }
        if output.json { return try Output.json(Page(items: fields, embeddedKey: "custom_fields")) }
        if fields.isEmpty { return Output.note(filesOnly ? "\(entity.rawValue) have no file fields." : "\(entity.rawValue) have no custom fields.") }
        Output.table(["ID", "NAME", "TYPE", "CODE"], fields.map { [String($0.id), $0.name, $0.type, $0.code ?? ""] }, flexible: 1)
    }
}
