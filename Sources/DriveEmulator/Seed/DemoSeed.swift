import AmoFilesAPI
import Foundation
import GRDB

/// Fills a new data folder: always the account, users and CRM records; with the
/// demo seed also a few hundred files, versions, trash and links.
struct DemoSeed {
    let store: DriveStore

    func plant(_ seed: EmulatorOptions.Seed, extraFiles: Int = 0) throws {
        var random = SeededRandom(seed: 20_221_222)
        let now = store.clock.now()
        try store.db.write { db in
            try store.setMeta("account_uuid", random.uuid(), in: db)
            for user in DemoAccount.users {
                try db.execute(sql: "INSERT INTO users (id, name, email, lang) VALUES (?, ?, ?, ?)", arguments: [user.id, user.name, user.email, user.lang])
            }
            let entities = try plantEntities(now: now, random: &random, in: db)
            var records = RecordSeed(now: now)
            try records.plantAccount(in: db)
            if seed == .demo {
                try plantFiles(entities: entities, now: now, random: &random, in: db)
                try records.plantDemoUses(in: db)
            }
            try plantBulk(extraFiles, now: now, random: &random, in: db)
        }
    }

    /// A data folder from before records had pipelines, fields and notes gets the
    /// pipelines, fields, phones and related records every account has.
    func upgrade() throws {
        try store.db.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM pipelines") == 0 else { return }
            var records = RecordSeed(now: store.clock.now())
            try records.plantAccount(in: db)
        }
    }

    /// The OAuth integration of this data folder, with a fresh refresh token for this run.
    static func oauthClient(store: DriveStore, scopes: [String], in db: Database) throws -> EmulatorOAuth {
        let redirect = "https://example.com/amofiles/oauth"
        if try Row.fetchOne(db, sql: "SELECT 1 FROM oauth_clients") == nil {
            try db.execute(
                sql: "INSERT INTO oauth_clients (client_id, client_secret, redirect_uri, scopes) VALUES (?, ?, ?, ?)",
                arguments: [UUID().uuidString.lowercased(), DriveStore.newToken() + DriveStore.newToken(), redirect, scopes.joined(separator: ",")])
        }
        let row = try Row.fetchOne(db, sql: "SELECT * FROM oauth_clients LIMIT 1")!
        let clientID: String = row["client_id"]
        try db.execute(sql: "UPDATE oauth_clients SET scopes = ? WHERE client_id = ?", arguments: [scopes.joined(separator: ","), clientID])
        let refresh = DriveStore.newToken() + DriveStore.newToken()
        try db.execute(sql: "INSERT INTO refresh_tokens (token, client_id, user_id) VALUES (?, ?, ?)", arguments: [refresh, clientID, DemoAccount.adminUserID])
        return EmulatorOAuth(clientID: clientID, clientSecret: row["client_secret"], redirectURI: row["redirect_uri"], refreshToken: refresh)
    }

    private func plantEntities(now: Int64, random: inout SeededRandom, in db: Database) throws -> [(EntityType, Int)] {
        var planted: [(EntityType, Int)] = []
        let lists: [(EntityType, [String], Int)] = [
            (.leads, DemoNames.leads, 22_859_100), (.contacts, DemoNames.contacts, 41_200_000),
            (.companies, DemoNames.companies, 51_300_000), (.customers, DemoNames.customers, 1_200),
        ]
        for (type, names, base) in lists {
            for (index, name) in names.enumerated() {
                var id = base + index * 7 + 1
                if name.hasPrefix("Сделка #"), let fixed = Int(name.dropFirst(8)) { id = fixed }
                let created = now - Int64.random(in: 30 * 86_400...700 * 86_400, using: &random)
                let user = DemoAccount.users.randomElement(using: &random)!.id
                try db.execute(
                    sql: """
                        INSERT INTO entities (type, id, name, search_name, responsible_user_id, created_by, updated_by, created_at, updated_at,
                        price, pipeline_id, status_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [type.rawValue, id, name, name.lowercased(), user, user, user, created,
                                created + Int64.random(in: 0...20 * 86_400, using: &random),
                                type == .leads ? Int.random(in: 1...500, using: &random) * 1000 : nil,
                                type == .leads ? 3_858_604 : nil, type == .leads ? 37_066_876 + Int.random(in: 0...5, using: &random) : nil])
                planted.append((type, id))
            }
        }
        return planted
    }

    private func plantFiles(entities: [(EntityType, Int)], now: Int64, random: inout SeededRandom, in db: Database) throws {
        var names: [(String, String)] = []
        for round in 0..<11 {
            for template in DemoNames.fileTemplates {
                let number = 100 + round * 37 + Int.random(in: 0...30, using: &random)
                names.append((template.pattern.replacingOccurrences(of: "#", with: String(number)), template.extensions.randomElement(using: &random)!))
            }
        }
        names += DemoNames.hostile.map { ($0.name, $0.fileExtension) }

        var fileUUIDs: [String] = []
        for (index, (name, ext)) in names.enumerated() {
            let uuid = random.uuid()
            fileUUIDs.append(uuid)
            let versionCount = index % 13 == 0 ? Int.random(in: 3...6, using: &random) : (index % 7 == 0 ? 2 : 1)
            try plantFile(uuid: uuid, name: name, ext: ext, versions: versionCount, now: now, random: &random, in: db)
        }

        // Some of them in the trash, deleted within the last four weeks.
        for uuid in fileUUIDs.shuffled(using: &random).prefix(24) {
            let user = DemoAccount.users.randomElement(using: &random)!.id
            try db.execute(
                sql: "UPDATE files SET is_trashed = 1, deleted_at = ?, deleted_by_type = 'internal', deleted_by_id = ? WHERE uuid = ?",
                arguments: [now - Int64.random(in: 3600...28 * 86_400, using: &random), user, uuid])
        }

        // Links between files and CRM records.
        for uuid in fileUUIDs.shuffled(using: &random).prefix(150) {
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                let (type, id) = entities.randomElement(using: &random)!
                try db.execute(
                    sql: "INSERT OR IGNORE INTO entity_links (entity_type, entity_id, file_uuid, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [type.rawValue, id, uuid, now - Int64.random(in: 0...200 * 86_400, using: &random)])
            }
        }
        try DemoDocuments.plant(store: store, now: now, random: &random, in: db)
    }

    /// Many plain files, for benchmarks of large accounts; a few of them in the trash.
    private func plantBulk(_ count: Int, now: Int64, random: inout SeededRandom, in db: Database) throws {
        let templates = DemoNames.fileTemplates
        for index in 0..<count {
            let template = templates[index % templates.count]
            let name = template.pattern.replacingOccurrences(of: "#", with: String(10_000 + index))
            let uuid = random.uuid()
            try plantFile(uuid: uuid, name: name, ext: template.extensions[index % template.extensions.count], versions: 1, now: now, random: &random, in: db)
            if index % 50 == 0 {
                try db.execute(
                    sql: "UPDATE files SET is_trashed = 1, deleted_at = ?, deleted_by_type = 'internal', deleted_by_id = ? WHERE uuid = ?",
                    arguments: [now - Int64.random(in: 3600...28 * 86_400, using: &random), DemoAccount.adminUserID, uuid])
            }
        }
    }

    private func plantFile(uuid: String, name: String, ext: String, versions: Int, now: Int64, random: inout SeededRandom, in db: Database) throws {
        let kind = FileNaming.kind(fileExtension: ext, contentType: nil)
        let created = now - Int64.random(in: 2 * 86_400...400 * 86_400, using: &random)
        let author: UserRef
        switch Int.random(in: 0..<20, using: &random) {
        case 0, 1: author = .client(41_200_000 + Int.random(in: 0..<16, using: &random) * 7 + 1)
        case 2: author = .robot
        default: author = .user(DemoAccount.users.randomElement(using: &random)!.id)
        }
        let sourceID: Int? = author.type == "contact" ? [1001, 1002, 1003].randomElement(using: &random) : nil

        var time = created
        var versionUUIDs: [(String, Int64)] = []
        for number in 0..<versions {
            let versionUUID = random.uuid()
            let size = Self.size(for: kind.type, ext: ext, random: &random)
            let editor = number == 0 ? author : .user(DemoAccount.users.randomElement(using: &random)!.id)
            if number == 0 {
                try DriveStore.insertFile(
                    uuid: uuid, name: name, activeVersion: versionUUID, sourceID: sourceID, at: time, by: author,
                    size: size, fileExtension: ext, mime: kind.mime, type: kind.type, in: db)
            }
            let text = ["txt", "csv"].contains(ext)
            try DriveStore.insertVersion(
                uuid: versionUUID, fileUUID: uuid, name: name, fileExtension: ext, mime: kind.mime, type: kind.type,
                size: size, at: time, by: editor, blob: GeneratedContent.key(seed: random.next() >> 1, text: text), in: db)
            versionUUIDs.append((versionUUID, size))
            if number < versions - 1 { time = min(now - 3600, time + Int64.random(in: 3600...20 * 86_400, using: &random)) }
        }
        // The newest version is active, except now and then an older one was made active again.
        let active = versions > 2 && Int.random(in: 0..<4, using: &random) == 0 ? versionUUIDs[versions - 2] : versionUUIDs[versions - 1]
        try Self.settle(uuid, active: active, versions: versions, updatedAt: versions > 1 ? time : created, in: db)
        if versions == 1 {
            try db.execute(
                sql: "UPDATE files SET updated_by_type = created_by_type, updated_by_id = created_by_id WHERE uuid = ?", arguments: [uuid])
        }
    }

    /// A planted file's active version, its count and its last change (by the admin).
    static func settle(_ uuid: String, active: (uuid: String, size: Int64), versions: Int, updatedAt: Int64, in db: Database) throws {
        try db.execute(
            sql: "UPDATE files SET active_version = ?, size = ?, version_count = ?, updated_at = ?, updated_by_type = 'internal', updated_by_id = ? WHERE uuid = ?",
            arguments: [active.uuid, active.size, versions, updatedAt, DemoAccount.adminUserID, uuid])
    }

    private static func size(for type: String, ext: String, random: inout SeededRandom) -> Int64 {
        switch (type, ext) {
        case ("video", _): random.logUniform(2_000_000, 40_000_000)
        case ("audio", _): random.logUniform(40_000, 6_000_000)
        case ("image", _): random.logUniform(30_000, 6_000_000)
        case (_, "zip"): random.logUniform(200_000, 25_000_000)
        case (_, "txt"), (_, "csv"): random.logUniform(300, 200_000)
        default: random.logUniform(15_000, 4_000_000)
        }
    }
}
