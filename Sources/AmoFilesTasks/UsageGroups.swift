import AmoFilesAPI
import Foundation

/// What a usage group means to a person (its label) and to the API (the filter that
/// lists its files).
extension UsageGrouping {
    /// ".pdf", "(none)", "source 1001", a user's name; months, years and types as they are.
    public func label(_ key: String, users: [Int: String]) -> String {
        switch self {
        case .author: Self.author(key).map { $0.displayName(users: users) } ?? key
        case .ext: key.isEmpty ? "(none)" : "." + key
        case .source: key.isEmpty ? "(none)" : "source " + key
        default: key
        }
    }

    /// The filter of `GET /v1.0/files` that lists the group's files; nil where the API has
    /// none (no extension, no source). A type is its extensions seen in the walk; a client
    /// is every client (the API filters clients as one, -1).
    public func filter(for key: String, in totals: UsageTotals) -> FileFilter? {
        var filter = FileFilter()
        switch self {
        case .type:
            let extensions = totals.extensionsByType[key] ?? []
            guard !extensions.isEmpty, !extensions.contains("") else { return nil }
            filter.extensions = extensions.sorted()
        case .ext:
            guard !key.isEmpty else { return nil }
            filter.extensions = [key]
        case .month, .year:
            guard let range = Self.localRange(key) else { return nil }
            filter.date = FileFilter.DateFilter(field: .updatedAt, from: range.from, to: range.to)
        case .author:
            guard let author = Self.author(key) else { return nil }
            switch author.type {
            case "internal": filter.createdBy = [author.id]
            case "robot": filter.createdBy = [0]
            case "contact": filter.createdBy = [-1]
            default: return nil
            }
        case .source:
            guard let id = Int(key) else { return nil }
            filter.sourceID = id
        }
        return filter
    }

    private static func author(_ key: String) -> UserRef? {
        let parts = key.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let id = Int(parts[1]) else { return nil }
        return UserRef(type: String(parts[0]), id: id)
    }

    /// `2026-11` or `2026` as the first and last second of it in the local time zone.
    static func localRange(_ key: String) -> (from: Int64, to: Int64)? {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        guard (1...2).contains(parts.count), parts.count == key.split(separator: "-").count else { return nil }
        let calendar = Calendar.current
        let unit: Calendar.Component = parts.count == 2 ? .month : .year
        guard let start = calendar.date(from: DateComponents(year: parts[0], month: parts.count == 2 ? parts[1] : 1, day: 1)),
              let end = calendar.date(byAdding: unit, value: 1, to: start) else { return nil }
        return (Int64(start.timeIntervalSince1970), Int64(end.timeIntervalSince1970) - 1)
    }
}

extension UsageTotals {
    /// "42%", "<1%" for a sliver, "-" of nothing.
    public static func share(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "-" }
        let percent = Double(part) * 100 / Double(whole)
        return percent < 1 && part > 0 ? "<1%" : "\(Int(percent.rounded()))%"
    }
}
