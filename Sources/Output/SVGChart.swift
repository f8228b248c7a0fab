import _TextSupport

/// Draws a `DocumentChart` as inline SVG: axes, ticks, grid, labels and the series. The legend is
/// HTML beside it (it wraps with the page); everything here is laid out from estimated text
/// widths so that labels neither overlap nor leave the picture, with 1 category or 300.
enum SVGChart {
    static let fontSize = 12.0

    /// A text's width in SVG units at `size`, estimated: sans-serif letters average just under
    /// 0.6 em, digits and punctuation less; a little generous so labels keep their distance.
    static func textWidth(_ text: String, size: Double = fontSize) -> Double {
        text.reduce(0) { $0 + characterWidth($1) } * size
    }

    /// A character's width in em (combining marks belong to their letter's `Character`).
    static func characterWidth(_ c: Character) -> Double {
        if c.isNumber || c == "." || c == "," || c == ":" || c == "/" || c == " " || c == "%" || c == "–" {
            return 0.58
        }
        return c.isUppercase ? 0.72 : 0.6
    }

    /// `text` cut to fit `width` with an ellipsis, measured once per character.
    static func fitted(_ text: String, width: Double) -> String {
        let limit = width / fontSize - characterWidth("…")
        var used = 0.0
        var end = text.startIndex
        for index in text.indices {
            used += characterWidth(text[index])
            if used > limit {
                return textWidth(text) <= width ? text : String(text[..<end]) + "…"
            }
            end = text.index(after: index)
        }
        return text
    }

    /// The palette: distinguishable in colour and in grey print.
    static let palette = ["#2f6db5", "#e07b24", "#7f9c3a", "#8e5ea2", "#2a9d8f", "#b5651d"]

    static func colour(_ series: DocumentChart.Series, index: Int) -> String {
        switch series.tone {
        case .good: return "#2e8540"
        case .bad: return "#c62828"
        case .warning: return "#d08c00"
        case .muted: return "#9aa3ad"
        case .neutral: return palette[index % palette.count]
        }
    }

    /// Round tick values from `low` to at least `high`, about `count` of them (1, 2 or 5 times a
    /// power of ten apart).
    static func ticks(low: Double, high: Double, count: Int = 5) -> [Double] {
        let span = max(high - low, 1e-9)
        let raw = span / Double(count)
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? power * 10
        var values: [Double] = []
        var v = (low / step).rounded(.down) * step
        while v < high - step * 1e-9 {
            values.append(v)
            v += step
        }
        values.append(v)
        return values
    }

    static func tickText(_ value: Double, unit: DocumentChart.Unit, step: Double, _ language: Language) -> String {
        let decimals = step >= 1 || value == value.rounded() ? 0 : step >= 0.1 ? 1 : 2
        let text = DocumentText.text(.decimal(value, decimals: decimals), language)
        return unit == .percent ? text + "%" : text
    }

    // MARK: Columns and lines over categories

    /// - Parameter width: the drawing's width in SVG units; the page scales it to the column.
    static func render(_ chart: DocumentChart, language: Language, width: Double) -> String {
        if chart.series.contains(where: { $0.style == .bars }) { return bars(chart, language: language, width: width) }
        return columns(chart, language: language, width: width)
    }

    static func axisRange(_ chart: DocumentChart, secondary: Bool) -> (ticks: [Double], low: Double, high: Double)? {
        guard let axis = secondary ? chart.secondaryAxis : chart.primaryAxis as DocumentChart.Axis? else { return nil }
        let series = chart.series.filter { $0.onSecondaryAxis == secondary }
        guard !series.isEmpty || !secondary else { return nil }
        var high = 0.0
        if chart.stacked && !secondary {
            for i in chart.categories.indices {
                high = max(high, series.filter { $0.style == .columns }.reduce(0) { $0 + ($1.values[i] ?? 0) })
            }
            for s in series where s.style == .line { high = max(high, s.values.compactMap { $0 }.max() ?? 0) }
        } else {
            high = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        }
        for m in chart.markers where m.onSecondaryAxis == secondary { high = max(high, m.value) }
        let low = axis.minimum ?? 0
        if let maximum = axis.maximum {
            high = maximum
        } else if high <= low {
            high = low + (axis.unit == .count ? 5 : 1)
        }
        let t = ticks(low: low, high: high)
        return (t, t.first!, t.last!)
    }

