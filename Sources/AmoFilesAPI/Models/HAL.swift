/// A HAL link: `{"href": "..."}`.
public struct HALLink: Codable, Sendable, Hashable {
    public var href: String
    public init(href: String) { self.href = href }
}

/// One page of a HAL collection: `{"_count", "_embedded": {"<kind>": [...]}, "_links"}`.
///
/// The embedded key differs per collection (`files`, `versions`, `leads`, `users`),
/// so the page carries it and decodes whichever single array `_embedded` holds.
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var count: Int?
    public var embeddedKey: String
    public var items: [Item]
    public var links: [String: HALLink]
    /// API v4 lists report the page number in `_page`.
    public var page: Int?

    public var nextHref: String? { links["next"]?.href }

    public init(items: [Item], embeddedKey: String, count: Int? = nil, links: [String: HALLink] = [:], page: Int? = nil) {
        self.items = items
        self.embeddedKey = embeddedKey
        self.count = count
        self.links = links
        self.page = page
    }

    enum CodingKeys: String, CodingKey {
        case count = "_count", embedded = "_embedded", links = "_links", page = "_page"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decodeIfPresent(Int.self, forKey: .count)
        page = try c.decodeIfPresent(Int.self, forKey: .page)
        links = try c.decodeIfPresent([String: HALLink].self, forKey: .links) ?? [:]
        let embedded = try c.decodeIfPresent([String: [Item]].self, forKey: .embedded) ?? [:]
        guard embedded.count <= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .embedded, in: c, debugDescription: "expected one collection in _embedded, found \(embedded.keys.sorted())")
        }
        embeddedKey = embedded.keys.first ?? ""
        items = embedded.values.first ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(count, forKey: .count)
        try c.encodeIfPresent(page, forKey: .page)
        try c.encode([embeddedKey: items], forKey: .embedded)
        if !links.isEmpty { try c.encode(links, forKey: .links) }
    }
}
