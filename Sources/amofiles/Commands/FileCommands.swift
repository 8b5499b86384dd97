import AmoFilesAPI
import AmoFilesApp
import AmoFilesTasks
import ArgumentParser
import Foundation
import TerminalUI

/// `--json` for every client command.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the API's JSON instead of a table.")
    var json = false
}

/// `amofiles account`.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Show the account, its drive host and its users.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let api = try await connection.connect()
        let account = try await api.account.account(withDriveURL: true)
        if output.json { return try Output.json(account) }
        print("account:  \(Output.plain(account.name)) (id \(account.id)\(account.subdomain.map { ", \($0)" } ?? ""))")
        print("API:      \(api.account.accountURL.absoluteString)")
        print("drive:    \(api.drive.driveURL.absoluteString)")
        if let me = account.currentUserID { print("you:      user \(me)") }
        do {
            let users = try await api.account.users()
            print("users:")
            Output.table(["ID", "NAME", "EMAIL"], users.map { [String($0.id), $0.name, $0.email ?? ""] })
        } catch {
            // The list is for admins only; the rest of the account is still worth showing.
            print("users:    not shown (\(UserNames.whyUnavailable(error)))")
        }
    }
}

/// `amofiles info UUID`.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show every property of one file.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The file's uuid.") var uuid: String

    func run() async throws {
        let api = try await connection.connect()
        let file = try await api.drive.file(uuid)
        if output.json { return try Output.json(file) }
        let users = await Output.userNames(api)
        // "several" says little; the count costs one request, made only when there are several.
        let count = file.hasMultipleVersions ? try? await api.drive.versions(of: file.uuid).count : 1
        let rows = FileProperties.rows(file, users: users, now: Int64(Date().timeIntervalSince1970), versions: count)
        for (key, value) in rows { print(key.padding(toLength: 15, withPad: " ", startingAt: 0) + Output.plain(value)) }
    }
}

/// `amofiles rename UUID NAME`.
struct RenameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a file.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The file's uuid.") var uuid: String
    @Argument(help: "The new name. The extension is kept apart by the service and stays: typing it is optional, typing another one makes it part of the name.") var name: String

    func validate() throws {
        if let problem = FileNameRules.problem(name) {
            throw ValidationError("cannot rename to “\(TerminalText.sanitize(name))”: \(problem)")
        }
    }

    func run() async throws {
        let api = try await connection.connect()
        // The service keeps the extension apart from the name: a typed copy of it is dropped, another one is said.
        let ext = try await api.drive.file(uuid).metadata?.fileExtension
        let file = try await api.edit(.rename(uuid: uuid, from: nil, to: FileNameRules.name(name, keeping: ext))).file
        if output.json { return try Output.json(file) }
        var line = "Renamed \(file.uuid) to \(Output.plain(file.displayName))."
        if let typed = FileNameRules.otherExtension(in: name, than: ext), let ext {
            line += " The extension stays .\(Output.plain(ext)) (the service keeps it apart from the name; .\(Output.plain(typed)) is part of the name now)."
        }
        print(line)
    }
}

/// `amofiles rm UUID...`.
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Move files to the trash (purged after 30 days; needs the files_delete scope).")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The files' uuids.") var uuids: [String]

    func validate() throws {
        if uuids.isEmpty { throw ValidationError("name at least one file uuid") }
    }

    func run() async throws {
        let api = try await connection.connect()
        let already = try await api.edit(.delete(uuids)).unchanged
        let moved = uuids.count - already.count
        if moved > 0 {
            print("Moved \(Output.count(moved, "file")) to the trash; `amofiles restore` brings them back within 30 days.")
        }
        for uuid in already { print("\(uuid) was already in the trash.") }
    }
}

/// `amofiles restore UUID...`.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Bring files back from the trash.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The files' uuids.") var uuids: [String]

    func validate() throws {
        if uuids.isEmpty { throw ValidationError("name at least one file uuid") }
    }

    func run() async throws {
        let api = try await connection.connect()
        let outcome = try await api.edit(.restore(uuids))
        let files = outcome.files
        if output.json { return try Output.json(Page(items: files, embeddedKey: "files", count: files.count)) }
        for file in files { print("Restored \(file.uuid) \(Output.plain(file.displayName))") }
        for uuid in outcome.unchanged { print("\(uuid) was already out of the trash.") }
    }
}

extension AmoConnection {
    /// Runs one edit through the task layer, so the command line and the TUI fail alike.
    @discardableResult
    func edit(_ work: TaskWork) async throws -> TaskOutcome {
        try await TaskRunner(drive: drive, account: account).outcome(of: work)
    }
}

extension TaskOutcome {
    var file: DriveFile {
        get throws {
            guard case .file(let file) = self else { throw CLIError.service("the service answered without the file") }
            return file
        }
    }

    var files: [DriveFile] {
        if case .edited(let files, _) = self { return files }
        return []
    }

    /// The uuids an edit found already as asked.
    var unchanged: [String] {
        if case .edited(_, let unchanged) = self { return unchanged }
        return []
    }
}
