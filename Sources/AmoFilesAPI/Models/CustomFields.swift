/// A custom field of an entity type, from `GET /api/v4/{entity}/custom_fields`.
/// File fields (`type: "file"`) hold drive files and keep their versions.
public struct CustomField: Codable, Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    public var type: String
    public var code: String?
    public var sort: Int?
    public var isAPIOnly: Bool?
    public var entityType: String?
    public var enums: [FieldEnum]?

    public var isFile: Bool { type == "file" }

    public init(id: Int, name: String, type: String, code: String? = nil, sort: Int? = nil, isAPIOnly: Bool? = false, entityType: String? = nil, enums: [FieldEnum]? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.code = code
        self.sort = sort
        self.isAPIOnly = isAPIOnly
        self.entityType = entityType
        self.enums = enums
    }

    enum CodingKeys: String, CodingKey {
        case id, name, type, code, sort, enums
        case isAPIOnly = "is_api_only", entityType = "entity_type"
    }
}

/// One choice of a select field, or a phone's kind (`WORK`, `MOB`).
public struct FieldEnum: Codable, Sendable, Hashable {
    public var id: Int
    public var value: String
    public var sort: Int?

    public init(id: Int, value: String, sort: Int?) {
        self.id = id
        self.value = value
        self.sort = sort
    }
}

/// A field's values on a record: `{"field_id", "field_name", "field_code", "field_type", "values": [...]}`.
/// `values` nil (written as `null`) clears the field.
public struct CustomFieldValue: Codable, Sendable, Hashable {
    public var fieldID: Int
    public var fieldName: String?
    public var fieldCode: String?
    public var fieldType: String?
    public var values: [FieldValue]?

    public init(fieldID: Int, fieldName: String? = nil, fieldCode: String? = nil, fieldType: String? = nil, values: [FieldValue]?) {
        self.fieldID = fieldID
        self.fieldName = fieldName
        self.fieldCode = fieldCode
        self.fieldType = fieldType
        self.values = values
    }

    /// The file a file field holds.
    public var file: FileFieldValue? { values?.lazy.compactMap(\.value.file).first }

    enum CodingKeys: String, CodingKey {
        case fieldID = "field_id", fieldName = "field_name", fieldCode = "field_code", fieldType = "field_type", values
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fieldID, forKey: .fieldID)
        try c.encodeIfPresent(fieldName, forKey: .fieldName)
        if fieldName != nil { try c.encode(fieldCode, forKey: .fieldCode) }
        try c.encodeIfPresent(fieldType, forKey: .fieldType)
        try c.encode(values, forKey: .values)
    }
}

/// One value of a field: text, a number, a flag or a file, with the kind of a phone or e-mail.
public struct FieldValue: Codable, Sendable, Hashable {
    public var value: FieldContent
    public var enumID: Int?
    public var enumCode: String?

    public init(_ value: FieldContent, enumID: Int? = nil, enumCode: String? = nil) {
        self.value = value
        self.enumID = enumID
        self.enumCode = enumCode
    }

    enum CodingKeys: String, CodingKey {
        case value, enumID = "enum_id", enumCode = "enum_code"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encodeIfPresent(enumID, forKey: .enumID)
        try c.encodeIfPresent(enumCode, forKey: .enumCode)
    }
}

/// What a field value holds. Shapes we do not use (addresses, legal entities) decode as `other`.
public enum FieldContent: Codable, Sendable, Hashable {
    case text(String)
    case number(Double)
    case flag(Bool)
    case file(FileFieldValue)
    case other

    public var text: String? {
        switch self {
        case .text(let text): text
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .flag(let flag): flag ? "yes" : "no"
        case .file(let file): file.fileName
        case .other: nil
        }
    }

    public var file: FileFieldValue? {
        if case .file(let file) = self { return file }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let flag = try? c.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? c.decode(Double.self) {
            self = .number(number)
        } else if let text = try? c.decode(String.self) {
            self = .text(text)
        } else if let file = try? c.decode(FileFieldValue.self) {
            self = .file(file)
        } else {
            self = .other
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let text): try c.encode(text)
        case .number(let number): try c.encode(number)
        case .flag(let flag): try c.encode(flag)
        case .file(let file): try c.encode(file)
        case .other: try c.encodeNil()
        }
    }
}

/// A drive file as a file field's value. Writing needs only `file_uuid`; the service
/// fills in the rest.
public struct FileFieldValue: Codable, Sendable, Hashable {
    public var fileUUID: String
    public var versionUUID: String?
    public var fileName: String?
    public var fileSize: Int64?

    public init(fileUUID: String, versionUUID: String? = nil, fileName: String? = nil, fileSize: Int64? = nil) {
        self.fileUUID = fileUUID
        self.versionUUID = versionUUID
        self.fileName = fileName
        self.fileSize = fileSize
    }

    enum CodingKeys: String, CodingKey {
        case fileUUID = "file_uuid", versionUUID = "version_uuid", fileName = "file_name", fileSize = "file_size"
    }
}

/// The body of `PATCH /api/v4/{entity}/{id}`: new values for some fields.
public struct RecordFieldsUpdate: Codable, Sendable, Hashable {
    public var customFieldsValues: [CustomFieldValue]

    public init(customFieldsValues: [CustomFieldValue]) { self.customFieldsValues = customFieldsValues }

    enum CodingKeys: String, CodingKey { case customFieldsValues = "custom_fields_values" }
}

/// One item of `PATCH /api/v4/{entity}` and of its answer.
public struct RecordUpdate: Codable, Sendable, Hashable {
    public var id: Int
    public var customFieldsValues: [CustomFieldValue]?
    public var updatedAt: Int64?
    public var requestID: String?

    public init(id: Int, customFieldsValues: [CustomFieldValue]? = nil, updatedAt: Int64? = nil, requestID: String? = nil) {
        self.id = id
        self.customFieldsValues = customFieldsValues
        self.updatedAt = updatedAt
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case id, customFieldsValues = "custom_fields_values", updatedAt = "updated_at", requestID = "request_id"
    }
}
