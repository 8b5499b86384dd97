import AmoFilesAPI
import Foundation

/// Uploads one local file through an upload session, one part at a time with the
/// session's part size, posting each part to the URL the service gave. A part that
/// got no answer, a 5xx or a 429 is sent again to the same URL by the requester (the
/// service takes a repeated last part as a replacement). With a journal, every
/// accepted part is recorded, so `resume` can go on after the process died.
public struct FileUpload: Sendable {
    public let path: String
    /// Upload as a new version of this file instead of a new file.
    public let newVersionOf: String?
    /// The name the drive gets (the local file name by default).
    public let fileName: String
    /// Attach the uploaded file to this entity (done by the task runner, kept in the journal).
    public let attach: LinkTarget?
    public let journal: UploadJournal?

    public init(
        path: String, newVersionOf: String? = nil, fileName: String? = nil, attach: LinkTarget? = nil, journal: UploadJournal? = nil
    ) {
        self.path = path
        self.newVersionOf = newVersionOf
        self.fileName = fileName ?? LocalPath.name(of: path)
        self.attach = attach
        self.journal = journal
    }

    /// The journal's record of this upload before its session is opened, so an upload
    /// still waiting for a slot is kept by a quit or a dropped connection too. Nil when
    /// there is no journal or the path is not a readable regular file (`run` says why).
    public func reservation(on driveURL: URL) -> UploadRecord? {
        guard journal != nil, let (size, modified) = try? Self.identity(path) else { return nil }
        return UploadRecord(
            id: UUID().uuidString.lowercased(), path: path, fileName: fileName, newVersionOf: newVersionOf, attach: attach, size: size,
            modified: modified, driveURL: driveURL.absoluteString, sessionID: 0, partSize: 0, sessionExpiresAt: 0, accepted: 0, nextURL: "", partsAccepted: 0)
    }

    /// Whether an upload that failed with `error` can still be finished later: the
    /// service was unreachable, overloaded, blocking this address, or refused the token.
    public static func isResumable(after error: any Error) -> Bool {
        guard let error = error as? APIError else { return false }
        switch error.kind {
        case .blocked, .unauthorized, .certificate: return true
        default: return error.isRetryable
        }
    }

    /// Goes on with an upload from the journal.
    public static func resume(_ record: UploadRecord, journal: UploadJournal) -> FileUpload {
        FileUpload(path: record.path, newVersionOf: record.newVersionOf, fileName: record.fileName, attach: record.attach, journal: journal)
    }

    /// Runs the upload; `progress` gets the bytes accepted so far and the total,
    /// `note` hears of what the user should know (a session that had to start over).
    public func run(
        drive: DriveClient, resuming resumed: UploadRecord? = nil,
        progress: @Sendable (Int64, Int64) -> Void = { _, _ in }, note: @Sendable (String) -> Void = { _ in }
    ) async throws -> DriveFile {
        // Checked before opening: opening a FIFO would wait for a writer forever.
        let (size, modified): (Int64, Double)
        do {
            (size, modified) = try Self.identity(path)
        } catch {
            if let resumed { journal?.remove(resumed.id) }
            throw error
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            if let resumed { journal?.remove(resumed.id) }
            throw TaskFailure.localFile("cannot open \(path) for reading")
        }
        defer { try? handle.close() }
        if let resumed, resumed.size != size || resumed.modified != modified {
            journal?.remove(resumed.id)
            throw TaskFailure.localFile("\(path) changed since its upload began (size or modification time); it was not resumed")
        }
        let id = resumed?.id ?? UUID().uuidString.lowercased()
        do {
            var record: UploadRecord
            if let resumed, resumed.hasSession, Date().timeIntervalSince1970 < resumed.sessionExpiresAt {
                record = resumed
            } else {
                if resumed?.hasSession == true { note("the upload session of \(path) expired; starting over") }
                record = try await openSession(id: id, drive: drive, size: size, modified: modified)
            }
            let file = try await send(from: &record, handle: handle, drive: drive, progress: progress, note: note)
            journal?.remove(id)
            return file
        } catch where Self.isResumable(after: error) {
            // Kept in the journal: `upload --resume` can finish it.
            throw error
        } catch {
            journal?.remove(id)
            throw error
        }
    }

    private func openSession(id: String, drive: DriveClient, size: Int64, modified: Double) async throws -> UploadRecord {
        let request = UploadSessionRequest(fileName: fileName, fileSize: size, fileUUID: newVersionOf, contentType: nil)
        let session = try await drive.createUploadSession(request)
        guard session.maxPartSize > 0 else {
            throw TaskFailure.protocolViolation("the session announced a part size of \(session.maxPartSize)")
        }
        let record = UploadRecord(
            id: id, path: path, fileName: fileName, newVersionOf: newVersionOf, attach: attach, size: size, modified: modified,
            driveURL: drive.driveURL.absoluteString, sessionID: session.sessionID, partSize: session.maxPartSize,
            sessionExpiresAt: Date().timeIntervalSince1970 + 23.5 * 3600, accepted: 0, nextURL: session.uploadURL, partsAccepted: 0)
        try journal?.save(record)
        return record
    }

    private func send(
        from record: inout UploadRecord, handle: FileHandle, drive: DriveClient,
        progress: @Sendable (Int64, Int64) -> Void, note: @Sendable (String) -> Void
    ) async throws -> DriveFile {
        var restarted = false
        try handle.seek(toOffset: UInt64(record.accepted))
        progress(record.accepted, record.size)
        while true {
            // A file that changes under the upload would give the drive a mix of two files.
            let (now, _) = try Self.identity(path)
            guard now == record.size else {
                throw TaskFailure.localFile("\(path) changed during the upload (\(record.size) bytes when it started, \(now) now); nothing was saved")
            }
            let expected = Int(min(Int64(record.partSize), record.size - record.accepted))
            let chunk = try handle.read(upToCount: expected) ?? Data()
            guard chunk.count == expected else {
                throw TaskFailure.localFile("\(path) changed during the upload; nothing was saved")
            }
            let (partURL, number) = (record.nextURL, record.partsAccepted + 1)
            let outcome: UploadPartOutcome
            do {
                let post = { try await drive.uploadPart(chunk, to: partURL, partNumber: number) }
                // Once the last part is on its way the file may already exist: a cancel then waits
                // for the answer rather than leave a file the user was told is not there.
                outcome = record.accepted + Int64(chunk.count) == record.size ? try await Task { try await post() }.value : try await post()
            } catch let error as APIError where error.kind == .notFound && !restarted {
                // The service no longer knows the session (expired, or lost): once, start over.
                note("the service no longer knows the upload session of \(path); starting over")
                restarted = true
                record = try await openSession(id: record.id, drive: drive, size: record.size, modified: record.modified)
                try handle.seek(toOffset: 0)
                progress(0, record.size)
                continue
            }
            switch outcome {
            case .next(let next):
                record.accepted += Int64(chunk.count)
                record.partsAccepted += 1
                record.nextURL = next.nextURL
                guard record.accepted < record.size else {
                    throw TaskFailure.protocolViolation("the service asked for more after all \(record.size) bytes were sent")
                }
                try journal?.save(record)
                progress(record.accepted, record.size)
            case .finished(let file):
                progress(record.size, record.size)
                return file
            }
        }
    }

    /// Size and modification time of a regular file.
    public static func identity(_ path: String) throws -> (size: Int64, modified: Double) {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw TaskFailure.localFile("\(path) cannot be read: \(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")")
        }
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
            throw TaskFailure.localFile("\(path) is not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return (size, modified)
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
        case .exists(let path): "\(path) already exists"
        }
    }
}
