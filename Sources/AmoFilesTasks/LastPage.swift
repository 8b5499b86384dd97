import AmoFilesAPI

/// The last page of a list the service serves by page number, found by doubling the
/// page asked for until one comes back empty (or says it is the last), then halving the
/// gap: about 2·log₂(pages) requests, where walking there would take one per page.
public enum LastPage {
    /// `probe(page)` answers a page's rows and whether more follow it.
    public static func find<Row: Sendable>(
        _ probe: (Int) async throws -> (rows: [Row], hasMore: Bool)
    ) async throws -> (page: Int, rows: [Row]) {
        var known = (page: 1, rows: [Row]())
        let first = try await probe(1)
        known.rows = first.rows
        guard first.hasMore, !first.rows.isEmpty else { return known }
        // A page beyond the end, once one is found.
        var beyond: Int?
        var next = 2
        while beyond == nil || beyond! - known.page > 1 {
            let answer = try await probe(next)
            if answer.rows.isEmpty {
                beyond = next
            } else if !answer.hasMore {
                return (next, answer.rows)
            } else {
                known = (next, answer.rows)
            }
            next = beyond.map { (known.page + $0) / 2 } ?? known.page * 2
        }
        // The last page that had rows: it said more would follow, but none did.
        return known
    }
}

extension DriveClient {
    /// The last page of `filter`'s files in pages of `limit`, with its files.
    public func lastPage(_ filter: FileFilter, limit: Int) async throws -> (page: Int, files: [DriveFile]) {
        let found = try await LastPage.find { page in
            let answer = try await listFiles(filter, limit: limit, page: page)
            return (answer.items, answer.nextHref != nil)
        }
        return (found.page, found.rows)
    }
}
