import AmoFilesAPI
import AmoFilesTasks
import ArgumentParser
import DriveEmulator
import Foundation
import Logging

/// `amofiles serve`: the local emulator of the service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the local emulator of the amoCRM / Kommo Files API.",
        discussion: """
            Starts an account listener (API v4, OAuth) and a drive listener (/v1.0, downloads) on \
            loopback, backed by SQLite and a blob folder, and runs until SIGINT or SIGTERM.
            When ready it prints the account URL, the drive URL and the token. Point the client \
            at it with: AMOFILES_TOKEN=<token> amofiles ls --account <account URL>
            """)

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port of the account listener (0 picks a free one).")
    var port = 0

    @Option(name: .customLong("drive-port"), help: "Port of the drive listener (0 picks a free one).")
    var drivePort = 0

    @Option(help: ArgumentHelp("Data folder (database and blobs). Default: a new temporary folder.", valueName: "dir"))
    var data: String?

    @Option(help: "What a new data folder starts with: demo (a full demo account) or empty (users and CRM records only).")
    var seed: EmulatorOptions.Seed = .empty

    @Option(name: .customLong("extra-files"), help: "Add this many generated files to a new data folder (for benchmarks of large accounts).")
    var extraFiles = 0

    @Option(help: "Long-lived token to accept. Default: a random one.")
    var token: String?

    @Option(help: ArgumentHelp("Scopes of the token, comma-separated: files, files_delete.", valueName: "list"))
    var scopes = "files,files_delete"

    @Option(help: "Imitate amocrm (200 for every part, 512 KiB parts) or kommo (202 for non-final parts, /upload/ URLs, 128 KiB parts).")
    var flavor: EmulatorFlavor = .amocrm

    @Option(name: .customLong("max-part-size"), help: "Part size the upload sessions announce, in bytes (default: the flavor's).")
    var maxPartSize: Int?

    @Option(help: ArgumentHelp("Add this many milliseconds before every answer.", valueName: "ms"))
    var latency = 0

    @Option(name: .customLong("fail-rate"), help: ArgumentHelp("Answer this share of requests (0-1) with 500 without handling them.", valueName: "p"))
    var failRate = 0.0

    @Option(name: .customLong("drop-rate"), help: ArgumentHelp("Close the connection of this share of requests (0-1) without an answer, before or after handling them.", valueName: "p"))
    var dropRate = 0.0

    @Option(name: .customLong("rate-limit"), help: ArgumentHelp("Answer 429 with Retry-After over this many requests per second (0: no limit).", valueName: "n"))
    var rateLimit = 0
    @Option(name: .customLong("fault-seed"), help: ArgumentHelp("Draw the injected failures and drops from this seed, so a run can be replayed.", valueName: "n"))
    var faultSeed: UInt64?
    @Flag(name: .customLong("no-admin"), help: "The token's user is not an account admin: GET /api/v4/users answers 403, as on the service.")
    var noAdmin = false

    @Option(name: .customLong("customers-mode"), help: "Customers in the account: segments or periodicity (on), disabled or unavailable (off: the type is refused).")
    var customersMode: CustomersMode = .segments
    @Flag(name: .customLong("lose-attaches"), help: "Answer attaches (links, attachment notes, file fields) as done and keep none, as users of other clients report of the service.")
    var losesAttaches = false

    @Option(name: .customLong("ready-file"), help: ArgumentHelp("When ready, write {account_url, drive_url, token, oauth} as JSON here.", valueName: "path"))
    var readyFile: String?

    @Option(name: .customLong("log-file"), help: ArgumentHelp("Append a line here for every request answered and every download served (the bytes sent, the span of a Range).", valueName: "path"))
    var logFile: String?

    func validate() throws {
        let known = Set(["files", "files_delete"])
        for scope in scopeList where !known.contains(scope) {
            throw ValidationError("unknown scope \"\(scope)\"; known scopes: files, files_delete")
        }
        for (name, value) in [("--fail-rate", failRate), ("--drop-rate", dropRate)] where !(0...1).contains(value) {
            throw ValidationError("\(name) is a share between 0 and 1")
        }
        if latency < 0 || rateLimit < 0 { throw ValidationError("--latency and --rate-limit cannot be negative") }
        if extraFiles < 0 { throw ValidationError("--extra-files cannot be negative") }
        if let maxPartSize, maxPartSize < 1 { throw ValidationError("--max-part-size must be positive") }
        for (name, value) in [("--port", port), ("--drive-port", drivePort)] where !(0...65535).contains(value) {
            throw ValidationError("\(name) must be between 0 and 65535")
        }
    }

    private var scopeList: [String] {
        scopes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() async throws {
        var options = EmulatorOptions()
        options.host = host
        options.accountPort = port
        options.drivePort = drivePort
        options.dataFolder = data.map { URL(fileURLWithPath: $0) }
        options.seed = seed
        options.extraFiles = extraFiles
        options.token = token
        options.scopes = scopeList
        options.flavor = flavor
        options.maxPartSize = maxPartSize
        options.stopOnSignals = true
        options.faults.latencyMilliseconds = latency
        options.faults.failRate = failRate
        options.faults.dropRate = dropRate
        options.faults.rateLimit = rateLimit
        options.faults.seed = faultSeed
        options.admin = !noAdmin
        options.customersMode = customersMode
        options.faults.losesAttaches = losesAttaches
        if let logFile {
            let handler = try FileLogHandler(path: logFile)
            options.logger = Logger(label: "amofiles.emulator", factory: { _ in handler })
        }
        let emulator = try await Emulator.start(options)
        print("amofiles emulator (\(flavor.rawValue)) is ready")
        if options.faults.isActive {
            print("faults:      latency \(latency) ms, fail rate \(failRate), drop rate \(dropRate), rate limit \(rateLimit == 0 ? "none" : "\(rateLimit)/s")")
        }
        print("account URL: \(emulator.accountURL.absoluteString)")
        print("drive URL:   \(emulator.driveURL.absoluteString)")
        print("token:       \(emulator.token)")
        print("data:        \(emulator.dataFolder.path)")
        print("try:         AMOFILES_TOKEN=\(emulator.token) amofiles ls --account \(emulator.accountURL.absoluteString)")
        fflush(nil)
        // Without --data the folder is this run's own: it goes when the run ends (SIGTERM, Ctrl-C).
        do {
            if let readyFile { try writeReadyFile(readyFile, emulator: emulator) }
            try await emulator.wait()
        } catch {
            await emulator.stop(removingData: data == nil)
            throw error
        }
        await emulator.stop(removingData: data == nil)
    }

    private func writeReadyFile(_ path: String, emulator: Emulator) throws {
        struct Ready: Encodable {
            var account_url: String
            var drive_url: String
            var token: String
            var data: String
            var oauth: EmulatorOAuth
        }
        let ready = Ready(
            account_url: emulator.accountURL.absoluteString, drive_url: emulator.driveURL.absoluteString,
            token: emulator.token, data: emulator.dataFolder.path, oauth: emulator.oauth)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Written beside and renamed, so a reader never sees half a file; it holds the token.
        try PrivateFile.save(encoder.encode(ready), to: path)
    }
}

extension EmulatorOptions.Seed: ExpressibleByArgument {}
extension CustomersMode: ExpressibleByArgument {}
extension EmulatorFlavor: ExpressibleByArgument {}
