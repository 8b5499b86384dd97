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

/// The arguments of `attach` and `detach`: which entity, and which files.
struct LinkChangeArguments: ParsableArguments {
    @Argument(help: "leads, contacts, companies or customers (singular works too).") var entity: EntityType
    @Argument(help: "The entity's id.") var id: Int
    @Argument(help: "The files' uuids.") var uuids: [String]

    func validate() throws {
        if uuids.isEmpty { throw ValidationError("name at least one file uuid") }
    }

}

/// `amofiles attach ENTITY ID UUID...`.
struct AttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attach", abstract: "Attach files to a lead, contact, company or customer.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var change: LinkChangeArguments

    func run() async throws {
        let api = try await connection.connect()
        try await api.edit(.attach(change.uuids, to: LinkTarget(entity: change.entity, id: change.id)))
        print("Attached \(Output.count(change.uuids.count, "file")) to \(change.entity.singular) \(change.id).")
    }
}

/// `amofiles detach ENTITY ID UUID...`.
struct DetachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "detach", abstract: "Detach files from a lead, contact, company or customer.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var change: LinkChangeArguments

    func run() async throws {
        let api = try await connection.connect()
        let notAttached = try await api.edit(.detach(change.uuids, from: LinkTarget(entity: change.entity, id: change.id))).unchanged
        let detached = change.uuids.count - notAttached.count
        if detached > 0 { print("Detached \(Output.count(detached, "file")) from \(change.entity.singular) \(change.id).") }
        for uuid in notAttached { print("\(uuid) was not attached to \(change.entity.singular) \(change.id).") }
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
