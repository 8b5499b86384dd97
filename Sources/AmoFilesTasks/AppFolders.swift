import Foundation

/// amofiles' own folders as the XDG base directories name them: an empty or unset
/// variable means its default under the home folder.
public enum AppFolders {
    /// `$XDG_CONFIG_HOME/amofiles` (default `~/.config/amofiles`): profiles, the keymap.
    public static var config: String { folder("XDG_CONFIG_HOME", default: ".config") }
    /// `$XDG_STATE_HOME/amofiles` (default `~/.local/state/amofiles`): the upload journal.
    public static var state: String { folder("XDG_STATE_HOME", default: ".local/state") }
    /// `$XDG_CACHE_HOME/amofiles` (default `~/.cache/amofiles`): versions already read.
    public static var cache: String { folder("XDG_CACHE_HOME", default: ".cache") }

    private static func folder(_ variable: String, default relative: String) -> String {
        let base = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/" + relative)
        return base + "/amofiles"
    }
}
