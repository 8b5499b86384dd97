/// The account's disk space, from `GET /v1.0/files/stats` on the drive host (bytes).
/// Not in the official pages: seen in a client's tests and the web app.
public struct DriveStats: Codable, Sendable, Equatable {
    public var limit: Int64
    public var used: Int64
    public var links: [String: HALLink]?

    public init(limit: Int64, used: Int64, links: [String: HALLink]? = nil) {
        self.limit = limit
        self.used = used
        self.links = links
    }

    enum CodingKeys: String, CodingKey {
        case limit, used, links = "_links"
    }
}
