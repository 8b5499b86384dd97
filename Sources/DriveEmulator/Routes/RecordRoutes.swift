import AmoFilesAPI
import Foundation
import Hummingbird

/// API v4's records on the account host: listing and reading leads, contacts,
/// companies and customers; their notes and custom fields; the lead pipelines.
struct RecordRoutes: Sendable {
    let store: DriveStore
    let addresses: EmulatorAddresses
    let faults: FaultInjection
    let customersMode: CustomersMode

    private var auth: Authenticator { Authenticator(store: store) }

    func add(to router: Router<BasicRequestContext>) {
        // Spelled with the parameter: a constant `leads` beside `:entity` would hide `/api/v4/leads`.
        router.get("/api/v4/:entity/pipelines") { request, context in try pipelines(request, context) }
        router.get("/api/v4/:entity") { request, context in try entities(request, context) }
        router.patch("/api/v4/:entity") { request, context in try await updateMany(request, context) }
        router.get("/api/v4/:entity/custom_fields") { request, context in try customFields(request, context) }
        router.post("/api/v4/:entity/notes") { request, context in try await addNotes(request, context, to: nil) }
        router.get("/api/v4/:entity/:id") { request, context in try entity(request, context) }
        router.patch("/api/v4/:entity/:id") { request, context in try await updateOne(request, context) }
        router.get("/api/v4/:entity/:id/notes") { request, context in try notes(request, context) }
        router.post("/api/v4/:entity/:id/notes") { request, context in
            try await addNotes(request, context, to: try RecordRoutes.entityID(context))
        }
    }

    // MARK: Paths

    /// The entity type a path names; customers only when the account has them.
    func entityType(_ context: BasicRequestContext) throws -> EntityType {
        let name = try context.parameters.require("entity")
        guard let type = EntityType(rawValue: name) else { throw EmulatorFailure.notFound("no such entity type: \(name)") }
        if type == .customers, !customersMode.isOn {
            throw EmulatorFailure.forbidden("customers are switched off in this account (customers_mode: \(customersMode.rawValue))")
        }
        return type
    }

    static func entityID(_ context: BasicRequestContext) throws -> Int {
        guard let id = context.parameters.get("id", as: Int.self), id > 0 else {
            throw EmulatorFailure.badRequest("the entity id must be a positive integer", path: "id")
        }
        return id
    }

