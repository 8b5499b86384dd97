import AmoFilesAPI
import GRDB

/// A row of `files`, as the queries read it.
struct FileRecord: FetchableRecord, Sendable {
    var uuid: String
    var name: String
    var activeVersion: String
    var sourceID: Int?
    var createdAt: Int64
    var createdBy: UserRef
    var updatedAt: Int64
    var updatedBy: UserRef
    var isTrashed: Bool
    var deletedAt: Int64?
    var deletedBy: UserRef?
    var size: Int64
    var fileExtension: String
    var mimeType: String
    var type: String
    var versionCount: Int

    init(row: Row) {
        uuid = row["uuid"]
        name = row["name"]
        activeVersion = row["active_version"]
        sourceID = row["source_id"]
        createdAt = row["created_at"]
        createdBy = UserRef(type: row["created_by_type"], id: row["created_by_id"])
        updatedAt = row["updated_at"]
        updatedBy = UserRef(type: row["updated_by_type"], id: row["updated_by_id"])
        isTrashed = row["is_trashed"]
        deletedAt = row["deleted_at"]
        let deletedType: String? = row["deleted_by_type"]
        deletedBy = deletedType.map { UserRef(type: $0, id: row["deleted_by_id"] ?? 0) }
        size = row["size"]
        fileExtension = row["extension"]
        mimeType = row["mime_type"]
        type = row["type"]
        versionCount = row["version_count"]
    }

    /// `name.extension`, as a person reads it.
    var displayName: String { fileExtension.isEmpty ? name : "\(name).\(fileExtension)" }
}

/// A row of `versions`.
struct VersionRecord: FetchableRecord, Sendable {
    var uuid: String
    var fileUUID: String
    var name: String
    var fileExtension: String
    var mimeType: String
    var type: String
    var size: Int64
    var sourceID: Int?
    var createdAt: Int64
    var createdBy: UserRef
    var updatedAt: Int64
    var updatedBy: UserRef
    var blob: String

    init(row: Row) {
        uuid = row["uuid"]
        fileUUID = row["file_uuid"]
        name = row["name"]
        fileExtension = row["extension"]
        mimeType = row["mime_type"]
        type = row["type"]
        size = row["size"]
        sourceID = row["source_id"]
        createdAt = row["created_at"]
        createdBy = UserRef(type: row["created_by_type"], id: row["created_by_id"])
        updatedAt = row["updated_at"]
        updatedBy = UserRef(type: row["updated_by_type"], id: row["updated_by_id"])
        blob = row["blob"]
    }
}

/// Turns records into the API's models with absolute links on the drive host.
struct ModelBuilder: Sendable {
    let driveURL: String
    let accountUUID: String

    private func leaf(_ name: String, _ fileExtension: String) -> String { FileNaming.asciiName(name, fileExtension) }

    func file(_ record: FileRecord, sessionID: Int? = nil) -> DriveFile {
        let sanitized = FileNaming.sanitize(record.name)
        let leaf = leaf(record.name, record.fileExtension)
        let base = "\(driveURL)/download/\(accountUUID)/\(record.uuid)"
        return DriveFile(
            uuid: record.uuid, versionUUID: record.activeVersion, type: FileKind(rawValue: record.type),
            isTrashed: record.isTrashed, name: record.name, sanitizedName: sanitized, size: record.size,
            sourceID: record.sourceID, hasMultipleVersions: record.versionCount > 1,
            createdAt: record.createdAt, createdBy: record.createdBy, updatedAt: record.updatedAt, updatedBy: record.updatedBy,
            deletedAt: record.deletedAt, deletedBy: record.deletedBy,
            metadata: FileMetadata(fileExtension: record.fileExtension, mimeType: record.mimeType),
            previews: nil, sessionID: sessionID,
            links: .init(
                download: HALLink(href: "\(base)/\(leaf)"),
                downloadVersion: HALLink(href: "\(base)/\(record.activeVersion)/\(leaf)"),
                this: HALLink(href: "\(driveURL)/v1.0/files/\(record.uuid)")))
    }

    func version(_ record: VersionRecord, isMain: Bool) -> FileVersion {
        let sanitized = FileNaming.sanitize(record.name)
        let leaf = leaf(record.name, record.fileExtension)
        return FileVersion(
            uuid: record.uuid, fileUUID: record.fileUUID, type: FileKind(rawValue: record.type), name: record.name,
            sanitizedName: sanitized, size: record.size, isMain: isMain, sourceID: record.sourceID,
            createdAt: record.createdAt, createdBy: record.createdBy, updatedAt: record.updatedAt, updatedBy: record.updatedBy,
            metadata: FileMetadata(fileExtension: record.fileExtension, mimeType: record.mimeType), previews: nil,
            links: .init(
                download: HALLink(href: "\(driveURL)/download/\(accountUUID)/\(record.fileUUID)/\(record.uuid)/\(leaf)"),
                this: HALLink(href: "\(driveURL)/v1.0/files/\(record.fileUUID)/versions/\(record.uuid)")))
    }
}
