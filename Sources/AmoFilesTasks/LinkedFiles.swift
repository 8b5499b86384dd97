import AmoFilesAPI

extension DriveClient {
    /// The drive files of an entity's links, in the links' order (newest attached
    /// first); nil for a link whose file the drive does not list (trashed, gone).
    /// Asked by uuid, 250 at a time.
    public func files(of links: [EntityFileLink]) async throws -> [DriveFile?] {
        var found: [String: DriveFile] = [:]
        let uuids = links.map(\.fileUUID)
        for start in stride(from: 0, to: uuids.count, by: 250) {
            var filter = FileFilter()
            filter.uuids = Array(uuids[start..<min(start + 250, uuids.count)])
            for file in try await listFiles(filter, limit: filter.uuids.count, page: 1).items { found[file.uuid] = file }
        }
        return uuids.map { found[$0] }
    }
}
