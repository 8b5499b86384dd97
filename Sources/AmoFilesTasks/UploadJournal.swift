import Foundation

/// What is known of one unfinished upload: enough to go on from the last accepted
/// part after a crash, a killed process or a dropped SSH session.
public struct UploadRecord: Codable, Sendable, Equatable {
    public var id: String
    public var path: String
    public var fileName: String
    public var newVersionOf: String?
    /// The entity to attach the file to once it is uploaded.
    public var attach: LinkTarget?
    public var size: Int64
    /// The source's modification time when the upload started; a change means another file.
    public var modified: Double
    public var driveURL: String
    public var sessionID: Int
    public var partSize: Int
    /// Local time after which the session is gone (it lives 24 hours).
    public var sessionExpiresAt: Double
    /// Bytes the service has accepted.
    public var accepted: Int64
    /// Where the next part goes.
    public var nextURL: String
    public var partsAccepted: Int

    public init(
        id: String, path: String, fileName: String, newVersionOf: String?, attach: LinkTarget? = nil, size: Int64, modified: Double, driveURL: String,
        sessionID: Int, partSize: Int, sessionExpiresAt: Double, accepted: Int64, nextURL: String, partsAccepted: Int
    ) {
        self.id = id
        self.path = path
        self.fileName = fileName
        self.newVersionOf = newVersionOf
        self.attach = attach
        self.size = size
        self.modified = modified
        self.driveURL = driveURL
        self.sessionID = sessionID
        self.partSize = partSize
        self.sessionExpiresAt = sessionExpiresAt
        self.accepted = accepted
        self.nextURL = nextURL
        self.partsAccepted = partsAccepted
    }
}

extension UploadRecord {
    /// False for an upload queued before its session was opened: nothing was sent yet.
    public var hasSession: Bool { !nextURL.isEmpty }

    /// A record this program could have written: an edited or damaged one is not resumed.
    var isConsistent: Bool {
        let session = hasSession ? partSize > 0 : accepted == 0 && partsAccepted == 0
        return session && size >= 0 && accepted >= 0 && accepted <= size && partsAccepted >= 0 && sessionExpiresAt.isFinite
    }
}

/// One JSON file per unfinished upload under `$XDG_STATE_HOME/amofiles/uploads/`
/// (default `~/.local/state/amofiles/uploads/`), replaced atomically after every part.
public struct UploadJournal: Sendable {
    public let folder: URL

    public init(folder: URL = UploadJournal.defaultFolder) {
        self.folder = folder
    }

    public static var defaultFolder: URL {
        URL(fileURLWithPath: AppFolders.state).appendingPathComponent("uploads")
    }

    public func save(_ record: UploadRecord) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try PrivateFile.save(JSONEncoder().encode(record), to: folder.appendingPathComponent("\(record.id).json").path)
    }

    public func remove(_ id: String) {
        unlink(folder.appendingPathComponent("\(id).json").path)
    }

    /// Every unfinished upload, oldest first; unreadable entries are skipped. Temporaries
    /// left by a process killed mid-write are swept first (a live writer's are kept).
    public func records() -> [UploadRecord] {
        sweepTemporaries()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.compactMap { name in
            let url = folder.appendingPathComponent(name)
            return (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(UploadRecord.self, from: $0) }
        }.filter(\.isConsistent).sorted { $0.sessionExpiresAt < $1.sessionExpiresAt }
    }

    private func sweepTemporaries() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names {
            guard let pid = PrivateFile.writer(ofTemporary: name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// The unfinished uploads started on this drive (an account's own).
    public func records(forDrive driveURL: URL) -> [UploadRecord] {
        records().filter { $0.driveURL == driveURL.absoluteString }
    }
}
