import AmoFilesAPI
import Foundation
import Synchronization

/// The files of a folder to push: regular files under it, hidden ones (a name starting
/// with a dot, or inside such a folder) only when asked, kept by `--include` globs and
/// dropped by `--exclude` globs, matched against the path below the folder and the name.
public struct FolderWalk: Sendable {
    public var includes: [String] = []
    public var excludes: [String] = []
    public var hidden = false

    public init(includes: [String] = [], excludes: [String] = [], hidden: Bool = false) {
        self.includes = includes
        self.excludes = excludes
        self.hidden = hidden
    }

    /// Absolute paths of the files to push, in a stable order.
    public func files(in folder: String) throws -> [String] {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey], options: hidden ? [] : [.skipsHiddenFiles]) else {
            throw TaskFailure.localFile("\(folder) cannot be read")
        }
        var found: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            if !includes.isEmpty, !includes.contains(where: { Self.matches($0, relative) }) { continue }
            if excludes.contains(where: { Self.matches($0, relative) }) { continue }
            found.append(url.standardizedFileURL.path)
        }
        return found.sorted()
    }

    /// A glob matches the path below the folder, or its last name (`*.pdf` anywhere).
    static func matches(_ pattern: String, _ relative: String) -> Bool {
        fnmatch(pattern, relative, 0) == 0 || fnmatch(pattern, (relative as NSString).lastPathComponent, 0) == 0
    }
}

/// What was uploaded from where, per account (`$XDG_STATE_HOME/amofiles/manifests/`): a
/// local path, its size and modification time when it went up, and the drive file it
/// became. A second push of the same folder uploads only new files, and a file that
/// changed as a new version of the drive file it became.
public final class UploadManifest: Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var size: Int64
        public var modified: Double
        public var fileUUID: String
    }

    /// What a push does with one local file.
    public enum Plan: Sendable, Equatable {
        case new
        case newVersion(of: String)
        case unchanged(String)
    }

    private let path: String
    private let entries: Mutex<[String: Entry]>

    /// The manifest of the account whose drive is `driveURL`.
    public init(driveURL: String, folder: String = AppFolders.state) {
        let name = driveURL.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "_" }.joined()
        path = folder + "/manifests/" + name + ".json"
        let data = FileManager.default.contents(atPath: path)
        entries = Mutex(data.flatMap { try? JSONDecoder().decode([String: Entry].self, from: $0) } ?? [:])
    }

    /// New, changed (a new version of what it became, unless `asNewFiles`) or unchanged,
    /// and the file as it is now, to record once it is up.
    public func plan(_ localPath: String, asNewFiles: Bool = false) throws -> (plan: Plan, size: Int64, modified: Double) {
        let (size, modified) = try FileUpload.identity(localPath)
        guard let entry = entries.withLock({ $0[localPath] }) else { return (.new, size, modified) }
        if entry.size == size, entry.modified == modified { return (.unchanged(entry.fileUUID), size, modified) }
        return (asNewFiles ? .new : .newVersion(of: entry.fileUUID), size, modified)
    }

    /// Records what a local file became, as it was when it went up.
    public func record(_ localPath: String, size: Int64, modified: Double, as file: DriveFile) throws {
        let all = entries.withLock { entries in
            entries[localPath] = Entry(size: size, modified: modified, fileUUID: file.uuid)
            return entries
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try PrivateFile.save(try JSONEncoder().encode(all), to: path, durable: false)
    }
}

/// What pushing folders sends: each file new or a new version of what it became at the
/// last push (as the manifest says), with the identity to record once it is up.
public struct FolderPush: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var path: String
        /// The drive file it became at the last push, when it changed since.
        public var newVersionOf: String?
        public var size: Int64
        public var modified: Double
    }

    public var items: [Item] = []
    /// Files as they were at the last push: not sent again.
    public var unchanged = 0

    public init() {}

    public var bytes: Int64 { items.reduce(0) { $0 + $1.size } }
    public var newVersions: Int { items.filter { $0.newVersionOf != nil }.count }

    /// Walks each folder and asks the manifest about every file found; without one, every file is new.
    public static func plan(_ folders: [String], walk: FolderWalk, manifest: UploadManifest?, asNewFiles: Bool = false) throws -> FolderPush {
        var push = FolderPush()
        for folder in folders {
            for file in try walk.files(in: folder) {
                let (plan, size, modified) = try manifest?.plan(file, asNewFiles: asNewFiles) ?? { () throws -> (UploadManifest.Plan, Int64, Double) in
                    let (size, modified) = try FileUpload.identity(file)
                    return (.new, size, modified)
                }()
                switch plan {
                case .unchanged: push.unchanged += 1
                case .new: push.items.append(Item(path: file, newVersionOf: nil, size: size, modified: modified))
                case .newVersion(let uuid): push.items.append(Item(path: file, newVersionOf: uuid, size: size, modified: modified))
                }
            }
        }
        return push
    }
}

