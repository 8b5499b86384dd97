import Foundation
import GRDB

/// A parsed `GET /v1.0/files` request, turned into one SQL query.
struct FileListQuery: Sendable {
    var uuids: [String] = []
    var name: String?
    var extensions: [String] = []
    var term: String?
    var sourceID: Int?
    var trash = false
    var sizeFrom: Int64?
    var sizeTo: Int64?
    var dateField = "created_at"
    var dateFrom: Int64?
    var dateTo: Int64?
    var createdBy: [Int] = []
    var updatedBy: [Int] = []
    var limit = 50
    var page = 1

    /// Below this many name matches, the query starts from the matches and sorts them;
    /// above it, walking the date index until a page is full is cheaper.
    static let fewMatches = 2000

    /// The trigram query for the term, when it is long enough for the index.
    var nameMatch: String? {
        guard let term, term.count >= 3 else { return nil }
        return "\"" + term.lowercased().replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The WHERE clause and its arguments. `fewMatches`: the term matches few names, so
    /// the date index must not drive the query (it would walk every file to find none).
    func whereClause(fewMatches: Bool = false) -> (String, StatementArguments) {
        var clauses = [fewMatches ? "+is_trashed = ?" : "is_trashed = ?"]
        var arguments: StatementArguments = [trash ? 1 : 0]
        if !uuids.isEmpty {
            clauses.append("uuid IN (\(Array(repeating: "?", count: uuids.count).joined(separator: ",")))")
            arguments += StatementArguments(uuids)
        }
        if let name {
            clauses.append("search_name = ?")
            arguments += [name.lowercased()]
        }
        if !extensions.isEmpty {
            clauses.append("extension IN (\(Array(repeating: "?", count: extensions.count).joined(separator: ",")))")
            arguments += StatementArguments(extensions.map { $0.lowercased() })
        }
        if let term, !term.isEmpty {
            let needle = term.lowercased()
            // Files linked to a matching entity: an uncorrelated subquery, built once.
            let linked = """
                SELECT f.rowid FROM files f WHERE f.uuid IN (
                    SELECT l.file_uuid FROM entity_links l JOIN entities e ON e.type = l.entity_type AND e.id = l.entity_id
                    WHERE instr(e.search_name, ?) > 0)
                """
            if let nameMatch {
                // Names through the trigram index, and linked records: one rowid set.
                clauses.append("rowid IN (SELECT rowid FROM file_names WHERE file_names MATCH ? UNION \(linked))")
                arguments += [nameMatch, needle]
            } else {
                // Too short for trigrams: scan the names.
                clauses.append("(instr(search_name, ?) > 0 OR rowid IN (\(linked)))")
                arguments += [needle, needle]
            }
        }
        if let sourceID {
            clauses.append("source_id = ?")
            arguments += [sourceID]
        }
        if let sizeFrom {
            clauses.append("size >= ?")
            arguments += [sizeFrom]
        }
        if let sizeTo {
            clauses.append("size <= ?")
            arguments += [sizeTo]
        }
        if let dateFrom {
            clauses.append("\(dateField) >= ?")
            arguments += [dateFrom]
        }
        if let dateTo {
            clauses.append("\(dateField) <= ?")
            arguments += [dateTo]
        }
        for (column, values) in [("created_by", createdBy), ("updated_by", updatedBy)] where !values.isEmpty {
            var alternatives: [String] = []
            for value in values {
                switch value {
                case -1: alternatives.append("\(column)_type = 'contact'")
                case 0: alternatives.append("\(column)_type = 'robot'")
                default:
                    alternatives.append("(\(column)_type = 'internal' AND \(column)_id = ?)")
                    arguments += [value]
                }
            }
            clauses.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    /// Newest change first (the trash: newest deletion first), then uuid, so pages are stable.
    var orderBy: String { trash ? "deleted_at DESC, change_seq DESC" : "updated_at DESC, change_seq DESC" }
}

/// The date presets of `filter[date][date_preset]`, as ranges in the account's time zone.
enum DatePresetRange {
    static func range(_ preset: String, now: Int64, timeZone: TimeZone) -> (from: Int64, to: Int64)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        let date = Date(timeIntervalSince1970: TimeInterval(now))
        func interval(_ unit: Calendar.Component, shift: Int, span: Int = 1) -> (Int64, Int64)? {
            guard let current = calendar.dateInterval(of: unit, for: date),
                  let start = calendar.date(byAdding: unit, value: shift, to: current.start),
                  let end = calendar.date(byAdding: unit, value: span, to: start) else { return nil }
            return (Int64(start.timeIntervalSince1970), Int64(end.timeIntervalSince1970) - 1)
        }
        func quarter(shift: Int) -> (Int64, Int64)? {
            let month = calendar.component(.month, from: date)
            guard let monthStart = calendar.dateInterval(of: .month, for: date)?.start,
                  let quarterStart = calendar.date(byAdding: .month, value: -((month - 1) % 3) + 3 * shift, to: monthStart),
                  let end = calendar.date(byAdding: .month, value: 3, to: quarterStart) else { return nil }
            return (Int64(quarterStart.timeIntervalSince1970), Int64(end.timeIntervalSince1970) - 1)
        }
        switch preset {
        case "day": return interval(.day, shift: 0)
        case "tomorrow": return interval(.day, shift: 1)
        case "yesterday": return interval(.day, shift: -1)
        case "week": return interval(.weekOfYear, shift: 0)
        case "previous_week": return interval(.weekOfYear, shift: -1)
        case "next_week": return interval(.weekOfYear, shift: 1)
        case "month": return interval(.month, shift: 0)
        case "previous_month": return interval(.month, shift: -1)
        case "next_month": return interval(.month, shift: 1)
        case "quarter": return quarter(shift: 0)
        case "previous_quarter": return quarter(shift: -1)
        case "next_quarter": return quarter(shift: 1)
        case "last_3_days": return interval(.day, shift: -2, span: 3)
        case "next_3_days": return interval(.day, shift: 0, span: 3)
        case "last_6_month": return interval(.month, shift: -5, span: 6)
        case "year": return interval(.year, shift: 0)
        default: return nil
        }
    }
}
