import AmoFilesAPI

/// A record and the drive files it uses in each of the three ways: linked (its Files
/// tab), in attachment notes of its feed (with the comment made beside each), and in
/// its file fields. Each file is looked up on the drive; nil when it is gone.
public struct RecordFiles: Sendable, Encodable {
    public var entity: EntityType
    public var record: CRMEntity
    public var links: [LinkedFile]
    public var notes: [NoteFile]
    public var fields: [FieldFile]

    public struct LinkedFile: Sendable, Encodable {
        public var linkID: Int
        public var fileUUID: String
        public var file: DriveFile?

        enum CodingKeys: String, CodingKey { case linkID = "link_id", fileUUID = "file_uuid", file }
    }

    public struct NoteFile: Sendable, Encodable {
        public var note: Note
        /// The text of the common note made at the same second, which the service shows beside the file.
        public var comment: String?
        public var file: DriveFile?

        public var fileUUID: String? { note.params.fileUUID }

        enum CodingKeys: String, CodingKey { case note, comment, file }
    }

    public struct FieldFile: Sendable, Encodable {
        public var field: CustomField
        public var value: FileFieldValue
        public var file: DriveFile?

        enum CodingKeys: String, CodingKey { case field, value, file }
    }

    /// Every file uuid the record uses, each once, in the order shown.
    public var fileUUIDs: [String] {
        var seen = Set<String>()
        return (links.map(\.fileUUID) + notes.compactMap(\.fileUUID) + fields.map(\.value.fileUUID)).filter { seen.insert($0).inserted }
    }

    public static func load(_ target: LinkTarget, drive: DriveClient, account: AccountClient) async throws -> RecordFiles {
        async let record = account.entity(target.entity, id: target.id)
        async let links = account.allEntityFiles(target.entity, id: target.id)
        async let feed = account.allNotes(target.entity, id: target.id, types: [Note.attachment, Note.common])
        async let fields = account.customFields(target.entity)
        let (loaded, linked, notes, known) = try await (record, links, feed, fields)

        let fileFields = Dictionary(known.filter(\.isFile).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let fieldValues: [(CustomField, FileFieldValue)] = (loaded.customFieldsValues ?? []).compactMap { value in
            guard let file = value.file else { return nil }
            let field = fileFields[value.fieldID] ?? CustomField(id: value.fieldID, name: value.fieldName ?? "field \(value.fieldID)", type: "file")
            return (field, file)
        }
        let comments = Dictionary(grouping: notes.filter { $0.noteType == Note.common }, by: { $0.createdAt ?? -1 })
        let attachments = notes.filter(\.isAttachment)

        var result = RecordFiles(entity: target.entity, record: loaded, links: [], notes: [], fields: [])
        let uuids = linked.map(\.fileUUID) + attachments.compactMap(\.params.fileUUID) + fieldValues.map(\.1.fileUUID)
        let files = try await Self.files(Array(Set(uuids)), drive: drive)
        result.links = linked.map { LinkedFile(linkID: $0.id, fileUUID: $0.fileUUID, file: files[$0.fileUUID]) }
        result.notes = attachments.map { note in
            let comment = comments[note.createdAt ?? -2]?.compactMap(\.params.text).joined(separator: "\n")
            return NoteFile(note: note, comment: comment, file: note.params.fileUUID.flatMap { files[$0] })
        }
        result.fields = fieldValues.map { FieldFile(field: $0.0, value: $0.1, file: files[$0.1.fileUUID]) }
        return result
    }

    /// The files by uuid, trashed ones included (a note may name one).
    private static func files(_ uuids: [String], drive: DriveClient) async throws -> [String: DriveFile] {
        guard !uuids.isEmpty else { return [:] }
        let active = try await drive.files(withUUIDs: uuids, trashed: false)
        let missing = Set(uuids).subtracting(active.map(\.uuid))
        let trashed = missing.isEmpty ? [] : try await drive.files(withUUIDs: Array(missing), trashed: true)
        return Dictionary((active + trashed).map { ($0.uuid, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
