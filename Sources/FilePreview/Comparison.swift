import Foundation

/// How two versions differ: their text, line by line, for every format the preview
/// reads; for bytes without text, whether they are the same and where they part.
public enum Comparison: Sendable, Equatable {
    case text(TextDiff)
    /// "identical bytes", or the sizes and the first differing offset; `same` when
    /// nothing read tells them apart.
    case bytes(same: Bool, String)

    /// `old` and `new`: the bytes read of each version (`whole` when all of it).
    public static func make(old: (data: Data, whole: Bool, fileExtension: String?), new: (data: Data, whole: Bool, fileExtension: String?),
                            sizes: (old: Int64, new: Int64)) -> Comparison {
        let (before, after) = DelimitedText.$padded.withValue(false) {
            (Preview.make(old.data, fileExtension: old.fileExtension, whole: old.whole), Preview.make(new.data, fileExtension: new.fileExtension, whole: new.whole))
        }
        if before.isText, after.isText, before.note == nil, after.note == nil {
            return .text(TextDiff(old: lines(before), new: lines(after)))
        }
        let (a, b) = ([UInt8](old.data), [UInt8](new.data))
        if let offset = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            return .bytes(same: false, "the bytes differ from offset \(offset) (sizes \(sizes.old) and \(sizes.new))")
        }
        if sizes.old != sizes.new { return .bytes(same: false, "the first \(min(a.count, b.count)) bytes are identical; the sizes are \(sizes.old) and \(sizes.new)") }
        return .bytes(same: true, old.whole && new.whole ? "identical bytes" : "the first \(a.count) bytes are identical, and so are the sizes")
    }

    /// A workbook's sheets one after the other, each under its name.
    private static func lines(_ preview: Preview) -> [String] {
        preview.sheets.count > 1 ? preview.sheets.flatMap { ["== \($0.name) =="] + $0.lines } : preview.lines
    }

    /// True when there is nothing to tell apart.
    public var isSame: Bool {
        switch self {
        case .text(let diff): diff.isEmpty
        case .bytes(let same, _): same
        }
    }
}
