import AmoFilesAPI
import Foundation
import Synchronization

/// The records a person used last (opened, attached to), per account, newest first:
/// kept in `$XDG_STATE_HOME/amofiles/recent-records.json` so a search offers them first.
public final class RecentRecords: Sendable {
    /// How many are kept per account.
    public static let limit = 30
    private let file: AccountFile<[LinkTarget]>
    private let kept: Mutex<[LinkTarget]>

    /// The records of `account` (its URL), read from `folder`.
    public init(account: String, folder: String = AppFolders.state) {
        file = AccountFile(path: folder + "/recent-records.json", account: account)
        kept = Mutex(file.value ?? [])
    }

    public var records: [LinkTarget] { kept.withLock { $0 } }

    /// The ids used last of a type, newest first.
    public func ids(of type: EntityType) -> [Int] { records.filter { $0.entity == type }.map(\.id) }

    /// Moves the record to the front and saves; a file that cannot be written costs only the ordering.
    public func use(_ target: LinkTarget) {
        let list = kept.withLock { list in
            list.removeAll { $0 == target }
            list.insert(target, at: 0)
            list = Array(list.prefix(Self.limit))
            return list
        }
        file.save(list)
    }

    /// Search results with the records used recently first (newest first), the rest as they came.
    public static func ordered(_ results: [CRMEntity], recent ids: [Int]) -> [CRMEntity] {
        let rank = Dictionary(ids.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let used = results.filter { rank[$0.id] != nil }.sorted { rank[$0.id]! < rank[$1.id]! }
        return used + results.filter { rank[$0.id] == nil }
    }
}
