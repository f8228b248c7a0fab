#!/usr/bin/env python3
"""Reads every HTML document tthc writes with a real HTML5 parser (html5lib) and checks that the
numbers in the page equal the JSON output's after the one display rule: a rate is its exact
fraction cut (not rounded) to two decimals, shown with Vietnamese separators (95,26%) or English
ones (95.26%). Also checks that text from the log stays text: a unit named <script> or
" onload= makes no element and no attribute.

Needs html5lib (pip install html5lib) and a built tthc (swift build).
Usage: Scripts/html-numbers.py           Exit status: 0 all equal, 1 a difference, 2 setup missing.
"""
import json
import os
import subprocess
import sys
import tempfile

try:
    import html5lib
except ImportError:
    print("html-numbers: html5lib missing (pip install html5lib)", file=sys.stderr)
    sys.exit(2)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# $TTHC, else the release build, else the debug build.
TTHC = os.environ.get("TTHC") or next(
    (p for p in (os.path.join(ROOT, ".build", c, "tthc") for c in ("release", "debug")) if os.path.exists(p)), None)
LOG = os.path.join(ROOT, "Datasets", "sample", "dossiers.csv")
CATALOG = os.path.join(ROOT, "Datasets", "catalog", "commune-procedures.csv")
SCENARIO = os.path.join(ROOT, "Datasets", "scenarios", "commune-center.json")
failures = []
compared = [0]


def run(arguments, expect=(0,)):
    done = subprocess.run([TTHC] + arguments, capture_output=True, text=True)
    if done.returncode not in expect:
        raise SystemExit("html-numbers: tthc %s exited %d: %s" % (" ".join(arguments), done.returncode, done.stderr))
    return done.stdout


def page(arguments, expect=(0,)):
    """The HTML document of `arguments`, parsed strictly: a parse error fails the check."""
    text = run(arguments + ["--format", "html"], expect)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        return parser.parse(text)
    except html5lib.html5parser.ParseError as error:
        failures.append("%s: not valid HTML5: %s" % (" ".join(arguments[:2]), error))
        return html5lib.parse(text, namespaceHTMLElements=False)


def text(element):
    return "".join(element.itertext()).strip()


def grouped(n, language):
    s = "{:,}".format(abs(n))
    if language == "vi":
        s = s.replace(",", ".")
    return ("-" if n < 0 else "") + s


