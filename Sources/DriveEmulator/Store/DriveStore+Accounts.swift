import AmoFilesAPI
import GRDB

/// A bearer token the emulator accepts, and what it may do.
struct TokenGrant: Sendable {
    var userID: Int
    var scopes: Set<String>
}

extension DriveStore {
    // MARK: Tokens

    func grant(for token: String) throws -> TokenGrant? {
        try db.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM access_tokens WHERE token = ?", arguments: [token]) else { return nil }
            let expires: Int64? = row["expires_at"]
            if let expires, expires <= clock.now() { return nil }
            let scopes: String = row["scopes"]
            return TokenGrant(userID: row["user_id"], scopes: Set(scopes.split(separator: ",").map(String.init)))
        }
    }

    func addAccessToken(_ token: String, scopes: [String], userID: Int, expiresAt: Int64?, clientID: String? = nil, in db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO access_tokens (token, scopes, user_id, expires_at, client_id) VALUES (?, ?, ?, ?, ?)",
            arguments: [token, scopes.joined(separator: ","), userID, expiresAt, clientID])
    }

    /// `grant_type=refresh_token`: the refresh token works once; the answer is a new pair.
    func refreshOAuth(clientID: String, clientSecret: String, refreshToken: String) throws -> OAuthTokenResponse {
        try db.write { db in
            guard let client = try Row.fetchOne(db, sql: "SELECT * FROM oauth_clients WHERE client_id = ?", arguments: [clientID]),
                  (client["client_secret"] as String) == clientSecret else {
                throw OAuthFailure(status: 401, hint: "Client authentication failed")
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM refresh_tokens WHERE token = ? AND client_id = ?", arguments: [refreshToken, clientID]),
                  (row["used"] as Int) == 0 else {
                throw OAuthFailure(status: 400, hint: "Refresh token has been revoked")
            }
            try db.execute(sql: "UPDATE refresh_tokens SET used = 1 WHERE token = ?", arguments: [refreshToken])
            let userID: Int = row["user_id"]
            let scopes = (client["scopes"] as String).split(separator: ",").map(String.init)
            return try issueOAuthPair(clientID: clientID, userID: userID, scopes: scopes, in: db)
        }
    }

    func issueOAuthPair(clientID: String, userID: Int, scopes: [String], in db: Database) throws -> OAuthTokenResponse {
        let access = Self.newToken() + Self.newToken()
        let refresh = Self.newToken() + Self.newToken()
        let now = clock.now()
        try addAccessToken(access, scopes: scopes, userID: userID, expiresAt: now + 86_400, clientID: clientID, in: db)
        try db.execute(sql: "INSERT INTO refresh_tokens (token, client_id, user_id) VALUES (?, ?, ?)", arguments: [refresh, clientID, userID])
        return OAuthTokenResponse(tokenType: "Bearer", expiresIn: 86_400, accessToken: access, refreshToken: refresh, serverTime: now)
    }

    // MARK: Users

    func users(limit: Int, page: Int) throws -> (users: [AccountUser], hasMore: Bool) {
        try db.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY id LIMIT ? OFFSET ?", arguments: [limit + 1, (page - 1) * limit])
            let users = rows.prefix(limit).map { AccountUser(id: $0["id"], name: $0["name"], email: $0["email"], lang: $0["lang"]) }
            return (users, rows.count > limit)
        }
    }

    func user(_ id: Int) throws -> AccountUser? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map {
                AccountUser(id: $0["id"], name: $0["name"], email: $0["email"], lang: $0["lang"])
            }
        }
    }

    // MARK: Links

    /// Links of an entity, newest first, below `beforeID`. Links of trashed files are hidden.
    func entityLinks(_ type: EntityType, id: Int, limit: Int, beforeID: Int?) throws -> (links: [EntityFileLink], hasMore: Bool)? {
        try db.read { db in
            guard try Self.entityExists(type, id: id, in: db) else { return nil }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT l.id, l.file_uuid FROM entity_links l JOIN files f ON f.uuid = l.file_uuid
                    WHERE l.entity_type = ? AND l.entity_id = ? AND l.id < ? AND f.is_trashed = 0
                    ORDER BY l.id DESC LIMIT ?
                    """,
                arguments: [type.rawValue, id, beforeID ?? Int.max, limit + 1])
            return (rows.prefix(limit).map { EntityFileLink(fileUUID: $0["file_uuid"], id: $0["id"]) }, rows.count > limit)
        }
    }

    /// Attaches or detaches files. Unknown files, and trashed ones for attaching, refuse the batch.
    /// With `keep` false the batch is checked and nothing changes.
    func changeLinks(_ type: EntityType, id: Int, files: [String], attach: Bool, keep: Bool = true) throws {
        try db.write { db in
            guard try Self.entityExists(type, id: id, in: db) else {
                throw EmulatorFailure.notFound("\(type.singular) \(id) not found")
            }
            for (index, uuid) in files.enumerated() {
                guard let file = try Self.file(uuid, in: db) else {
                    throw EmulatorFailure.badRequest("file \(uuid) not found", path: "[\(index)].file_uuid")
                }
                if attach, file.isTrashed {
                    throw EmulatorFailure.badRequest("file \(uuid) is in the trash and cannot be attached", path: "[\(index)].file_uuid")
                }
            }
            let now = clock.now()
            for uuid in files where keep {
                if attach {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO entity_links (entity_type, entity_id, file_uuid, created_at) VALUES (?, ?, ?, ?)",
                        arguments: [type.rawValue, id, uuid, now])
                } else {
                    try db.execute(
                        sql: "DELETE FROM entity_links WHERE entity_type = ? AND entity_id = ? AND file_uuid = ?",
                        arguments: [type.rawValue, id, uuid])
                }
            }
        }
    }

    /// The entities a file is attached to, in the shape of `GET /api/v4/files/{uuid}/links`.
    func linkedEntities(ofFile uuid: String) throws -> [LinkedEntity]? {
        try db.read { db in
            guard let file = try Self.file(uuid, in: db) else { return nil }
            if file.isTrashed { return [] }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.* FROM entity_links l JOIN entities e ON e.type = l.entity_type AND e.id = l.entity_id
                    WHERE l.file_uuid = ? ORDER BY l.id DESC
                    """,
                arguments: [uuid])
            return rows.map { row in
                LinkedEntity(
                    id: row["id"], name: row["name"], entityType: row["type"], createdBy: row["created_by"],
                    mainUserID: row["responsible_user_id"], dateCreate: row["created_at"], dateUpdate: row["updated_at"],
                    updatedBy: row["updated_by"], price: row["price"], pipelineID: row["pipeline_id"],
                    statusID: row["status_id"], closestTaskAt: nil)
            }
        }
    }
}

/// An OAuth refusal, answered as problem JSON with a `hint`.
struct OAuthFailure: Error {
    var status: Int
    var hint: String
}
