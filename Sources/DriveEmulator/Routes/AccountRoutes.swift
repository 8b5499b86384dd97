import AmoFilesAPI
import Foundation
import Hummingbird
import Logging

/// The account host: API v4 (account, users, entity-file links; records in
/// `RecordRoutes`), OAuth, and `/_emulator/` controls for tests.
struct AccountRoutes: Sendable {
    let store: DriveStore
    let addresses: EmulatorAddresses
    let faults: FaultInjection
    let customersMode: CustomersMode
    let logger: Logger

    private var auth: Authenticator { Authenticator(store: store) }
    private var records: RecordRoutes { RecordRoutes(store: store, addresses: addresses, faults: faults, customersMode: customersMode) }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: FailureMiddleware(style: .account))
        if faults.isActive { router.add(middleware: FaultMiddleware(faults: faults, style: .account)) }
        router.get("/api/v4/account") { request, _ in try account(request) }
        router.get("/api/v4/users") { request, _ in try users(request) }
        router.get("/api/v4/users/:id") { request, context in try user(request, context) }
        router.get("/api/v4/files/:uuid/links") { request, context in try fileLinks(request, context) }
        records.add(to: router)
        router.get("/api/v4/:entity/:id/files") { request, context in try entityFiles(request, context) }
        router.put("/api/v4/:entity/:id/files") { request, context in try await changeLinks(request, context, attach: true) }
        router.delete("/api/v4/:entity/:id/files") { request, context in try await changeLinks(request, context, attach: false) }
        router.post("/oauth2/access_token") { request, _ in try await accessToken(request) }
        router.post("/_emulator/clock") { request, _ in try advanceClock(request) }
        return router
    }

    private func account(_ request: Request) throws -> Response {
        let grant = try auth.grant(request)
        let parameters = QueryParameters(request.uri.query)
        let with = parameters.withList
        let account = Account(
            id: DemoAccount.id, name: DemoAccount.name, subdomain: DemoAccount.subdomain, uuid: try store.accountUUID(),
            country: "RU", currentUserID: grant.userID, driveURL: with.contains("drive_url") ? addresses.driveURL : nil,
            customersMode: customersMode)
        return try Reply.json(account, contentType: "application/hal+json")
    }

    /// Listing users is for account admins only, as on the service.
    private func requireAdmin(_ request: Request) throws {
        guard try auth.grant(request).userID == DemoAccount.adminUserID else {
            throw EmulatorFailure.forbidden("only account administrators may list users")
        }
    }

    private func users(_ request: Request) throws -> Response {
        try requireAdmin(request)
        let parameters = QueryParameters(request.uri.query)
        let limit = Int(try parameters.int("limit", default: 50, in: 1...250)!)
        let page = Int(try parameters.int("page", default: 1, in: 1...1_000_000)!)
        let (users, hasMore) = try store.users(limit: limit, page: page)
        if users.isEmpty { return Reply.empty(.noContent) }
        return try Reply.json(
            Page(items: users, embeddedKey: "users", links: records.pageLinks("/api/v4/users", parameters, page: page, limit: limit, hasMore: hasMore), page: page),
            contentType: "application/hal+json")
    }

    private func user(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        try requireAdmin(request)
        let id = try context.parameters.require("id", as: Int.self)
        guard let user = try store.user(id) else { throw EmulatorFailure.notFound("user \(id) not found") }
        return try Reply.json(user, contentType: "application/hal+json")
    }

    private func entityFiles(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        _ = try auth.grant(request)
        let type = try records.entityType(context)
        let id = try RecordRoutes.entityID(context)
        let parameters = QueryParameters(request.uri.query)
        let limit = Int(try parameters.int("limit", default: 50, in: 1...250)!)
        let beforeID = try parameters.int("before_id", in: 1...Int64.max).map(Int.init)
        guard let (links, hasMore) = try store.entityLinks(type, id: id, limit: limit, beforeID: beforeID) else {
            throw EmulatorFailure.notFound("\(type.singular) \(id) not found")
        }
        if links.isEmpty { return Reply.empty(.noContent) }
        let path = "\(addresses.accountURL)/api/v4/\(type.rawValue)/\(id)/files"
        var halLinks = ["self": HALLink(href: "\(path)?limit=\(limit)" + (beforeID.map { "&before_id=\($0)" } ?? ""))]
        if hasMore, let last = links.last { halLinks["next"] = HALLink(href: "\(path)?limit=\(limit)&before_id=\(last.id)") }
        return try Reply.json(Page(items: links, embeddedKey: "files", links: halLinks), contentType: "application/hal+json")
    }

    private func changeLinks(_ request: Request, _ context: BasicRequestContext, attach: Bool) async throws -> Response {
        _ = try auth.grant(request)
        let type = try records.entityType(context)
        let id = try RecordRoutes.entityID(context)
        let items = try JSONDecoder().decode([FileUUIDItem].self, from: Data(buffer: try await request.body.collect(upTo: 1 << 20)))
        guard !items.isEmpty else { throw EmulatorFailure.badRequest("the body must list at least one {\"file_uuid\": ...}") }
        try store.changeLinks(type, id: id, files: items.map(\.fileUUID), attach: attach, keep: !(attach && faults.losesAttaches))
        return Reply.empty(.accepted)
    }

    private func fileLinks(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        _ = try auth.grant(request)
        let uuid = try context.parameters.require("uuid")
        guard let entities = try store.linkedEntities(ofFile: uuid) else {
            throw EmulatorFailure.badRequest("file \(uuid) not found", path: "file_uuid")
        }
        return try Reply.json(FileEntityLinks(fileUUID: uuid, entities: entities), contentType: "application/hal+json")
    }

    private func accessToken(_ request: Request) async throws -> Response {
        let body = try JSONDecoder().decode(OAuthTokenRequest.self, from: Data(buffer: try await request.body.collect(upTo: 1 << 16)))
        guard body.grantType == "refresh_token", let refresh = body.refreshToken else {
            throw OAuthFailure(status: 400, hint: "The emulator supports grant_type refresh_token only")
        }
        let pair = try store.refreshOAuth(clientID: body.clientID, clientSecret: body.clientSecret, refreshToken: refresh)
        return try Reply.json(pair)
    }

    /// Moves the emulator's clock forward: `POST /_emulator/clock?advance=SECONDS`.
    private func advanceClock(_ request: Request) throws -> Response {
        _ = try auth.grant(request)
        let seconds = try QueryParameters(request.uri.query).int("advance", in: 0...(10 * 365 * 86_400)) ?? 0
        store.clock.advance(by: seconds)
        try store.purgeExpiredTrash()
        return try Reply.json(["now": store.clock.now()])
    }
}
