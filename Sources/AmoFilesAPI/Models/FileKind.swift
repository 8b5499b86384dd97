/// The drive's file type. Known values are `image`, `video`, `audio`, `document`,
/// `file`; anything else the service sends is kept as is.
public struct FileKind: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let image = FileKind(rawValue: "image")
    public static let video = FileKind(rawValue: "video")
    public static let audio = FileKind(rawValue: "audio")
    public static let document = FileKind(rawValue: "document")
    public static let file = FileKind(rawValue: "file")

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var description: String { rawValue }
}

/// `metadata` of a file or version.
public struct FileMetadata: Codable, Sendable, Hashable {
    public var fileExtension: String?
    public var mimeType: String?

    public init(fileExtension: String?, mimeType: String?) {
        self.fileExtension = fileExtension
        self.mimeType = mimeType
    }

    enum CodingKeys: String, CodingKey {
        case fileExtension = "extension", mimeType = "mime_type"
    }
}

/// One preview picture of a file.
public struct FilePreview: Codable, Sendable, Hashable {
    public var downloadLink: String
    public var width: Int?
    public var height: Int?

    public init(downloadLink: String, width: Int?, height: Int?) {
        self.downloadLink = downloadLink
        self.width = width
        self.height = height
    }

    enum CodingKeys: String, CodingKey {
        case downloadLink = "download_link", width, height
    }
}
