import Foundation
import Synchronization

/// The Files API on the account's drive host (`/v1.0/...` and downloads).
public struct DriveClient: Sendable {
    public let driveURL: URL
    let requester: Requester

    public init(driveURL: URL, requester: Requester) {
        self.driveURL = driveURL
        self.requester = requester
    }

    // MARK: Upload

    /// `POST /v1.0/sessions`: opens an upload session for a new file or a new version.
    public func createUploadSession(_ body: UploadSessionRequest) async throws -> UploadSession {
        let call = "POST /v1.0/sessions"
        let response = try await requester.perform(call, method: "POST", url: url("/v1.0/sessions"), json: try encode(body), scope: "files")
        return try requester.decode(UploadSession.self, from: response, call: call)
    }

    /// Posts one part's raw bytes to exactly the URL the service gave
    /// (`upload_url` or the previous `next_url`).
    public func uploadPart(_ bytes: Data, to partURL: String, partNumber: Int) async throws -> UploadPartOutcome {
        let call = "POST upload part \(partNumber)"
        guard let target = URL(string: partURL), target.scheme != nil else {
            throw APIError(call: call, kind: .undecodable(reason: "the service gave an upload URL that is not absolute"))
        }
        // The part carries the token: it goes to the drive host and nowhere else.
        guard Origin(target) == Origin(driveURL) else {
            throw APIError(call: call, kind: .refused(reason: "the service gave an upload URL on \(target.host ?? "another host"), not on the drive host \(driveURL.host ?? ""); nothing was sent there"))
        }
        let response = try await requester.perform(call, method: "POST", url: target, rawBody: bytes, scope: "files", timeout: 300, repeat: .uploadPart)
        return try Self.partOutcome(response, requester: requester, call: call)
    }

    /// The body says which kind of answer this is: `next_url` for more parts, a file model at the end.
    static func partOutcome(_ response: TransportResponse, requester: Requester, call: String) throws -> UploadPartOutcome {
        struct Probe: Decodable { var next_url: String? }
        let probe = try requester.decode(Probe.self, from: response, call: call)
        if probe.next_url != nil {
            return .next(try requester.decode(UploadNextPart.self, from: response, call: call))
        }
        return .finished(try requester.decode(DriveFile.self, from: response, call: call))
    }

    // MARK: Listing

    /// `GET /v1.0/files` with a filter, one page (empty when the service answers 204).
    public func listFiles(_ filter: FileFilter = FileFilter(), limit: Int = 50, page: Int = 1) async throws -> Page<DriveFile> {
        let query = filter.queryItems + [("limit", String(limit)), ("page", String(page))]
        return try await filesPage(url("/v1.0/files", query: query), call: "GET /v1.0/files")
    }

    /// Follows a page's `_links.next` as the service spelled it.
    public func nextPage(of page: Page<DriveFile>) async throws -> Page<DriveFile>? {
        guard let href = page.nextHref else { return nil }
        let call = "GET /v1.0/files (next page)"
        guard let next = URL(string: href), Origin(next) == Origin(driveURL) else {
            throw APIError(call: call, kind: .undecodable(reason: "the next-page link points away from the drive host"))
        }
        return try await filesPage(next, call: call)
    }

    /// Every page of a filter, following `_links.next`.
    public func allFiles(_ filter: FileFilter = FileFilter(), pageSize: Int = 250) async throws -> [DriveFile] {
        var files: [DriveFile] = []
        try await eachPage(filter, pageSize: pageSize) { page in
            files += page
            return true
        }
        return files
    }

    /// Every file of a filter when there are no more than `limit`; nil (and no more pages
    /// asked for) as soon as there are.
    public func allFiles(_ filter: FileFilter, pageSize: Int = 250, atMost limit: Int) async throws -> [DriveFile]? {
        var files: [DriveFile] = []
        var tooMany = false
        try await eachPage(filter, pageSize: pageSize) { page in
            files += page
            tooMany = files.count > limit
            return !tooMany
        }
        return tooMany ? nil : files
    }

    /// Hands each page of a filter to `body`, following `_links.next`, until the last page
    /// or until `body` says to stop (false). A cancelled task stops between pages.
    public func eachPage(_ filter: FileFilter, pageSize: Int = 250, _ body: ([DriveFile]) throws -> Bool) async throws {
        var page: Page<DriveFile>? = try await listFiles(filter, limit: pageSize, page: 1)
        while let current = page {
            guard try body(current.items), !current.items.isEmpty else { return }
            try Task.checkCancellation()
            page = try await nextPage(of: current)
        }
    }

    private func filesPage(_ url: URL, call: String) async throws -> Page<DriveFile> {
        let response = try await requester.perform(call, method: "GET", url: url, scope: "files")
        if response.status == 204 { return Page(items: [], embeddedKey: "files", count: 0) }
        return try requester.decodePage(DriveFile.self, key: "files", from: response, call: call)
    }

    /// `GET /v1.0/files/stats`: used and limit bytes; nil when the service does not answer it (404).
    public func stats() async throws -> DriveStats? {
        let call = "GET /v1.0/files/stats"
        do {
            let response = try await requester.perform(call, method: "GET", url: url("/v1.0/files/stats"), scope: "files")
            return try requester.decode(DriveStats.self, from: response, call: call)
        } catch let error as APIError where error.kind == .notFound {
            return nil
        }
    }

    // MARK: One file