def rate(numerator, denominator, language):
    """The display rule, on the exact fraction: two decimals, cut toward zero."""
    if denominator == 0:
        return "–"
    units = abs(numerator) * 10000 // abs(denominator)
    sign = "-" if (numerator < 0) != (denominator < 0) and units > 0 else ""
    point = "," if language == "vi" else "."
    return "%s%s%s%02d%%" % (sign, grouped(units // 100, language), point, units % 100)


def decimal(x, decimals, language, percent=False):
    """A measured figure: rounded to `decimals`; a percentage cut toward zero like a rate."""
    scale = 10 ** decimals
    if percent:
        units = int(round(abs(x) * scale * 1e6) / 1e6)
    else:
        units = int(round(abs(x) * scale + 1e-9)) if abs(x) * scale % 1 != 0.5 else int(abs(x) * scale) + 1
    whole, fraction = divmod(units, scale)
    point = "," if language == "vi" else "."
    sign = "-" if x < 0 and units > 0 else ""
    body = grouped(whole, language) + ((point + str(fraction).rjust(decimals, "0")) if decimals else "")
    return sign + body + ("%" if percent else "")


def expect(label, shown, wanted):
    compared[0] += 1
    if shown != wanted:
        failures.append("%s: page shows %r, JSON gives %r" % (label, shown, wanted))


def tiles(tree):
    return {t.get("data-key"): t for t in tree.iter("div") if "tile" in (t.get("class") or "").split()}


def tile_value(tile):
    return text(next(d for d in tile.iter("div") if d.get("class") == "tile-value"))


def tile_part(tile, part):
    return text(next(s for s in tile.iter("span") if s.get("data-part") == part))


def rows(tree, table_id):
    """The body rows of a table as {column key: cell text}."""
    table = next((t for t in tree.iter("table") if t.get("data-table") == table_id), None)
    if table is None:
        return None
    body = table.find("tbody")
    return [{td.get("data-key"): text(td) for td in tr.findall("td")} for tr in body.findall("tr")]


KPIS = ["progress", "on_time", "online", "full_online", "online_payment", "digitization", "e_result", "apology"]


def check_report(language):
    base = ["report", LOG, "--profile", "hanoi-commune-2026", "--by", "agency", "--lang", language]
    data = json.loads(run(["report", LOG, "--by", "agency", "--format", "json"]))
    tree = page(base)
    totals = data["totals"]
    found = tiles(tree)
    for kpi in KPIS:
        r = totals["rates"][kpi]
        expect("report tile %s (%s)" % (kpi, language), tile_value(found[kpi]),
               rate(r["numerator"], r["denominator"], language))
        expect("report tile %s numerator" % kpi, tile_part(found[kpi], "numerator"), grouped(r["numerator"], language))
        expect("report tile %s denominator" % kpi, tile_part(found[kpi], "denominator"),
               grouped(r["denominator"], language))
        # The JSON's four decimals, cut to two, are the page's two.
        if r["percent"] is not None:
            whole, _, fraction = ("%.4f" % r["percent"]).partition(".")
            point = "," if language == "vi" else "."
            expect("report tile %s against JSON percent" % kpi, tile_value(found[kpi]),
                   grouped(int(whole), language) + point + fraction[:2] + "%")
    for key in ["received", "finished", "in_progress_overdue"]:
        expect("report tile %s" % key, tile_value(found[key]), grouped(totals[key], language))
    counts = rows(tree, "counts")
    names = list(totals.keys())[:20]
    for name, row in zip(names, counts):
        expect("report count %s" % name, row["dossiers"], grouped(totals[name], language))
    for row, kpi in zip(rows(tree, "rates"), KPIS):
        r = totals["rates"][kpi]
        expect("report rates table %s" % kpi, row["rate"], rate(r["numerator"], r["denominator"], language))
    by_unit = {g["key"]["agency"]: g for g in data["groups"]}
    for row in rows(tree, "units"):
        g = by_unit[row["unit"]]
        for key in ["received", "finished", "late", "in_progress_overdue"]:
            expect("report unit %s %s" % (row["unit"], key), row[key], grouped(g[key], language))
        for key, kpi in [("on_time_rate", "on_time"), ("progress_rate", "progress")]:
            r = g["rates"][kpi]
            expect("report unit %s %s" % (row["unit"], key), row[key], rate(r["numerator"], r["denominator"], language))
    for row in rows(tree, "groups"):
        g = by_unit[row["agency"]]
        for kpi in ["progress", "on_time", "online", "full_online", "online_payment"]:
            r = g["rates"][kpi]
            expect("report group %s %s" % (row["agency"], kpi), row[kpi + "_rate"],
                   rate(r["numerator"], r["denominator"], language))
    late = rows(tree, "late_dossiers")
    expect("report late dossiers listed", len(late), min(200, totals["late"]))


def check_check(language):
    arguments = ["check", LOG, "--profile", "hanoi-commune-2026", "--lang", language]
    data = json.loads(run(arguments + ["--format", "json"], expect=(0, 1)))
    tree = page(arguments, expect=(0, 1))
    found = tiles(tree)
    table = rows(tree, "targets")
    for target, row in zip(data["targets"], table):
        tile = found[target["target"]]
        if target["kind"] == "rate":
            wanted = rate(target["numerator"], target["denominator"], language)
            expect("check tile %s numerator" % target["target"], tile_part(tile, "numerator"),
                   grouped(target["numerator"], language))
        else:
            wanted = grouped(target["value"], language)
        expect("check tile %s" % target["target"], tile_value(tile), wanted)
        expect("check table %s value" % target["target"], row["value"], wanted)
        if isinstance(target.get("gap"), int):
            expect("check table %s gap" % target["target"], row["gap"], grouped(target["gap"], language))
        for dimension, ranked in target.get("contributors", {}).items():
            shown = rows(tree, "contributors_%s_%s" % (target["target"], dimension))
            for c, r in zip(ranked, shown):
                expect("check contributor %s" % c["key"], r["value"], rate(c["numerator"], c["denominator"], language))
                expect("check contributor %s needed" % c["key"], r["needed"], grouped(abs(c["gap"]), language))


def check_today(language):
    arguments = ["today", LOG, "--as-of", "2026-03-31T08:00", "--profile", "hanoi-commune-2026", "--lang", language]
    data = json.loads(run(arguments + ["--format", "json"]))
    tree = page(arguments)
    found = tiles(tree)
    for key in ["due_soon", "overdue", "late_without_apology"]:
        expect("today tile %s" % key, tile_value(found[key]), grouped(data[key]["total"], language))
        shown = rows(tree, key) or []
        expect("today %s ids" % key, [r["id"] for r in shown], [i["id"] for i in data[key]["items"]])
    figures = {r["figure"]: r for r in rows(tree, "figures")}
    ptd = data["period_to_date"]["counts"]
    received = next(r for r in figures.values() if r["period_to_date"] == grouped(ptd["received"], language))
    expect("today received today", received["today"], grouped(data["today"]["received"], language))


def check_score(language):
    arguments = ["score", LOG, "--lang", language]
    data = json.loads(run(arguments + ["--format", "json"]))
    tree = page(arguments)
    expect("score points", tile_value(tiles(tree)["points"]), decimal(data["total"]["points"], 2, language))
    indicators = [i for g in data["total"]["groups"] for i in g["indicators"]]
    shown = [r for r in rows(tree, "indicators") if r["rate"]]
    for i, r in zip(indicators, shown):
        expect("score %s rate" % i["kpi"], r["rate"], rate(i["numerator"], i["denominator"], language))
        expect("score %s points" % i["kpi"], r["points"], decimal(i["points"], 2, language))


def check_audit(language):
    arguments = ["audit", LOG, "--catalog", CATALOG, "--lang", language]
    data = json.loads(run(arguments + ["--format", "json"]))
    tree = page(arguments)
    for key in ["checked", "later", "earlier", "matching"]:
        expect("audit %s" % key, tile_value(tiles(tree)[key]), grouped(data[key], language))
    mismatches = rows(tree, "mismatches")
    wanted = [(g["unit"], g["procedure"], g["later"]) for g in data["groups"] if g["later"] or g["earlier"]]
    got = [(r["unit"], r["procedure"], r["later"]) for r in mismatches]
    expect("audit mismatches", got, [(u, p, grouped(n, language)) for u, p, n in wanted])


PERCENT_METRICS = {"on_time", "progress", "online", "full_online", "online_payment"}


def simulated(name, x, language):
    return decimal(x, 2, language, percent=name.split(".")[-1] in PERCENT_METRICS and not name.startswith("pools."))


def check_simulate(language):
    arguments = ["simulate", SCENARIO, "--days", "10", "--replications", "4", "--lang", language]
    data = json.loads(run(arguments + ["--format", "json"]))
    tree = page(arguments)
    metrics = [(k, v) for k, v in data.items() if isinstance(v, dict) and "mean" in v]
    metrics += [("pools.%s.%s" % (p, k), v) for p, kv in data["pools"].items() for k, v in kv.items()]
    shown = rows(tree, "kpis")
    expect("simulate rows", len(shown), len(metrics))
    for (name, e), r in zip(metrics, shown):
        expect("simulate %s mean" % name, r["mean"], simulated(name, e["mean"], language))
        expect("simulate %s ci low" % name, r["ci_low"], simulated(name, e["ci95"][0], language))
    arguments = ["simulate", "--compare", SCENARIO, "--set-b", "pools.land.size=4", "--days", "10",
                 "--replications", "4", "--lang", language]
    data = json.loads(run(arguments + ["--format", "json"]))
    tree = page(arguments)
    for (name, k), r in zip(data["kpis"].items(), rows(tree, "comparison")):
        expect("compare %s b" % name, r["b"], simulated(name, k["b"]["mean"], language))
        expect("compare %s difference" % name, r["difference"], simulated(name, k["difference"]["mean"], language))


def check_escaping(directory):
    """A log whose unit, procedure and id are markup: the page holds them as text only."""
    path = os.path.join(directory, "markup.csv")
    hostile = ['<script>alert(1)</script>', '" onload="alert(2)', "<img src=x onerror=alert(3)>"]
    with open(path, "w", encoding="utf-8") as f:
        f.write("MaHoSo,MaTTHC,TenTTHC,DonViXuLy,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy\n")
        for i, name in enumerate(hostile):
            quoted = '"' + name.replace('"', '""') + '"'
            f.write("ID%d,%s,%s,%s,1,10,20260302081500,20260303081500,20260310160000\n" % (i, quoted, quoted, quoted))
    tree = page(["report", path, "--lang", "en"])
    if any(True for _ in tree.iter("script")) or any(True for _ in tree.iter("img")):
        failures.append("escaping: the page holds a script or img element")
    for element in tree.iter():
        for attribute in element.attrib:
            if attribute.lower().startswith("on"):
                failures.append("escaping: an element has the attribute %s" % attribute)
    page_text = text(tree.find("body"))
    for name in hostile:
        if name not in page_text:
            failures.append("escaping: %r does not show as text" % name)


def main():
    if TTHC is None:
        print("html-numbers: build tthc first (swift build)", file=sys.stderr)
        return 2
    for language in ["vi", "en"]:
        check_report(language)
        check_check(language)
        check_today(language)
        check_score(language)
        check_audit(language)
        check_simulate(language)
    with tempfile.TemporaryDirectory(prefix="tthc-html-") as directory:
        check_escaping(directory)
    for f in failures:
        print(f)
    print("html-numbers: %d values compared, %d difference(s)" % (compared[0], len(failures)), file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
