/// The four kinds of CRM records files can be attached to, named as in API v4 paths.
public enum EntityType: String, Codable, Sendable, CaseIterable, Hashable {
    case leads, contacts, companies, customers

    /// Accepts the path form (`leads`), the singular (`lead`) and `deal(s)` for leads, in any case.
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == "deal" || lower == "deals" {
            self = .leads
            return
        }
        if let exact = EntityType(rawValue: lower) {
            self = exact
            return
        }
        guard let match = EntityType.allCases.first(where: { $0.singular == lower }) else { return nil }
        self = match
    }

    public var singular: String {
        switch self {
        case .leads: "lead"
        case .contacts: "contact"
        case .companies: "company"
        case .customers: "customer"
        }
    }
}

/// A link between an entity and a file, from `GET /api/v4/{entity}/{id}/files`.
public struct EntityFileLink: Codable, Sendable, Hashable {
    public var fileUUID: String
    /// The link's id, used for `before_id` paging.
    public var id: Int

    public init(fileUUID: String, id: Int) {
        self.fileUUID = fileUUID
        self.id = id
    }

    enum CodingKeys: String, CodingKey {
        case fileUUID = "file_uuid", id
    }
}

/// One item of the body of `PUT`/`DELETE /api/v4/{entity}/{id}/files`.
public struct FileUUIDItem: Codable, Sendable, Hashable {
    public var fileUUID: String
    public init(fileUUID: String) { self.fileUUID = fileUUID }
    enum CodingKeys: String, CodingKey { case fileUUID = "file_uuid" }
}

/// One item of the body of `DELETE /v1.0/files` and `POST /v1.0/files/restore`.
public struct UUIDItem: Codable, Sendable, Hashable {
    public var uuid: String
    public init(uuid: String) { self.uuid = uuid }
}

/// The answer of `GET /api/v4/files/{uuid}/links`.
public struct FileEntityLinks: Codable, Sendable, Hashable {
    public var fileUUID: String
    public var entities: [LinkedEntity]

    public init(fileUUID: String, entities: [LinkedEntity]) {
        self.fileUUID = fileUUID
        self.entities = entities
    }

    enum CodingKeys: String, CodingKey {
        case fileUUID = "file_uuid", entities
    }
}

/// An entity a file is attached to, in the shape of the links answer.
public struct LinkedEntity: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String?
    public var entityType: String
    public var createdBy: Int?
    public var mainUserID: Int?
    public var dateCreate: Int64?
    public var dateUpdate: Int64?
    public var updatedBy: Int?
    public var price: Int?
    public var pipelineID: Int?
    public var statusID: Int?
    public var closestTaskAt: Int64?

    public init(
        id: Int, name: String?, entityType: String, createdBy: Int?, mainUserID: Int?, dateCreate: Int64?,
        dateUpdate: Int64?, updatedBy: Int?, price: Int?, pipelineID: Int?, statusID: Int?, closestTaskAt: Int64?
    ) {
        self.id = id
        self.name = name
        self.entityType = entityType
        self.createdBy = createdBy
        self.mainUserID = mainUserID
        self.dateCreate = dateCreate
        self.dateUpdate = dateUpdate
        self.updatedBy = updatedBy
        self.price = price
        self.pipelineID = pipelineID
        self.statusID = statusID
        self.closestTaskAt = closestTaskAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, price
        case entityType = "entity_type", createdBy = "created_by", mainUserID = "main_user_id"
        case dateCreate = "date_create", dateUpdate = "date_update", updatedBy = "updated_by"
        case pipelineID = "pipeline_id", statusID = "status_id", closestTaskAt = "closest_task_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(mainUserID, forKey: .mainUserID)
        try c.encode(dateCreate, forKey: .dateCreate)
        try c.encode(price, forKey: .price)
        try c.encode(pipelineID, forKey: .pipelineID)
        try c.encode(dateUpdate, forKey: .dateUpdate)
        try c.encode(updatedBy, forKey: .updatedBy)
        try c.encode(entityType, forKey: .entityType)
        try c.encode(statusID, forKey: .statusID)
        try c.encode(closestTaskAt, forKey: .closestTaskAt)
    }
}