    static func columns(_ chart: DocumentChart, language: Language, width: Double) -> String {
        let n = chart.categories.count
        guard let primary = axisRange(chart, secondary: false) else { return "" }
        let secondary = axisRange(chart, secondary: true)
        let primaryStep = primary.ticks.count > 1 ? primary.ticks[1] - primary.ticks[0] : 1
        let primaryLabels = primary.ticks.map {
            tickText($0, unit: chart.primaryAxis.unit, step: primaryStep, language)
        }
        var secondaryLabels: [String] = []
        if let secondary, let axis = chart.secondaryAxis {
            let step = secondary.ticks.count > 1 ? secondary.ticks[1] - secondary.ticks[0] : 1
            secondaryLabels = secondary.ticks.map { tickText($0, unit: axis.unit, step: step, language) }
        }
        let left = 28 + (primaryLabels.map { textWidth($0) }.max() ?? 0) + 8
        let right = secondary == nil ? 16.0 : 28 + (secondaryLabels.map { textWidth($0) }.max() ?? 0) + 8
        let top = 22.0
        let plotHeight = 220.0
        let plotWidth = width - left - right
        let slot = plotWidth / Double(max(n, 1))
        // Category labels: every `stride`-th one, so that each has room.
        let labelWidth = chart.categories.map { textWidth($0) }.max() ?? 0
        let stride = max(1, Int(((labelWidth + 10) / slot).rounded(.up)))
        let bottom = 20 + fontSize + 6 + fontSize + 8
        let height = top + plotHeight + bottom
        var svg = SVGWriter(width: width, height: height, title: chart.title)

        func y(_ value: Double, _ range: (ticks: [Double], low: Double, high: Double)) -> Double {
            top + plotHeight - (value - range.low) / (range.high - range.low) * plotHeight
        }
        // Grid and the primary axis's ticks.
        for (value, label) in zip(primary.ticks, primaryLabels) {
            let yy = y(value, primary)
            svg.line(left, yy, left + plotWidth, yy, cssClass: value == primary.low ? "axis" : "grid")
            svg.text(label, x: left - 6, y: yy + 4, anchor: "end", cssClass: "tick")
        }
        if let secondary {
            for (value, label) in zip(secondary.ticks, secondaryLabels) {
                svg.text(label, x: left + plotWidth + 6, y: y(value, secondary) + 4, anchor: "start", cssClass: "tick")
            }
            svg.line(left + plotWidth, top, left + plotWidth, top + plotHeight, cssClass: "axis")
        }
        svg.line(left, top, left, top + plotHeight, cssClass: "axis")
        // Axis titles, turned along the axes.
        svg.text(
            fitted(chart.primaryAxis.title, width: plotHeight), x: 12, y: top + plotHeight / 2, anchor: "middle",
            cssClass: "axis-title", rotate: -90)
        if secondary != nil, let axis = chart.secondaryAxis {
            svg.text(
                fitted(axis.title, width: plotHeight), x: width - 6, y: top + plotHeight / 2, anchor: "middle",
                cssClass: "axis-title", rotate: -90)
        }
        // Columns.
        let columnSeries = chart.series.enumerated().filter { $0.element.style == .columns }
        let groups = chart.stacked ? 1 : max(columnSeries.count, 1)
        let gap = slot > 6 ? slot * 0.18 : 0.5
        let barWidth = max((slot - gap) / Double(groups), 0.5)
        for i in 0..<n {
            var stackedValue = primary.low
            for (k, (index, series)) in columnSeries.enumerated() {
                guard let value = series.values[i], value != 0 else { continue }
                let x0 = left + Double(i) * slot + gap / 2 + (chart.stacked ? 0 : Double(k) * barWidth)
                let range = series.onSecondaryAxis ? (secondary ?? primary) : primary
                let base = chart.stacked ? stackedValue : range.low
                let yTop = y(base + value, range)
                let yBottom = y(base, range)
                svg.rect(
                    x: x0, y: yTop, width: barWidth, height: max(yBottom - yTop, 0), fill: colour(series, index: index),
                    tooltip: chart.categories[i] + ": " + series.name + " "
                        + DocumentText.text(.decimal(value, decimals: value == value.rounded() ? 0 : 2), language)
                        + (chart.primaryAxis.unit == .percent ? "%" : ""))
                if chart.stacked { stackedValue += value }
            }
        }
        // Lines.
        for (index, series) in chart.series.enumerated() where series.style == .line {
            let range = series.onSecondaryAxis ? (secondary ?? primary) : primary
            var segment: [(Double, Double)] = []
            var segments: [[(Double, Double)]] = []
            for i in 0..<n {
                if let value = series.values[i] {
                    segment.append((left + (Double(i) + 0.5) * slot, y(value, range)))
                } else if !segment.isEmpty {
                    segments.append(segment)
                    segment = []
                }
            }
            if !segment.isEmpty { segments.append(segment) }
            let c = colour(series, index: index)
            for s in segments {
                if s.count > 1 { svg.polyline(s, stroke: c) }
                if n <= 62 || s.count == 1 { for p in s { svg.circle(x: p.0, y: p.1, r: 2.5, fill: c) } }
            }
        }
        // Reference lines (targets).
        for marker in chart.markers {
            let range = marker.onSecondaryAxis ? (secondary ?? primary) : primary
            let yy = y(marker.value, range)
            svg.line(left, yy, left + plotWidth, yy, cssClass: "marker")
            svg.text(
                fitted(marker.label, width: plotWidth / 2), x: left + plotWidth - 4, y: yy - 4, anchor: "end",
                cssClass: "marker-label")
        }
        // Category labels and the category title.
        for i in Swift.stride(from: 0, to: n, by: stride) {
            svg.text(
                chart.categories[i], x: left + (Double(i) + 0.5) * slot, y: top + plotHeight + 6 + fontSize,
                anchor: "middle", cssClass: "tick")
        }
        svg.text(
            fitted(chart.categoryTitle, width: plotWidth), x: left + plotWidth / 2,
            y: top + plotHeight + 6 + fontSize + 8 + fontSize, anchor: "middle", cssClass: "axis-title")
        return svg.finish()
    }

