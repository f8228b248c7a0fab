import _Randomness

/// One stream of arrivals: its pattern, its random stream and its own clock.
struct ArrivalStream {
    var procedure: Int32
    var rng: Xoshiro256StarStar
    var pattern: Pattern
    var rate: Double
    var table: [Double]
    var maxRate: Double
    /// Cumulative channel probabilities for codes 1, 2, 3.
    var cumulative: (Double, Double)
    var monthlyMax: Double
    /// Every month has the same multiplier (`monthlyMax`): no calendar date to compute per
    /// candidate arrival.
    var flatMonthly = false
    /// The stream's own clock: its last arrival before rounding to a whole second (on a
    /// calendar, arrival instants are whole seconds). The next gap is drawn from here, so the
    /// rounding never stretches the gaps (which would thin the arrivals by about half a second
    /// per arrival).
    var clock = 0.0

    /// How the stream's instants are drawn (from the scenario's `ArrivalPattern`).
    enum Pattern {
        /// Poisson at `rate` per second (thinned by the monthly multipliers).
        case constant
        /// Poisson with the rate of `table[hour of week]`.
        case hourOfWeek
        /// Poisson at `rate` per working second of the calendar (counter dossiers over office time).
        case officeTime
        /// The instants of `table`, in order (`rate` counts those used).
        case fixedTimes
    }
}
