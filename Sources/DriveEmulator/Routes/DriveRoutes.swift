import AmoFilesAPI
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The drive host: `/v1.0/...`, part uploads and downloads.
struct DriveRoutes: Sendable {
    let store: DriveStore
    let addresses: EmulatorAddresses
    let faults: FaultInjection
    let flavor: EmulatorFlavor
    let downloads: DownloadMeter
    let logger: Logger

    private var auth: Authenticator { Authenticator(store: store) }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: FailureMiddleware(style: .drive))
        if faults.isActive { router.add(middleware: FaultMiddleware(faults: faults, style: .drive)) }
        router.post("/v1.0/sessions") { request, context in try await createSession(request, context) }
        router.post("/v1.0/sessions/upload/:token") { request, context in try await uploadPart(request, context) }
        router.post("/upload/:token") { request, context in try await uploadPart(request, context) }
        router.get("/v1.0/files") { request, _ in try listFiles(request) }
        router.get("/v1.0/files/stats") { request, _ in try stats(request) }
        router.delete("/v1.0/files") { request, context in try await deleteFiles(request, context) }
        router.post("/v1.0/files/restore") { request, context in try await restoreFiles(request, context) }
        router.get("/v1.0/files/:uuid") { request, context in try getFile(request, context) }
        router.patch("/v1.0/files/:uuid") { request, context in try await patchFile(request, context) }
        router.get("/v1.0/files/:uuid/versions") { request, context in try listVersions(request, context) }
        router.get("/v1.0/files/:uuid/versions/:version") { request, context in try getVersion(request, context) }
        router.get("/download/**") { request, context in try await download(request, context) }
        return router
    }

    private var models: ModelBuilder {
        get throws { ModelBuilder(driveURL: addresses.driveURL, accountUUID: try store.accountUUID()) }
    }

    // MARK: Uploads

    private func createSession(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let grant = try auth.grant(request, scope: "files")
        let body = try await JSONDecoder().decode(UploadSessionRequest.self, from: Data(buffer: request.body.collect(upTo: 1 << 20)))
        let (id, token) = try store.createSession(body, userID: grant.userID)
        let session = UploadSession(
            sessionID: Int(id), uploadURL: partURL(token), maxFileSize: store.limits.maxFileSize, maxPartSize: store.limits.maxPartSize)
        return try Reply.json(session)
    }

    private func uploadPart(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try auth.grant(request, scope: "files")
        let token = try context.parameters.require("token")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(store.limits.maxPartSize)
        for try await chunk in request.body {
            bytes += chunk.readableBytesView
            if bytes.count > store.limits.maxPartSize {
                throw EmulatorFailure.badRequest("part exceeds max_part_size \(store.limits.maxPartSize)")
            }
        }
        switch try store.acceptPart(token: token, bytes: bytes) {
        case .next(let sessionID, let next):
            let status: HTTPResponse.Status = flavor == .kommo ? .accepted : .ok
            return try Reply.json(UploadNextPart(sessionID: Int(sessionID), nextURL: partURL(next)), status: status)
        case .finished(let file, let sessionID):
            return try Reply.json(try models.file(file, sessionID: Int(sessionID)))
        }
    }

    private func partURL(_ token: String) -> String {
        switch flavor {
        case .amocrm: "\(addresses.driveURL)/v1.0/sessions/upload/\(token)"
        case .kommo: "\(addresses.driveURL)/upload/\(token)"
        }
    }

    // MARK: Files

    /// `GET /v1.0/files/stats`: the bytes every version of the files out of the trash
    /// takes, and the account's limit (not in the official pages; see API_NOTES).
    private func stats(_ request: Request) throws -> Response {
        _ = try auth.grant(request, scope: "files")
        let used = try store.usedBytes()
        return try Reply.json(DriveStats(limit: store.limits.storageLimit, used: used,
                                         links: ["self": HALLink(href: "\(addresses.driveURL)/v1.0/files/stats")]))
    }

    private func listFiles(_ request: Request) throws -> Response {
        _ = try auth.grant(request, scope: "files")
        let parameters = QueryParameters(request.uri.query)
        let query = try FileListQuery(parameters, now: store.clock.now())
        let (files, hasMore) = try store.listFiles(query)
        if files.isEmpty { return Reply.empty(.noContent) }
        let builder = try models
        var links = ["self": HALLink(href: "\(addresses.driveURL)/v1.0/files?\(parameters.with(page: query.page, limit: query.limit))")]
        if hasMore {
            links["next"] = HALLink(href: "\(addresses.driveURL)/v1.0/files?\(parameters.with(page: query.page + 1, limit: query.limit))")
        }
        return try Reply.json(Page(items: files.map { builder.file($0) }, embeddedKey: "files", count: files.count, links: links))
    }

    private func getFile(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        _ = try auth.grant(request, scope: "files")
        let uuid = try context.parameters.require("uuid")
        guard let file = try store.file(uuid) else { throw EmulatorFailure.notFound("file \(uuid) not found") }
        return try Reply.json(try models.file(file))
    }

    private func patchFile(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let grant = try auth.grant(request, scope: "files")
        let uuid = try context.parameters.require("uuid")
        struct Edit: Decodable {
            var name: String?
            var version_uuid: String?
        }
        let edit = try JSONDecoder().decode(Edit.self, from: Data(buffer: try await request.body.collect(upTo: 1 << 20)))
        let user = UserRef.user(grant.userID)
        let file: FileRecord
        switch (edit.name, edit.version_uuid) {
        case (.some, .some):
            throw EmulatorFailure.badRequest("name and version_uuid cannot be changed in one request")
        case (let name?, nil):
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw EmulatorFailure.badRequest("name must not be empty", path: "name") }
            guard trimmed.count <= 255 else { throw EmulatorFailure.badRequest("name is longer than 255 characters", path: "name") }
            file = try store.rename(uuid, to: trimmed, by: user)
        case (nil, let version?):
            file = try store.activate(version: version, of: uuid, by: user)
        case (nil, nil):
            guard let existing = try store.file(uuid) else { throw EmulatorFailure.notFound("file \(uuid) not found") }
            file = existing
        }
        return try Reply.json(try models.file(file))
    }

    private func uuidList(_ request: Request) async throws -> [String] {
        let items = try JSONDecoder().decode([UUIDItem].self, from: Data(buffer: try await request.body.collect(upTo: 1 << 20)))
        guard !items.isEmpty else { throw EmulatorFailure.badRequest("the body must list at least one {\"uuid\": ...}") }
        return items.map(\.uuid)
    }

    private func deleteFiles(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let grant = try auth.grant(request, scope: "files")
        guard grant.scopes.contains("files_delete") else {
            throw EmulatorFailure.forbidden("deleting files needs the files_delete scope, which this integration lacks")
        }
        try store.trash(try await uuidList(request), by: .user(grant.userID))
        return Reply.empty(.noContent)
    }

    private func restoreFiles(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try auth.grant(request, scope: "files")
        let restored = try store.restore(try await uuidList(request))
        let builder = try models
        return try Reply.json(Page(items: restored.map { builder.file($0) }, embeddedKey: "files", count: restored.count))
    }

    private func listVersions(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        _ = try auth.grant(request, scope: "files")
        let uuid = try context.parameters.require("uuid")
        guard let (file, versions) = try store.versions(of: uuid) else { throw EmulatorFailure.notFound("file \(uuid) not found") }
        let builder = try models
        let items = versions.map { builder.version($0, isMain: $0.uuid == file.activeVersion) }
        return try Reply.json(Page(
            items: items, embeddedKey: "versions", count: items.count,
            links: ["self": HALLink(href: "\(addresses.driveURL)/v1.0/files/\(uuid)/versions")]))
    }

    private func getVersion(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        _ = try auth.grant(request, scope: "files")
        let uuid = try context.parameters.require("uuid")
        let versionUUID = try context.parameters.require("version")
        guard let (file, versions) = try store.versions(of: uuid), let version = versions.first(where: { $0.uuid == versionUUID }) else {
            throw EmulatorFailure.notFound("version \(versionUUID) of file \(uuid) not found")
        }
        return try Reply.json(try models.version(version, isMain: version.uuid == file.activeVersion))
    }

    // MARK: Download

    /// `/download/{account}/{file}[/{version}]/{name}`, served without a token; trashed files answer 404.
    /// A `Range` of one span answers 206 with those bytes, 416 when it starts past the end.
    private func download(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let segments = request.uri.path.split(separator: "/").dropFirst().map(String.init)
        guard segments.count == 3 || segments.count == 4, segments[0] == (try store.accountUUID()) else {
            throw EmulatorFailure.notFound("no such download")
        }
        guard let file = try store.file(segments[1]), !file.isTrashed else { throw EmulatorFailure.notFound("file not found") }
        let versionUUID = segments.count == 4 ? segments[2] : file.activeVersion
        guard let version = try store.version(versionUUID, of: file.uuid) else { throw EmulatorFailure.notFound("version not found") }
        let size = version.size
        var span: Range<Int64> = 0..<size
        var headers: HTTPFields = [.contentType: version.mimeType, .acceptRanges: "bytes"]
        switch request.headers[.range].flatMap({ faults.ignoresRange ? nil : ByteRange.parse($0, size: size) }) {
        case .span(let asked)?:
            span = asked
            headers[.contentRange] = "bytes \(asked.lowerBound)-\(asked.upperBound - 1)/\(size)"
        case .unsatisfiable?:
            headers[.contentRange] = "bytes */\(size)"
            return Response(status: .init(code: 416), headers: headers)
        case .ignored?, nil:
            break
        }
        headers[.contentLength] = String(span.count)
        let (blobs, served, meter) = (store.blobs, span, downloads)
        meter.answered()
        logger.info("download \(file.uuid) version \(version.uuid): bytes \(span.lowerBound)-\(span.upperBound - 1) of \(size)")
        let body = ResponseBody(contentLength: Int(span.count)) { writer in
            try await blobs.read(version.blob, range: served) { chunk in
                try await writer.write(ByteBuffer(bytes: chunk))
                meter.wrote(chunk.count)
            }
            try await writer.finish(nil)
        }
        return Response(status: span.count == size ? .ok : .partialContent, headers: headers, body: body)
    }
}

