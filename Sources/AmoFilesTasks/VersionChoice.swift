import AmoFilesAPI

/// Versions as people name them: by number (1 the oldest), by uuid, or by the
/// start of a uuid that no other version shares. The service lists them newest first.
public enum VersionChoice {
    /// The number of `version` among `versions` (newest first): 1 the oldest.
    public static func number(of version: FileVersion, in versions: [FileVersion]) -> Int? {
        versions.firstIndex { $0.uuid == version.uuid }.map { versions.count - $0 }
    }

    /// The version `text` names among `versions` (newest first).
    public static func find(_ text: String, in versions: [FileVersion]) -> Result<FileVersion, Problem> {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        let range = versions.count == 1 ? "it has one" : "it has \(versions.count), 1 the oldest"
        // Up to six digits is a number; longer, the start of a uuid.
        if wanted.count <= 6, let number = Int(wanted) {
            guard number >= 1, number <= versions.count else { return .failure(.missing("there is no version \(number): \(range)")) }
            return .success(versions[versions.count - number])
        }
        if let exact = versions.first(where: { $0.uuid.lowercased() == wanted }) { return .success(exact) }
        let matches = wanted.isEmpty ? [] : versions.filter { $0.uuid.lowercased().hasPrefix(wanted) }
        switch matches.count {
        case 1:
            return .success(matches[0])
        case 0:
            return .failure(.missing("no version is numbered or has a uuid starting with “\(text)”: \(range)"))
        default:
            let named = matches.map { "\(number(of: $0, in: versions) ?? 0) (\($0.uuid))" }.joined(separator: ", ")
            return .failure(.ambiguous("“\(text)” starts the uuids of versions \(named); give more of it, or the number"))
        }
    }

    /// Why no version was chosen.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// No version answers to it.
        case missing(String)
        /// Several do.
        case ambiguous(String)

        public var description: String {
            switch self {
            case .missing(let text), .ambiguous(let text): text
            }
        }
    }
}
