/// A chart as data: categories along one axis, series of values along the other. The HTML
/// renderer draws it as SVG; Markdown and xlsx show the same data as a table (`table`).
public struct DocumentChart: Sendable {
    /// How the series are drawn.
    public enum Style: String, Sendable {
        /// Vertical bars per category; several series side by side, or stacked when `stacked`.
        case columns
        /// Horizontal bars, one row per category (long names such as unit names fit on the left).
        case bars
        /// A line through the categories (a time series).
        case line
    }

    /// What the values measure, for ticks and labels.
    public enum Unit: String, Sendable {
        case count, percent, workingDays
    }

    public struct Axis: Sendable {
        public var title: String
        public var unit: Unit
        /// Fixed bounds (0...100 for a percentage); nil lets the renderer choose from the data.
        public var minimum: Double?
        public var maximum: Double?

        public init(title: String, unit: Unit, minimum: Double? = nil, maximum: Double? = nil) {
            self.title = title
            self.unit = unit
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    public struct Series: Sendable {
        /// A stable machine name (`received`, `on_time`).
        public var key: String
        public var name: String
        /// One value per category; nil where there is none (a rate without dossiers).
        public var values: [Double?]
        public var style: Style
        /// Drawn against `secondaryAxis` (a rate line over volume columns).
        public var onSecondaryAxis: Bool
        /// `.good`, `.bad`, `.muted` colour the series by meaning (finished by / after the due);
        /// `.neutral` takes the next colour of the palette.
        public var tone: DocumentTone
        /// The exact value of each point (a rate as its fraction), for labels beside bars; nil
        /// draws no labels.
        public var exact: [DocumentValue]?

        public init(
            key: String, name: String, values: [Double?], style: Style, onSecondaryAxis: Bool = false,
            tone: DocumentTone = .neutral, exact: [DocumentValue]? = nil
        ) {
            precondition(exact == nil || exact!.count == values.count, "one exact value per point")
            self.key = key
            self.name = name
            self.values = values
            self.style = style
            self.onSecondaryAxis = onSecondaryAxis
            self.tone = tone
            self.exact = exact
        }
    }

    /// A reference line across the value axis (a target: 99%).
    public struct Marker: Sendable {
        public var label: String
        public var value: Double
        public var onSecondaryAxis: Bool

        public init(label: String, value: Double, onSecondaryAxis: Bool = false) {
            self.label = label
            self.value = value
            self.onSecondaryAxis = onSecondaryAxis
        }
    }

    public var id: String
    public var title: String
    /// What the categories are (`Tuần`, `Đơn vị`, `Ngày làm việc`).
    public var categoryTitle: String
    public var categories: [String]
    public var series: [Series]
    public var primaryAxis: Axis
    public var secondaryAxis: Axis?
    /// Column series are stacked (shares of a whole, or parts of a count) instead of side by side.
    public var stacked: Bool
    public var markers: [Marker]
    /// A sentence under the chart: what it shows and how to read it.
    public var note: String?
    /// The same data as exact figures (counts, rates as fractions), for the renderers that show a
    /// table instead of a picture (Markdown, xlsx); nil lets them tabulate `series` as it is.
    public var table: DocumentTable?

    public init(
        id: String, title: String, categoryTitle: String, categories: [String], series: [Series],
        primaryAxis: Axis, secondaryAxis: Axis? = nil, stacked: Bool = false, markers: [Marker] = [],
        note: String? = nil, table: DocumentTable? = nil
    ) {
        precondition(series.allSatisfy { $0.values.count == categories.count }, "one value per category")
        self.id = id
        self.title = title
        self.categoryTitle = categoryTitle
        self.categories = categories
        self.series = series
        self.primaryAxis = primaryAxis
        self.secondaryAxis = secondaryAxis
        self.stacked = stacked
        self.markers = markers
        self.note = note
        self.table = table
    }
}
