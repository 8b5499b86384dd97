/// A note in a record's feed, from `GET /api/v4/{entity}/{id}/notes`. An attachment
/// note (`note_type: "attachment"`) carries a drive file in its params.
public struct Note: Codable, Sendable, Hashable, Identifiable {
    public var id: Int
    public var entityID: Int
    public var createdBy: Int?
    public var updatedBy: Int?
    public var createdAt: Int64?
    public var updatedAt: Int64?
    public var responsibleUserID: Int?
    public var groupID: Int?
    public var noteType: String
    public var accountID: Int?
    public var params: NoteParams

    public static let attachment = "attachment"
    public static let common = "common"

    public var isAttachment: Bool { noteType == Self.attachment }

    public init(
        id: Int, entityID: Int, createdBy: Int?, updatedBy: Int?, createdAt: Int64?, updatedAt: Int64?, responsibleUserID: Int?,
        groupID: Int?, noteType: String, accountID: Int?, params: NoteParams
    ) {
        self.id = id
        self.entityID = entityID
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.responsibleUserID = responsibleUserID
        self.groupID = groupID
        self.noteType = noteType
        self.accountID = accountID
        self.params = params
    }

    enum CodingKeys: String, CodingKey {
        case id, params
        case entityID = "entity_id", createdBy = "created_by", updatedBy = "updated_by", createdAt = "created_at"
        case updatedAt = "updated_at", responsibleUserID = "responsible_user_id", groupID = "group_id"
        case noteType = "note_type", accountID = "account_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        entityID = try c.decode(Int.self, forKey: .entityID)
        createdBy = try c.decodeIfPresent(Int.self, forKey: .createdBy)
        updatedBy = try c.decodeIfPresent(Int.self, forKey: .updatedBy)
        createdAt = try c.decodeIfPresent(Int64.self, forKey: .createdAt)
        updatedAt = try c.decodeIfPresent(Int64.self, forKey: .updatedAt)
        responsibleUserID = try c.decodeIfPresent(Int.self, forKey: .responsibleUserID)
        groupID = try c.decodeIfPresent(Int.self, forKey: .groupID)
        noteType = try c.decode(String.self, forKey: .noteType)
        accountID = try c.decodeIfPresent(Int.self, forKey: .accountID)
        // Params of note types we do not show (calls, geolocation) may be any shape.
        params = (try? c.decodeIfPresent(NoteParams.self, forKey: .params)) ?? NoteParams()
    }
}

/// The params of a note: the text of a common note; the file of an attachment note.
/// On read-back an attachment note also says `is_drive_attachment` and the name it was
/// given (`original_name`); `file_name` is then the name in ASCII.
public struct NoteParams: Codable, Sendable, Hashable {
    public var text: String?
    public var isDriveAttachment: Bool?
    public var originalName: String?
    public var fileUUID: String?
    public var versionUUID: String?
    public var fileName: String?

    public init(text: String? = nil, isDriveAttachment: Bool? = nil, originalName: String? = nil, fileUUID: String? = nil, versionUUID: String? = nil, fileName: String? = nil) {
        self.text = text
        self.isDriveAttachment = isDriveAttachment
        self.originalName = originalName
        self.fileUUID = fileUUID
        self.versionUUID = versionUUID
        self.fileName = fileName
    }

    /// The name a person gave the attached file.
    public var shownName: String? { originalName ?? fileName ?? text }

    enum CodingKeys: String, CodingKey {
        case text, isDriveAttachment = "is_drive_attachment", originalName = "original_name"
        case fileUUID = "file_uuid", versionUUID = "version_uuid", fileName = "file_name"
    }
}

/// One item of `POST /api/v4/{entity}/notes` (with `entity_id`) or
/// `POST /api/v4/{entity}/{id}/notes` (without). A comment shows beside an attachment
/// when its common note has the same `created_at`.
public struct NewNote: Codable, Sendable, Hashable {
    public var entityID: Int?
    public var noteType: String
    public var params: NoteParams
    public var createdAt: Int64?
    public var requestID: String?

    public init(entityID: Int? = nil, noteType: String, params: NoteParams, createdAt: Int64? = nil, requestID: String? = nil) {
        self.entityID = entityID
        self.noteType = noteType
        self.params = params
        self.createdAt = createdAt
        self.requestID = requestID
    }

    /// An attachment note for a file (its active version unless one is named).
    public static func attachment(fileUUID: String, versionUUID: String? = nil, fileName: String, at time: Int64? = nil) -> NewNote {
        NewNote(noteType: Note.attachment, params: NoteParams(fileUUID: fileUUID, versionUUID: versionUUID, fileName: fileName), createdAt: time)
    }

    /// A text note.
    public static func comment(_ text: String, at time: Int64? = nil) -> NewNote {
        NewNote(noteType: Note.common, params: NoteParams(text: text), createdAt: time)
    }

    enum CodingKeys: String, CodingKey {
        case params, entityID = "entity_id", noteType = "note_type", createdAt = "created_at", requestID = "request_id"
    }
}

/// One item of the answer to creating notes: the new note's id.
public struct CreatedNote: Codable, Sendable, Hashable {
    public var id: Int
    public var entityID: Int
    public var requestID: String?

    public init(id: Int, entityID: Int, requestID: String?) {
        self.id = id
        self.entityID = entityID
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case id, entityID = "entity_id", requestID = "request_id"
    }
}
