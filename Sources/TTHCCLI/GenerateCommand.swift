import CivilTime
import Output
import Synthesis

#if canImport(Glibc)
    import Glibc
#endif

/// `tthc generate`: writes a realistic synthetic dossier log (for samples, tests and benchmarks).
enum GenerateCommand: Subcommand {
    static let spec = CommandSpec(
        name: "generate",
        summary: "Generate a realistic synthetic dossier log (CSV or JSONL), fast and reproducible",
        usage:
            "tthc generate --dossiers N [--seed S] [--format csv|jsonl] [--from DATE --to DATE] [--duplicates RATE] [--sample-quirks | --export-shape] [-j N] -o FILE",
        options: [
            OptionSpec("--dossiers", value: "N", help: "Rows to write (repeated dossiers included), e.g. 10000000."),
            OptionSpec("--seed", value: "S", help: "Seed (default 1): the same seed and options give the same bytes."),
            OptionSpec(
                "--format", value: "csv|jsonl", help: "Encoding (default: from the output's extension, else csv)."),
            LanguageOption.spec,
            OptionSpec("--from", value: "DATE", help: "First received date, yyyy-MM-dd (default 2026-01-01)."),
            OptionSpec(
                "--to", value: "DATE",
                help: "Last received date, yyyy-MM-dd (default 2026-06-30); the log is exported at its end."),
            OptionSpec(
                "--duplicates", value: "RATE", help: "Share of rows repeating an earlier MaHoSo, 0 to 0.5 (default 0)."),
            OptionSpec(
                "--sample-quirks",
                help:
                    "Real-export quirks: BOM, CRLF, TenTTHC/ChuHoSo columns with commas, quotes and newlines, mixed timestamp spellings."
            ),
            OptionSpec(
                "--export-shape",
                help:
                    "CSV as a one-stop system exports it: BOM, CRLF, names first (TenTTHC, TenLinhVuc, ChuHoSo, DonViXuLy), dates, codes, GhiChu; no supplement column."
            ),
            OptionSpec(
                "-j", value: "N", help: "Worker threads (default: all cores); the output does not depend on it."),
            OptionSpec("-o", value: "FILE", help: "Output file, '-' for standard output."),
            OptionSpec("--output", value: "FILE", help: "Same as -o."),
        ],
        examples: [
            "tthc generate --dossiers 10000000 --seed 1 -o Benchmarks/data/dossiers-10m.csv",
            "tthc generate --dossiers 3000 --seed 2026 --sample-quirks -o Datasets/sample/dossiers.csv",
            "tthc generate --dossiers 1000 --format jsonl --duplicates 0.02 -o -",
            "tthc generate --dossiers 10000000 --seed 1 --export-shape -o Benchmarks/data/export-10m-seed1.csv",
        ],
        notes: [
            "Dossiers follow a commune one-stop center: 16 real procedure codes, 12 units, arrivals in office",
            "hours (online ones around the clock), all 10 status codes, ~65% online, a few percent late,",
            "supplement pauses, missing due dates. Due dates come from the working-time calendar.",
            "A summary (rows, bytes, seconds) goes to standard error.",
        ])

    static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw UsageError("tthc generate: unexpected argument '\(arguments.positionals[0])'; expected options only")
        }
        guard let dossiers = try arguments.int("--dossiers", in: 0...2_000_000_000) else {
            throw UsageError("tthc generate: --dossiers N is required, e.g. --dossiers 10000")
        }
        let seedText = arguments.string("--seed") ?? "1"
        guard let seed = UInt64(seedText) else {
            throw UsageError("tthc generate: --seed expects a non-negative integer, got '\(seedText)'")
        }
        if arguments.string("-o") != nil && arguments.string("--output") != nil {
            throw UsageError("tthc generate: give the output once, with -o or --output")
        }
        guard let output = arguments.string("-o") ?? arguments.string("--output") else {
            throw UsageError("tthc generate: -o FILE is required ('-' for standard output)")
        }
        var format = SynthesisFormat.csv
        if let text = try arguments.choice("--format", ["csv", "jsonl"]) {
            format = SynthesisFormat(rawValue: text)!
        } else if output.hasSuffix(".jsonl") || output.hasSuffix(".ndjson") {
            format = .jsonl
        }
        var options = SynthesisOptions(dossiers: dossiers, seed: seed, format: format)
        if let from = try date(arguments, "--from") { options.from = from }
        if let to = try date(arguments, "--to") { options.to = to }
        guard options.from <= options.to else {
            throw UsageError("tthc generate: --from \(options.from) is after --to \(options.to); expected from <= to")
        }
        guard options.to.dayNumber - options.from.dayNumber <= 3660 else {
            throw UsageError("tthc generate: --from/--to span more than 10 years; expected a shorter period")
        }
        if let rate = try arguments.double("--duplicates") {
            guard rate >= 0 && rate <= 0.5 else {
                throw UsageError(
                    "tthc generate: --duplicates expects a share in 0...0.5, got '\(arguments.string("--duplicates")!)'"
                )
            }
            options.duplicateRate = rate
        }
        options.quirks = arguments.flag("--sample-quirks")
        options.exportShape = arguments.flag("--export-shape")
        if options.exportShape && options.quirks {
            throw UsageError("tthc generate: --export-shape and --sample-quirks are two shapes; give one")
        }
        if options.exportShape && format != .csv {
            throw UsageError("tthc generate: --export-shape writes CSV; drop --format jsonl or the .jsonl name")
        }
        options.workers = try arguments.int("-j", in: 1...256) ?? defaultWorkers()

        let clock = ContinuousClock()
        let started = clock.now
        let summary: SynthesisSummary
        if output == "-" {
            summary = try DossierLogGenerator.generate(options) { bytes in
                console.out(String(decoding: bytes, as: UTF8.self))
            }
        } else {
            let file = try OutputFile(path: output)
            defer { file.close() }
            summary = try DossierLogGenerator.generate(options) { try file.write($0) }
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let mb = Double(summary.bytes) / 1e6
        let language = try LanguageOption.terminal(arguments)
        let number = { (text: String) in Labels.number(text, language) }
        console.err(
            "tthc generate: "
                + Labels.phrase(
                    "generate_wrote", language,
                    [
                        "rows": Labels.grouped(summary.rows, language),
                        "rowNoun": language == .vi
                            ? "dòng" : summary.rows == 1 ? "row" : "rows",
                        "repeated": Labels.grouped(summary.duplicates, language), "mb": number(format2(mb)),
                        "file": output, "seconds": number(format2(seconds)),
                        "rate": number(format2(mb / max(seconds, 1e-9))), "workers": String(options.workers),
                        "workerNoun": language == .vi ? "luồng" : options.workers == 1 ? "worker" : "workers",
                    ]) + "\n")
        return 0
    }

    static func date(_ arguments: ParsedArguments, _ name: String) throws -> CivilDate? {
        try EngineOptions.date(arguments, name)
    }

    static func defaultWorkers() -> Int {
        #if canImport(Glibc)
            return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
            return 2
        #endif
    }

    static func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// A file opened for writing with POSIX calls: large sequential writes, no buffering of ours.
private final class OutputFile {
    let path: String
    var descriptor: Int32

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw UsageError("tthc generate: cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw UsageError("tthc generate: write to '\(path)' failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }
}
