import AmoFilesAPI
import Foundation
import GRDB

/// A row of `upload_sessions`.
struct UploadSessionRecord: FetchableRecord, Sendable {
    var id: Int64
    var fileName: String
    var fileSize: Int64
    var contentType: String?
    var fileUUID: String?
    var userID: Int
    var expiresAt: Int64
    var received: Int64
    var parts: Int
    var nextToken: String
    var lastToken: String?
    var lastOffset: Int64?
    var lastSize: Int64?
    var finishedFile: String?

    init(row: Row) {
        id = row["id"]
        fileName = row["file_name"]
        fileSize = row["file_size"]
        contentType = row["content_type"]
        fileUUID = row["file_uuid"]
        userID = row["user_id"]
        expiresAt = row["expires_at"]
        received = row["received"]
        parts = row["parts"]
        nextToken = row["next_token"]
        lastToken = row["last_token"]
        lastOffset = row["last_offset"]
        lastSize = row["last_size"]
        finishedFile = row["finished_file"]
    }
}

/// What a part led to.
enum PartAcceptance {
    case next(sessionID: Int64, token: String)
    case finished(FileRecord, sessionID: Int64)
}

extension DriveStore {
    /// Opens a session; the first part goes to the returned token.
    func createSession(_ request: UploadSessionRequest, userID: Int) throws -> (id: Int64, token: String) {
        guard !request.fileName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw EmulatorFailure.badRequest("file_name must not be empty", path: "file_name")
        }
        guard request.fileSize >= 0 else { throw EmulatorFailure.badRequest("file_size must not be negative", path: "file_size") }
        guard request.fileSize <= limits.maxFileSize else {
            throw EmulatorFailure.badRequest("file_size \(request.fileSize) exceeds max_file_size \(limits.maxFileSize)", path: "file_size")
        }
        return try db.write { db in
            if let uuid = request.fileUUID {
                guard let file = try Self.file(uuid, in: db) else {
                    throw EmulatorFailure.badRequest("file_uuid \(uuid) not found", path: "file_uuid")
                }
                guard !file.isTrashed else {
                    throw EmulatorFailure.badRequest("file \(uuid) is in the trash; restore it first", path: "file_uuid")
                }
            }
            let id = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 26136000) + 1 FROM upload_sessions") ?? 26_136_001
            let token = Self.newToken()
            let now = clock.now()
            try db.execute(
                sql: """
                    INSERT INTO upload_sessions (id, file_name, file_size, content_type, file_uuid, user_id, created_at, expires_at, next_token)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, request.fileName, request.fileSize, request.contentType, request.fileUUID, userID,
                            now, now + Self.sessionLifetime, token])
            return (id, token)
        }
    }

    /// Accepts the bytes posted to an upload token. The bytes are on disk before this returns.
    /// Re-posting the last accepted part to the URL it went to replaces it (a client
    /// whose answer was lost can send it again); anything else out of order is refused.
    func acceptPart(token: String, bytes: [UInt8]) throws -> PartAcceptance {
        let session = try db.read { db in
            try UploadSessionRecord.fetchOne(
                db, sql: "SELECT * FROM upload_sessions WHERE next_token = ? OR last_token = ?", arguments: [token, token])
        }
        guard let session else { throw EmulatorFailure.notFound("upload session not found") }
        guard session.expiresAt > clock.now() else { throw EmulatorFailure.notFound("upload session expired") }
        let isRepost = session.nextToken != token
        if let finished = session.finishedFile {
            guard isRepost, Int64(bytes.count) == session.lastSize, let file = try file(finished) else {
                throw EmulatorFailure.notFound("upload session is already finished")
            }
            return .finished(file, sessionID: session.id)
        }
        let offset = isRepost ? (session.lastOffset ?? 0) : session.received
        let count = Int64(bytes.count)
        guard bytes.count <= limits.maxPartSize else {
            throw EmulatorFailure.badRequest("part of \(bytes.count) bytes exceeds max_part_size \(limits.maxPartSize)")
        }
        guard offset + count <= session.fileSize else {
            throw EmulatorFailure.badRequest("part brings the upload to \(offset + count) bytes, more than the declared file_size \(session.fileSize)")
        }
        guard count > 0 || session.fileSize == 0 else { throw EmulatorFailure.badRequest("empty part") }
        if count > 0 { try blobs.writePart(bytes, session: session.id, offset: offset) }

        let received = offset + count
        let finishing = received == session.fileSize
        let nextToken = isRepost || finishing ? session.nextToken : Self.newToken()
        return try db.write { db in
            try db.execute(
                sql: """
                    UPDATE upload_sessions SET received = ?, parts = parts + ?, last_token = ?, last_offset = ?, last_size = ?, next_token = ?
                    WHERE id = ? AND received = ? AND next_token = ?
                    """,
                arguments: [received, isRepost ? 0 : 1, token, offset, count, finishing ? Self.newToken() : nextToken,
                            session.id, session.received, session.nextToken])
            guard db.changesCount == 1 else { throw EmulatorFailure.badRequest("another part of this session arrived at the same time") }
            guard finishing else { return .next(sessionID: session.id, token: nextToken) }
            let file = try finishUpload(session, in: db)
            return .finished(file, sessionID: session.id)
        }
    }

    /// Turns a complete upload into a new file, or a new active version of its file.
    private func finishUpload(_ session: UploadSessionRecord, in db: Database) throws -> FileRecord {
        let versionUUID = UUID().uuidString.lowercased()
        let (name, ext) = FileNaming.split(session.fileName)
        let kind = FileNaming.kind(fileExtension: ext, contentType: session.contentType)
        let now = clock.now()
        let user = UserRef.user(session.userID)
        let fileUUID: String
        if let existing = session.fileUUID {
            guard let file = try Self.file(existing, in: db), !file.isTrashed else {
                throw EmulatorFailure.badRequest("file \(existing) was deleted during the upload", path: "file_uuid")
            }
            fileUUID = file.uuid
            try db.execute(
                sql: """
                    UPDATE files SET change_seq = \(Self.nextChange), active_version = ?, size = ?, extension = ?, mime_type = ?, type = ?,
                    updated_at = ?, updated_by_type = ?, updated_by_id = ?, version_count = version_count + 1 WHERE uuid = ?
                    """,
                arguments: [versionUUID, session.fileSize, ext, kind.mime, kind.type, now, user.type, user.id, fileUUID])
        } else {
            fileUUID = UUID().uuidString.lowercased()
            try Self.insertFile(
                uuid: fileUUID, name: name, activeVersion: versionUUID, sourceID: nil, at: now, by: user,
                size: session.fileSize, fileExtension: ext, mime: kind.mime, type: kind.type, in: db)
        }
        try Self.insertVersion(
            uuid: versionUUID, fileUUID: fileUUID, name: name, fileExtension: ext, mime: kind.mime, type: kind.type,
            size: session.fileSize, at: now, by: user, blob: versionUUID, in: db)
        try db.execute(sql: "UPDATE upload_sessions SET finished_file = ? WHERE id = ?", arguments: [fileUUID, session.id])
        try blobs.promoteUpload(session: session.id, toBlob: versionUUID)
        return try Self.file(fileUUID, in: db)!
    }

    static func insertFile(
        uuid: String, name: String, activeVersion: String, sourceID: Int?, at time: Int64, by user: UserRef,
        size: Int64, fileExtension: String, mime: String, type: String, in db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO files (uuid, name, search_name, active_version, source_id, created_at, created_by_type, created_by_id,
                updated_at, updated_by_type, updated_by_id, size, extension, mime_type, type, version_count, change_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, \(nextChange))
                """,
            arguments: [uuid, name, name.lowercased(), activeVersion, sourceID, time, user.type, user.id,
                        time, user.type, user.id, size, fileExtension, mime, type])
    }

    static func insertVersion(
        uuid: String, fileUUID: String, name: String, fileExtension: String, mime: String, type: String,
        size: Int64, at time: Int64, by user: UserRef, blob: String, in db: Database
    ) throws {
        let seq = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM versions WHERE file_uuid = ?", arguments: [fileUUID]) ?? 1
        try db.execute(
            sql: """
                INSERT INTO versions (uuid, file_uuid, seq, name, extension, mime_type, type, size, source_id,
                created_at, created_by_type, created_by_id, updated_at, updated_by_type, updated_by_id, blob)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [uuid, fileUUID, seq, name, fileExtension, mime, type, size, time, user.type, user.id, time, user.type, user.id, blob])
    }

    /// 32 random letters and digits: safe in URLs and never mistaken for an option (a leading `-`).
    static func newToken() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
