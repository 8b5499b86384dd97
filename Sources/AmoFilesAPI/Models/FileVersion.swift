/// One version of a drive file, as `GET /v1.0/files/{uuid}/versions` lists them.
public struct FileVersion: Codable, Sendable, Hashable, Identifiable {
    public var uuid: String
    public var fileUUID: String
    public var type: FileKind
    public var name: String
    public var sanitizedName: String
    public var size: Int64
    /// True for the active version.
    public var isMain: Bool
    public var sourceID: Int?
    public var createdAt: Int64
    public var createdBy: UserRef
    public var updatedAt: Int64
    public var updatedBy: UserRef
    public var metadata: FileMetadata?
    public var previews: [FilePreview]?
    public var links: Links

    public var id: String { uuid }

    /// `name.extension` when the extension is known, as `DriveFile.displayName`.
    public var displayName: String {
        guard let ext = metadata?.fileExtension, !ext.isEmpty else { return name }
        return "\(name).\(ext)"
    }

    public struct Links: Codable, Sendable, Hashable {
        public var download: HALLink?
        public var this: HALLink?

        public init(download: HALLink?, this: HALLink?) {
            self.download = download
            self.this = this
        }

        enum CodingKeys: String, CodingKey {
            case download, this = "self"
        }
    }

    public init(
        uuid: String, fileUUID: String, type: FileKind, name: String, sanitizedName: String, size: Int64,
        isMain: Bool, sourceID: Int?, createdAt: Int64, createdBy: UserRef, updatedAt: Int64, updatedBy: UserRef,
        metadata: FileMetadata?, previews: [FilePreview]?, links: Links
    ) {
        self.uuid = uuid
        self.fileUUID = fileUUID
        self.type = type
        self.name = name
        self.sanitizedName = sanitizedName
        self.size = size
        self.isMain = isMain
        self.sourceID = sourceID
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.metadata = metadata
        self.previews = previews
        self.links = links
    }

    enum CodingKeys: String, CodingKey {
        case uuid, type, name, size, metadata, previews
        case fileUUID = "file_uuid", sanitizedName = "sanitized_name", isMain = "is_main", sourceID = "source_id"
        case createdAt = "created_at", createdBy = "created_by", updatedAt = "updated_at", updatedBy = "updated_by"
        case links = "_links"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(links, forKey: .links)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(fileUUID, forKey: .fileUUID)
        try c.encode(isMain, forKey: .isMain)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(name, forKey: .name)
        try c.encode(previews, forKey: .previews)
        try c.encode(sanitizedName, forKey: .sanitizedName)
        try c.encode(size, forKey: .size)
        try c.encode(sourceID, forKey: .sourceID)
        try c.encode(type, forKey: .type)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(updatedBy, forKey: .updatedBy)
        try c.encode(uuid, forKey: .uuid)
    }
}
