import Foundation
import Ingest
import _TextSupport

/// The stderr lines of a run whose input looks like a mistake a person would want to hear of:
/// the same file given twice, many repeated ids without `--dedupe`, `--rejects` that cannot fill.
/// One line each, with the fix; the run goes on.
enum InputWarnings {
    /// More repeated ids than this share of the accepted records suggests a sync log.
    static let duplicateShare = (numerator: 1, denominator: 100)

    /// Warnings known from the command line, before reading.
    static func beforeReading(_ parsed: ParsedArguments, files: [String]) -> [String] {
        var lines: [String] = []
        let command = parsed.command
        if let (firstName, againName) = repeatedFile(files) {
            // Names are shown as the error messages show them: control characters escaped.
            let first = firstName.escapingControlCharacters
            let again = againName.escapingControlCharacters
            let also = first == again ? "" : " (also as \(again))"
            lines.append(
                "tthc \(command): warning: \(first) is given twice\(also), so its dossiers are counted twice: "
                    + "give each file once\n")
        }
        if let rejects = parsed.string("--rejects")?.escapingControlCharacters, !parsed.flag("--skip-invalid") {
            lines.append(
                "tthc \(command): warning: --rejects \(rejects) without --skip-invalid: the first invalid record "
                    + "stops the run and none is written; add --skip-invalid to collect them\n")
        }
        return lines
    }

    /// Warnings known once the log is read. A file given twice explains its repeated ids, so
    /// they get no second line.
    static func afterReading(_ input: InputSummary, parsed: ParsedArguments, files: [String]) -> [String] {
        let accepted = input.accepted + input.replaced
        guard parsed.string("--dedupe") == nil, accepted > 0, repeatedFile(files) == nil,
            input.duplicates * duplicateShare.denominator > accepted * duplicateShare.numerator
        else { return [] }
        let share = NumberText.percent(input.duplicates, of: accepted, decimals: 2) ?? "0"
        return [
            "tthc \(parsed.command): warning: \(NumberText.grouped(input.duplicates)) of "
                + "\(NumberText.grouped(accepted)) records (\(share)%) repeat an earlier MaHoSo; a log that "
                + "re-sends a dossier on each change needs --dedupe last (or --dedupe detect to keep every record)\n"
        ]
    }

    /// The first file named twice, by path or as the same file under another path, and the
    /// second name.
    static func repeatedFile(_ files: [String]) -> (String, String)? {
        var seen: [String: String] = [:]
        for file in files where file != "-" {
            let identity = fileIdentity(file) ?? file
            if let first = seen[identity] { return (first, file) }
            seen[identity] = file
        }
        return nil
    }

    /// Device and inode, so `log.csv` and `./log.csv` are one file; nil when it cannot be read.
    private static func fileIdentity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }
}
