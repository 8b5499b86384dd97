import AmoFilesAPI
import ArgumentParser
import Foundation

/// `amofiles login`: checks credentials against the account and saves a profile.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Save an account and its token as a profile.",
        discussion: """
            Asks for the account URL and a long-lived token (typed without echo), checks them \
            against the account, and saves the profile in $XDG_CONFIG_HOME/amofiles/config.toml \
            with mode 0600. With --client-id/--client-secret/--redirect-uri it asks for an OAuth \
            refresh token instead, exchanges it at once, and saves the new pair.
            The account URL and token may also come from --account and AMOFILES_TOKEN \
            (AMOFILES_REFRESH_TOKEN for OAuth), for scripts.
            """)

    @Option(help: ArgumentHelp("Account URL, e.g. https://example.amocrm.ru.", valueName: "url"))
    var account: String?

    @Option(help: "Name of the profile to save.")
    var profile = "default"

    @Option(name: .customLong("drive-url"), help: ArgumentHelp("Drive host to save instead of discovering it on every run.", valueName: "url"))
    var driveURL: String?

    @Option(name: .customLong("client-id"), help: "OAuth integration id (switches to OAuth).")
    var clientID: String?

    @Option(name: .customLong("client-secret"), help: "OAuth integration secret.")
    var clientSecret: String?

    @Option(name: .customLong("redirect-uri"), help: "OAuth redirect URI of the integration.")
    var redirectURI: String?

    func validate() throws {
        let oauth = [clientID, clientSecret, redirectURI].compactMap { $0 }
        if !oauth.isEmpty && oauth.count != 3 {
            throw ValidationError("OAuth needs all of --client-id, --client-secret and --redirect-uri")
        }
    }

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let accountText = try account ?? env["AMOFILES_ACCOUNT"] ?? Prompt.line("Account URL (https://SUBDOMAIN.amocrm.ru): ")
        let accountURL = try ConnectionOptions.url(accountText.trimmingCharacters(in: .whitespaces), what: "account URL")
        let file = ProfileFile(path: ProfileFile.defaultPath)
        var profiles = (try? file.load()) ?? [:]
        let transport = AsyncHTTPTransport()
        var saved = Profile(account: accountURL.absoluteString, driveURL: driveURL)

        let tokens: any AccessTokenSource
        if let clientID, let clientSecret, let redirectURI {
            let refresh = try env["AMOFILES_REFRESH_TOKEN"] ?? Prompt.secret("Refresh token: ")
            let base = saved
            let session = OAuthSession(
                accountURL: accountURL,
                client: OAuthClientCredentials(clientID: clientID, clientSecret: clientSecret, redirectURI: redirectURI),
                tokens: OAuthTokens(accessToken: "", refreshToken: refresh, expiresAt: 1),
                transport: transport,
                save: { fresh in
                    var pending = base
                    pending.clientID = clientID
                    pending.clientSecret = clientSecret
                    pending.redirectURI = redirectURI
                    pending.accessToken = fresh.accessToken
                    pending.refreshToken = fresh.refreshToken
                    pending.expiresAt = fresh.expiresAt
                    var all = (try? file.load()) ?? [:]
                    all[profile] = pending
                    try file.save(all)
                })
            tokens = session
        } else {
            let token = try env["AMOFILES_TOKEN"] ?? Prompt.secret("Long-lived token: ")
            guard !token.isEmpty else { throw CLIError.config("no token given") }
            saved.token = token
            tokens = LongLivedToken(token)
        }

        let connection = try await AmoConnection.connect(
            accountURL: accountURL, tokens: tokens, driveURL: try driveURL.map { try ConnectionOptions.url($0, what: "--drive-url") },
            transport: transport)
        let info = try await connection.account.account(withDriveURL: true)
        if tokens is LongLivedToken {
            profiles = (try? file.load()) ?? profiles
            profiles[profile] = saved
            try file.save(profiles)
        }
        print("Logged in to \(Output.plain(info.name)) (drive \(info.driveURL ?? connection.drive.driveURL.absoluteString)).")
        print("Saved profile [\(profile)] in \(file.path).")
    }
}

/// Reads answers from the terminal; a secret is read with echo off.
enum Prompt {
    static func line(_ question: String) throws -> String {
        Output.write(question, to: STDERR_FILENO)
        guard let answer = readLine(strippingNewline: true) else { throw CLIError.config("no answer on standard input") }
        return answer
    }

    static func secret(_ question: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else { return try line(question) }
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            Output.write("\n", to: STDERR_FILENO)
        }
        return try line(question).trimmingCharacters(in: .whitespaces)
    }
}
