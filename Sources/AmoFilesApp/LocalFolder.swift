import AmoFilesTasks
import Foundation

/// Reads a local folder for the picker (run by the runtime, off the UI loop).
enum LocalFolder {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The folder's entries with sizes and times; links are followed, so a link to a
    /// folder opens like a folder.
    static func list(_ path: String) throws -> [LocalEntry] {
        guard let folder = opendir(path) else { throw Failure(description: String(cString: strerror(errno)).lowercased()) }
        defer { closedir(folder) }
        var entries: [LocalEntry] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            let full = LocalPath.join(path, name)
            var info = stat()
            // A dangling link still shows, as the link itself.
            guard stat(full, &info) == 0 || lstat(full, &info) == 0 else { continue }
            entries.append(LocalEntry(
                name: name, isFolder: info.st_mode & S_IFMT == S_IFDIR, size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec)))
        }
        return entries
    }
}
