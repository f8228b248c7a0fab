import CivilTime
import WorkingTime

/// The encoding of a synthetic log.
public enum SynthesisFormat: String, Sendable, CaseIterable {
    case csv
    case jsonl
}

/// The shape of a synthetic log: shares are probabilities in 0...1.
public struct SynthesisProfile: Sendable {
    /// Weights of `TrangThaiHoSo` 1...10 (index 0 is status 1).
    public var statusWeights: [Double] = [8, 6, 8, 25, 8, 3, 5, 4, 60, 873]
    /// Share of postal (channel 3) dossiers; the online share comes from the unit and procedure.
    public var postalShare = 0.03
    /// Finished dossiers: shares of intended early, on-time and late outcomes.
    public var earlyShare = 0.45
    public var lateShare = 0.04
    /// Share of late dossiers with an apology letter.
    public var apologyShare = 0.6
    /// Shares of received dossiers with one and with two supplement requests.
    public var oneSupplementShare = 0.05
    public var twoSupplementShare = 0.006
    /// Share of received dossiers whose `NgayHenTra` is missing.
    public var missingDueShare = 0.015
    /// Share of received dossiers with digitized components.
    public var digitizedShare = 0.78
    /// Share of finished dossiers with an electronic result (online ones; in-person ones get 60% of it).
    public var electronicResultShare = 0.8
    /// Share of online dossiers of full-online (MucDo 4) procedures that went full-online.
    public var fullOnlineShare = 0.6
    /// Share of online fee-bearing dossiers paid online (in-person ones: `paidInPersonShare`).
    public var paidOnlineShare = 0.78
    public var paidInPersonShare = 0.06
    /// Share of dossiers of fee-bearing procedures exempted from the fee (fees all 0).
    public var feeExemptShare = 0.05
    /// Share of status-10 dossiers without `NgayKetThucXuLy` (end taken from `NgayTra`).
    public var missingProcessingEndShare = 0.02

    public init() {}
}

/// Everything `DossierLogGenerator` needs; the defaults describe a first half-year of commune data.
public struct SynthesisOptions: Sendable {
    /// Rows to write (duplicates included).
    public var dossiers: Int
    public var seed: UInt64
    public var format: SynthesisFormat
    /// Received dates are drawn in `from...to`; the log is exported at the end of `to`.
    public var from: CivilDate
    public var to: CivilDate
    /// Share of rows that repeat an earlier `MaHoSo` (an earlier, in-progress version of the dossier
    /// is written first, the final version later in the same block), as sync logs do.
    public var duplicateRate: Double
    /// Real-export quirks: BOM, CRLF, extra columns `TenTTHC`/`ChuHoSo` with commas, quotes and a
    /// few newlines, and some timestamps in `dd/MM/yyyy HH:mm:ss` and ISO 8601 spellings (CSV);
    /// in JSONL the same dossiers with `TenTTHC`/`ChuHoSo`.
    public var quirks: Bool
    /// The one-stop export shape (`ExportShape`, CSV only): the same dossiers with BOM, CRLF, the
    /// names first, dates, codes, a note, and no supplement column. Not with `quirks`.
    public var exportShape = false
    /// Parallel workers; the output does not depend on it.
    public var workers: Int
    /// Rows per block: each block is seeded from `(seed, block index)`. Part of the output's
    /// identity (changing it changes the bytes), so it is fixed by default.
    public var blockSize: Int
    public var calendar: WorkCalendar
    public var profile: SynthesisProfile
    public var procedures: [SyntheticProcedure]
    public var units: [SyntheticUnit]

    public init(
        dossiers: Int, seed: UInt64 = 1, format: SynthesisFormat = .csv,
        from: CivilDate = CivilDate(year: 2026, month: 1, day: 1),
        to: CivilDate = CivilDate(year: 2026, month: 6, day: 30), duplicateRate: Double = 0, quirks: Bool = false,
        workers: Int = 1, blockSize: Int = 8192, calendar: WorkCalendar = WorkCalendar(),
        profile: SynthesisProfile = SynthesisProfile(),
        procedures: [SyntheticProcedure] = SyntheticProcedure.communeDefaults,
        units: [SyntheticUnit] = SyntheticUnit.communeDefaults
    ) {
        self.dossiers = dossiers
        self.seed = seed
        self.format = format
        self.from = from
        self.to = to
        self.duplicateRate = duplicateRate
        self.quirks = quirks
        self.workers = workers
        self.blockSize = blockSize
        self.calendar = calendar
        self.profile = profile
        self.procedures = procedures
        self.units = units
    }

    /// The export instant: the last second of `to`.
    public var snapshot: Timestamp { Timestamp(date: to, hour: 23, minute: 59, second: 59) }
}

/// What a generation run wrote.
public struct SynthesisSummary: Sendable, Equatable {
    public var rows: Int
    public var bytes: Int
    /// Rows that repeat an earlier `MaHoSo`.
    public var duplicates: Int
}