    private func body<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer: try await request.body.collect(upTo: 4 << 20)))
    }

    // MARK: Records

    private func entities(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        _ = try auth.grant(request)
        let type = try entityType(context)
        let parameters = QueryParameters(request.uri.query)
        let limit = Int(try parameters.int("limit", default: 50, in: 1...250)!)
        let page = Int(try parameters.int("page", default: 1, in: 1...1_000_000)!)
        let ids = try parameters.ints("filter[id]")
        let (records, hasMore) = try store.searchEntities(
            type, query: parameters.first("query"), ids: ids, withContacts: parameters.withList.contains("contacts"), limit: limit, page: page)
        if records.isEmpty { return Reply.empty(.noContent) }
        let path = "/api/v4/\(type.rawValue)"
        return try Reply.json(
            ListBody(embeddedKey: type.rawValue, items: records.map { RecordBody(record: $0, type: type, accountURL: addresses.accountURL) },
                     links: pageLinks(path, parameters, page: page, limit: limit, hasMore: hasMore), page: page),
            contentType: "application/hal+json")
    }

    private func entity(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        _ = try auth.grant(request)
        let type = try entityType(context)
        let id = try Self.entityID(context)
        let withContacts = QueryParameters(request.uri.query).withList.contains("contacts")
        guard let record = try store.entity(type, id: id, withContacts: withContacts) else {
            throw EmulatorFailure.notFound("\(type.singular) \(id) not found")
        }
        return try Reply.json(RecordBody(record: record, type: type, accountURL: addresses.accountURL), contentType: "application/hal+json")
    }

    // MARK: Custom fields

    private func customFields(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        _ = try auth.grant(request)
        let type = try entityType(context)
        let parameters = QueryParameters(request.uri.query)
        let limit = Int(try parameters.int("limit", default: 50, in: 1...250)!)
        let page = Int(try parameters.int("page", default: 1, in: 1...1_000_000)!)
        let types = parameters.indexed("filter[type]")
        let (fields, total) = try store.customFields(type, types: types, limit: limit, page: page)
        if fields.isEmpty { return Reply.empty(.noContent) }
        let pages = (total + limit - 1) / limit
        let links = pageLinks("/api/v4/\(type.rawValue)/custom_fields", parameters, page: page, limit: limit, hasMore: page < pages)
        return try Reply.json(
            ListBody(embeddedKey: "custom_fields", items: fields.map { FieldBody(field: $0) }, links: links, page: page, totalItems: total, pageCount: pages),
            contentType: "application/hal+json")
    }

    /// `PATCH /api/v4/{entity}`: `[{"id", "custom_fields_values"}]`, answered with each record's `updated_at`.
    private func updateMany(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let grant = try auth.grant(request)
        let type = try entityType(context)
        let updates = try await body([RecordUpdate].self, request)
        guard (1...250).contains(updates.count) else { throw EmulatorFailure.badRequest("send between 1 and 250 records") }
        let answers = try store.updateFields(type, updates: updates, by: grant.userID, keep: !faults.losesAttaches)
        return try Reply.json(Page(items: answers, embeddedKey: type.rawValue), contentType: "application/hal+json")
    }

    /// `PATCH /api/v4/{entity}/{id}`: `{"custom_fields_values": [...]}`.
    private func updateOne(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let grant = try auth.grant(request)
        let type = try entityType(context)
        let id = try Self.entityID(context)
        let update = try await body(RecordFieldsUpdate.self, request)
        guard try store.entityExists(type, id: id) else { throw EmulatorFailure.notFound("\(type.singular) \(id) not found") }
        let answer = try store.updateFields(
            type, updates: [RecordUpdate(id: id, customFieldsValues: update.customFieldsValues)], by: grant.userID, keep: !faults.losesAttaches)[0]
        return try Reply.json(
            UpdatedRecord(id: id, updatedAt: answer.updatedAt ?? 0, links: ["self": HALLink(href: "\(addresses.accountURL)/api/v4/\(type.rawValue)/\(id)")]),
            contentType: "application/hal+json")
    }

    // MARK: Notes

    private func notes(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        _ = try auth.grant(request)
        let type = try entityType(context)
        let id = try Self.entityID(context)
        let parameters = QueryParameters(request.uri.query)
        var query = NoteQuery()
        query.limit = Int(try parameters.int("limit", default: 50, in: 1...250)!)
        query.page = Int(try parameters.int("page", default: 1, in: 1...1_000_000)!)
        query.types = parameters.indexed("filter[note_type]")
        for column in ["id", "updated_at"] {
            guard let direction = parameters.first("order[\(column)]") else { continue }
            guard ["asc", "desc"].contains(direction) else {
                throw EmulatorFailure.badRequest("order[\(column)] is asc or desc", path: "order[\(column)]")
            }
            query.orderBy = column
            query.ascending = direction == "asc"
        }
        guard let (notes, hasMore) = try store.notes(type, id: id, query) else {
            throw EmulatorFailure.notFound("\(type.singular) \(id) not found")
        }
        if notes.isEmpty { return Reply.empty(.noContent) }
        let path = "/api/v4/\(type.rawValue)/\(id)/notes"
        return try Reply.json(
            Page(items: notes, embeddedKey: "notes", links: pageLinks(path, parameters, page: query.page, limit: query.limit, hasMore: hasMore), page: query.page),
            contentType: "application/hal+json")
    }

    /// Creates notes in a batch; on `/{entity}/{id}/notes` the items name no record.
    private func addNotes(_ request: Request, _ context: BasicRequestContext, to id: Int?) async throws -> Response {
        let grant = try auth.grant(request)
        let type = try entityType(context)
        var items = try await body([NewNote].self, request)
        guard (1...250).contains(items.count) else { throw EmulatorFailure.badRequest("send between 1 and 250 notes") }
        if let id {
            guard try store.entityExists(type, id: id) else { throw EmulatorFailure.notFound("\(type.singular) \(id) not found") }
            for index in items.indices { items[index].entityID = id }
        }
        let created = try store.addNotes(type, items, by: grant.userID, keep: !faults.losesAttaches)
        let base = "\(addresses.accountURL)/api/v4/\(type.rawValue)"
        return try Reply.json(
            ListBody(embeddedKey: "notes", items: created.map { CreatedNoteBody(note: $0, href: "\(base)/\($0.entityID)/notes/\($0.id)") },
                     links: ["self": HALLink(href: id.map { "\(base)/\($0)/notes" } ?? "\(base)/notes")]),
            contentType: "application/hal+json")
    }

    // MARK: Pipelines

    private func pipelines(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        _ = try auth.grant(request)
        guard try entityType(context) == .leads else { throw EmulatorFailure.notFound("only leads have pipelines") }
        let pipelines = try store.pipelines()
        return try Reply.json(PipelinesBody(pipelines: pipelines), contentType: "application/hal+json")
    }

    func pageLinks(_ path: String, _ parameters: QueryParameters, page: Int, limit: Int, hasMore: Bool) -> [String: HALLink] {
        var links = ["self": HALLink(href: "\(addresses.accountURL)\(path)?\(parameters.with(page: page, limit: limit))")]
        if hasMore { links["next"] = HALLink(href: "\(addresses.accountURL)\(path)?\(parameters.with(page: page + 1, limit: limit))") }
        return links
    }
}
