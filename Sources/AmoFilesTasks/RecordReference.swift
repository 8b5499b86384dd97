import AmoFilesAPI
import Foundation

/// A record as a person names it: `lead:123`, `deal:Ромашка`, `contact:Сидоров`.
public struct RecordReference: Sendable, Hashable, CustomStringConvertible {
    public var entity: EntityType
    public var id: Int?
    public var text: String?

    public init(entity: EntityType, id: Int) {
        self.entity = entity
        self.id = id
    }

    /// `TYPE:ID` or `TYPE:TEXT`; nil when the type is unknown or nothing follows the colon.
    public init?(_ words: String) {
        let parts = words.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let entity = EntityType(name: parts[0]) else { return nil }
        let rest = parts[1].trimmingCharacters(in: .whitespaces)
        guard !rest.isEmpty else { return nil }
        self.entity = entity
        if let id = Int(rest) {
            guard id > 0 else { return nil }
            self.id = id
        } else {
            text = rest
        }
    }

    public var description: String { "\(entity.singular):\(id.map(String.init) ?? text ?? "")" }
}

/// What a reference names on the service.
public enum RecordLookup: Sendable {
    case found(CRMEntity)
    /// Several records match the text and none of them is named exactly so.
    case several([CRMEntity])
    case none
}

extension AccountClient {
    /// The record a reference names: by id, or the one record whose name holds the text
    /// (of several, the one named exactly so when only one is).
    public func lookUp(_ reference: RecordReference) async throws -> RecordLookup {
        if let id = reference.id { return .found(try await entity(reference.entity, id: id)) }
        let text = reference.text ?? ""
        let matches = try await searchEntities(reference.entity, query: text, limit: 50)
        if matches.count == 1 { return .found(matches[0]) }
        let exact = matches.filter { $0.name.compare(text, options: [.caseInsensitive]) == .orderedSame }
        if exact.count == 1 { return .found(exact[0]) }
        return matches.isEmpty ? .none : .several(exact.isEmpty ? matches : exact)
    }
}
