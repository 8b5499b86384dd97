import AmoFilesAPI

/// The three ways a drive file is used on a record (seed 000): linked to it (the card's
/// Files tab), as an attachment note in its feed, or as the value of a file field.
public enum AttachWay: Sendable, Hashable, Codable, CustomStringConvertible {
    case link
    /// An attachment note per file, and a common note beside them when there is a comment.
    case note(comment: String?)
    /// The value of a custom field of type `file`; `replacing` lets it replace a file the field holds.
    case field(id: Int, replacing: Bool)

    /// `link`, `note`, `field:ID` (the comment and replacing come separately).
    public init?(_ text: String, comment: String? = nil, replacing: Bool = false) {
        let lower = text.lowercased()
        if lower == "link" {
            self = .link
        } else if lower == "note" {
            self = .note(comment: comment)
        } else if lower.hasPrefix("field:"), let id = Int(lower.dropFirst(6)), id > 0 {
            self = .field(id: id, replacing: replacing)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .link: "link"
        case .note: "note"
        case .field(let id, _): "field:\(id)"
        }
    }

    /// How a sentence says it: "as a note".
    public var phrase: String {
        switch self {
        case .link: "as a link"
        case .note: "as a note"
        case .field(let id, _): "in field \(id)"
        }
    }
}

/// Why an attach was stopped before anything was sent, or found not kept after.
public enum AttachFailure: Error, Sendable, CustomStringConvertible {
    /// The service's rules forbid it; nothing was sent.
    case refused(String)
    /// The service answered that it was done, and reading back does not show it.
    case notKept(String)

    public var description: String {
        switch self {
        case .refused(let text), .notKept(let text): text
        }
    }
}
