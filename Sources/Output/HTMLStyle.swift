/// The style sheet every HTML document carries inline: system fonts only (nothing to fetch),
/// tables that become one card per row on a phone, and an A4 page for print.
enum HTMLStyle {
    static let css = """
        :root { --ink: #1d2329; --muted: #5b6570; --rule: #d5dae0; --soft: #f3f5f7;
          --good: #2e8540; --bad: #c62828; --warning: #a86a00; --accent: #2f6db5; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #fff;
          font: 15px/1.45 "Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
          -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 40px; }
        h1 { font-size: 1.6em; line-height: 1.25; margin: 0 0 4px; }
        h2 { font-size: 1.2em; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
        header { border-bottom: 3px solid var(--accent); padding-bottom: 10px; }
        .subtitle { margin: 0; color: var(--muted); }
        .source-line { margin: 2px 0 0; color: var(--muted); font-size: 0.85em; }
        .source-line a { color: var(--accent); }
        p, li, dd, td, th, caption, figcaption, .tile div { overflow-wrap: break-word; }
        .tile div, dd { overflow-wrap: anywhere; }
        .note { color: var(--muted); font-size: 0.87em; margin: 4px 0 12px; }
        .callout { font-size: 1.15em; font-weight: 600; padding: 10px 14px; border-left: 6px solid var(--muted);
          background: var(--soft); }
        .callout.tone-good { border-color: var(--good); color: var(--good); }
        .callout.tone-bad { border-color: var(--bad); color: var(--bad); }
        .callout.tone-warning { border-color: var(--warning); color: var(--warning); }
        .notes { padding-left: 20px; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(165px, 1fr)); gap: 10px;
          margin: 0 0 16px; }
        .tile { border: 1px solid var(--rule); border-top: 5px solid var(--rule); border-radius: 6px;
          padding: 8px 10px; background: #fff; break-inside: avoid; min-width: 0; }
        .tile.tone-good { border-top-color: var(--good); }
        .tile.tone-bad { border-top-color: var(--bad); background: #fdf3f3; }
        .tile.tone-muted { border-top-color: #9aa3ad; }
        .tile-label { font-size: 0.85em; color: var(--muted); min-height: 2.5em; }
        .tile-value { font-size: 1.6em; font-weight: 700; font-variant-numeric: tabular-nums; }
        .tile-fraction, .tile-note, .tile-gap { font-size: 0.82em; color: var(--muted); }
        .tile-target { font-size: 0.85em; }
        .tone-good .tile-target strong { color: var(--good); }
        .tone-bad .tile-target strong, .tile-gap { color: var(--bad); }
        table.data { border-collapse: collapse; width: 100%; margin: 6px 0 4px; font-size: 0.9em; }
        table.data caption { text-align: left; font-weight: 600; padding: 6px 0; }
        table.data th, table.data td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left;
          vertical-align: top; }
        table.data th { background: var(--soft); font-weight: 600; }
        table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
        table.data td.num { white-space: nowrap; }
        table.data tfoot td { font-weight: 700; border-top: 2px solid var(--ink); }
        td.code > span, dd.code { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 0.92em; }
        td.tone-bad, dd.tone-bad { color: var(--bad); font-weight: 600; }
        td.tone-good { color: var(--good); font-weight: 600; }
        td.tone-warning { color: var(--warning); font-weight: 600; }
        td.tone-muted { color: var(--muted); }
        figure.chart { margin: 8px 0 18px; break-inside: avoid; }
        figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
        .plot svg { display: block; width: 100%; height: auto; max-width: 900px; }
        .plot.narrow { display: none; }
        .plot svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
        .plot svg .tick { fill: var(--muted); }
        .plot svg .value { font-size: 11px; }
        .plot svg .axis-title { font-weight: 600; fill: var(--muted); }
        .plot svg .grid { stroke: #e6e9ed; stroke-width: 1; }
        .plot svg .axis { stroke: #8a939c; stroke-width: 1; }
        .plot svg .marker { stroke: var(--bad); stroke-width: 1.5; stroke-dasharray: 6 4; }
        .plot svg .marker-label { fill: var(--bad); font-size: 11px; }
        .plot svg .series-line { fill: none; stroke-width: 2; }
        .legend { list-style: none; padding: 0; margin: 0 0 6px; display: flex; flex-wrap: wrap; gap: 4px 16px;
          font-size: 0.87em; }
        .legend li { display: flex; align-items: center; gap: 6px; min-width: 0; }
        .swatch { display: inline-block; width: 14px; height: 10px; flex: none; }
        .swatch.line { height: 3px; }
        .swatch.marker { height: 0; border-top: 2px dashed var(--bad); }
        .provenance dl { display: grid; grid-template-columns: minmax(0, 1fr); margin: 0; font-size: 0.9em; }
        .provenance dl div { display: grid; grid-template-columns: minmax(9em, 16em) minmax(0, 1fr); gap: 12px;
          border-bottom: 1px solid var(--soft); padding: 3px 0; }
        .provenance dt { color: var(--muted); }
        .provenance dd { margin: 0; min-width: 0; }
        @media (max-width: 640px) {
          body { font-size: 14px; }
          main { padding: 14px 12px 28px; }
          h1 { font-size: 1.35em; }
          .tiles { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
          .tile-value { font-size: 1.35em; }
          table.data, table.data tbody, table.data tfoot, table.data tr, table.data td { display: block;
            width: 100%; }
          table.data caption { display: block; }
          table.data thead { display: none; }
          table.data tr { display: flex; flex-direction: column; border: 1px solid var(--rule); border-radius: 6px;
            margin: 0 0 8px; padding: 4px 8px; }
          table.data td, table.data .num { display: flex; justify-content: space-between; gap: 10px;
            border: 0; padding: 2px 0; text-align: right; white-space: normal; }
          table.data td::before { content: attr(data-label); flex: 0 0 45%; text-align: left; color: var(--muted);
            font-weight: 600; }
          table.data td > span { min-width: 0; overflow-wrap: anywhere; }
          table.data td.lead { display: block; order: -1; text-align: left; font-size: 1.05em; font-weight: 600;
            padding: 2px 0 4px; }
          table.data td.lead::before { content: none; }
          .plot.wide { display: none; }
          .plot.narrow { display: block; }
          table.data tfoot td { border: 0; }
          .provenance dl div { grid-template-columns: minmax(0, 1fr); gap: 0; }
        }
        @page { size: A4; margin: 14mm 12mm 16mm; }
        @media print {
          body { font-size: 9.5pt; }
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; }
          .tiles { grid-template-columns: repeat(4, minmax(0, 1fr)); }
          table.data { font-size: 8.5pt; }
          table.data tr, .tile, figure.chart { break-inside: avoid; }
          table.data thead { display: table-header-group; }
          .plot svg { max-width: 100%; }
        }

        """
}
