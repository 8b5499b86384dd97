import AmoFilesAPI
import GRDB

extension DriveStore {
    /// One page of files (and whether another follows).
    /// `fewMatches`: how many name matches still count as few (tests force either plan).
    func listFiles(_ query: FileListQuery, fewMatches limit: Int = FileListQuery.fewMatches) throws -> (files: [FileRecord], hasMore: Bool) {
        try purgeExpiredTrash()
        return try db.read { db in
            var fewMatches = false
            if let match = query.nameMatch {
                let bounded = "SELECT count(*) FROM (SELECT rowid FROM file_names WHERE file_names MATCH ? LIMIT ?)"
                fewMatches = try Int.fetchOne(db, sql: bounded, arguments: [match, limit]) ?? 0 < limit
            }
            let (clause, arguments) = query.whereClause(fewMatches: fewMatches)
            var all = arguments
            all += [query.limit + 1, (query.page - 1) * query.limit]
            let rows = try FileRecord.fetchAll(db, sql: "SELECT * FROM files WHERE \(clause) ORDER BY \(query.orderBy) LIMIT ? OFFSET ?", arguments: all)
            return (Array(rows.prefix(query.limit)), rows.count > query.limit)
        }
    }

    func file(_ uuid: String) throws -> FileRecord? {
        try purgeExpiredTrash()
        return try db.read { db in try Self.file(uuid, in: db) }
    }

    static func file(_ uuid: String, in db: Database) throws -> FileRecord? {
        try FileRecord.fetchOne(db, sql: "SELECT * FROM files WHERE uuid = ?", arguments: [uuid])
    }

    func versions(of uuid: String) throws -> (file: FileRecord, versions: [VersionRecord])? {
        try purgeExpiredTrash()
        return try db.read { db in
            guard let file = try Self.file(uuid, in: db) else { return nil }
            let versions = try VersionRecord.fetchAll(db, sql: "SELECT * FROM versions WHERE file_uuid = ? ORDER BY seq DESC", arguments: [uuid])
            return (file, versions)
        }
    }

    func version(_ uuid: String, of fileUUID: String) throws -> VersionRecord? {
        try db.read { db in
            try VersionRecord.fetchOne(db, sql: "SELECT * FROM versions WHERE uuid = ? AND file_uuid = ?", arguments: [uuid, fileUUID])
        }
    }

    func rename(_ uuid: String, to name: String, by user: UserRef) throws -> FileRecord {
        try db.write { db in
            let file = try Self.editableFile(uuid, in: db)
            try db.execute(
                sql: "UPDATE files SET change_seq = \(Self.nextChange), name = ?, search_name = ?, updated_at = ?, updated_by_type = ?, updated_by_id = ? WHERE uuid = ?",
                arguments: [name, name.lowercased(), clock.now(), user.type, user.id, file.uuid])
            return try Self.file(uuid, in: db)!
        }
    }

    func activate(version versionUUID: String, of uuid: String, by user: UserRef) throws -> FileRecord {
        try db.write { db in
            let file = try Self.editableFile(uuid, in: db)
            guard let version = try VersionRecord.fetchOne(
                db, sql: "SELECT * FROM versions WHERE uuid = ? AND file_uuid = ?", arguments: [versionUUID, file.uuid])
            else {
                throw EmulatorFailure.badRequest("version \(versionUUID) is not a version of file \(uuid)", path: "version_uuid")
            }
            try db.execute(
                sql: """
                    UPDATE files SET change_seq = \(Self.nextChange), active_version = ?, size = ?, extension = ?, mime_type = ?, type = ?,
                    updated_at = ?, updated_by_type = ?, updated_by_id = ? WHERE uuid = ?
                    """,
                arguments: [version.uuid, version.size, version.fileExtension, version.mimeType, version.type,
                            clock.now(), user.type, user.id, file.uuid])
            return try Self.file(uuid, in: db)!
        }
    }

    private static func editableFile(_ uuid: String, in db: Database) throws -> FileRecord {
        guard let file = try Self.file(uuid, in: db) else { throw EmulatorFailure.notFound("file \(uuid) not found") }
        guard !file.isTrashed else { throw EmulatorFailure.badRequest("file \(uuid) is in the trash; restore it first", path: "uuid") }
        return file
    }

    /// Moves files to the trash. The batch is all or nothing: one unknown uuid refuses it.
    func trash(_ uuids: [String], by user: UserRef) throws {
        try db.write { db in
            for (index, uuid) in uuids.enumerated() where try Self.file(uuid, in: db) == nil {
                throw EmulatorFailure.badRequest("file \(uuid) not found", path: "[\(index)].uuid")
            }
            let now = clock.now()
            for uuid in uuids {
                try db.execute(
                    sql: "UPDATE files SET change_seq = \(Self.nextChange), is_trashed = 1, deleted_at = ?, deleted_by_type = ?, deleted_by_id = ? WHERE uuid = ? AND is_trashed = 0",
                    arguments: [now, user.type, user.id, uuid])
            }
        }
    }

    /// Brings files back from the trash; files that are not in it are returned as they are.
    func restore(_ uuids: [String]) throws -> [FileRecord] {
        try purgeExpiredTrash()
        return try db.write { db in
            for (index, uuid) in uuids.enumerated() where try Self.file(uuid, in: db) == nil {
                throw EmulatorFailure.badRequest("file \(uuid) not found in the trash", path: "[\(index)].uuid")
            }
            for uuid in uuids {
                try db.execute(
                    sql: "UPDATE files SET change_seq = \(Self.nextChange), is_trashed = 0, deleted_at = NULL, deleted_by_type = NULL, deleted_by_id = NULL WHERE uuid = ?",
                    arguments: [uuid])
            }
            return try uuids.compactMap { try Self.file($0, in: db) }
        }
    }

    /// The next value of `change_seq`, as an SQL expression.
    static let nextChange = "(SELECT COALESCE(MAX(change_seq), 0) + 1 FROM files)"

    /// Deletes for good what has been in the trash for 30 days, bytes included.
    func purgeExpiredTrash() throws {
        let cutoff = clock.now() - Self.trashLifetime
        let expired = try db.read { db in
            try String.fetchAll(db, sql: "SELECT uuid FROM files WHERE is_trashed = 1 AND deleted_at <= ?", arguments: [cutoff])
        }
        guard !expired.isEmpty else { return }
        let blobs = try db.write { db -> [String] in
            var blobs: [String] = []
            for uuid in expired {
                blobs += try String.fetchAll(db, sql: "SELECT blob FROM versions WHERE file_uuid = ?", arguments: [uuid])
                try db.execute(sql: "DELETE FROM files WHERE uuid = ? AND is_trashed = 1 AND deleted_at <= ?", arguments: [uuid, cutoff])
            }
            return blobs
        }
        blobs.forEach(self.blobs.removeBlob)
    }
}
