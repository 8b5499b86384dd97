import Foundation
import AmoFilesAPI
import TerminalUI

/// The filter form: every documented filter of the files list but the search term
/// (that is `/`'s). Text fields take typing; choice fields cycle with Left/Right.
public struct FilterForm: Sendable, Equatable {
    public enum Field: Int, CaseIterable, Sendable {
        case extensions, minSize, maxSize, dateField, datePreset, since, until, createdBy, updatedBy, source

        var label: String {
            switch self {
            case .extensions: "Extensions"
            case .minSize: "Size from"
            case .maxSize: "Size up to"
            case .dateField: "Date of"
            case .datePreset: "Period"
            case .since: "From date"
            case .until: "Up to date"
            case .createdBy: "Created by"
            case .updatedBy: "Updated by"
            case .source: "Source id"
            }
        }

        var isChoice: Bool { [.dateField, .datePreset, .createdBy, .updatedBy].contains(self) }
    }

    /// What a key did to the form.
    public enum Outcome: Sendable, Equatable {
        case editing
        case apply(FileFilter)
        case cancel
    }

    public private(set) var focus: Field = .extensions
    public private(set) var texts: [Field: LineEditor] = [:]
    public private(set) var dateField: FileFilter.DateField = .updatedAt
    /// nil: no period; otherwise one of the documented presets.
    public private(set) var preset: FileFilter.DatePreset?
    /// People to choose from: nil anyone, -1 client, 0 robot, then users by name.
    let people: [Int?]
    public private(set) var createdBy: Int?
    public private(set) var updatedBy: Int?
    public private(set) var error: String?
    private let base: FileFilter

    public init(filter: FileFilter, users: [Int: String]) {
        base = filter
        people = [nil, -1, 0] + users.sorted { $0.value < $1.value }.map(\.key)
        texts[.extensions] = LineEditor(filter.extensions.joined(separator: " "))
        let unit = filter.size?.unit ?? 1
        texts[.minSize] = LineEditor(filter.size?.from.map { Self.size($0 * unit) } ?? "")
        texts[.maxSize] = LineEditor(filter.size?.to.map { Self.size($0 * unit) } ?? "")
        texts[.since] = LineEditor(filter.date?.from.map { Quantities.time($0) } ?? "")
        texts[.until] = LineEditor(filter.date?.to.map { Quantities.time($0) } ?? "")
        texts[.source] = LineEditor(filter.sourceID.map(String.init) ?? "")
        dateField = filter.date?.field ?? .updatedAt
        preset = filter.date?.preset
        createdBy = filter.createdBy.first
        updatedBy = filter.updatedBy.first
    }

    /// Sizes in bytes as the form shows them: plain digits, which parse back exactly.
    private static func size(_ bytes: Int64) -> String { String(bytes) }

    public mutating func handle(_ key: Key) -> Outcome {
        error = nil
        switch key {
        case .escape: return .cancel
        case .enter:
            switch filter() {
            case .success(let filter): return .apply(filter)
            case .failure(let problem):
                error = problem.message
                focus = problem.field
                return .editing
            }
        case .down, .tab: focus = Field(rawValue: (focus.rawValue + 1) % Field.allCases.count)!
        case .up, .backTab: focus = Field(rawValue: (focus.rawValue + Field.allCases.count - 1) % Field.allCases.count)!
        case .left where focus.isChoice: cycle(by: -1)
        case .right where focus.isChoice, .space where focus.isChoice: cycle(by: 1)
        default:
            guard !focus.isChoice, var editor = texts[focus] else { return .editing }
            _ = editor.handle(key)
            texts[focus] = editor
        }
        return .editing
    }

    private mutating func cycle(by step: Int) {
        func next<T: Equatable>(_ options: [T], _ current: T) -> T {
            let index = options.firstIndex(of: current) ?? 0
            return options[(index + step + options.count) % options.count]
        }
        switch focus {
        case .dateField: dateField = next([.updatedAt, .createdAt], dateField)
        case .datePreset: preset = next([nil] + FileFilter.DatePreset.allCases, preset)
        case .createdBy: createdBy = next(people, createdBy)
        case .updatedBy: updatedBy = next(people, updatedBy)
        default: break
        }
    }

    struct Problem: Error {
        let field: Field
        let message: String
    }

    /// The filter the form describes, on top of the list's own (its term and trash flag stay).
    func filter() -> Result<FileFilter, Problem> {
        var filter = FileFilter()
        filter.deleted = base.deleted
        filter.term = base.term
        filter.uuids = base.uuids
        filter.name = base.name
        filter.extensions = text(.extensions)
            .split(whereSeparator: { $0 == " " || $0 == "," })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".")).lowercased() }
            .filter { !$0.isEmpty }
        let sizes: [Int64?], times: [Int64?]
        do {
            sizes = try [.minSize, .maxSize].map { try parsed($0, Quantities.parseBytes, "a size; write 500, 20KB or 1.5MB") }
            times = try [(Field.since, Quantities.parseTime), (.until, Quantities.parseEndTime)].map { field, parse in
                try parsed(field, parse, "a date; write 2026-11-22 or 2026-11-22 17:30")
            }
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            preconditionFailure("parsed throws only problems")
        }
        if let from = sizes[0], let to = sizes[1], from > to {
            return .failure(Problem(field: .maxSize, message: "the largest size is below the smallest"))
        }
        if sizes[0] != nil || sizes[1] != nil { filter.size = FileFilter.SizeRange(from: sizes[0], to: sizes[1]) }
        if preset != nil, times.contains(where: { $0 != nil }) {
            return .failure(Problem(field: .datePreset, message: "choose a period or dates, not both"))
        }
        if preset != nil || times.contains(where: { $0 != nil }) {
            filter.date = FileFilter.DateFilter(field: dateField, preset: preset, from: times[0], to: times[1])
        }
        filter.createdBy = createdBy.map { [$0] } ?? []
        filter.updatedBy = updatedBy.map { [$0] } ?? []
        let source = text(.source)
        if !source.isEmpty {
            guard let id = Int(source), id > 0 else { return .failure(Problem(field: .source, message: "the source id is a positive number")) }
            filter.sourceID = id
        }
        return .success(filter)
    }

    /// A text field read by `parse`: nil when blank, a problem naming what it should be when unreadable.
    private func parsed(_ field: Field, _ parse: (String) -> Int64?, _ expected: String) throws -> Int64? {
        let raw = text(field)
        guard !raw.isEmpty else { return nil }
        guard let value = parse(raw) else { throw Problem(field: field, message: "“\(raw)” is not \(expected)") }
        return value
    }

    private func text(_ field: Field) -> String {
        (texts[field]?.text ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// What a field shows.
    func value(_ field: Field, users: [Int: String]) -> String {
        switch field {
        case .dateField: return dateField == .createdAt ? "‹ created ›" : "‹ updated ›"
        case .datePreset: return "‹ " + (preset.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") } ?? "any time") + " ›"
        case .createdBy: return "‹ " + Self.person(createdBy, users) + " ›"
        case .updatedBy: return "‹ " + Self.person(updatedBy, users) + " ›"
        default: return texts[field]?.text ?? ""
        }
    }

    static func person(_ id: Int?, _ users: [Int: String]) -> String {
        guard let id else { return "anyone" }
        switch id {
        case -1: return "a client"
        case 0: return "a robot"
        default: return users[id] ?? "user \(id)"
        }
    }
}
