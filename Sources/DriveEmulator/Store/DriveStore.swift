import Foundation
import GRDB

/// The emulated account: an SQLite database (WAL) and a blob folder in one data folder.
final class DriveStore: Sendable {
    let db: DatabasePool
    let blobs: BlobStore
    let clock: EmulatorClock
    let limits: UploadLimits

    /// How long a trashed file stays before it is purged.
    static let trashLifetime: Int64 = 30 * 24 * 3600
    /// How long an upload session lives.
    static let sessionLifetime: Int64 = 24 * 3600

    init(folder: URL, clock: EmulatorClock, limits: UploadLimits) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        db = try DatabasePool(path: folder.appendingPathComponent("drive.sqlite").path, configuration: configuration)
        try Schema.migrator.migrate(db)
        blobs = try BlobStore(root: folder)
        self.clock = clock
        self.limits = limits
    }

    /// True when the database holds no account yet (a new data folder).
    func isEmpty() throws -> Bool {
        try db.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'account_uuid'") == nil }
    }

    func meta(_ key: String) throws -> String? {
        try db.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    func setMeta(_ key: String, _ value: String, in db: Database) throws {
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value])
    }

    /// The bytes the account's files take: every version of every file out of the trash
    /// (trashed files stop counting at once).
    func usedBytes() throws -> Int64 {
        try db.read { db in
            try Int64.fetchOne(db, sql: "SELECT coalesce(sum(v.size), 0) FROM versions v JOIN files f ON f.uuid = v.file_uuid WHERE f.is_trashed = 0") ?? 0
        }
    }

    /// The account uuid that appears in download links.
    func accountUUID() throws -> String { try meta("account_uuid") ?? "00000000-0000-0000-0000-000000000000" }
}

/// The upload limits a session announces.
public struct UploadLimits: Sendable {
    public var maxPartSize: Int
    public var maxFileSize: Int64
    /// The account's disk space (a trial account has 10 GB).
    public var storageLimit: Int64

    public init(maxPartSize: Int, maxFileSize: Int64 = 314_572_800, storageLimit: Int64 = 10_000_000_000) {
        self.maxPartSize = maxPartSize
        self.maxFileSize = maxFileSize
        self.storageLimit = storageLimit
    }
}

/// One entry of API v4's `validation-errors`: which item of a batch, what is wrong where.
struct ValidationFailure: Sendable {
    var requestID: String
    var code: String
    var path: String
    var detail: String
}

/// A failure the emulator answers with, in the style of the listener it happened on.
struct EmulatorFailure: Error {
    var status: Int
    var title: String
    var detail: String
    var validation: [ValidationFailure] = []

    /// A 400; with a `path`, API v4 also lists it in `validation-errors` under the item's `request_id`.
    static func badRequest(_ detail: String, path: String? = nil, code: String = "InvalidValue", requestID: String = "0") -> EmulatorFailure {
        EmulatorFailure(
            status: 400, title: "Bad Request", detail: detail,
            validation: path.map { [ValidationFailure(requestID: requestID, code: code, path: $0, detail: detail)] } ?? [])
    }
    static func notFound(_ detail: String) -> EmulatorFailure { EmulatorFailure(status: 404, title: "Not Found", detail: detail) }
    static func unauthorized(_ detail: String) -> EmulatorFailure { EmulatorFailure(status: 401, title: "Unauthorized", detail: detail) }
    static func forbidden(_ detail: String) -> EmulatorFailure { EmulatorFailure(status: 403, title: "Forbidden", detail: detail) }
}
