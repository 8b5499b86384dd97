import AmoFilesAPI

extension DriveClient {
    /// The drive files of an entity's links, in the links' order (newest attached
    /// first); nil for a link whose file the drive does not list (trashed, gone).
    public func files(of links: [EntityFileLink]) async throws -> [DriveFile?] {
        let found = try await files(withUUIDs: links.map(\.fileUUID), trashed: false)
        let byUUID = Dictionary(found.map { ($0.uuid, $0) }, uniquingKeysWith: { first, _ in first })
        return links.map { byUUID[$0.fileUUID] }
    }
}
