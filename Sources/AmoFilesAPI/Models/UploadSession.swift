/// The body of `POST /v1.0/sessions`.
public struct UploadSessionRequest: Codable, Sendable, Equatable {
    public var fileName: String
    public var fileSize: Int64
    /// Set to upload a new version of this file instead of a new file.
    public var fileUUID: String?
    public var contentType: String?
    public var withPreview: Bool?

    public init(fileName: String, fileSize: Int64, fileUUID: String? = nil, contentType: String? = nil, withPreview: Bool? = nil) {
        self.fileName = fileName
        self.fileSize = fileSize
        self.fileUUID = fileUUID
        self.contentType = contentType
        self.withPreview = withPreview
    }

    enum CodingKeys: String, CodingKey {
        case fileName = "file_name", fileSize = "file_size", fileUUID = "file_uuid"
        case contentType = "content_type", withPreview = "with_preview"
    }
}

/// An open upload session: where to send the first part, and the limits to respect.
public struct UploadSession: Codable, Sendable, Equatable {
    public var sessionID: Int
    public var uploadURL: String
    public var maxFileSize: Int64
    public var maxPartSize: Int

    public init(sessionID: Int, uploadURL: String, maxFileSize: Int64, maxPartSize: Int) {
        self.sessionID = sessionID
        self.uploadURL = uploadURL
        self.maxFileSize = maxFileSize
        self.maxPartSize = maxPartSize
    }

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id", uploadURL = "upload_url", maxFileSize = "max_file_size", maxPartSize = "max_part_size"
    }
}

/// The answer to a non-final part: where to send the next one.
public struct UploadNextPart: Codable, Sendable, Equatable {
    public var sessionID: Int
    public var nextURL: String

    public init(sessionID: Int, nextURL: String) {
        self.sessionID = sessionID
        self.nextURL = nextURL
    }

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id", nextURL = "next_url"
    }
}

/// What a posted part led to. amoCRM answers 200 to every part, Kommo 202 to the
/// non-final ones, so the two are told apart by the body, never by the status.
public enum UploadPartOutcome: Sendable, Equatable {
    case next(UploadNextPart)
    case finished(DriveFile)
}
