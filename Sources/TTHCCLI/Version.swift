import _BuildInfo

/// The version `tthc --version` prints and documents name as their generator. The number is
/// written once, in Package.swift; the commit is compiled in when the package was built from git.
public enum Version {
    /// `0.1.0`.
    public static var number: String { String(cString: tthc_build_version()) }

    /// The commit, abbreviated to 12 hex digits (`-dirty` kept), nil when built without git metadata.
    public static var commit: String? {
        let full = String(cString: tthc_build_commit())
        guard !full.isEmpty else { return nil }
        let dirty = full.hasSuffix("-dirty")
        return String(full.prefix(12)) + (dirty ? "-dirty" : "")
    }

    /// `tthc 0.1.0 (commit 0123456789ab)`, or `tthc 0.1.0` without a commit.
    public static var text: String { "tthc \(number)" + (commit.map { " (commit \($0))" } ?? "") }
}
