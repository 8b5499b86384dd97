/// An error body. API v4 sends problem+json with `validation-errors` on 400; OAuth
/// adds `hint`; the drive host's shape is undocumented, so every field is optional.
public struct ProblemDetails: Codable, Sendable, Equatable {
    public var title: String?
    public var type: String?
    public var status: Int?
    public var detail: String?
    public var hint: String?
    /// Seconds to wait, in Kommo's 429 body.
    public var retryAfter: Double?
    public var validationErrors: [ValidationErrorGroup]?

    public init(title: String?, type: String? = nil, status: Int?, detail: String?, hint: String? = nil, validationErrors: [ValidationErrorGroup]? = nil) {
        self.title = title
        self.type = type
        self.status = status
        self.detail = detail
        self.hint = hint
        self.validationErrors = validationErrors
    }

    public struct ValidationErrorGroup: Codable, Sendable, Equatable {
        public var requestID: String?
        public var errors: [ValidationError]

        public init(requestID: String?, errors: [ValidationError]) {
            self.requestID = requestID
            self.errors = errors
        }

        enum CodingKeys: String, CodingKey { case requestID = "request_id", errors }
    }

    public struct ValidationError: Codable, Sendable, Equatable {
        public var code: String?
        public var path: String?
        public var detail: String?

        public init(code: String?, path: String?, detail: String?) {
            self.code = code
            self.path = path
            self.detail = detail
        }
    }

    enum CodingKeys: String, CodingKey {
        case title, type, status, detail, hint, retryAfter = "retry_after", validationErrors = "validation-errors"
    }

    /// The validation messages as `path: detail` lines.
    public var validationMessages: [String] {
        (validationErrors ?? []).flatMap(\.errors).map { error in
            [error.path, error.detail ?? error.code].compactMap { $0 }.joined(separator: ": ")
        }
    }
}
