import Foundation
import PackagePlugin

/// Writes `BuildCommit.swift` (`let buildCommit = "…"`) before every build of the target that uses
/// it: the git commit of the package, with `-dirty` when tracked files have changes, or empty when
/// the package has no git metadata or no git. The file is rewritten only when the commit changes,
/// so an unchanged commit recompiles nothing. A prebuild command because the manifest's own
/// `Context.gitInformation` is cached with the manifest and goes stale after a commit.
@main struct BuildCommit: BuildToolPlugin {
    static let script = """
        dir=$1; out=$2/BuildCommit.swift
        commit=
        # Only the package's own repository: not one that merely contains the package's folder.
        if [ "$(git -C "$dir" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$dir" && pwd -P)" ]; then
            commit=$(git -C "$dir" rev-parse HEAD 2>/dev/null) || commit=
        fi
        if [ -n "$commit" ] && [ -n "$(git -C "$dir" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
            commit="$commit-dirty"
        fi
        text="// Generated before each build by Plugins/BuildCommit.
        let buildCommit = \\"$commit\\""
        if [ ! -f "$out" ] || [ "$(cat "$out")" != "$text" ]; then printf '%s\\n' "$text" > "$out"; fi
        """

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        return [
            .prebuildCommand(
                displayName: "Reading the git commit for tthc --version",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", BuildCommit.script, "sh", context.package.directoryURL.path, output.path],
                outputFilesDirectory: output)
        ]
    }
}