    // MARK: Horizontal bars

    /// One row per category (units): names on the left, cut with an ellipsis when long (the whole
    /// name in the tooltip), the bar, and the exact value after it.
    static func bars(_ chart: DocumentChart, language: Language, width: Double) -> String {
        let n = chart.categories.count
        let series = chart.series.first { $0.style == .bars }!
        let index = chart.series.firstIndex { $0.style == .bars }!
        let row = 20.0
        let top = 8.0
        let labelWidth = min(max(chart.categories.map { textWidth($0) }.max() ?? 0, 40), width * 0.36)
        let left = labelWidth + 12
        let valueLabels = (series.exact ?? []).map { DocumentText.text($0, language) }
        let right = 12 + (valueLabels.map { textWidth($0) }.max() ?? 0)
        let plotWidth = width - left - right
        let plotHeight = Double(n) * row
        let low = chart.primaryAxis.minimum ?? 0
        let high = chart.primaryAxis.maximum ?? max((series.values.compactMap { $0 }.max() ?? 1), low + 1)
        // About one tick per 90 units of width, so a phone's narrow axis is not crowded.
        let axisTicks = ticks(low: low, high: high, count: max(2, min(5, Int(plotWidth / 90))))
        let step = axisTicks.count > 1 ? axisTicks[1] - axisTicks[0] : 1
        let height = top + plotHeight + 8 + fontSize + 8 + fontSize + 6
        var svg = SVGWriter(width: width, height: height, title: chart.title)
        func x(_ v: Double) -> Double { left + (v - low) / (axisTicks.last! - low) * plotWidth }
        for t in axisTicks {
            svg.line(x(t), top, x(t), top + plotHeight, cssClass: t == low ? "axis" : "grid")
            svg.text(
                tickText(t, unit: chart.primaryAxis.unit, step: step, language), x: x(t),
                y: top + plotHeight + 8 + fontSize, anchor: "middle", cssClass: "tick")
        }
        for marker in chart.markers {
            svg.line(x(marker.value), top, x(marker.value), top + plotHeight, cssClass: "marker")
        }
        let c = colour(series, index: index)
        for i in 0..<n {
            let yy = top + Double(i) * row
            let name = chart.categories[i]
            svg.text(
                fitted(name, width: labelWidth), x: left - 8, y: yy + row / 2 + 4, anchor: "end", cssClass: "tick",
                tooltip: name)
            guard let v = series.values[i] else { continue }
            svg.rect(
                x: left, y: yy + 4, width: max(x(v) - left, 0.5), height: row - 8, fill: c,
                tooltip: name + ": " + (i < valueLabels.count ? valueLabels[i] : ""))
            if i < valueLabels.count {
                svg.text(valueLabels[i], x: x(v) + 4, y: yy + row / 2 + 4, anchor: "start", cssClass: "value")
            }
        }
        svg.text(
            fitted(chart.primaryAxis.title, width: plotWidth), x: left + plotWidth / 2,
            y: top + plotHeight + 8 + fontSize + 8 + fontSize, anchor: "middle", cssClass: "axis-title")
        return svg.finish()
    }
}