extension FileListQuery {
    /// Reads and checks every documented filter; a bad value is a 400 naming it.
    init(_ parameters: QueryParameters, now: Int64) throws {
        self.init()
        limit = Int(try parameters.int("limit", default: 50, in: 1...250)!)
        page = Int(try parameters.int("page", default: 1, in: 1...1_000_000)!)
        uuids = parameters.all("filter[uuid]").flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        name = parameters.first("filter[name]")
        extensions = (parameters.all("filter[extensions][]") + parameters.all("filter[extensions]").flatMap { $0.split(separator: ",").map(String.init) })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ". ")).lowercased() }
            .filter { !$0.isEmpty }
        term = parameters.first("filter[term]")
        sourceID = try parameters.int("filter[source_id]").map(Int.init)
        trash = parameters.has("filter[deleted]")
        let unit = try parameters.int("filter[size][unit]", default: 1, in: 1...1_000_000_000_000)!
        sizeFrom = try parameters.int("filter[size][from]", in: 0...Int64.max / 1_000_000_000_000).map { $0 * unit }
        sizeTo = try parameters.int("filter[size][to]", in: 0...Int64.max / 1_000_000_000_000).map { $0 * unit }
        if let type = parameters.first("filter[date][type]") {
            guard ["created_at", "updated_at"].contains(type) else {
                throw EmulatorFailure.badRequest("filter[date][type] must be created_at or updated_at", path: "filter[date][type]")
            }
            dateField = type
        }
        if let preset = parameters.first("filter[date][date_preset]") {
            guard let range = DatePresetRange.range(preset, now: now, timeZone: DemoAccount.timeZone) else {
                throw EmulatorFailure.badRequest("filter[date][date_preset] \"\(preset)\" is not a known preset", path: "filter[date][date_preset]")
            }
            (dateFrom, dateTo) = range
        }
        dateFrom = try parameters.int("filter[date][from]") ?? dateFrom
        dateTo = try parameters.int("filter[date][to]") ?? dateTo
        createdBy = try parameters.ints("filter[created_by]")
        updatedBy = try parameters.ints("filter[updated_by]")
    }
}
