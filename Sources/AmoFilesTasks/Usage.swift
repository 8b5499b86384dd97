import AmoFilesAPI
import Foundation

/// How `usage` groups the files: by kind, extension, month or year of the last change,
/// author, or source (a messenger, a form).
public enum UsageGrouping: String, CaseIterable, Sendable, Codable {
    case type, ext, month, year, author, source
}

/// One group's files and bytes.
public struct UsageGroup: Sendable, Codable, Equatable {
    /// The group as the API knows it: `pdf`, `2026-11`, `internal:7758337`, `1001`, or "" for none.
    public var key: String
    public var files: Int
    public var bytes: Int64
}

/// Totals of a walk over the files, in every grouping at once (one walk answers them all).
public struct UsageTotals: Sendable, Codable, Equatable {
    public var files = 0
    public var bytes: Int64 = 0
    private var groups: [UsageGrouping: [String: UsageGroup]] = [:]
    /// The extensions seen of each type: the API filters by extension, not by type.
    public private(set) var extensionsByType: [String: Set<String>] = [:]

    public init() {}

    /// Counts a file (its active version's size, as the listing gives it).
    public mutating func add(_ file: DriveFile) {
        files += 1
        bytes += file.size
        for grouping in UsageGrouping.allCases {
            let key = Self.key(of: file, by: grouping)
            groups[grouping, default: [:]][key, default: UsageGroup(key: key, files: 0, bytes: 0)].files += 1
            groups[grouping, default: [:]][key]!.bytes += file.size
        }
        extensionsByType[Self.key(of: file, by: .type), default: []].insert(Self.key(of: file, by: .ext))
    }

    /// The groups of one grouping, the biggest first (then by key, so the order is stable).
    public func groups(by grouping: UsageGrouping) -> [UsageGroup] {
        (groups[grouping] ?? [:]).values.sorted { ($0.bytes, $1.key) > ($1.bytes, $0.key) }
    }

    static func key(of file: DriveFile, by grouping: UsageGrouping) -> String {
        switch grouping {
        case .type: file.type.rawValue
        case .ext: (file.metadata?.fileExtension ?? "").lowercased()
        case .month: String(localDay(file.updatedAt).prefix(7))
        case .year: String(localDay(file.updatedAt).prefix(4))
        case .author: "\(file.createdBy.type):\(file.createdBy.id)"
        case .source: file.sourceID.map(String.init) ?? ""
        }
    }

    /// `2026-11-22` in the local time zone.
    private static func localDay(_ seconds: Int64) -> String {
        var moment = time_t(seconds)
        var parts = tm()
        localtime_r(&moment, &parts)
        return String(format: "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
    }

    enum CodingKeys: String, CodingKey { case files, bytes, groups, extensionsByType = "extensions_by_type" }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(files, forKey: .files)
        try c.encode(bytes, forKey: .bytes)
        try c.encode(Dictionary(uniqueKeysWithValues: UsageGrouping.allCases.map { ($0.rawValue, groups(by: $0)) }), forKey: .groups)
        try c.encode(extensionsByType.mapValues { $0.sorted() }, forKey: .extensionsByType)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        files = try c.decode(Int.self, forKey: .files)
        bytes = try c.decode(Int64.self, forKey: .bytes)
        for (name, list) in try c.decode([String: [UsageGroup]].self, forKey: .groups) {
            guard let grouping = UsageGrouping(rawValue: name) else { continue }
            groups[grouping] = Dictionary(list.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        }
        extensionsByType = try c.decodeIfPresent([String: [String]].self, forKey: .extensionsByType)?.mapValues(Set.init) ?? [:]
    }
}

extension DriveClient {
    /// Walks every file (or the trash) in pages of 250, under the pacer, and totals them;
    /// `progress` hears the totals so far after each page.
    public func walkUsage(trash: Bool = false, progress: @Sendable (UsageTotals) -> Void = { _ in }) async throws -> UsageTotals {
        var filter = FileFilter()
        filter.deleted = trash
        var totals = UsageTotals()
        try await eachPage(filter) { page in
            for file in page { totals.add(file) }
            progress(totals)
            return true
        }
        return totals
    }
}
