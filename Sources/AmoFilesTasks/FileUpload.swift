import AmoFilesAPI
import Foundation

/// Uploads one local file through an upload session, one part at a time with the
/// session's part size, posting each part to the URL the service gave.
///
/// This is the plain sequential path; resuming and retrying build on it.
public struct FileUpload: Sendable {
    public let path: String
    /// Upload as a new version of this file instead of a new file.
    public let newVersionOf: String?
    /// The name the drive gets (the local file name by default).
    public let fileName: String

    public init(path: String, newVersionOf: String? = nil, fileName: String? = nil) {
        self.path = path
        self.newVersionOf = newVersionOf
        self.fileName = fileName ?? URL(fileURLWithPath: path).lastPathComponent
    }

    /// Runs the upload; `progress` gets the bytes accepted so far and the total.
    public func run(drive: DriveClient, progress: @Sendable (Int64, Int64) -> Void = { _, _ in }) async throws -> DriveFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TaskFailure.localFile("cannot open \(path) for reading")
        }
        defer { try? handle.close() }
        let size = try Self.fileSize(path)
        let session = try await drive.createUploadSession(UploadSessionRequest(
            fileName: fileName, fileSize: size, fileUUID: newVersionOf, contentType: nil))
        guard session.maxPartSize > 0 else {
            throw TaskFailure.protocolViolation("the session announced a part size of \(session.maxPartSize)")
        }
        var url = session.uploadURL
        var sent: Int64 = 0
        var part = 1
        while true {
            let chunk = try handle.read(upToCount: session.maxPartSize) ?? Data()
            if chunk.isEmpty, sent < size {
                throw TaskFailure.localFile("\(path) became shorter during the upload (\(sent) of \(size) bytes read)")
            }
            switch try await drive.uploadPart(chunk, to: url, partNumber: part) {
            case .next(let next):
                sent += Int64(chunk.count)
                progress(sent, size)
                guard sent < size else {
                    throw TaskFailure.protocolViolation("the service asked for more after all \(size) bytes were sent")
                }
                url = next.nextURL
                part += 1
            case .finished(let file):
                progress(size, size)
                return file
            }
        }
    }

    static func fileSize(_ path: String) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
            throw TaskFailure.localFile("\(path) is not a regular file")
        }
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }
}

/// A failure of the task layer that is not the service's: the local file, or a
/// service that broke the protocol.
public enum TaskFailure: Error, Sendable, CustomStringConvertible {
    case localFile(String)
    case protocolViolation(String)
    case exists(String)

    public var description: String {
        switch self {
        case .localFile(let text): text
        case .protocolViolation(let text): "the service broke the upload protocol: \(text)"
        case .exists(let path): "\(path) already exists; pass --force to overwrite it"
        }
    }
}