/// Builds the text of one SVG element, escaping every text and attribute.
struct SVGWriter {
    private var body = ""
    private let header: String

    init(width: Double, height: Double, title: String) {
        let w = SVGWriter.number(width)
        let h = SVGWriter.number(height)
        header =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" "
            + "role=\"img\" aria-label=\"\(HTMLText.escape(title))\" preserveAspectRatio=\"xMinYMin meet\">"
    }

    /// Coordinates with at most two decimals: short and stable text (`NumberText.fixed`, its
    /// trailing zeros dropped; no `String(format:)` per coordinate).
    static func number(_ x: Double) -> String {
        var text = NumberText.fixed(x, decimals: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, cssClass: String) {
        let n = SVGWriter.number
        body += "<line class=\"\(cssClass)\" x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\"/>"
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String? = nil) {
        let n = SVGWriter.number
        body += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(fill)\""
        if let tooltip {
            body += "><title>\(HTMLText.escape(tooltip))</title></rect>"
        } else {
            body += "/>"
        }
    }

    mutating func circle(x: Double, y: Double, r: Double, fill: String) {
        let n = SVGWriter.number
        body += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(fill)\"/>"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String) {
        let n = SVGWriter.number
        let list = points.map { n($0.0) + "," + n($0.1) }.joined(separator: " ")
        body += "<polyline class=\"series-line\" points=\"\(list)\" stroke=\"\(stroke)\"/>"
    }

    mutating func text(
        _ text: String, x: Double, y: Double, anchor: String, cssClass: String, rotate: Double? = nil,
        tooltip: String? = nil
    ) {
        let n = SVGWriter.number
        body += "<text class=\"\(cssClass)\" x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\""
        if let rotate { body += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        body += ">"
        if let tooltip, tooltip != text { body += "<title>\(HTMLText.escape(tooltip))</title>" }
        body += HTMLText.escape(text) + "</text>"
    }

    func finish() -> String { header + body + "</svg>" }
}
