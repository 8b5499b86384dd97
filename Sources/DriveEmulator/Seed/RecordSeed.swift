import AmoFilesAPI
import Foundation
import GRDB

/// What every account has beside its records (pipelines with Russian stage names,
/// custom fields with two file fields on leads and contacts, phones and e-mails,
/// related records), and for the demo the uses of files a card shows: attachment
/// notes with comments, and files in file fields.
///
/// It draws from its own generator, so the records, files and links planted before
/// it stay the same as they were.
struct RecordSeed {
    let now: Int64
    var random = SeededRandom(seed: 20_261_204)

    static let mainPipeline = 3_858_604
    static let tenders = 3_858_610
    static let archive = 3_858_620
    /// The lead planted twice (the second in the archive), to tell records apart by more than a name.
    static let twinLeadID = 22_859_262

    static let pipelines: [(id: Int, name: String, isMain: Bool, isArchive: Bool, stages: [(id: Int, name: String, color: String)])] = [
        (mainPipeline, "Продажи", true, false, [
            (37_066_876, "Неразобранное", "#c1c1c1"), (37_066_877, "Первичный контакт", "#99ccff"), (37_066_878, "Переговоры", "#ffff99"),
            (37_066_879, "Принимают решение", "#ffcc66"), (37_066_880, "Согласование договора", "#ffcccc"), (37_066_881, "Счёт выставлен", "#d6eaff"),
        ]),
        (tenders, "Тендеры", false, false, [
            (37_067_001, "Неразобранное", "#c1c1c1"), (37_067_002, "Подготовка заявки", "#99ccff"), (37_067_003, "Заявка подана", "#ffff99"),
            (37_067_004, "Итоги торгов", "#ffcc66"),
        ]),
        (archive, "Архив 2025", false, true, [(37_068_001, "Неразобранное", "#c1c1c1"), (37_068_002, "Работа с клиентом", "#99ccff")]),
    ]

    static let contract = 1_154_281
    static let passportScan = 1_154_283
    static let contactContract = 1_154_290
    static let contactPassportScan = 1_154_292

    private static func phoneEnums(_ base: Int) -> [FieldEnum] {
        ["WORK", "WORKDD", "MOB", "FAX", "HOME", "OTHER"].enumerated().map { FieldEnum(id: base + $0.offset, value: $0.element, sort: ($0.offset + 1) * 2) }
    }

    private static func emailEnums(_ base: Int) -> [FieldEnum] {
        ["WORK", "PRIV", "OTHER"].enumerated().map { FieldEnum(id: base + $0.offset, value: $0.element, sort: ($0.offset + 1) * 2) }
    }

    static let fields: [(EntityType, CustomField)] = [
        (.leads, CustomField(id: 1_016_236, name: "Источник", type: "select", sort: 500, enums: ["Сайт", "Рекомендация", "Выставка", "Холодный звонок"].enumerated().map {
            FieldEnum(id: 867_968 + $0.offset, value: $0.element, sort: 500 + $0.offset)
        })),
        (.leads, CustomField(id: contract, name: "Договор", type: "file", sort: 510)),
        (.leads, CustomField(id: passportScan, name: "Скан паспорта", type: "file", sort: 520)),
        (.leads, CustomField(id: 1_016_238, name: "Комментарий менеджера", type: "textarea", sort: 530)),
        (.contacts, CustomField(id: 1_016_300, name: "Должность", type: "text", code: "POSITION", sort: 4)),
        (.contacts, CustomField(id: 1_016_302, name: "Телефон", type: "multitext", code: "PHONE", sort: 5, enums: phoneEnums(868_000))),
        (.contacts, CustomField(id: 1_016_304, name: "Email", type: "multitext", code: "EMAIL", sort: 6, enums: emailEnums(868_010))),
        (.contacts, CustomField(id: contactContract, name: "Договор", type: "file", sort: 510)),
        (.contacts, CustomField(id: contactPassportScan, name: "Скан паспорта", type: "file", sort: 520)),
        (.companies, CustomField(id: 1_016_310, name: "Телефон", type: "multitext", code: "PHONE", sort: 5, enums: phoneEnums(868_020))),
        (.companies, CustomField(id: 1_016_312, name: "Email", type: "multitext", code: "EMAIL", sort: 6, enums: emailEnums(868_030))),
        (.companies, CustomField(id: 1_016_314, name: "Web", type: "url", code: "WEB", sort: 7)),
        (.companies, CustomField(id: 1_016_316, name: "Адрес", type: "textarea", code: "ADDRESS", sort: 8)),
        (.customers, CustomField(id: 1_154_295, name: "Договор", type: "file", sort: 510)),
    ]

