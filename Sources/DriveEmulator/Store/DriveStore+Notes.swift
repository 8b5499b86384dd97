import AmoFilesAPI
import Foundation
import GRDB

/// How to list a record's notes: which types, in which order, which page.
struct NoteQuery: Sendable {
    var types: [String] = []
    var orderBy = "id"
    var ascending = true
    var limit = 50
    var page = 1
}

/// Notes in records' feeds. An attachment note also shows its file on the record's Files
/// tab (seed 000: files "uploaded in a note" are listed there), so it adds a link too.
extension DriveStore {
    static let noteKinds: Set<String> = [Note.common, Note.attachment]

    /// One page of a record's notes, or nil when there is no such record.
    func notes(_ type: EntityType, id: Int, _ query: NoteQuery) throws -> (notes: [Note], hasMore: Bool)? {
        try db.read { db in
            guard try Self.entityExists(type, id: id, in: db) else { return nil }
            var sql = "SELECT * FROM notes WHERE entity_type = ? AND entity_id = ?"
            var arguments: StatementArguments = [type.rawValue, id]
            if !query.types.isEmpty {
                sql += " AND note_type IN (\(query.types.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(query.types)
            }
            let direction = query.ascending ? "ASC" : "DESC"
            sql += " ORDER BY \(query.orderBy == "updated_at" ? "updated_at \(direction), id" : "id") \(direction) LIMIT ? OFFSET ?"
            arguments += [query.limit + 1, (query.page - 1) * query.limit]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return (try rows.prefix(query.limit).map(Self.note), rows.count > query.limit)
        }
    }

    private static func note(_ row: Row) throws -> Note {
        Note(
            id: row["id"], entityID: row["entity_id"], createdBy: row["created_by"], updatedBy: row["created_by"],
            createdAt: row["created_at"], updatedAt: row["updated_at"], responsibleUserID: row["responsible_user_id"], groupID: 0,
            noteType: row["note_type"], accountID: DemoAccount.id,
            params: try JSONDecoder().decode(NoteParams.self, from: Data((row["params"] as String).utf8)))
    }

    /// Adds notes, all or none. Each item names its record (`entityID`). With `keep` false
    /// everything is checked and answered with the ids the notes would get, and nothing is stored.
    func addNotes(_ type: EntityType, _ items: [NewNote], by userID: Int, keep: Bool = true) throws -> [CreatedNote] {
        try db.write { db in
            let now = clock.now()
            var nextID = max(76_787_983, (try Int.fetchOne(db, sql: "SELECT max(id) FROM notes") ?? 0) + 1)
            var created: [CreatedNote] = []
            for (index, item) in items.enumerated() {
                let requestID = item.requestID ?? String(index)
                func refuse(_ detail: String, _ path: String, code: String = "InvalidValue") -> EmulatorFailure {
                    .badRequest(detail, path: path, code: code, requestID: requestID)
                }
                guard let entityID = item.entityID, entityID > 0 else { throw refuse("entity_id must name a \(type.singular)", "entity_id") }
                guard try Self.entityExists(type, id: entityID, in: db) else {
                    throw refuse("\(type.singular) \(entityID) not found", "entity_id", code: "NotFound")
                }
                guard Self.noteKinds.contains(item.noteType) else {
                    throw refuse("the emulator keeps notes of types \(Self.noteKinds.sorted().joined(separator: ", ")) only", "note_type", code: "NotSupportedChoice")
                }
                let params = item.noteType == Note.attachment
                    ? try Self.attachmentParams(item.params, refuse: refuse, in: db)
                    : try Self.commentParams(item.params, refuse: refuse)
                let time = item.createdAt ?? now
                if keep {
                    try db.execute(
                        sql: """
                            INSERT INTO notes (id, entity_type, entity_id, note_type, params, created_by, responsible_user_id, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [nextID, type.rawValue, entityID, item.noteType, String(decoding: try JSONEncoder().encode(params), as: UTF8.self),
                                    userID, userID, time, now])
                    if let file = params.fileUUID {
                        try db.execute(
                            sql: "INSERT OR IGNORE INTO entity_links (entity_type, entity_id, file_uuid, created_at) VALUES (?, ?, ?, ?)",
                            arguments: [type.rawValue, entityID, file, now])
                    }
                }
                created.append(CreatedNote(id: nextID, entityID: entityID, requestID: requestID))
                nextID += 1
            }
            return created
        }
    }

    /// An attachment note's params as the service reads them back: the given name as
    /// `original_name` and `text`, its ASCII form as `file_name`, the version pinned.
    private static func attachmentParams(
        _ params: NoteParams, refuse: (String, String, String) -> EmulatorFailure, in db: Database
    ) throws -> NoteParams {
        guard let uuid = params.fileUUID, !uuid.isEmpty else { throw refuse("an attachment note needs params.file_uuid", "params.file_uuid", "InvalidValue") }
        guard let file = try Self.file(uuid, in: db) else { throw refuse("file \(uuid) not found", "params.file_uuid", "NotFound") }
        guard !file.isTrashed else { throw refuse("file \(uuid) is in the trash and cannot be used in a note", "params.file_uuid", "InvalidValue") }
        if let version = params.versionUUID, try Row.fetchOne(
            db, sql: "SELECT 1 FROM versions WHERE uuid = ? AND file_uuid = ?", arguments: [version, uuid]) == nil {
            throw refuse("version \(version) is not a version of file \(uuid)", "params.version_uuid", "NotFound")
        }
        let shown = params.fileName.flatMap { $0.isEmpty ? nil : $0 } ?? file.displayName
        let split = FileNaming.split(shown)
        return NoteParams(
            text: shown, isDriveAttachment: true, originalName: shown, fileUUID: uuid,
            versionUUID: params.versionUUID ?? file.activeVersion, fileName: FileNaming.asciiName(split.name, split.fileExtension))
    }

    private static func commentParams(_ params: NoteParams, refuse: (String, String, String) -> EmulatorFailure) throws -> NoteParams {
        guard let text = params.text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw refuse("a common note needs params.text", "params.text", "InvalidValue")
        }
        return NoteParams(text: text)
    }
}
