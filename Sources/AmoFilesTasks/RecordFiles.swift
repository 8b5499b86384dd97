import AmoFilesAPI

/// The files a record uses beside its links: in attachment notes of its feed (with the
/// comment made beside each) and in its file fields. Each file is looked up on the
/// drive; nil when it is gone.
public struct RecordUses: Sendable, Encodable, Equatable {
    public var notes: [NoteFile]
    public var fields: [FieldFile]

    public init(notes: [NoteFile] = [], fields: [FieldFile] = []) {
        self.notes = notes
        self.fields = fields
    }

    public struct NoteFile: Sendable, Encodable, Equatable {
        public var note: Note
        /// The text of the common note made at the same second, which the service shows beside the file.
        public var comment: String?
        public var file: DriveFile?

        public var fileUUID: String? { note.params.fileUUID }

        public init(note: Note, comment: String?, file: DriveFile?) {
            self.note = note
            self.comment = comment
            self.file = file
        }

        enum CodingKeys: String, CodingKey { case note, comment, file }
    }

    public struct FieldFile: Sendable, Encodable, Equatable {
        public var field: CustomField
        public var value: FileFieldValue
        public var file: DriveFile?

        public init(field: CustomField, value: FileFieldValue, file: DriveFile?) {
            self.field = field
            self.value = value
            self.file = file
        }

        enum CodingKeys: String, CodingKey { case field, value, file }
    }

    /// The uses of `record` (read again when not given): its feed's attachment notes, newest first, and its file fields.
    public static func load(_ target: LinkTarget, record given: CRMEntity? = nil, drive: DriveClient, account: AccountClient) async throws -> RecordUses {
        async let feed = account.allNotes(target.entity, id: target.id, types: [Note.attachment, Note.common])
        async let fields = account.customFields(target.entity)
        let record: CRMEntity
        if let given { record = given } else { record = try await account.entity(target.entity, id: target.id) }
        let (notes, known) = try await (feed, fields)

        let fileFields = Dictionary(known.filter(\.isFile).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let values: [(CustomField, FileFieldValue)] = (record.customFieldsValues ?? []).compactMap { value in
            guard let file = value.file else { return nil }
            let field = fileFields[value.fieldID] ?? CustomField(id: value.fieldID, name: value.fieldName ?? "field \(value.fieldID)", type: "file")
            return (field, file)
        }
        let comments = Dictionary(grouping: notes.filter { $0.noteType == Note.common }, by: { $0.createdAt ?? -1 })
        let attachments = notes.filter(\.isAttachment).sorted { ($0.createdAt ?? 0, $0.id) > ($1.createdAt ?? 0, $1.id) }
        let files = try await drive.filesByUUID(Array(Set(attachments.compactMap(\.params.fileUUID) + values.map(\.1.fileUUID))))
        return RecordUses(
            notes: attachments.map { note in
                let comment = comments[note.createdAt ?? -2]?.compactMap(\.params.text).joined(separator: "\n")
                return NoteFile(note: note, comment: comment, file: note.params.fileUUID.flatMap { files[$0] })
            },
            fields: values.map { FieldFile(field: $0.0, value: $0.1, file: files[$0.1.fileUUID]) })
    }
}

/// A record and the drive files it uses in each of the three ways: linked (its Files
/// tab), in attachment notes, in file fields.
public struct RecordFiles: Sendable, Encodable {
    public var entity: EntityType
    public var record: CRMEntity
    public var links: [LinkedFile]
    public var notes: [RecordUses.NoteFile]
    public var fields: [RecordUses.FieldFile]

    public struct LinkedFile: Sendable, Encodable {
        public var linkID: Int
        public var fileUUID: String
        public var file: DriveFile?

        enum CodingKeys: String, CodingKey { case linkID = "link_id", fileUUID = "file_uuid", file }
    }

    public static func load(_ target: LinkTarget, drive: DriveClient, account: AccountClient) async throws -> RecordFiles {
        async let record = account.entity(target.entity, id: target.id)
        async let links = account.allEntityFiles(target.entity, id: target.id)
        let (loaded, linked) = try await (record, links)
        let uses = try await RecordUses.load(target, record: loaded, drive: drive, account: account)
        let files = try await drive.filesByUUID(linked.map(\.fileUUID))
        return RecordFiles(
            entity: target.entity, record: loaded, links: linked.map { LinkedFile(linkID: $0.id, fileUUID: $0.fileUUID, file: files[$0.fileUUID]) },
            notes: uses.notes, fields: uses.fields)
    }
}

extension DriveClient {
    /// The files by uuid, trashed ones included (a note may name one).
    func filesByUUID(_ uuids: [String]) async throws -> [String: DriveFile] {
        guard !uuids.isEmpty else { return [:] }
        let active = try await files(withUUIDs: uuids, trashed: false)
        let missing = Set(uuids).subtracting(active.map(\.uuid))
        let trashed = missing.isEmpty ? [] : try await files(withUUIDs: Array(missing), trashed: true)
        return Dictionary((active + trashed).map { ($0.uuid, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