    /// Pipelines, fields, phones, e-mails and related records: every account has them.
    mutating func plantAccount(in db: Database) throws {
        for (index, pipeline) in Self.pipelines.enumerated() {
            try db.execute(
                sql: "INSERT INTO pipelines (id, name, sort, is_main, is_archive) VALUES (?, ?, ?, ?, ?)",
                arguments: [pipeline.id, pipeline.name, index + 1, pipeline.isMain, pipeline.isArchive])
            let closing = [(142, "Успешно реализовано", "#CCFF66"), (143, "Закрыто и не реализовано", "#D5D8DB")]
            for (order, stage) in (pipeline.stages + closing).enumerated() {
                try db.execute(
                    sql: "INSERT INTO statuses (pipeline_id, id, name, sort, color, type, is_editable) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [pipeline.id, stage.0, stage.1, stage.0 >= 142 && stage.0 <= 143 ? 10_000 + (stage.0 - 142) * 1000 : (order + 1) * 10,
                                stage.2, order == 0 ? 1 : 0, order != 0 && stage.0 != 142 && stage.0 != 143])
            }
        }
        for (type, field) in Self.fields { try DriveStore.addCustomField(field, to: type, in: db) }

        let companies = try Int.fetchAll(db, sql: "SELECT id FROM entities WHERE type = 'companies' ORDER BY id")
        let contacts = try Row.fetchAll(db, sql: "SELECT id, name FROM entities WHERE type = 'contacts' ORDER BY id")
        for (index, company) in companies.enumerated() {
            try setValues(.companies, company, field: 1_016_310, [FieldValue(.text(phone()), enumID: 868_020, enumCode: "WORK")], in: db)
            try setValues(.companies, company, field: 1_016_314, [FieldValue(.text("https://company\(index + 1).example.ru"))], in: db)
        }
        let positions = ["Директор", "Менеджер по закупкам", "Бухгалтер", "Юрист", "Руководитель отдела продаж"]
        for (index, row) in contacts.enumerated() {
            let id: Int = row["id"]
            let name: String = row["name"]
            try setValues(.contacts, id, field: 1_016_302, [FieldValue(.text(phone()), enumID: 868_002, enumCode: "MOB")], in: db)
            try setValues(.contacts, id, field: 1_016_304, [FieldValue(.text(email(name, id: id)), enumID: 868_010, enumCode: "WORK")], in: db)
            try setValues(.contacts, id, field: 1_016_300, [FieldValue(.text(positions[index % positions.count]))], in: db)
            if index % 4 != 3, !companies.isEmpty {
                try db.execute(sql: "UPDATE entities SET company_id = ? WHERE type = 'contacts' AND id = ?", arguments: [companies[index % companies.count], id])
            }
        }
        try plantLeads(companies: companies, contacts: contacts.map { $0["id"] }, in: db)
    }

    /// Leads across the pipelines, with a company and a contact, and a twin of the first lead in the archive.
    private mutating func plantLeads(companies: [Int], contacts: [Int], in db: Database) throws {
        let first = try Row.fetchOne(db, sql: "SELECT * FROM entities WHERE type = 'leads' AND name = ?", arguments: [DemoNames.leads[0]])
        if let first {
            try db.execute(
                sql: """
                    INSERT INTO entities (type, id, name, search_name, responsible_user_id, created_by, updated_by, created_at, updated_at,
                    price, pipeline_id, status_id) VALUES ('leads', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 142)
                    """,
                arguments: [Self.twinLeadID, first["name"] as String, first["search_name"] as String, DemoAccount.users[2].id, DemoAccount.users[2].id,
                            DemoAccount.users[2].id, now - 500 * 86_400, now - 380 * 86_400, 640_000, Self.archive])
        }
        let leads = try Row.fetchAll(db, sql: "SELECT id, name FROM entities WHERE type = 'leads' AND id != ? ORDER BY id", arguments: [Self.twinLeadID])
        let tenderStages = Self.pipelines[1].stages.map(\.id)
        for (index, row) in leads.enumerated() {
            let id: Int = row["id"]
            let name: String = row["name"]
            if !name.hasPrefix("Сделка #"), !name.contains("склада") {
                switch index % 6 {
                case 3: try setStage(id, pipeline: Self.tenders, status: tenderStages[Int.random(in: 1..<tenderStages.count, using: &random)], in: db)
                case 5: try setStage(id, pipeline: Self.mainPipeline, status: index % 4 == 1 ? 143 : 142, in: db)
                default: break
                }
            }
            let company = companies.isEmpty || index % 5 == 4 ? nil : companies[index % companies.count]
            let contact = contacts.isEmpty ? nil : contacts[(index * 3) % contacts.count]
            try db.execute(sql: "UPDATE entities SET company_id = ?, contact_id = ? WHERE type = 'leads' AND id = ?", arguments: [company, contact, id])
            let source = Int.random(in: 0..<4, using: &random)
            try setValues(.leads, id, field: 1_016_236, [FieldValue(.text(["Сайт", "Рекомендация", "Выставка", "Холодный звонок"][source]), enumID: 867_968 + source)], in: db)
        }
    }

    private func setStage(_ lead: Int, pipeline: Int, status: Int, in db: Database) throws {
        try db.execute(sql: "UPDATE entities SET pipeline_id = ?, status_id = ? WHERE type = 'leads' AND id = ?", arguments: [pipeline, status, lead])
    }

    private func setValues(_ type: EntityType, _ id: Int, field: Int, _ values: [FieldValue], in db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO field_values (entity_type, entity_id, field_id, field_values) VALUES (?, ?, ?, ?)",
            arguments: [type.rawValue, id, field, String(decoding: try JSONEncoder().encode(values), as: UTF8.self)])
    }

    private mutating func phone() -> String {
        let digits = (0..<7).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
        return "+7 9\(Int.random(in: 10...99, using: &random)) \(digits.prefix(3))-\(digits.dropFirst(3).prefix(2))-\(digits.suffix(2))"
    }

    private func email(_ name: String, id: Int) -> String {
        let words = name.split(separator: " ").map { FileNaming.sanitize(String($0)).lowercased() }
        guard let first = words.first, let last = words.last, (first + last).allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return "contact\(id)@demo.example"
        }
        return words.count > 1 ? "\(first).\(last)@demo.example" : "\(first)@demo.example"
    }

    // MARK: The demo's uses of files

    /// Attachment notes (some with a comment beside them, made at the same second), plain
    /// notes, and files in file fields: the contract with four versions in the "Договор" of the first lead of the demo's list.
    mutating func plantDemoUses(in db: Database) throws {
        let files = try Row.fetchAll(db, sql: "SELECT uuid, name, extension, active_version FROM files WHERE is_trashed = 0 ORDER BY uuid LIMIT 60")
        let leads = try Int.fetchAll(db, sql: "SELECT id FROM entities WHERE type = 'leads' ORDER BY id")
        let contacts = try Int.fetchAll(db, sql: "SELECT id FROM entities WHERE type = 'contacts' ORDER BY id")
        guard !files.isEmpty, !leads.isEmpty else { return }
        let comments = ["подписанный экземпляр", "скан от клиента, оригинал у курьера", "версия для согласования", "фото с объекта"]
        let texts = ["Клиент просит скидку 5% при оплате до конца месяца", "Перезвонить после обеда", "Договорились о встрече в офисе клиента"]
        var noteID = 76_700_001
        for (index, (type, id)) in (leads.prefix(10).map { (EntityType.leads, $0) } + contacts.prefix(4).map { (EntityType.contacts, $0) }).enumerated() {
            let user = DemoAccount.users[index % DemoAccount.users.count].id
            for count in 0..<(1 + index % 3) {
                let file = files[Int.random(in: 0..<files.count, using: &random)]
                let time = now - Int64(index * 86_400 + count * 3_600 + 600)
                let name = (file["extension"] as String).isEmpty ? file["name"] as String : "\(file["name"] as String).\(file["extension"] as String)"
                let split = FileNaming.split(name)
                let params = NoteParams(
                    text: name, isDriveAttachment: true, originalName: name, fileUUID: file["uuid"], versionUUID: file["active_version"],
                    fileName: FileNaming.asciiName(split.name, split.fileExtension))
                try addNote(&noteID, type, id, Note.attachment, params, user: user, at: time, in: db)
                try db.execute(
                    sql: "INSERT OR IGNORE INTO entity_links (entity_type, entity_id, file_uuid, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [type.rawValue, id, file["uuid"] as String, time])
                if count == 0, index % 2 == 0 {
                    try addNote(&noteID, type, id, Note.common, NoteParams(text: comments[index / 2 % comments.count]), user: user, at: time, in: db)
                }
            }
            if index % 3 == 1 {
                try addNote(&noteID, type, id, Note.common, NoteParams(text: texts[index % texts.count]), user: user, at: now - Int64(index * 7_200), in: db)
            }
        }
        if let contract = try Row.fetchOne(db, sql: "SELECT uuid FROM files WHERE name = 'Договор поставки № 12' AND extension = 'docx'"),
           let lead = try Int.fetchOne(db, sql: "SELECT id FROM entities WHERE type = 'leads' AND name = ? ORDER BY id", arguments: [DemoNames.leads[0]]) {
            try setValues(.leads, lead, field: Self.contract, [FieldValue(.file(FileFieldValue(fileUUID: contract["uuid"])))], in: db)
        }
        if let scan = try Row.fetchOne(db, sql: "SELECT uuid FROM files WHERE name LIKE 'Скан паспорта%' AND is_trashed = 0 ORDER BY uuid"), let contact = contacts.first {
            try setValues(.contacts, contact, field: Self.contactPassportScan, [FieldValue(.file(FileFieldValue(fileUUID: scan["uuid"])))], in: db)
        }
    }

    private func addNote(_ id: inout Int, _ type: EntityType, _ entity: Int, _ kind: String, _ params: NoteParams, user: Int, at time: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO notes (id, entity_type, entity_id, note_type, params, created_by, responsible_user_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, type.rawValue, entity, kind, String(decoding: try JSONEncoder().encode(params), as: UTF8.self), user, user, time, time])
        id += 1
    }
}
