/// A lead, contact, company or customer as API v4 gives it (the fields we use):
/// the lead's pipeline, stage and price, custom field values (phones, e-mails and
/// file fields among them), and the ids of related records from `_embedded`.
public struct CRMEntity: Codable, Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    public var responsibleUserID: Int?
    public var createdBy: Int?
    public var updatedBy: Int?
    public var createdAt: Int64?
    public var updatedAt: Int64?
    public var price: Int?
    public var pipelineID: Int?
    public var statusID: Int?
    public var customFieldsValues: [CustomFieldValue]?
    /// Companies the record belongs to (`_embedded.companies`).
    public var companyIDs: [Int]
    /// A lead's contacts (`_embedded.contacts`, only with `with=contacts`).
    public var contactIDs: [Int]?

    public init(
        id: Int, name: String, responsibleUserID: Int?, createdAt: Int64?, updatedAt: Int64?, price: Int?,
        createdBy: Int? = nil, updatedBy: Int? = nil, pipelineID: Int? = nil, statusID: Int? = nil,
        customFieldsValues: [CustomFieldValue]? = nil, companyIDs: [Int] = [], contactIDs: [Int]? = nil
    ) {
        self.id = id
        self.name = name
        self.responsibleUserID = responsibleUserID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.price = price
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.pipelineID = pipelineID
        self.statusID = statusID
        self.customFieldsValues = customFieldsValues
        self.companyIDs = companyIDs
        self.contactIDs = contactIDs
    }

    /// The value of a field, by id.
    public func field(_ id: Int) -> CustomFieldValue? { customFieldsValues?.first { $0.fieldID == id } }

    /// The first value of the field with this code (`PHONE`, `EMAIL`), as text.
    public func firstText(code: String) -> String? {
        customFieldsValues?.first { $0.fieldCode == code }?.values?.lazy.compactMap(\.value.text).first
    }

    enum CodingKeys: String, CodingKey {
        case id, name, price
        case responsibleUserID = "responsible_user_id", createdBy = "created_by", updatedBy = "updated_by"
        case createdAt = "created_at", updatedAt = "updated_at", pipelineID = "pipeline_id", statusID = "status_id"
        case customFieldsValues = "custom_fields_values", embedded = "_embedded"
    }

    private struct Embedded: Codable {
        var tags: [RecordRef]?
        var companies: [RecordRef]?
        var contacts: [RecordRef]?
    }

    private struct RecordRef: Codable {
        var id: Int
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        responsibleUserID = try c.decodeIfPresent(Int.self, forKey: .responsibleUserID)
        createdBy = try c.decodeIfPresent(Int.self, forKey: .createdBy)
        updatedBy = try c.decodeIfPresent(Int.self, forKey: .updatedBy)
        createdAt = try c.decodeIfPresent(Int64.self, forKey: .createdAt)
        updatedAt = try c.decodeIfPresent(Int64.self, forKey: .updatedAt)
        price = try c.decodeIfPresent(Int.self, forKey: .price)
        pipelineID = try c.decodeIfPresent(Int.self, forKey: .pipelineID)
        statusID = try c.decodeIfPresent(Int.self, forKey: .statusID)
        customFieldsValues = try c.decodeIfPresent([CustomFieldValue].self, forKey: .customFieldsValues)
        let embedded = try c.decodeIfPresent(Embedded.self, forKey: .embedded)
        companyIDs = embedded?.companies?.map(\.id) ?? []
        contactIDs = embedded?.contacts?.map(\.id)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(responsibleUserID, forKey: .responsibleUserID)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(updatedBy, forKey: .updatedBy)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encodeIfPresent(price, forKey: .price)
        try c.encodeIfPresent(pipelineID, forKey: .pipelineID)
        try c.encodeIfPresent(statusID, forKey: .statusID)
        try c.encode(customFieldsValues, forKey: .customFieldsValues)
        try c.encode(
            Embedded(tags: [], companies: companyIDs.map(RecordRef.init), contacts: contactIDs?.map(RecordRef.init)), forKey: .embedded)
    }
}

/// Which of the account's features are on, from `GET /api/v4/account`: customers may
/// be switched off (`customers_mode`).
public enum CustomersMode: String, Codable, Sendable, Hashable, CaseIterable {
    case unavailable, disabled, segments, periodicity

    /// Whether customers exist in this account (so the type is offered).
    public var isOn: Bool { self == .segments || self == .periodicity }
}
