/// The version `tthc --version` prints and documents name as their generator.
public enum Version {
    /// The package's version: written here and nowhere else.
    public static let number = "0.1.0"

    /// The git commit the package was built from, abbreviated to 12 hex digits (with `-dirty` when
    /// tracked files had changes); nil when built without git metadata. `Plugins/BuildCommit`
    /// writes `buildCommit` before each build.
    public static var commit: String? {
        guard !buildCommit.isEmpty else { return nil }
        return String(buildCommit.prefix(12)) + (buildCommit.hasSuffix("-dirty") ? "-dirty" : "")
    }

    /// `tthc 0.1.0 (commit 0123456789ab)`, or `tthc 0.1.0` without a commit.
    public static var text: String { "tthc \(number)" + (commit.map { " (commit \($0))" } ?? "") }
}
