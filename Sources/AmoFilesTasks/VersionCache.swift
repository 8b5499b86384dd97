import AmoFilesAPI
import Foundation
import Synchronization

/// The bytes of versions already fetched, under `$XDG_CACHE_HOME/amofiles/versions`
/// (default `~/.cache/amofiles/versions`), by version uuid: a version never changes,
/// so a second preview or comparison asks the service nothing. Only the owner may
/// read them (they are the account's files). Past `limit` bytes the least recently
/// used go first.
public struct VersionCache: Sendable {
    public let folder: String
    public let limit: Int64

    public init(folder: String = VersionCache.defaultFolder, limit: Int64 = 256 * 1024 * 1024) {
        self.folder = folder
        self.limit = limit
    }

    public static var defaultFolder: String {
        AppFolders.cache + "/versions"
    }

    /// The first `count` bytes of `version` (all of it when nil), or nil when fewer are kept.
    public func bytes(of version: VersionSource, first count: Int? = nil) -> Data? {
        guard Self.isSafeName(version.uuid) else { return nil }
        let wanted = count.map { min(Int64($0), version.size) } ?? version.size
        for path in [path(version.uuid, whole: true), path(version.uuid, whole: false)] {
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            defer { try? handle.close() }
            guard let data = try? handle.read(upToCount: Int(wanted)) ?? Data(), Int64(data.count) >= wanted else { continue }
            // Read now: the last to be evicted.
            utimes(path, nil)
            return data
        }
        return nil
    }

    /// Keeps `data`, the whole of `version` or its first bytes.
    public func keep(_ data: Data, of version: VersionSource) {
        let whole = Int64(data.count) >= version.size
        guard Self.isSafeName(version.uuid), Int64(data.count) <= limit / 2 else { return }
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil,
              (try? PrivateFile.save(data, to: path(version.uuid, whole: whole), durable: false)) != nil else { return }
        if whole { unlink(path(version.uuid, whole: false)) }
        evict()
    }

    /// Removes the least recently used entries until the whole fits in `limit`.
    func evict() {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return }
        var entries = names.compactMap { name -> (path: String, size: Int64, used: Date)? in
            let path = folder + "/" + name
            guard let attributes = try? manager.attributesOfItem(atPath: path) else { return nil }
            return (path, (attributes[.size] as? NSNumber)?.int64Value ?? 0, attributes[.modificationDate] as? Date ?? .distantPast)
        }
        var total = entries.reduce(0) { $0 + $1.size }
        entries.sort { $0.used < $1.used }
        for entry in entries where total > limit {
            unlink(entry.path)
            total -= entry.size
        }
    }

    private func path(_ uuid: String, whole: Bool) -> String {
        folder + "/" + uuid + (whole ? "" : ".head")
    }

    /// A uuid as the service gives it: nothing that could leave the folder.
    private static func isSafeName(_ uuid: String) -> Bool {
        !uuid.isEmpty && uuid.count <= 64 && uuid.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}

/// A version's bytes for reading in the terminal: from the cache, or fetched and kept.
public enum VersionBytes {
    /// The first `count` bytes of `version` (the whole when nil), with whether they are all of it.
    public static func fetch(_ version: VersionSource, first count: Int?, drive: DriveClient, cache: VersionCache) async throws -> (data: Data, whole: Bool) {
        if let kept = cache.bytes(of: version, first: count) { return (kept, Int64(kept.count) >= version.size) }
        guard let href = version.href else { throw TaskFailure.protocolViolation("the service gave no download link for \(version.name)") }
        let data: Data
        if let count, Int64(count) < version.size {
            data = try await drive.firstBytes(of: href, limit: count)
        } else {
            let collected = Mutex(Data())
            try await drive.download(from: href, restart: { collected.withLock { $0 = Data() } }) { chunk in collected.withLock { $0.append(chunk) } }
            data = collected.withLock { $0 }
        }
        cache.keep(data, of: version)
        return (data, Int64(data.count) >= version.size)
    }
}

/// One version of a file as a preview or a comparison reads it: its uuid (the
/// cache's key: a version never changes), name, size and link.
public struct VersionSource: Sendable, Equatable {
    public var uuid: String
    /// `name.ext`, as the file shows.
    public var name: String
    public var fileExtension: String?
    public var size: Int64
    public var href: String?
    /// The previews the service made of it (images): their links and sizes.
    public var previews: [FilePreview] = []

    /// The active version of `file`.
    public init(file: DriveFile) {
        self.init(uuid: file.versionUUID, name: file.displayName, fileExtension: file.metadata?.fileExtension, size: file.size, href: file.links.download?.href)
        previews = file.previews ?? []
    }

    public init(version: FileVersion) {
        self.init(uuid: version.uuid, name: version.displayName, fileExtension: version.metadata?.fileExtension, size: version.size,
                  href: version.links.download?.href)
        previews = version.previews ?? []
    }

    public init(uuid: String, name: String, fileExtension: String?, size: Int64, href: String?) {
        self.uuid = uuid
        self.name = name
        self.fileExtension = fileExtension
        self.size = size
        self.href = href
    }
}
