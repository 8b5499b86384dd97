import AmoFilesAPI

/// How many versions files have, learned from their version lists: the Files list and
/// the details show the count where the service says only "several".
public struct VersionCounts: Sendable {
    private var known: [String: Int] = [:]
    /// Files whose versions were asked for to count them, so none is asked twice.
    private var asked: Set<String> = []
    /// The file being counted: one request at a time.
    private var asking: String?

    public subscript(uuid: String) -> Int? { known[uuid] }

    /// A list of versions came (for whatever screen asked).
    mutating func learn(_ uuid: String, count: Int) {
        known[uuid] = count
        if asking == uuid { asking = nil }
    }

    /// Counting `uuid` failed; it is not asked again in this run.
    mutating func failed(_ uuid: String) {
        if asking == uuid { asking = nil }
    }

    /// A new version of `uuid` came: the count is asked again when next shown.
    mutating func forget(_ uuid: String) {
        known[uuid] = nil
        asked.remove(uuid)
    }

    /// The request for the count of `file`, when it has several versions, none is
    /// being counted now, and it was not asked before.
    mutating func ask(for file: DriveFile) -> Effect? {
        guard file.hasMultipleVersions, known[file.uuid] == nil, asking == nil, !asked.contains(file.uuid) else { return nil }
        asked.insert(file.uuid)
        asking = file.uuid
        return .loadVersions(fileUUID: file.uuid)
    }
}
