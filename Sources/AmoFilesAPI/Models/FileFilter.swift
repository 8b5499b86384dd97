/// Every documented filter of `GET /v1.0/files`, turned into query items in one place.
public struct FileFilter: Sendable, Equatable {
    public var uuids: [String] = []
    public var name: String?
    public var extensions: [String] = []
    public var term: String?
    public var sourceID: Int?
    /// Lists the trash instead of the active files.
    public var deleted = false
    public var size: SizeRange?
    public var date: DateFilter?
    /// -1 client, 0 robot, a positive id for a user.
    public var createdBy: [Int] = []
    public var updatedBy: [Int] = []

    public init() {}

    public struct SizeRange: Sendable, Equatable {
        /// Bytes per unit (1 by default, 1_000_000 in the documented example).
        public var unit: Int64?
        public var from: Int64?
        public var to: Int64?

        public init(unit: Int64? = nil, from: Int64? = nil, to: Int64? = nil) {
            self.unit = unit
            self.from = from
            self.to = to
        }
    }

    public enum DateField: String, Sendable, CaseIterable {
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    public enum DatePreset: String, Sendable, CaseIterable {
        case day, tomorrow, yesterday, week, previousWeek = "previous_week", nextWeek = "next_week"
        case month, nextMonth = "next_month", previousMonth = "previous_month"
        case quarter, previousQuarter = "previous_quarter", nextQuarter = "next_quarter"
        case last3Days = "last_3_days", next3Days = "next_3_days", last6Month = "last_6_month", year
    }

    public struct DateFilter: Sendable, Equatable {
        public var field: DateField?
        public var preset: DatePreset?
        public var from: Int64?
        public var to: Int64?

        public init(field: DateField? = nil, preset: DatePreset? = nil, from: Int64? = nil, to: Int64? = nil) {
            self.field = field
            self.preset = preset
            self.from = from
            self.to = to
        }
    }

    /// The query items, in the documented spelling (`filter[size][from]`, `filter[extensions][]`).
    public var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if !uuids.isEmpty { items.append(("filter[uuid]", uuids.joined(separator: ","))) }
        if let name { items.append(("filter[name]", name)) }
        for ext in extensions { items.append(("filter[extensions][]", ext)) }
        if let term { items.append(("filter[term]", term)) }
        if let sourceID { items.append(("filter[source_id]", String(sourceID))) }
        if deleted { items.append(("filter[deleted]", "true")) }
        if let size {
            if let unit = size.unit { items.append(("filter[size][unit]", String(unit))) }
            if let from = size.from { items.append(("filter[size][from]", String(from))) }
            if let to = size.to { items.append(("filter[size][to]", String(to))) }
        }
        if let date {
            if let field = date.field { items.append(("filter[date][type]", field.rawValue)) }
            if let preset = date.preset { items.append(("filter[date][date_preset]", preset.rawValue)) }
            if let from = date.from { items.append(("filter[date][from]", String(from))) }
            if let to = date.to { items.append(("filter[date][to]", String(to))) }
        }
        for id in createdBy { items.append(("filter[created_by][]", String(id))) }
        for id in updatedBy { items.append(("filter[updated_by][]", String(id))) }
        return items
    }
}
