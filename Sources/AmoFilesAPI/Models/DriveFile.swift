/// A file of the drive, as `GET /v1.0/files/{uuid}` and the listing return it.
public struct DriveFile: Codable, Sendable, Hashable, Identifiable {
    public var uuid: String
    public var versionUUID: String
    public var type: FileKind
    public var isTrashed: Bool
    /// The name without its extension; the extension is in `metadata`.
    public var name: String
    public var sanitizedName: String
    public var size: Int64
    public var sourceID: Int?
    public var hasMultipleVersions: Bool
    public var createdAt: Int64
    public var createdBy: UserRef
    public var updatedAt: Int64
    public var updatedBy: UserRef
    public var deletedAt: Int64?
    public var deletedBy: UserRef?
    public var metadata: FileMetadata?
    public var previews: [FilePreview]?
    /// Present on the answer to the last part of an upload and on some single-file answers.
    public var sessionID: Int?
    public var links: Links

    public var id: String { uuid }

    /// `name.extension` when the extension is known.
    public var displayName: String {
        guard let ext = metadata?.fileExtension, !ext.isEmpty else { return name }
        return "\(name).\(ext)"
    }

    public struct Links: Codable, Sendable, Hashable {
        public var download: HALLink?
        public var downloadVersion: HALLink?
        public var this: HALLink?

        public init(download: HALLink?, downloadVersion: HALLink?, this: HALLink?) {
            self.download = download
            self.downloadVersion = downloadVersion
            self.this = this
        }

        enum CodingKeys: String, CodingKey {
            case download, downloadVersion = "download_version", this = "self"
        }
    }

    public init(
        uuid: String, versionUUID: String, type: FileKind, isTrashed: Bool, name: String, sanitizedName: String,
        size: Int64, sourceID: Int?, hasMultipleVersions: Bool, createdAt: Int64, createdBy: UserRef,
        updatedAt: Int64, updatedBy: UserRef, deletedAt: Int64?, deletedBy: UserRef?, metadata: FileMetadata?,
        previews: [FilePreview]?, sessionID: Int?, links: Links
    ) {
        self.uuid = uuid
        self.versionUUID = versionUUID
        self.type = type
        self.isTrashed = isTrashed
        self.name = name
        self.sanitizedName = sanitizedName
        self.size = size
        self.sourceID = sourceID
        self.hasMultipleVersions = hasMultipleVersions
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.deletedAt = deletedAt
        self.deletedBy = deletedBy
        self.metadata = metadata
        self.previews = previews
        self.sessionID = sessionID
        self.links = links
    }

    enum CodingKeys: String, CodingKey {
        case uuid, type, name, size, metadata, previews
        case versionUUID = "version_uuid", isTrashed = "is_trashed", sanitizedName = "sanitized_name"
        case sourceID = "source_id", hasMultipleVersions = "has_multiple_versions"
        case createdAt = "created_at", createdBy = "created_by", updatedAt = "updated_at", updatedBy = "updated_by"
        case deletedAt = "deleted_at", deletedBy = "deleted_by", sessionID = "session_id", links = "_links"
    }

    // The documented model always carries these keys, `null` included; encode them so.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(links, forKey: .links)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(deletedAt, forKey: .deletedAt)
        try c.encode(deletedBy, forKey: .deletedBy)
        try c.encode(hasMultipleVersions, forKey: .hasMultipleVersions)
        try c.encode(isTrashed, forKey: .isTrashed)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(name, forKey: .name)
        try c.encode(previews, forKey: .previews)
        try c.encode(sanitizedName, forKey: .sanitizedName)
        try c.encodeIfPresent(sessionID, forKey: .sessionID)
        try c.encode(size, forKey: .size)
        try c.encode(sourceID, forKey: .sourceID)
        try c.encode(type, forKey: .type)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(updatedBy, forKey: .updatedBy)
        try c.encode(uuid, forKey: .uuid)
        try c.encode(versionUUID, forKey: .versionUUID)
    }
}

extension DriveFile {
    /// The service purges a trashed file 30 days after it was deleted.
    public static let purgeAfter: Int64 = 30 * 86_400

    /// Whole days, rounded up, until the service purges this trashed file; nil when not trashed.
    public func daysUntilPurge(now: Int64) -> Int64? {
        // Clamped first: a date from the service may be anything, and the sum must not overflow.
        deletedAt.map { max(0, (min(max($0, -(1 << 40)), 1 << 40) + Self.purgeAfter - now + 86_399) / 86_400) }
    }
}