    /// `GET /v1.0/files/{uuid}`.
    public func file(_ uuid: String) async throws -> DriveFile {
        let call = "GET /v1.0/files/{uuid}"
        let response = try await requester.perform(call, method: "GET", url: url("/v1.0/files/\(escaped(uuid))"), scope: "files")
        // The service has been seen answering a missing file with 204 and no body.
        if response.status == 204 { throw APIError(call: call, kind: .notFound, status: 204) }
        return try requester.decode(DriveFile.self, from: response, call: call)
    }

    /// `PATCH /v1.0/files/{uuid}` with a new name.
    public func rename(_ uuid: String, to name: String) async throws -> DriveFile {
        try await patch(uuid, body: ["name": name])
    }

    /// `PATCH /v1.0/files/{uuid}` making one version the active one.
    public func activateVersion(_ versionUUID: String, of uuid: String) async throws -> DriveFile {
        try await patch(uuid, body: ["version_uuid": versionUUID])
    }

    private func patch(_ uuid: String, body: [String: String]) async throws -> DriveFile {
        let call = "PATCH /v1.0/files/{uuid}"
        let response = try await requester.perform(call, method: "PATCH", url: url("/v1.0/files/\(escaped(uuid))"), json: try encode(body), scope: "files")
        return try requester.decode(DriveFile.self, from: response, call: call)
    }

    /// Which of `uuids` are in the trash (`trashed`) or out of it.
    public func uuids(among uuids: [String], trashed: Bool) async throws -> Set<String> {
        Set(try await files(withUUIDs: uuids, trashed: trashed).map(\.uuid))
    }

    /// The files of `uuids` in the trash (`trashed`) or out of it, those the drive
    /// lists: one listing per 250.
    public func files(withUUIDs uuids: [String], trashed: Bool) async throws -> [DriveFile] {
        var found: [DriveFile] = []
        for start in stride(from: 0, to: uuids.count, by: 250) {
            var filter = FileFilter()
            filter.uuids = Array(uuids[start..<min(uuids.count, start + 250)])
            filter.deleted = trashed
            found += try await allFiles(filter, pageSize: 250)
        }
        return found
    }

    /// `DELETE /v1.0/files`: moves files to the trash (needs the `files_delete` scope).
    public func delete(_ uuids: [String]) async throws {
        let call = "DELETE /v1.0/files"
        _ = try await requester.perform(call, method: "DELETE", url: url("/v1.0/files"), json: try encode(uuids.map(UUIDItem.init)), scope: "files_delete")
    }

    /// `POST /v1.0/files/restore`: brings files back from the trash.
    public func restore(_ uuids: [String]) async throws -> [DriveFile] {
        let call = "POST /v1.0/files/restore"
        let response = try await requester.perform(call, method: "POST", url: url("/v1.0/files/restore"), json: try encode(uuids.map(UUIDItem.init)), scope: "files")
        if response.status == 204 || response.body.isEmpty { return [] }
        return try requester.decodePage(DriveFile.self, key: "files", from: response, call: call).items
    }

    /// `GET /v1.0/files/{uuid}/versions`, newest first as the service orders them.
    public func versions(of uuid: String) async throws -> [FileVersion] {
        let call = "GET /v1.0/files/{uuid}/versions"
        let response = try await requester.perform(call, method: "GET", url: url("/v1.0/files/\(escaped(uuid))/versions"), scope: "files")
        if response.status == 204 { return [] }
        return try requester.decodePage(FileVersion.self, key: "versions", from: response, call: call).items
    }

    // MARK: Download

    /// Streams a download link (`_links.download` of a file or version) to `consume`.
    /// The token goes only to the drive host itself.
    /// A broken transfer is fetched again from the first byte, after `restart`.
    public func download(
        from href: String, restart: @Sendable () throws -> Void = {}, consume: @Sendable (Data) async throws -> Void
    ) async throws {
        _ = try await stream(href, restart: restart, consume: consume)
    }

    /// The first `limit` bytes of a download link (all of a shorter file), in one
    /// request: asked for with `Range`, and cut off after `limit` when a host ignores
    /// it and sends the whole file.
    public func firstBytes(of href: String, limit: Int) async throws -> Data {
        let collected = Mutex(Data())
        do {
            _ = try await stream(href, headers: [("Range", "bytes=0-\(max(0, limit - 1))")], restart: { collected.withLock { $0 = Data() } }) { chunk in
                let full = collected.withLock { data in
                    data.append(chunk.prefix(limit - data.count))
                    return data.count >= limit
                }
                if full { throw EnoughBytes() }
            }
        } catch is EnoughBytes {
        } catch let error as APIError where error.status == 416 {
            // A file of no bytes has no first byte to send.
            return Data()
        }
        return collected.withLock { $0 }
    }

    /// Thrown to stop reading a body once the bytes wanted are in.
    private struct EnoughBytes: Error {}

    private func stream(
        _ href: String, headers: [(String, String)] = [], restart: @Sendable () throws -> Void, consume: @Sendable (Data) async throws -> Void
    ) async throws -> TransportResponse {
        let call = "GET download"
        guard let target = URL(string: href), target.scheme != nil else {
            throw APIError(call: call, kind: .undecodable(reason: "the download link is not an absolute URL"))
        }
        return try await requester.stream(
            call, url: target, authorized: Origin(target) == Origin(driveURL), headers: headers, restart: restart, consume: consume)
    }

    // MARK: Helpers

    func url(_ path: String, query: [(String, String)] = []) -> URL {
        QueryString.url(driveURL, path: path, query: query)
    }

    private func escaped(_ segment: String) -> String { QueryString.escape(segment) }

    private func encode<T: Encodable>(_ value: T) throws -> Data { try JSONEncoder().encode(value) }
}
