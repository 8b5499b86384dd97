import AmoFilesAPI
import Foundation
import GRDB

/// Records (leads, contacts, companies, customers) with their custom field values and
/// related records, the account's custom fields, and the lead pipelines.
extension DriveStore {
    // MARK: Records

    /// One page of records of a type whose name holds `query` (or whose id is it), or with the given ids.
    func searchEntities(
        _ type: EntityType, query: String?, ids: [Int] = [], withContacts: Bool = false, limit: Int, page: Int
    ) throws -> (entities: [CRMEntity], hasMore: Bool) {
        try db.read { db in
            var sql = "SELECT * FROM entities WHERE type = ?"
            var arguments: StatementArguments = [type.rawValue]
            if let query, !query.isEmpty {
                if let id = Int(query) {
                    sql += " AND (instr(search_name, ?) > 0 OR id = ?)"
                    arguments += [query.lowercased(), id]
                } else {
                    sql += " AND instr(search_name, ?) > 0"
                    arguments += [query.lowercased()]
                }
            }
            if !ids.isEmpty {
                sql += " AND id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(ids)
            }
            sql += " ORDER BY id LIMIT ? OFFSET ?"
            arguments += [limit + 1, (page - 1) * limit]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return (try Self.records(Array(rows.prefix(limit)), type: type, withContacts: withContacts, in: db), rows.count > limit)
        }
    }

