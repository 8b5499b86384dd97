import CBuildInfo

/// What `amofiles --version` prints: the version, kept here and nowhere else, and the
/// commit when the binary was built from git by scripts/build-release.sh.
enum Version {
    static let number = "0.9.0"

    static var commit: String? { amofiles_commit().map { String(cString: $0) } }

    /// "0.9.0 (commit 1a2b3c4)", or "0.9.0".
    static var full: String { commit.map { "\(number) (commit \($0))" } ?? number }
}
