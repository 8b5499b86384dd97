import AmoFilesAPI
import Foundation

/// Attaches files to a record in one of the three ways, and reads back: a trashed or
/// unknown file stops it before anything is sent, and an attach the service answered
/// as done but does not show is a failure (users of other clients report 202s that
/// never appeared).
struct Attaching {
    let drive: DriveClient
    let account: AccountClient

    func run(_ uuids: [String], to target: LinkTarget, as way: AttachWay) async throws {
        try await run(files: try await usableFiles(uuids), to: target, as: way)
    }

    /// Files known to be on the drive (one just uploaded: a listing may not show it yet).
    func run(files: [DriveFile], to target: LinkTarget, as way: AttachWay) async throws {
        switch way {
        case .link: try await link(files, to: target)
        case .note(let comment): try await note(files, to: target, comment: comment)
        case .field(let id, let replacing): try await field(files, to: target, id: id, replacing: replacing)
        }
    }

    /// The files in the order named, each once; a trashed or unknown one refuses the whole attach.
    private func usableFiles(_ uuids: [String]) async throws -> [DriveFile] {
        var seen = Set<String>()
        let named = uuids.filter { seen.insert($0).inserted }
        let active = try await drive.files(withUUIDs: named, trashed: false)
        let byUUID = Dictionary(active.map { ($0.uuid, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = named.filter { byUUID[$0] == nil }
        if !missing.isEmpty {
            let trashed = try await drive.files(withUUIDs: missing, trashed: true)
            if let first = trashed.first {
                throw AttachFailure.refused(
                    "“\(first.displayName)” (\(first.uuid)) is in the trash, and a trashed file cannot be linked, put in a note or in a field (restore it first)")
            }
            throw AttachFailure.refused("there is no file \(missing[0]) on the drive")
        }
        return named.compactMap { byUUID[$0] }
    }

    private func link(_ files: [DriveFile], to target: LinkTarget) async throws {
        try await account.attach(files.map(\.uuid), to: target.entity, id: target.id)
        var lost: [DriveFile] = []
        for file in files where !(try await isLinked(file, to: target)) { lost.append(file) }
        if !lost.isEmpty { throw notKept(lost, "the Files tab of \(target)") }
    }

    /// Read back through the file's links: one request a file, however many files the
    /// record already has (its own list may run to thousands).
    private func isLinked(_ file: DriveFile, to target: LinkTarget) async throws -> Bool {
        try await account.links(ofFile: file.uuid).entities.contains { $0.id == target.id && EntityType(name: $0.entityType) == target.entity }
    }

    /// One attachment note per file, and the comment as a common note made at the same
    /// second, which is how the service pairs a comment with its file.
    private func note(_ files: [DriveFile], to target: LinkTarget, comment: String?) async throws {
        let time = Int64(Date().timeIntervalSince1970)
        var notes = files.map { NewNote.attachment(fileUUID: $0.uuid, fileName: $0.displayName, at: time) }
        if let comment, !comment.isEmpty { notes.append(.comment(comment, at: time)) }
        var created: [CreatedNote]?
        do {
            created = try await account.addNotes(notes, to: target.entity, id: target.id)
        } catch let error as APIError where Self.mayHaveLanded(error.kind) {
            // Notes are sent once; whether a lost answer's notes were made, the read-back says.
            created = nil
        }
        let feed = try await account.allNotes(target.entity, id: target.id, types: [Note.attachment, Note.common])
        let kept: (NewNote, Int) -> Bool = { sent, index in
            if let created, index < created.count { return feed.contains { $0.id == created[index].id } }
            return feed.contains { $0.noteType == sent.noteType && $0.createdAt == time && $0.params.fileUUID == sent.params.fileUUID && (sent.params.text == nil || $0.params.text == sent.params.text) }
        }
        let lost = files.enumerated().filter { !kept(notes[$0.offset], $0.offset) }.map(\.element)
        if !lost.isEmpty { throw notKept(lost, "the feed of \(target)") }
        if notes.count > files.count, !kept(notes[files.count], files.count) {
            throw AttachFailure.notKept("the service did not keep the comment: the note was made, but read back, the feed of \(target) does not show the comment")
        }
    }

    private func field(_ files: [DriveFile], to target: LinkTarget, id: Int, replacing: Bool) async throws {
        guard files.count == 1, let file = files.first else { throw AttachFailure.refused("a file field holds one file; name one") }
        let fields = try await account.customFields(target.entity)
        let fileFields = fields.filter(\.isFile).map { "\($0.id) “\($0.name)”" }.joined(separator: ", ")
        guard let field = fields.first(where: { $0.id == id }) else {
            throw AttachFailure.refused("\(target.entity.rawValue) have no field \(id); their file fields: \(fileFields.isEmpty ? "none" : fileFields)")
        }
        guard field.isFile else {
            throw AttachFailure.refused("“\(field.name)” is a \(field.type) field, not a file field; file fields: \(fileFields.isEmpty ? "none" : fileFields)")
        }
        let record = try await account.entity(target.entity, id: target.id)
        if let held = record.field(id)?.file {
            if held.fileUUID == file.uuid { return }
            guard replacing else {
                throw AttachFailure.refused(
                    "“\(field.name)” of \(target) already holds “\(held.fileName ?? held.fileUUID)” (\(held.fileUUID)); replace it on purpose "
                        + "(--replace), or upload the changed file as a new version of that one: the field shows its newest version")
            }
        }
        try await account.setFields([CustomFieldValue(fieldID: id, values: [FieldValue(.file(FileFieldValue(fileUUID: file.uuid)))])], of: target.entity, id: target.id)
        let after = try await account.entity(target.entity, id: target.id)
        if after.field(id)?.file?.fileUUID != file.uuid { throw notKept([file], "“\(field.name)” of \(target)") }
    }

    /// Empties a file field, and reads it back.
    func clear(field id: Int, of target: LinkTarget) async throws {
        try await account.setFields([CustomFieldValue(fieldID: id, values: nil)], of: target.entity, id: target.id)
        if let held = try await account.entity(target.entity, id: target.id).field(id)?.file {
            throw AttachFailure.notKept("the service did not clear it: read back, the field still holds “\(held.fileName ?? held.fileUUID)”")
        }
    }

    /// An answer lost or unreadable after the request went out: the notes may exist.
    private static func mayHaveLanded(_ kind: APIError.Kind) -> Bool {
        switch kind {
        case .transport(_, let unreached): !unreached
        case .server, .undecodable: true
        default: false
        }
    }

    private func notKept(_ files: [DriveFile], _ place: String) -> AttachFailure {
        let names = files.map { "“\($0.displayName)”" }.joined(separator: ", ")
        return .notKept("the service did not keep it: it answered that it was done, but read back, \(place) does not show \(names)")
    }
}