    func entity(_ type: EntityType, id: Int, withContacts: Bool = false) throws -> CRMEntity? {
        try db.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM entities WHERE type = ? AND id = ?", arguments: [type.rawValue, id]) else {
                return nil
            }
            return try Self.records([row], type: type, withContacts: withContacts, in: db).first
        }
    }

    func entityExists(_ type: EntityType, id: Int) throws -> Bool {
        try db.read { db in try Self.entityExists(type, id: id, in: db) }
    }

    static func entityExists(_ type: EntityType, id: Int, in db: Database) throws -> Bool {
        try Row.fetchOne(db, sql: "SELECT 1 FROM entities WHERE type = ? AND id = ?", arguments: [type.rawValue, id]) != nil
    }

    /// Records from their rows, with field values read in one query. A file field shows
    /// its file as it is now: the active version, the current name and size.
    private static func records(_ rows: [Row], type: EntityType, withContacts: Bool, in db: Database) throws -> [CRMEntity] {
        guard !rows.isEmpty else { return [] }
        let ids: [Int] = rows.map { $0["id"] }
        let valueRows = try Row.fetchAll(
            db,
            sql: """
                SELECT v.entity_id, v.field_values, f.id, f.name, f.code, f.type FROM field_values v JOIN custom_fields f ON f.id = v.field_id
                WHERE v.entity_type = ? AND v.entity_id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY f.sort, f.id
                """,
            arguments: [type.rawValue] + StatementArguments(ids))
        var values: [Int: [CustomFieldValue]] = [:]
        for row in valueRows {
            let stored = try JSONDecoder().decode([FieldValue].self, from: Data((row["field_values"] as String).utf8))
            let current = try stored.map { value in
                guard let file = value.value.file, let record = try Self.file(file.fileUUID, in: db) else { return value }
                return FieldValue(.file(FileFieldValue(
                    fileUUID: record.uuid, versionUUID: record.activeVersion, fileName: record.displayName, fileSize: record.size)))
            }
            values[row["entity_id"], default: []].append(
                CustomFieldValue(fieldID: row["id"], fieldName: row["name"], fieldCode: row["code"], fieldType: row["type"], values: current))
        }
        return rows.map { row in
            let id: Int = row["id"]
            let companyID: Int? = row["company_id"]
            let contactID: Int? = row["contact_id"]
            return CRMEntity(
                id: id, name: row["name"], responsibleUserID: row["responsible_user_id"], createdAt: row["created_at"],
                updatedAt: row["updated_at"], price: type == .leads ? (row["price"] ?? 0) : nil,
                createdBy: row["created_by"], updatedBy: row["updated_by"], pipelineID: row["pipeline_id"], statusID: row["status_id"],
                customFieldsValues: values[id], companyIDs: companyID.map { [$0] } ?? [],
                contactIDs: type == .leads && withContacts ? (contactID.map { [$0] } ?? []) : nil)
        }
    }

    // MARK: Custom fields

    /// One page of an entity type's fields, in their order, optionally of some types only.
    func customFields(_ type: EntityType, types: [String], limit: Int, page: Int) throws -> (fields: [CustomField], total: Int) {
        try db.read { db in
            var filter = "entity_type = ?"
            var arguments: StatementArguments = [type.rawValue]
            if !types.isEmpty {
                filter += " AND type IN (\(types.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(types)
            }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM custom_fields WHERE \(filter)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM custom_fields WHERE \(filter) ORDER BY sort, id LIMIT ? OFFSET ?",
                arguments: arguments + [limit, (page - 1) * limit])
            return (try rows.map(Self.customField), total)
        }
    }

    private static func customField(_ row: Row) throws -> CustomField {
        let enums = try (row["enums"] as String?).map { try JSONDecoder().decode([FieldEnum].self, from: Data($0.utf8)) }
        return CustomField(
            id: row["id"], name: row["name"], type: row["type"], code: row["code"], sort: row["sort"],
            isAPIOnly: row["is_api_only"], entityType: row["entity_type"], enums: enums)
    }

    static func addCustomField(_ field: CustomField, to type: EntityType, in db: Database) throws {
        let enums = try field.enums.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try db.execute(
            sql: "INSERT INTO custom_fields (id, entity_type, name, type, code, sort, is_api_only, enums) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [field.id, type.rawValue, field.name, field.type, field.code, field.sort ?? 500, field.isAPIOnly ?? false, enums])
    }

    /// Sets (or with `values: null` clears) fields of records, all or none: `PATCH /api/v4/{entity}`.
    /// With `keep` false everything is checked and answered, and nothing is stored.
    func updateFields(_ type: EntityType, updates: [RecordUpdate], by userID: Int, keep: Bool = true) throws -> [RecordUpdate] {
        try db.write { db in
            let now = clock.now()
            var answers: [RecordUpdate] = []
            for (index, update) in updates.enumerated() {
                let requestID = update.requestID ?? String(index)
                guard try Self.entityExists(type, id: update.id, in: db) else {
                    throw EmulatorFailure.badRequest("\(type.singular) \(update.id) not found", path: "id", code: "NotFound", requestID: requestID)
                }
                for (position, value) in (update.customFieldsValues ?? []).enumerated() {
                    let stored = try Self.checkedValues(value, of: type, at: "custom_fields_values.\(position)", requestID: requestID, in: db)
                    guard keep else { continue }
                    if let stored {
                        try db.execute(
                            sql: "INSERT OR REPLACE INTO field_values (entity_type, entity_id, field_id, field_values) VALUES (?, ?, ?, ?)",
                            arguments: [type.rawValue, update.id, value.fieldID, String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)])
                    } else {
                        try db.execute(
                            sql: "DELETE FROM field_values WHERE entity_type = ? AND entity_id = ? AND field_id = ?",
                            arguments: [type.rawValue, update.id, value.fieldID])
                    }
                }
                if keep {
                    try db.execute(
                        sql: "UPDATE entities SET updated_at = ?, updated_by = ? WHERE type = ? AND id = ?", arguments: [now, userID, type.rawValue, update.id])
                }
                answers.append(RecordUpdate(id: update.id, updatedAt: now, requestID: requestID))
            }
            return answers
        }
    }

    /// The values to store for one field, nil to clear it, or a 400 naming what is wrong.
    private static func checkedValues(
        _ value: CustomFieldValue, of type: EntityType, at path: String, requestID: String, in db: Database
    ) throws -> [FieldValue]? {
        func refuse(_ detail: String, _ where: String, code: String = "InvalidValue") -> EmulatorFailure {
            .badRequest(detail, path: "\(path).\(`where`)", code: code, requestID: requestID)
        }
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM custom_fields WHERE id = ? AND entity_type = ?", arguments: [value.fieldID, type.rawValue]) else {
            throw refuse("no field \(value.fieldID) on \(type.rawValue)", "field_id", code: "NotSupportedChoice")
        }
        let field = try customField(row)
        guard let values = value.values else { return nil }
        guard !values.isEmpty else { throw refuse("values must not be empty; send null to clear the field", "values") }
        return try values.enumerated().map { index, item in
            let at = "values.\(index).value"
            switch (field.type, item.value) {
            case ("file", .file(let file)):
                guard values.count == 1 else { throw refuse("a file field holds one file", "values") }
                guard let record = try Self.file(file.fileUUID, in: db) else { throw refuse("file \(file.fileUUID) not found", at + ".file_uuid", code: "NotFound") }
                guard !record.isTrashed else { throw refuse("file \(file.fileUUID) is in the trash and cannot be used in a field", at + ".file_uuid") }
                if let version = file.versionUUID, try Row.fetchOne(
                    db, sql: "SELECT 1 FROM versions WHERE uuid = ? AND file_uuid = ?", arguments: [version, record.uuid]) == nil {
                    throw refuse("version \(version) is not a version of file \(record.uuid)", at + ".version_uuid", code: "NotFound")
                }
                return FieldValue(.file(FileFieldValue(fileUUID: record.uuid, versionUUID: file.versionUUID, fileName: record.displayName, fileSize: record.size)))
            case ("file", _):
                throw refuse("a file field takes {\"file_uuid\": ...}", at)
            case ("checkbox", .flag):
                return item
            case ("select", .text(let text)):
                guard field.enums?.contains(where: { $0.value == text }) ?? false else { throw refuse("\"\(text)\" is not a choice of the field", at, code: "NotSupportedChoice") }
                return item
            case ("numeric", .number), ("text", .text), ("textarea", .text), ("url", .text), ("multitext", .text), ("text", .number):
                return item
            default:
                throw refuse("a value of this shape does not fit a field of type \(field.type)", at)
            }
        }
    }

    // MARK: Pipelines

    func pipelines() throws -> [Pipeline] {
        try db.read { db in
            let statuses = try Row.fetchAll(db, sql: "SELECT * FROM statuses ORDER BY pipeline_id, sort, id")
            return try Row.fetchAll(db, sql: "SELECT * FROM pipelines ORDER BY sort, id").map { row in
                let id: Int = row["id"]
                return Pipeline(
                    id: id, name: row["name"], sort: row["sort"], isMain: row["is_main"], isArchive: row["is_archive"],
                    statuses: statuses.filter { ($0["pipeline_id"] as Int) == id }.map {
                        PipelineStatus(id: $0["id"], name: $0["name"], sort: $0["sort"], pipelineID: id, color: $0["color"], type: $0["type"])
                    })
            }
        }
    }
}
