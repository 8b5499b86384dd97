import AmoFilesAPI
import AmoFilesApp
import AmoFilesTasks
import ArgumentParser
import DriveEmulator
import Foundation

/// `--keymap` for the commands that open the TUI.
struct KeymapOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Key bindings to lay over the defaults (default: $XDG_CONFIG_HOME/amofiles/keymap.txt when it exists).", valueName: "path"))
    var keymap: String?

    /// The defaults with the user's file over them; a bad line stops here, before the screen changes.
    func load() throws -> Keymap {
        let path = keymap ?? AppFolders.config + "/keymap.txt"
        guard keymap != nil || FileManager.default.fileExists(atPath: path) else { return .defaults }
        let text = try LocalText.read(path, what: "the keymap")
        switch Keymap.defaults.overlaid(with: text) {
        case .success(let keymap): return keymap
        case .failure(let found) where found.problems.count == 1: throw CLIError.config("\(path), \(found)")
        case .failure(let found):
            throw CLIError.config("\(path) has \(found.problems.count) problems:\n" + found.problems.map { "  \($0)" }.joined(separator: "\n"))
        }
    }
}

/// `amofiles` with no subcommand: the full-screen UI on the configured account.
struct BrowseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse", abstract: "Open the full-screen UI (the default when no subcommand is given).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var keys: KeymapOptions

    func run() async throws {
        let keymap = try keys.load()
        let api = try await connection.connect()
        // Finding the drive host brought the name along; ask for it only when --drive-url skipped that.
        var name = api.accountName
        if name == nil { name = try? await api.account.account(withDriveURL: false).name }
        try await openUI(api, accountName: name ?? api.account.accountURL.host ?? "", keymap: keymap)
    }
}

/// `amofiles demo`: the UI on a demo account served by the emulator in this process.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the full-screen UI on a demo account (the emulator, in a temporary folder removed on quit).")

    @OptionGroup var keys: KeymapOptions
    @Option(help: "Imitate amocrm or kommo.") var flavor: EmulatorFlavor = .amocrm
    @Option(help: ArgumentHelp("Add this many milliseconds before every answer, to feel a slow link.", valueName: "ms"))
    var latency = 0

    func validate() throws {
        if latency < 0 { throw ValidationError("--latency cannot be negative") }
    }

    func run() async throws {
        let keymap = try keys.load()
        var options = EmulatorOptions()
        options.seed = .demo
        options.flavor = flavor
        options.faults.latencyMilliseconds = latency
        let emulator = try await Emulator.start(options)
        do {
            let api = try await AmoConnection.connect(
                accountURL: emulator.accountURL, tokens: LongLivedToken(emulator.token), driveURL: emulator.driveURL,
                transport: AsyncHTTPTransport(), pacer: Pacer(requestsPerSecond: nil))
            // The demo's account is gone when it quits: its uploads are not journalled.
            try await openUI(api, accountName: "Demo account", keymap: keymap, journal: nil)
        } catch {
            await emulator.stop(removingData: true)
            throw error
        }
        await emulator.stop(removingData: true)
    }
}

/// `amofiles keymap`: prints the defaults, or checks a file.
struct KeymapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keymap", abstract: "Print the default key bindings, or check a keymap file (--check FILE).")

    @Option(help: ArgumentHelp("Check this file: every bad line, and every key two actions share on one screen.", valueName: "file")) var check: String?

    func run() throws {
        guard let check else { return print(Keymap.defaultText) }
        _ = try KeymapOptions(keymap: check).load()
        print("\(check): fine")
    }
}

extension KeymapOptions {
    init(keymap: String) {
        self.init()
        self.keymap = keymap
    }
}

/// Runs the UI on a thread of its own (curses blocks while it waits for keys) and
/// returns when the user quits.
private func openUI(_ api: AmoConnection, accountName: String, keymap: Keymap, journal: UploadJournal? = UploadJournal()) async throws {
    // The demo's account goes when it quits: nothing of it is kept, recent records included.
    let account = api.account.accountURL.absoluteString
    let recent = journal == nil ? nil : RecentRecords(account: account)
    let walks = journal == nil ? nil : UsageWalks(account: account)
    let runtime = AppRuntime(connection: api, runner: TaskRunner(drive: api.drive, account: api.account), journal: journal,
                             recentRecords: recent, usageWalks: walks)
    var state = AppState(rows: 24, columns: 80, accountName: accountName, driveHost: api.drive.driveURL.host ?? "", keymap: keymap)
    state.uploadsOutliveQuit = journal != nil
    state.customersOn = api.customersMode?.isOn ?? true
    state.localFolder = FileManager.default.currentDirectoryPath
    let outcome: Result<Void, any Error> = await withCheckedContinuation { done in
        let initial = state
        let thread = Thread { done.resume(returning: Result { try runtime.run(initial) }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
    try outcome.get()
}
