import AmoFilesAPI
import TerminalUI

/// A filter in words for the line above the list: `term “договор” · .pdf · over 1 MB`.
enum FilterSummary {
    static func describe(_ filter: FileFilter, users: [Int: String]) -> String {
        var parts: [String] = []
        if let term = filter.term { parts.append("term “\(term)”") }
        if let name = filter.name { parts.append("name “\(name)”") }
        if !filter.extensions.isEmpty { parts.append(filter.extensions.map { "." + $0 }.joined(separator: " ")) }
        if let size = filter.size {
            let unit = size.unit ?? 1
            switch (size.from.map { $0 * unit }, size.to.map { $0 * unit }) {
            case let (from?, to?): parts.append("\(Quantities.bytes(from))–\(Quantities.bytes(to))")
            case let (from?, nil): parts.append("over \(Quantities.bytes(from))")
            case let (nil, to?): parts.append("under \(Quantities.bytes(to))")
            default: break
            }
        }
        if let date = filter.date {
            let field = date.field == .createdAt ? "created" : "updated"
            if let preset = date.preset {
                parts.append("\(field) \(preset.rawValue.replacingOccurrences(of: "_", with: " "))")
            } else {
                let from = date.from.map { Quantities.time($0) } ?? "…"
                let to = date.to.map { Quantities.time($0) } ?? "…"
                parts.append("\(field) \(from) – \(to)")
            }
        }
        if !filter.createdBy.isEmpty { parts.append("created by " + people(filter.createdBy, users)) }
        if !filter.updatedBy.isEmpty { parts.append("updated by " + people(filter.updatedBy, users)) }
        if let source = filter.sourceID { parts.append("source \(source)") }
        if !filter.uuids.isEmpty { parts.append("\(filter.uuids.count) chosen files") }
        return parts.joined(separator: " · ")
    }

    private static func people(_ ids: [Int], _ users: [Int: String]) -> String {
        ids.map { id in
            switch id {
            case -1: "client"
            case 0: "robot"
            default: users[id] ?? "user \(id)"
            }
        }.joined(separator: ", ")
    }
}
