import Foundation

/// Splitting and joining local paths as plain strings.
///
/// Foundation's `NSString.deletingLastPathComponent` traps on a one-character path
/// ("a", "-") on Linux, so every path a person types goes through these instead.
public enum LocalPath {
    /// The folder that holds `path`: "." for a bare name, "/" for a name at the root.
    /// Trailing slashes are not a component: the folder of "a/b/" is "a".
    public static func folder(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let folder = trimmingTrailingSlashes(String(trimmed[..<slash]))
        return folder.isEmpty ? "/" : folder
    }

    /// The last component of `path` ("b" of "a/b/"); "/" for the root, "" for "".
    public static func name(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard trimmed != "/" else { return trimmed }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `name` inside `folder`, with one slash between them.
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// `~` and `~/…` as the home folder ($HOME) and what is under it; other paths as they are.
    public static func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return path }
        return home + path.dropFirst()
    }

    /// "a//" is "a"; "/" and "//" stay "/".
    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var text = Substring(path)
        while text.count > 1, text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
