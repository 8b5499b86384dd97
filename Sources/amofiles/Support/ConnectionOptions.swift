import AmoFilesAPI
import ArgumentParser
import Foundation
import Logging

/// Which account to talk to, and how to log: shared by every client command.
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Account URL, e.g. https://example.amocrm.ru. The token is read from AMOFILES_TOKEN.", valueName: "url"))
    var account: String?

    @Option(help: ArgumentHelp("Profile in config.toml to use (default: AMOFILES_PROFILE or \"default\").", valueName: "name"))
    var profile: String?

    @Option(name: .customLong("drive-url"), help: ArgumentHelp("Drive host to use instead of the one the account reports.", valueName: "url"))
    var driveURL: String?

    @Option(name: .customLong("max-rps"), help: ArgumentHelp("Requests per second at most, for all calls together (the service allows 7 per integration; 0: no limit).", valueName: "n"))
    var maxRequestsPerSecond = 7.0

    @Option(name: .customLong("log-file"), help: ArgumentHelp("Write a debug log of every call here (tokens never appear in it).", valueName: "path"))
    var logFile: String?

    func validate() throws {
        guard maxRequestsPerSecond.isFinite, maxRequestsPerSecond == 0 || (0.01...1000).contains(maxRequestsPerSecond) else {
            throw ValidationError("--max-rps is 0 (no limit) or between 0.01 and 1000")
        }
    }

    /// True when an option on the command line names the account (the environment does not).
    var namesAnAccount: Bool { account != nil || profile != nil || driveURL != nil }

    /// The account's drive host: `--drive-url` as given, or found through the account.
    func driveURL() async throws -> URL {
        if let driveURL { return try Self.url(driveURL, what: "--drive-url") }
        return try await connect().drive.driveURL
    }

    /// Connects: `--account` with AMOFILES_TOKEN, or a saved profile.
    func connect() async throws -> AmoConnection {
        let env = ProcessInfo.processInfo.environment
        let logger = try makeLogger()
        let transport = AsyncHTTPTransport()
        let pacer = Pacer(requestsPerSecond: maxRequestsPerSecond)
        let announcer = RetryAnnouncer(Output.retryNotice)
        if let account = account ?? (profile == nil ? env["AMOFILES_ACCOUNT"] : nil) {
            guard let token = env["AMOFILES_TOKEN"], !token.isEmpty else {
                throw CLIError.config("--account needs a token: set AMOFILES_TOKEN, or run `amofiles login` to save a profile")
            }
            return try await AmoConnection.connect(
                accountURL: try Self.url(account, what: "--account"), tokens: LongLivedToken(token),
                driveURL: try driveURL.map { try Self.url($0, what: "--drive-url") }, transport: transport, pacer: pacer,
                announcer: announcer, logger: logger)
        }
        let name = profile ?? env["AMOFILES_PROFILE"] ?? "default"
        let file = ProfileFile(path: ProfileFile.defaultPath)
        let profiles = try file.load()
        guard let chosen = profiles[name] else {
            if profiles.isEmpty {
                throw CLIError.config("""
                    no account configured: run `amofiles login` to save one, or pass --account URL with AMOFILES_TOKEN set.
                    `amofiles demo` opens the UI on a demo account: no account needed
                    """)
            }
            throw CLIError.config("no profile [\(name)] in \(file.path); profiles: \(profiles.keys.sorted().joined(separator: ", "))")
        }
        let accountURL = try Self.url(chosen.account, what: "account in profile [\(name)]")
        let tokens: any AccessTokenSource
        if chosen.isOAuth, let clientID = chosen.clientID, let secret = chosen.clientSecret, let refresh = chosen.refreshToken {
            tokens = OAuthSession(
                accountURL: accountURL,
                client: OAuthClientCredentials(clientID: clientID, clientSecret: secret, redirectURI: chosen.redirectURI ?? ""),
                tokens: OAuthTokens(
                    accessToken: chosen.accessToken ?? "", refreshToken: refresh,
                    // Without a saved access token, refresh before the first call rather than after a 401.
                    expiresAt: chosen.accessToken == nil ? 1 : (chosen.expiresAt ?? 0)),
                transport: transport,
                save: { fresh in
                    // Re-read so that other profiles changed meanwhile are kept.
                    var all = try file.load()
                    var updated = all[name] ?? chosen
                    updated.accessToken = fresh.accessToken
                    updated.refreshToken = fresh.refreshToken
                    updated.expiresAt = fresh.expiresAt
                    all[name] = updated
                    try file.save(all)
                })
        } else if let token = chosen.token {
            tokens = LongLivedToken(token)
        } else {
            throw CLIError.config("profile [\(name)] has neither a token nor OAuth credentials; run `amofiles login`")
        }
        let drive = try (driveURL ?? chosen.driveURL).map { try Self.url($0, what: "drive URL") }
        return try await AmoConnection.connect(
            accountURL: accountURL, tokens: tokens, driveURL: drive, transport: transport, pacer: pacer, announcer: announcer, logger: logger)
    }

    static func url(_ text: String, what: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw CLIError.config("\(what) must be an http(s) URL, got \"\(text)\"")
        }
        return url
    }

    private func makeLogger() throws -> Logger {
        guard let logFile else { return Logger(label: "amofiles", factory: { _ in SwiftLogNoOpLogHandler() }) }
        let handler = try FileLogHandler(path: logFile)
        var logger = Logger(label: "amofiles", factory: { _ in handler })
        logger.logLevel = .debug
        return logger
    }
}
