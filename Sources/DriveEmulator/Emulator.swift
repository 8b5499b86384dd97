import AmoFilesAPI
import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// How to start an emulator.
public struct EmulatorOptions: Sendable {
    public enum Seed: String, Sendable, CaseIterable {
        case demo, empty
    }

    public var host = "127.0.0.1"
    public var accountPort = 0
    public var drivePort = 0
    /// Where the database and blobs live; nil makes a new temporary folder.
    public var dataFolder: URL?
    /// Applied only when the data folder is new.
    public var seed: Seed = .empty
    /// Generated files added to a new data folder (for benchmarks of large accounts).
    public var extraFiles = 0
    /// The long-lived token to accept; nil makes a random one.
    public var token: String?
    public var scopes: [String] = ["files", "files_delete"]
    /// Whether the token's user is an account admin; only admins may list users.
    public var admin = true
    /// Whether customers are on in the account (`customers_mode`).
    public var customersMode: CustomersMode = .segments
    public var flavor: EmulatorFlavor = .amocrm
    /// Overrides the flavor's part size.
    public var maxPartSize: Int?
    public var clock = EmulatorClock()
    /// Latency, failures, dropped connections and rate limiting to inject.
    public var faults = FaultInjection()
    /// Shut down on SIGINT/SIGTERM (for `amofiles serve`).
    public var stopOnSignals = false
    public var logger = Logger(label: "amofiles.emulator", factory: { _ in SwiftLogNoOpLogHandler() })

    public init() {}
}

/// OAuth material for a client of this emulator: a registered integration and a
/// fresh, single-use refresh token.
public struct EmulatorOAuth: Sendable, Codable {
    public var clientID: String
    public var clientSecret: String
    public var redirectURI: String
    public var refreshToken: String

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id", clientSecret = "client_secret", redirectURI = "redirect_uri", refreshToken = "refresh_token"
    }
}

/// A running emulator: an account listener and a drive listener over one data folder.
public final class Emulator: Sendable {
    public let accountURL: URL
    public let driveURL: URL
    public let token: String
    public let oauth: EmulatorOAuth
    public let dataFolder: URL
    public let clock: EmulatorClock
    /// What the download links sent.
    public let downloads: DownloadMeter
    /// True when the folder was made for this run (and is removed by `stop(removingData:)`).
    public let ownsDataFolder: Bool
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    private init(
        accountURL: URL, driveURL: URL, token: String, oauth: EmulatorOAuth, dataFolder: URL, clock: EmulatorClock,
        downloads: DownloadMeter, ownsDataFolder: Bool, group: ServiceGroup, running: Task<Void, any Error>
    ) {
        self.downloads = downloads
        self.accountURL = accountURL
        self.driveURL = driveURL
        self.token = token
        self.oauth = oauth
        self.dataFolder = dataFolder
        self.clock = clock
        self.ownsDataFolder = ownsDataFolder
        self.group = group
        self.running = running
    }

    /// Starts both listeners and returns once they accept connections.
    public static func start(_ options: EmulatorOptions) async throws -> Emulator {
        let ownsFolder = options.dataFolder == nil
        let folder = options.dataFolder ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("amofiles-emulator-\(UUID().uuidString.prefix(8))")
        let limits = UploadLimits(maxPartSize: options.maxPartSize ?? options.flavor.defaultMaxPartSize)
        let store: DriveStore
        do {
            store = try DriveStore(folder: folder, clock: options.clock, limits: limits)
        } catch {
            throw EmulatorStartError(reason: "cannot use \(folder.path) as the data folder (\(EmulatorStartError.describe(error)))")
        }
        if try store.isEmpty() {
            try DemoSeed(store: store).plant(options.seed, extraFiles: options.extraFiles)
        } else {
            try DemoSeed(store: store).upgrade()
        }
        let token = options.token ?? DriveStore.newToken() + DriveStore.newToken()
        let oauth = try await store.db.write { db in
            try store.addAccessToken(token, scopes: options.scopes, userID: options.admin ? DemoAccount.adminUserID : DemoAccount.memberUserID, expiresAt: nil, in: db)
            return try DemoSeed.oauthClient(store: store, scopes: options.scopes, in: db)
        }

        let addresses = EmulatorAddresses()
        let (bound, boundContinuation) = AsyncStream.makeStream(of: (String, Int).self)
        func application(_ name: String, port: Int, router: Router<BasicRequestContext>) -> some Service {
            Application(
                router: router,
                configuration: .init(address: .hostname(options.host, port: port), serverName: nil),
                onServerRunning: { channel in boundContinuation.yield((name, channel.localAddress?.port ?? port)) },
                logger: options.logger)
        }
        let accountApp = application("account", port: options.accountPort, router: AccountRoutes(
            store: store, addresses: addresses, faults: options.faults, customersMode: options.customersMode, logger: options.logger).router())
        let downloads = DownloadMeter()
        let driveRoutes = DriveRoutes(store: store, addresses: addresses, faults: options.faults, flavor: options.flavor, downloads: downloads, logger: options.logger)
        let driveApp = application("drive", port: options.drivePort, router: driveRoutes.router())
        let group = ServiceGroup(configuration: .init(
            services: [accountApp, driveApp],
            gracefulShutdownSignals: options.stopOnSignals ? [.sigterm, .sigint] : [],
            logger: options.logger))
        let running = Task {
            defer { boundContinuation.finish() }
            try await group.run()
        }

        var ports: [String: Int] = [:]
        for await (name, port) in bound {
            ports[name] = port
            if ports.count == 2 { break }
        }
        guard let accountPort = ports["account"], let drivePort = ports["drive"] else {
            if case .failure(let error) = await running.result {
                let text = String(describing: error)
                if text.contains("Address already in use") {
                    throw EmulatorStartError(reason: "a port on \(options.host) is already in use (--port \(options.accountPort), --drive-port \(options.drivePort)); pick others or 0")
                }
                throw EmulatorStartError(reason: EmulatorStartError.describe(error))
            }
            throw EmulatorStartError(reason: "the listeners did not start")
        }
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        let accountURL = "http://\(host):\(accountPort)"
        let driveURL = "http://\(host):\(drivePort)"
        addresses.set(account: accountURL, drive: driveURL)
        return Emulator(
            accountURL: URL(string: accountURL)!, driveURL: URL(string: driveURL)!, token: token, oauth: oauth,
            dataFolder: folder, clock: options.clock, downloads: downloads, ownsDataFolder: ownsFolder, group: group, running: running)
    }

    /// Waits until the emulator stops (by a signal or `stop()`).
    public func wait() async throws {
        try await running.value
    }

    /// Stops both listeners; removes the data folder when this run made it and `removingData` is set.
    public func stop(removingData: Bool = false) async {
        await group.triggerGracefulShutdown()
        // Idle keep-alive connections would hold a graceful shutdown for seconds; after a
        // short grace the listeners are cancelled, as a killed server would be.
        let running = self.running
        let deadline = Task {
            try await Task.sleep(for: .milliseconds(500))
            running.cancel()
        }
        _ = await running.result
        deadline.cancel()
        if removingData, ownsDataFolder {
            try? FileManager.default.removeItem(at: dataFolder)
        }
    }
}

public struct EmulatorStartError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "the emulator could not start: \(reason)" }

    /// Foundation's file errors on Linux print as NSError dumps; say the POSIX reason instead.
    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error {
            let posix = underlying as NSError
            if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return String(describing: error)
    }
}
