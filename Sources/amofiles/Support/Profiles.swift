import AmoFilesAPI
import AmoFilesTasks
import Foundation

/// One account's credentials, as kept in `config.toml`.
struct Profile: Equatable {
    var account: String
    var driveURL: String?
    /// A long-lived token.
    var token: String?
    /// OAuth: the integration and the current pair.
    var clientID: String?
    var clientSecret: String?
    var redirectURI: String?
    var accessToken: String?
    var refreshToken: String?
    var expiresAt: Int64?

    var isOAuth: Bool { clientID != nil && refreshToken != nil }
}

/// `$XDG_CONFIG_HOME/amofiles/config.toml`: one `[name]` table per profile with
/// `key = "value"` lines. Holds tokens, so it must be private to its owner (0600).
///
/// Only this subset of TOML is read and written: tables, string and integer values, comments.
struct ProfileFile {
    let path: String

    static var defaultPath: String {
        AppFolders.config + "/config.toml"
    }

    /// Every profile; an absent file is no profiles.
    func load() throws -> [String: Profile] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        var info = stat()
        guard stat(path, &info) == 0 else { throw CLIError.config("cannot read \(path)") }
        if info.st_mode & 0o077 != 0 {
            throw CLIError.config(String(format: "%@ is readable by others (mode %o); it holds tokens. Run: chmod 600 %@", path, info.st_mode & 0o777, path))
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CLIError.config("cannot read \(path) as UTF-8") }
        return try Self.parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws -> [String: Profile] {
        var tables: [String: [String: String]] = [:]
        var order: [String] = []
        var current: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw CLIError.config("\(path):\(index + 1): a table header must end with ]") }
                var name = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 { name = String(name.dropFirst().dropLast()) }
                current = name
                if tables[name] == nil { order.append(name) }
                tables[name, default: [:]] = tables[name] ?? [:]
                continue
            }
            guard let table = current else { throw CLIError.config("\(path):\(index + 1): a key outside any [profile] table") }
            guard let equals = line.firstIndex(of: "=") else { throw CLIError.config("\(path):\(index + 1): expected key = value") }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") {
                guard value.count >= 2, value.hasSuffix("\"") else { throw CLIError.config("\(path):\(index + 1): unterminated string") }
                value = String(value.dropFirst().dropLast())
                    .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
            } else if Int64(value) == nil {
                throw CLIError.config("\(path):\(index + 1): values must be \"strings\" or integers")
            }
            tables[table]![key] = value
        }
        var profiles: [String: Profile] = [:]
        for name in order {
            let table = tables[name]!
            guard let account = table["account"] else { throw CLIError.config("\(path): profile [\(name)] has no account") }
            profiles[name] = Profile(
                account: account, driveURL: table["drive_url"], token: table["token"], clientID: table["client_id"],
                clientSecret: table["client_secret"], redirectURI: table["redirect_uri"], accessToken: table["access_token"],
                refreshToken: table["refresh_token"], expiresAt: table["expires_at"].flatMap { Int64($0) })
        }
        return profiles
    }

    /// Writes the profiles atomically with mode 0600 (created private, then renamed).
    func save(_ profiles: [String: Profile]) throws {
        let folder = LocalPath.folder(of: path)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var text = "# amofiles profiles. Holds tokens: keep it private (mode 0600).\n"
        for name in profiles.keys.sorted() {
            let profile = profiles[name]!
            text += "\n[\(name)]\n"
            let fields: [(String, String?)] = [
                ("account", profile.account), ("drive_url", profile.driveURL), ("token", profile.token),
                ("client_id", profile.clientID), ("client_secret", profile.clientSecret), ("redirect_uri", profile.redirectURI),
                ("access_token", profile.accessToken), ("refresh_token", profile.refreshToken),
            ]
            for (key, value) in fields {
                if let value { text += "\(key) = \"\(value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"\n" }
            }
            if let expires = profile.expiresAt { text += "expires_at = \(expires)\n" }
        }
        do {
            try PrivateFile.save(Data(text.utf8), to: path)
        } catch {
            throw CLIError.config(String(describing: error))
        }
    }
}
