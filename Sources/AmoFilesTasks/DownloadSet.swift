import AmoFilesAPI
import Foundation

/// One file (or one version of it) of a set to copy out, and where it lands.
public struct DownloadItem: Sendable, Equatable {
    public var file: DriveFile
    /// The version's number (1 the oldest) when versions are copied one by one.
    public var versionNumber: Int?
    public var href: String
    public var size: Int64
    /// A path inside the folder, and no other.
    public var target: String
}

/// Where each file of a set lands in one folder: its name made safe (no separators, no
/// `..`, no control characters), and a name several files would share (in any case)
/// given the start of each one's uuid, so nothing is written twice or outside the folder.
/// The same files get the same names on every run, so a second run finds them.
public enum DownloadSet {
    /// `versions`: the versions of files to copy one by one (newest first, as the service lists them).
    public static func plan(_ files: [DriveFile], versions: [String: [FileVersion]] = [:], in folder: String) -> [DownloadItem] {
        let names = files.map { FileDownload.safeFileName($0.displayName) }
        var seen: [String: Int] = [:]
        for name in names { seen[name.lowercased(), default: 0] += 1 }
        var items: [DownloadItem] = []
        for (file, name) in zip(files, names) {
            let unique = seen[name.lowercased(), default: 0] > 1 ? insert(" [\(file.uuid.prefix(8))]", into: name) : name
            if let list = versions[file.uuid], !list.isEmpty {
                for (index, version) in list.enumerated() {
                    guard let href = version.links.download?.href else { continue }
                    let number = list.count - index
                    items.append(DownloadItem(
                        file: file, versionNumber: number, href: href, size: version.size,
                        target: LocalPath.join(folder, insert(".v\(number)", into: unique))))
                }
            } else if let href = file.links.download?.href {
                items.append(DownloadItem(file: file, versionNumber: nil, href: href, size: file.size, target: LocalPath.join(folder, unique)))
            }
        }
        return items
    }

    /// Whether the copy is already there whole: a file of the right size.
    public static func isComplete(_ item: DownloadItem) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: item.target),
              (attributes[.type] as? FileAttributeType) == .typeRegular,
              let size = attributes[.size] as? NSNumber else { return false }
        return size.int64Value == item.size
    }

    /// `report.pdf` + ` [1a2b3c4d]` -> `report [1a2b3c4d].pdf`.
    static func insert(_ text: String, into name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name + text }
        return name[..<dot] + text + name[dot...]
    }
}
