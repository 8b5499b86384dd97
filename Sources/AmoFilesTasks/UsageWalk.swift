import AmoFilesAPI
import Foundation

/// One whole walk of an account: its files, its trash, and the service's own count.
public struct UsageWalk: Sendable, Codable, Equatable {
    public var files: UsageTotals
    public var trash: UsageTotals
    public var stats: DriveStats?
    /// When the walk ended (Unix time).
    public var at: Int64

    public init(files: UsageTotals, trash: UsageTotals, stats: DriveStats?, at: Int64) {
        self.files = files
        self.trash = trash
        self.stats = stats
        self.at = at
    }
}

/// The last walk of an account, in `$XDG_STATE_HOME/amofiles/usage.json` (one entry per
/// account), so the Usage screen opens on it instead of walking again.
public struct UsageWalks: Sendable {
    private let file: AccountFile<UsageWalk>

    /// The walks of `account` (its URL), kept in `folder`.
    public init(account: String, folder: String = AppFolders.state) {
        file = AccountFile(path: folder + "/usage.json", account: account)
    }

    public var last: UsageWalk? { file.value }

    /// Saves the walk; a file that cannot be written costs only the next walk.
    public func save(_ walk: UsageWalk) { file.save(walk) }
}

extension DriveClient {
    /// Walks the files, then the trash, then asks the service's own count; `progress`
    /// hears the totals so far (`inTrash` once the files are done).
    public func walkWholeUsage(progress: @Sendable (UsageTotals, _ inTrash: Bool) -> Void) async throws -> UsageWalk {
        let files = try await walkUsage { progress($0, false) }
        let trash = try await walkUsage(trash: true) { progress($0, true) }
        let stats = try? await self.stats()
        return UsageWalk(files: files, trash: trash, stats: stats, at: Int64(Date().timeIntervalSince1970))
    }
}
