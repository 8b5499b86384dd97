import AmoFilesAPI
import Foundation

/// Uploads one local file through an upload session, one part at a time with the
/// session's part size, posting each part to the URL the service gave. A part that
/// got no answer, a 5xx or a 429 is sent again to the same URL (the service takes a
/// repeated last part as a replacement), with backoff.
public struct FileUpload: Sendable {
    public let path: String
    /// Upload as a new version of this file instead of a new file.
    public let newVersionOf: String?
    /// The name the drive gets (the local file name by default).
    public let fileName: String
    public let retry: RetryPolicy

    public init(path: String, newVersionOf: String? = nil, fileName: String? = nil, retry: RetryPolicy = RetryPolicy()) {
        self.path = path
        self.newVersionOf = newVersionOf
        self.fileName = fileName ?? URL(fileURLWithPath: path).lastPathComponent
        self.retry = retry
    }

    /// Runs the upload; `progress` gets the bytes accepted so far and the total.
    public func run(drive: DriveClient, progress: @Sendable (Int64, Int64) -> Void = { _, _ in }) async throws -> DriveFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TaskFailure.localFile("cannot open \(path) for reading")
        }
        defer { try? handle.close() }
        let size = try Self.fileSize(path)
        let request = UploadSessionRequest(fileName: fileName, fileSize: size, fileUUID: newVersionOf, contentType: nil)
        let session = try await retry.run { try await drive.createUploadSession(request) }
        guard session.maxPartSize > 0 else {
            throw TaskFailure.protocolViolation("the session announced a part size of \(session.maxPartSize)")
        }
        var url = session.uploadURL
        var sent: Int64 = 0
        var part = 1
        while true {
            // A file that changes under the upload would give the drive a mix of two files.
            let now = try Self.fileSize(path)
            guard now == size else {
                throw TaskFailure.localFile("\(path) changed during the upload (\(size) bytes when it started, \(now) now); nothing was saved")
            }
            let expected = Int(min(Int64(session.maxPartSize), size - sent))
            let chunk = try handle.read(upToCount: expected) ?? Data()
            guard chunk.count == expected else {
                throw TaskFailure.localFile("\(path) changed during the upload; nothing was saved")
            }
            let (partURL, number) = (url, part)
            switch try await retry.run({ try await drive.uploadPart(chunk, to: partURL, partNumber: number) }) {
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
