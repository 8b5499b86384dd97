import Foundation

/// API v4 on the account host: the account, users, entities and the links of files to entities.
public struct AccountClient: Sendable {
    public let accountURL: URL
    let requester: Requester

    public init(accountURL: URL, requester: Requester) {
        self.accountURL = accountURL
        self.requester = requester
    }

    /// `GET /api/v4/account`, with `drive_url` when asked.
    public func account(withDriveURL: Bool = true) async throws -> Account {
        let call = "GET /api/v4/account"
        let query = withDriveURL ? [("with", "drive_url")] : []
        let response = try await requester.perform(call, method: "GET", url: url("/api/v4/account", query: query))
        return try requester.decode(Account.self, from: response, call: call)
    }

    /// `GET /api/v4/users`, every page.
    public func users() async throws -> [AccountUser] {
        var all: [AccountUser] = []
        var page = 1
        while true {
            let call = "GET /api/v4/users"
            let response = try await requester.perform(call, method: "GET", url: url("/api/v4/users", query: [("limit", "250"), ("page", String(page))]))
            if response.status == 204 { break }
            let decoded = try requester.decodePage(AccountUser.self, key: "users", from: response, call: call)
            all += decoded.items
            if decoded.nextHref == nil || decoded.items.isEmpty { break }
            page += 1
        }
        return all
    }

    /// User names by id, for showing who did something.
    public func userNames() async throws -> [Int: String] {
        Dictionary(try await users().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// User names for "who" columns, never a failure: listing users is for account
    /// admins only, so when it is refused the ids stay, the token's own user is "you",
    /// and `unavailable` says why (for the caller to say once).
    public func namesForDisplay(currentUserID: Int?) async -> UserNames {
        do {
            return UserNames(names: try await userNames(), unavailable: nil)
        } catch {
            return UserNames(names: currentUserID.map { [$0: "you"] } ?? [:], unavailable: UserNames.whyUnavailable(error))
        }
    }

    /// `GET /api/v4/{entity}?query=`: entities whose name matches `query`, one page.
    public func searchEntities(_ type: EntityType, query: String, limit: Int = 50, page: Int = 1) async throws -> [CRMEntity] {
        let call = "GET /api/v4/\(type.rawValue)"
        var items = [("limit", String(limit)), ("page", String(page))]
        if !query.isEmpty { items.insert(("query", query), at: 0) }
        let response = try await requester.perform(call, method: "GET", url: url("/api/v4/\(type.rawValue)", query: items))
        if response.status == 204 { return [] }
        return try requester.decodePage(CRMEntity.self, key: type.rawValue, from: response, call: call).items
    }

    /// `GET /api/v4/{entity}/{id}`, a lead with its contacts when asked.
    public func entity(_ type: EntityType, id: Int, withContacts: Bool = false) async throws -> CRMEntity {
        let call = "GET /api/v4/\(type.rawValue)/{id}"
        let response = try await requester.perform(
            call, method: "GET", url: url("/api/v4/\(type.rawValue)/\(id)", query: withContacts ? [("with", "contacts")] : []))
        return try requester.decode(CRMEntity.self, from: response, call: call)
    }

    /// `GET /api/v4/{entity}/{id}/files`: one page of links, newest first; `beforeID` pages back.
    public func entityFiles(_ type: EntityType, id: Int, limit: Int = 50, beforeID: Int? = nil) async throws -> Page<EntityFileLink> {
        let call = "GET /api/v4/\(type.rawValue)/{id}/files"
        var query = [("limit", String(limit))]
        if let beforeID { query.append(("before_id", String(beforeID))) }
        let response = try await requester.perform(call, method: "GET", url: url("/api/v4/\(type.rawValue)/\(id)/files", query: query))
        if response.status == 204 { return Page(items: [], embeddedKey: "files") }
        return try requester.decodePage(EntityFileLink.self, key: "files", from: response, call: call)
    }

    /// Every link of an entity, paging with `before_id`.
    public func allEntityFiles(_ type: EntityType, id: Int) async throws -> [EntityFileLink] {
        var all: [EntityFileLink] = []
        var beforeID: Int?
        while true {
            let page = try await entityFiles(type, id: id, limit: 250, beforeID: beforeID)
            all += page.items
            guard page.nextHref != nil, let last = page.items.map(\.id).min() else { break }
            beforeID = last
        }
        return all
    }

    /// `PUT /api/v4/{entity}/{id}/files`: attaches files (202, no body).
    public func attach(_ fileUUIDs: [String], to type: EntityType, id: Int) async throws {
        let call = "PUT /api/v4/\(type.rawValue)/{id}/files"
        _ = try await requester.perform(call, method: "PUT", url: url("/api/v4/\(type.rawValue)/\(id)/files"), json: try JSONEncoder().encode(fileUUIDs.map(FileUUIDItem.init)))
    }

    /// `DELETE /api/v4/{entity}/{id}/files`: detaches files (202, no body).
    public func detach(_ fileUUIDs: [String], from type: EntityType, id: Int) async throws {
        let call = "DELETE /api/v4/\(type.rawValue)/{id}/files"
        _ = try await requester.perform(call, method: "DELETE", url: url("/api/v4/\(type.rawValue)/\(id)/files"), json: try JSONEncoder().encode(fileUUIDs.map(FileUUIDItem.init)))
    }

    /// `GET /api/v4/files/{uuid}/links`: the entities a file is attached to.
    public func links(ofFile uuid: String) async throws -> FileEntityLinks {
        let call = "GET /api/v4/files/{uuid}/links"
        let response = try await requester.perform(call, method: "GET", url: url("/api/v4/files/\(QueryString.escape(uuid))/links"))
        if response.status == 204 { return FileEntityLinks(fileUUID: uuid, entities: []) }
        return try requester.decode(FileEntityLinks.self, from: response, call: call)
    }

    func url(_ path: String, query: [(String, String)] = []) -> URL {
        QueryString.url(accountURL, path: path, query: query)
    }
}

/// Names of account users by id, or why they are not known.
public struct UserNames: Sendable {
    public var names: [Int: String]
    public var unavailable: String?

    /// Why the list of users could not be had, in words for the person.
    public static func whyUnavailable(_ error: any Error) -> String {
        guard let error = error as? APIError else { return String(describing: error) }
        switch error.kind {
        case .forbidden: return "only an account admin may list the users (403)"
        case .transport, .certificate: return "the service could not be reached"
        case .undecodable: return "the list of users could not be read"
        default: return "the service refused the list of users (\(error.status.map(String.init) ?? "no answer"))"
        }
    }
}
