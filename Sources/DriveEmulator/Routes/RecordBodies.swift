import AmoFilesAPI

/// The wire shapes of API v4's record answers: the shared models hold what clients
/// read; these add the keys the service always sends (ids of the account, empty
/// lists, nulls), so the emulator's answers have the documented keys.

/// A key of a JSON object by name.
struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A lead, contact, company or customer with every key the service sends for its type.
struct RecordBody: Encodable {
    let record: CRMEntity
    let type: EntityType
    let accountURL: String

    func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(0, forKey: JSONKey("group_id"))
        try c.encodeNil(forKey: JSONKey("closest_task_at"))
        try c.encode(false, forKey: JSONKey("is_deleted"))
        try c.encode(DemoAccount.id, forKey: JSONKey("account_id"))
        try c.encode(["self": HALLink(href: "\(accountURL)/api/v4/\(type.rawValue)/\(record.id)")], forKey: JSONKey("_links"))
        switch type {
        case .leads:
            let closed = record.statusID == 142 || record.statusID == 143
            try c.encodeNil(forKey: JSONKey("loss_reason_id"))
            try c.encode(closed ? record.updatedAt : nil, forKey: JSONKey("closed_at"))
            try c.encodeNil(forKey: JSONKey("score"))
        case .contacts:
            let words = record.name.split(separator: " ", maxSplits: 1).map(String.init)
            try c.encode(words.first ?? "", forKey: JSONKey("first_name"))
            try c.encode(words.count > 1 ? words[1] : "", forKey: JSONKey("last_name"))
            try c.encode(false, forKey: JSONKey("is_unsorted"))
        case .companies:
            break
        case .customers:
            try c.encode(0, forKey: JSONKey("next_price"))
            try c.encodeNil(forKey: JSONKey("next_date"))
            try c.encode(0, forKey: JSONKey("periodicity"))
            try c.encode(0, forKey: JSONKey("ltv"))
            try c.encode(0, forKey: JSONKey("purchases_count"))
            try c.encode(0, forKey: JSONKey("average_check"))
        }
    }
}

/// A custom field with the keys of `GET /api/v4/{entity}/custom_fields`.
struct FieldBody: Encodable {
    let field: CustomField

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(field.id, forKey: JSONKey("id"))
        try c.encode(field.name, forKey: JSONKey("name"))
        try c.encode(field.type, forKey: JSONKey("type"))
        try c.encode(DemoAccount.id, forKey: JSONKey("account_id"))
        try c.encode(field.code, forKey: JSONKey("code"))
        try c.encode(field.sort ?? 500, forKey: JSONKey("sort"))
        try c.encode(field.isAPIOnly ?? false, forKey: JSONKey("is_api_only"))
        try c.encode(field.enums, forKey: JSONKey("enums"))
        try c.encodeNil(forKey: JSONKey("group_id"))
        try c.encode([Int](), forKey: JSONKey("required_statuses"))
        try c.encode(field.code == nil, forKey: JSONKey("is_deletable"))
        try c.encode(field.code != nil, forKey: JSONKey("is_predefined"))
        try c.encode(field.entityType, forKey: JSONKey("entity_type"))
        try c.encodeNil(forKey: JSONKey("remind"))
        try c.encode([String](), forKey: JSONKey("triggers"))
        try c.encodeNil(forKey: JSONKey("currency"))
        try c.encode([Int](), forKey: JSONKey("hidden_statuses"))
        try c.encodeNil(forKey: JSONKey("chained_lists"))
    }
}

/// A collection answer of wire shapes: `{_total_items, _page, _page_count, _links, _embedded}`,
/// the counts only where the service sends them.
struct ListBody<Item: Encodable>: Encodable {
    var embeddedKey: String
    var items: [Item]
    var links: [String: HALLink]
    var page: Int?
    var totalItems: Int?
    var pageCount: Int?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encodeIfPresent(totalItems, forKey: JSONKey("_total_items"))
        try c.encodeIfPresent(page, forKey: JSONKey("_page"))
        try c.encodeIfPresent(pageCount, forKey: JSONKey("_page_count"))
        try c.encode(links, forKey: JSONKey("_links"))
        try c.encode([embeddedKey: items], forKey: JSONKey("_embedded"))
    }
}

/// The answer to `PATCH /api/v4/{entity}/{id}`.
struct UpdatedRecord: Encodable {
    var id: Int
    var updatedAt: Int64
    var links: [String: HALLink]

    enum CodingKeys: String, CodingKey { case id, updatedAt = "updated_at", links = "_links" }
}

/// One created note with its own link.
struct CreatedNoteBody: Encodable {
    let note: CreatedNote
    let href: String

    func encode(to encoder: any Encoder) throws {
        try note.encode(to: encoder)
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(["self": HALLink(href: href)], forKey: JSONKey("_links"))
    }
}

/// `GET /api/v4/leads/pipelines`: every pipeline with its stages and their keys.
struct PipelinesBody: Encodable {
    let pipelines: [Pipeline]

    private struct StatusBody: Encodable {
        let status: PipelineStatus

        func encode(to encoder: any Encoder) throws {
            try status.encode(to: encoder)
            var c = encoder.container(keyedBy: JSONKey.self)
            // The first stage ("unsorted") and the two closing ones cannot be edited.
            try c.encode(status.type != 1 && status.id != 142 && status.id != 143, forKey: JSONKey("is_editable"))
            try c.encode(DemoAccount.id, forKey: JSONKey("account_id"))
        }
    }

    private struct PipelineBody: Encodable {
        let pipeline: Pipeline

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: JSONKey.self)
            try c.encode(pipeline.id, forKey: JSONKey("id"))
            try c.encode(pipeline.name, forKey: JSONKey("name"))
            try c.encode(pipeline.sort ?? 1, forKey: JSONKey("sort"))
            try c.encode(pipeline.isMain ?? false, forKey: JSONKey("is_main"))
            try c.encode(pipeline.statuses.contains { $0.type == 1 }, forKey: JSONKey("is_unsorted_on"))
            try c.encode(pipeline.isArchive ?? false, forKey: JSONKey("is_archive"))
            try c.encode(DemoAccount.id, forKey: JSONKey("account_id"))
            try c.encode(["statuses": pipeline.statuses.map(StatusBody.init)], forKey: JSONKey("_embedded"))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(pipelines.count, forKey: JSONKey("_total_items"))
        try c.encode(["pipelines": pipelines.map(PipelineBody.init)], forKey: JSONKey("_embedded"))
    }
}
