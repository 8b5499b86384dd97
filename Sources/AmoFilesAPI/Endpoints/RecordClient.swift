import Foundation

/// API v4's records beyond their files: reading records with their fields, notes in
/// their feeds, custom fields, and the lead pipelines.
extension AccountClient {
    /// `GET /api/v4/{entity}?filter[id][]=...`: the records with these ids (at most 250 per call).
    public func entities(_ type: EntityType, ids: [Int]) async throws -> [CRMEntity] {
        var found: [CRMEntity] = []
        for start in stride(from: 0, to: ids.count, by: 250) {
            let chunk = ids[start..<min(ids.count, start + 250)]
            let call = "GET /api/v4/\(type.rawValue)"
            let query = chunk.map { ("filter[id][]", String($0)) } + [("limit", "250")]
            let response = try await requester.perform(call, method: "GET", url: url("/api/v4/\(type.rawValue)", query: query))
            if response.status == 204 { continue }
            found += try requester.decodePage(CRMEntity.self, key: type.rawValue, from: response, call: call).items
        }
        return found
    }

    /// `GET /api/v4/{entity}/{id}/notes`: one page of a record's notes, of the given types (all when empty).
    public func notes(_ type: EntityType, id: Int, types: [String] = [], limit: Int = 250, page: Int = 1) async throws -> Page<Note> {
        let call = "GET /api/v4/\(type.rawValue)/{id}/notes"
        var query = types.enumerated().map { ("filter[note_type][\($0.offset)]", $0.element) }
        query += [("limit", String(limit)), ("page", String(page))]
        let response = try await requester.perform(call, method: "GET", url: url("/api/v4/\(type.rawValue)/\(id)/notes", query: query))
        if response.status == 204 { return Page(items: [], embeddedKey: "notes") }
        return try requester.decodePage(Note.self, key: "notes", from: response, call: call)
    }

    /// Every note of a record of the given types, oldest first.
    public func allNotes(_ type: EntityType, id: Int, types: [String] = []) async throws -> [Note] {
        var all: [Note] = []
        var page = 1
        while true {
            let answer = try await notes(type, id: id, types: types, page: page)
            all += answer.items
            if answer.nextHref == nil || answer.items.isEmpty { break }
            page += 1
        }
        return all
    }

    /// `POST /api/v4/{entity}/{id}/notes`. Sent once: a note is not idempotent, and a
    /// repeated one would show twice in the feed (the caller reads back instead).
    public func addNotes(_ notes: [NewNote], to type: EntityType, id: Int) async throws -> [CreatedNote] {
        let call = "POST /api/v4/\(type.rawValue)/{id}/notes"
        let response = try await requester.perform(
            call, method: "POST", url: url("/api/v4/\(type.rawValue)/\(id)/notes"), json: try JSONEncoder().encode(notes), repeat: .once)
        return try requester.decodePage(CreatedNote.self, key: "notes", from: response, call: call).items
    }

    /// `GET /api/v4/{entity}/custom_fields`, every page.
    public func customFields(_ type: EntityType) async throws -> [CustomField] {
        var all: [CustomField] = []
        var page = 1
        while true {
            let call = "GET /api/v4/\(type.rawValue)/custom_fields"
            let response = try await requester.perform(
                call, method: "GET", url: url("/api/v4/\(type.rawValue)/custom_fields", query: [("limit", "250"), ("page", String(page))]))
            if response.status == 204 { break }
            let decoded = try requester.decodePage(CustomField.self, key: "custom_fields", from: response, call: call)
            all += decoded.items
            if decoded.nextHref == nil || decoded.items.isEmpty { break }
            page += 1
        }
        return all
    }

    /// `PATCH /api/v4/{entity}/{id}` with new values for some fields (`values: nil` clears one).
    public func setFields(_ values: [CustomFieldValue], of type: EntityType, id: Int) async throws {
        let call = "PATCH /api/v4/\(type.rawValue)/{id}"
        _ = try await requester.perform(
            call, method: "PATCH", url: url("/api/v4/\(type.rawValue)/\(id)"), json: try JSONEncoder().encode(RecordFieldsUpdate(customFieldsValues: values)))
    }

    /// `GET /api/v4/leads/pipelines`.
    public func pipelines() async throws -> [Pipeline] {
        let call = "GET /api/v4/leads/pipelines"
        let response = try await requester.perform(call, method: "GET", url: url("/api/v4/leads/pipelines"))
        if response.status == 204 { return [] }
        return try requester.decodePage(Pipeline.self, key: "pipelines", from: response, call: call).items
    }
}
