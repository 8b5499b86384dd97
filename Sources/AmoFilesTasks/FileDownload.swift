import AmoFilesAPI
import Foundation
import Synchronization

/// Downloads a file or one of its versions to a temporary file beside the target,
/// renamed into place only when complete: no half files.
public struct FileDownload: Sendable {
    public let href: String
    public let target: String
    public let overwrite: Bool

    public init(href: String, target: String, overwrite: Bool) {
        self.href = href
        self.target = target
        self.overwrite = overwrite
    }

    /// Where a download of `name` to `path` goes: into `path` under a safe name when
    /// it is a folder, else `path` itself (and stdout stays stdout).
    public static func target(_ path: String, name: String) -> String {
        var isFolder: ObjCBool = false
        guard path != standardOutput, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return path }
        return LocalPath.join(path, safeFileName(name))
    }

    /// A file name safe to create: no path separators, no `..`, no control characters.
    public static func safeFileName(_ name: String) -> String {
        var cleaned = String(name.unicodeScalars.map { scalar -> Character in
            if scalar == "/" || scalar == "\\" || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.properties.generalCategory == .format {
                return "_"
            }
            return Character(scalar)
        })
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        if cleaned.isEmpty { cleaned = "download" }
        return fitting(cleaned, bytes: 200)
    }

    /// File systems take at most 255 bytes a name: a longer one loses the end of its
    /// stem (whole characters), never its extension.
    static func fitting(_ name: String, bytes limit: Int) -> String {
        guard name.utf8.count > limit else { return name }
        var stem = Substring(name)
        var ext = Substring("")
        if let dot = name.lastIndex(of: "."), dot != name.startIndex, name.distance(from: dot, to: name.endIndex) <= 11 {
            stem = name[..<dot]
            ext = name[dot...]
        }
        while !stem.isEmpty, stem.utf8.count + ext.utf8.count > limit { stem.removeLast() }
        return String(stem) + String(ext)
    }

    /// The target that means standard output, as `curl -o -` has it.
    public static let standardOutput = "-"

    /// Runs the download; returns the bytes written.
    @discardableResult
    public func run(drive: DriveClient, progress: @escaping @Sendable (Int64) -> Void = { _ in }) async throws -> Int64 {
        if target == Self.standardOutput { return try await runToStandardOutput(drive: drive, progress: progress) }
        let manager = FileManager.default
        if !overwrite, manager.fileExists(atPath: target) { throw TaskFailure.exists(target) }
        let folder = LocalPath.folder(of: target)
        let temporary = LocalPath.join(folder, ".amofiles-\(UUID().uuidString.prefix(8)).part")
        guard manager.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw TaskFailure.localFile("cannot write in \(folder)")
        }
        PartialDownloads.add(temporary)
        defer { PartialDownloads.forget(temporary) }
        let sink = DownloadSink(handle: handle, rewinds: true, progress: progress)
        do {
            // A broken transfer starts again from the first byte.
            try await drive.download(from: href, restart: { try sink.restart() }) { chunk in try sink.write(chunk) }
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, target) == 0 else {
                throw TaskFailure.localFile("cannot move the download to \(target): \(String(cString: strerror(errno)))")
            }
            return sink.written
        } catch {
            try? handle.close()
            unlink(temporary)
            throw error
        }
    }

    /// Streams the bytes to stdout. What was written cannot be taken back, so a
    /// transfer that breaks after its first byte fails instead of starting over.
    private func runToStandardOutput(drive: DriveClient, progress: @escaping @Sendable (Int64) -> Void) async throws -> Int64 {
        let sink = DownloadSink(handle: FileHandle.standardOutput, rewinds: false, progress: progress)
        try await drive.download(from: href, restart: { try sink.restart() }) { chunk in try sink.write(chunk) }
        return sink.written
    }
}

/// The temporary files of the downloads in flight, so that a process told to stop
/// (SIGTERM, SIGHUP, a quit) removes them before it exits: no half files.
public enum PartialDownloads {
    private static let paths = Mutex<Set<String>>([])

    static func add(_ path: String) { _ = paths.withLock { $0.insert(path) } }
    static func forget(_ path: String) { _ = paths.withLock { $0.remove(path) } }

    /// Unlinks every one; the downloads still running then fail to finish (their rename finds nothing).
    public static func removeAll() {
        for path in paths.withLock({ $0 }) { unlink(path) }
    }
}

/// Counts and writes downloaded chunks (called serially by the transport).
private final class DownloadSink: @unchecked Sendable {
    let handle: FileHandle
    /// False for a pipe or a terminal: written bytes are gone.
    let rewinds: Bool
    let progress: @Sendable (Int64) -> Void
    private(set) var written: Int64 = 0

    init(handle: FileHandle, rewinds: Bool, progress: @escaping @Sendable (Int64) -> Void) {
        self.handle = handle
        self.rewinds = rewinds
        self.progress = progress
    }

    func restart() throws {
        guard written > 0 else { return }
        guard rewinds else {
            throw TaskFailure.localFile("the download broke after \(written) bytes went to standard output; run it again")
        }
        try handle.truncate(atOffset: 0)
        written = 0
    }

    func write(_ chunk: Data) throws {
        try handle.write(contentsOf: chunk)
        written += Int64(chunk.count)
        progress(written)
    }
}
