#!/usr/bin/env python3
"""Opens tthc's xlsx workbooks with real readers and holds their values to the JSON output.

For the shipped sample (and a small log whose unit names look like formulas) it writes
`--format xlsx` workbooks of every command that has one, then with openpyxl:
  - every sheet has a frozen header row, fitted column widths, and no formula anywhere;
  - text that starts with = + - @ is a string cell holding exactly that text;
  - report: the rates (stored as the one display rule shows them: truncated to 2 decimals of a
    percent), the counts, every --by group and the late-dossier list equal `--format json`;
    counts are integer cells, rates percent cells, dates date cells;
  - check: each target's value, numerator, denominator and gap; today: the three lists (ids, due
    times as date cells, procedure names); score: each unit's points; audit: each mismatched unit
    and procedure; simulate: the generic checks (a command without --format xlsx is skipped).
With LibreOffice present (soffice), the report workbook is converted to CSV headless and its
shown rates must read as the JSON's fractions by the same rule (95.26%).

Usage: Scripts/xlsx-check.py [--tthc PATH]   (default: .build/debug/tthc, built if missing)
Exit status: 0 all checks pass, 1 a check failed, 2 openpyxl or tthc missing.
"""
import argparse
import csv
import datetime
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import openpyxl
except ImportError:
    print("xlsx-check: openpyxl is not installed (pip install openpyxl)", file=sys.stderr)
    sys.exit(2)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "Datasets/sample/dossiers.csv")
CATALOG = os.path.join(ROOT, "Datasets/catalog/commune-procedures.csv")
SCENARIO = os.path.join(ROOT, "Datasets/scenarios/commune-center.json")

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def expect(condition, message):
    if not condition:
        fail(message)


def shown_fraction(numerator, denominator):
    """The one display rule: the percentage truncated to 2 decimals, as a fraction (0.9526)."""
    if denominator == 0:
        return None
    return (numerator * 10000 // denominator) / 10000


def run(tthc, args, expect_code=0):
    done = subprocess.run([tthc] + args, capture_output=True, text=True)
    if expect_code is not None and done.returncode != expect_code:
        fail(f"tthc {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return done


def workbook(tthc, args, directory, name, ok_codes=(0,)):
    path = os.path.join(directory, name + ".xlsx")
    done = run(tthc, args + ["--format", "xlsx", "-o", path, "--lang", "en"], expect_code=None)
    if done.returncode not in ok_codes:
        if "--format expects one of" in done.stderr or "unknown option '-o'" in done.stderr:
            print(f"xlsx-check: {args[0]} has no --format xlsx yet; skipped", file=sys.stderr)
            return None, None
        fail(f"tthc {' '.join(args)} --format xlsx exited {done.returncode}: {done.stderr.strip()}")
        return None, None
    return path, openpyxl.load_workbook(path)


def generic(book, name):
    """What every workbook must do, whatever its document."""
    expect(len(book.sheetnames) >= 2, f"{name}: expected several sheets, got {book.sheetnames}")
    for sheet in book:
        where = f"{name}/{sheet.title}"
        expect(sheet.freeze_panes == "A2", f"{where}: header row not frozen ({sheet.freeze_panes})")
        expect(all(c.font.b for c in sheet[1] if c.value is not None), f"{where}: header not bold")
        widths = [d.width for d in sheet.column_dimensions.values()]
        expect(widths and all(8 <= w <= 60 for w in widths), f"{where}: column widths {widths}")
        for row in sheet.iter_rows():
            for c in row:
                expect(c.data_type != "f", f"{where}!{c.coordinate}: a formula ({c.value})")
                if isinstance(c.value, str) and c.value[:1] in "=+-@":
                    expect(c.data_type == "s", f"{where}!{c.coordinate}: {c.value!r} not a string cell")


def header_index(sheet):
    return {c.value: i for i, c in enumerate(sheet[1]) if c.value is not None}


def check_report(tthc, directory):
    args = ["report", SAMPLE, "--by", "agency", "--profile", "hanoi-commune-2026"]
    data = json.loads(run(tthc, ["report", SAMPLE, "--by", "agency", "--format", "json"]).stdout)
    path, book = workbook(tthc, args, directory, "report")
    if book is None:
        fail("report: no workbook")
        return
    generic(book, "report")
    totals = data["totals"]
    rates = totals["rates"]

    # Rates: label, rate, numerator, denominator; the value is the displayed fraction exactly.
    sheet = book["Rates"]
    seen = 0
    for label, value, numerator, denominator in sheet.iter_rows(min_row=2, max_col=4, values_only=True):
        match = [k for k, r in rates.items() if r["numerator"] == numerator and r["denominator"] == denominator]
        expect(match, f"Rates: {label} {numerator}/{denominator} is not a JSON rate")
        expected = shown_fraction(numerator, denominator)
        expect(value == expected or (value is not None and abs(value - expected) < 1e-12),
               f"Rates: {label} stored {value}, the display rule gives {expected}")
        seen += 1
    expect(seen == len(rates), f"Rates: {seen} rows for {len(rates)} JSON rates")
    for row in sheet.iter_rows(min_row=2, max_col=4):
        expect(row[1].number_format == "0.00%", f"Rates!{row[1].coordinate}: format {row[1].number_format}")
        expect(isinstance(row[2].value, int) and row[2].number_format == "#,##0", f"Rates!{row[2].coordinate}")

    # Counts: the 20 counts in the JSON's order.
    counts = [v for k, v in totals.items() if isinstance(v, int)]
    got = [row[1] for row in book["Counts"].iter_rows(min_row=2, max_col=2, values_only=True)]
    expect(got == counts, f"Counts: {got} != JSON {counts}")

    # Groups: each unit's counts and rates, by the header's type (integer or percent cells).
    sheet = book["Groups"]
    rows = [r for r in sheet.iter_rows(min_row=2) if r[0].value is not None]
    # The groups, then a total row (the table's footer) that must equal the JSON's totals.
    expect(len(rows) in (len(data["groups"]), len(data["groups"]) + 1),
           f"Groups: {len(rows)} rows for {len(data['groups'])} groups")
    groups = list(data["groups"])
    if len(rows) == len(groups) + 1:
        groups.append(dict(totals, key={"agency": rows[-1][0].value}))
    names = {"Received": "received", "Finished": "finished", "Late": "late", "Overdue": "in_progress_overdue"}
    rate_names = {"Progress (early/on time/within)": "progress", "Finished on time": "on_time", "Online": "online",
                  "Full-online": "full_online", "Online payment": "online_payment", "Digitization": "digitization",
                  "Electronic result": "e_result", "Late with apology": "apology"}
    titles = [c.value for c in sheet[1]]
    for row, group in zip(rows, groups):
        expect(row[0].value == group["key"]["agency"], f"Groups: {row[0].value!r} != {group['key']['agency']!r}")
        for title, cell in zip(titles[1:], row[1:]):
            if cell.number_format == "0.00%" or (cell.value is None and title in rate_names):
                r = group["rates"][rate_names[title]]
                expected = shown_fraction(r["numerator"], r["denominator"])
                expect(cell.value == expected or (cell.value is not None and expected is not None and
                                                  abs(cell.value - expected) < 1e-12),
                       f"Groups {row[0].value} {title}: {cell.value} != {expected}")
            else:
                key = names.get(title.capitalize()) if title else None
                expect(key is not None, f"Groups: unknown count column {title!r}")
                if key:
                    expect(cell.value == group[key], f"Groups {row[0].value} {title}: {cell.value} != {group[key]}")

    # Late dossiers: the first 200 (or all), dates as date cells, working time as a duration.
    sheet = book["Late dossiers"]
    rows = [r for r in sheet.iter_rows(min_row=2) if r[0].value is not None and isinstance(r[0].value, int)]
    expect(len(rows) == min(200, totals["late"]), f"Late dossiers: {len(rows)} rows for {totals['late']} late")
    index = header_index(sheet)
    for r in rows:
        expect(isinstance(r[index["Due"]].value, datetime.datetime), f"Late!{r[index['Due']].coordinate}: not a date")
        over = r[index["Over by"]]
        # A duration under a day reads back as a time of day, a longer one as a timedelta; a dossier
        # late by its second supplement request says so in words.
        expect((isinstance(over.value, (datetime.timedelta, datetime.time)) and over.number_format == "[h]:mm")
               or (over.data_type == "s" and over.value),
               f"Late!{over.coordinate}: {over.value!r} ({over.number_format}) is not a duration")
        expect(r[index["Procedure name"]].value, f"Late!{r[0].coordinate}: no procedure name")
    return path


def check_formula_text(tthc, directory):
    names = ["=1+1", "=HYPERLINK(\"http://example.invalid\",\"x\")", "+84 phố Huế", "-5", "@SUM(A1)",
             "<script>alert(1)</script>", "UBND xã An"]
    log = os.path.join(directory, "formulas.csv")
    with open(log, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["MaHoSo", "MaTTHC", "TenTTHC", "DonViXuLy", "KenhThucHien", "TrangThaiHoSo", "NgayTiepNhan",
                    "NgayHenTra", "NgayKetThucXuLy"])
        for i, name in enumerate(names):
            w.writerow([f"H{i}", "1.001", "=2+2", name, "1", "10", "20260302080000", "20260303170000",
                        "20260304100000"])
    path, book = workbook(tthc, ["report", log, "--by", "agency"], directory, "formulas")
    if book is None:
        return
    generic(book, "formulas")
    sheet = book["Groups"]
    got = sorted(c.value for c in sheet["A"][1:len(names) + 1])
    expect(got == sorted(names), f"formulas: unit names {got} != {sorted(names)}")
    for c in sheet["A"][1:]:
        expect(c.data_type == "s", f"formulas: {c.value!r} is a {c.data_type} cell")
    late = book["Late dossiers"]
    for row in late.iter_rows(min_row=2):
        for c in row:
            if c.value == "=2+2":
                expect(c.data_type == "s", "formulas: the procedure name =2+2 became a formula")


def sheet_starting(book, prefix):
    """The sheet whose (possibly cut) title starts with `prefix`."""
    for sheet in book:
        if sheet.title.rstrip("…").startswith(prefix[:30].rstrip()) or prefix.startswith(sheet.title.rstrip("…")):
            return sheet
    fail(f"no sheet titled {prefix!r} in {book.sheetnames}")
    return None


def data_rows(sheet):
    """The rows under the header up to the first empty row (a note may follow it)."""
    rows = []
    for row in sheet.iter_rows(min_row=2):
        if all(c.value is None for c in row):
            break
        rows.append(row)
    return rows


def same_rate(cell, numerator, denominator, where):
    expected = shown_fraction(numerator, denominator)
    expect(cell.value == expected or (cell.value is not None and expected is not None
                                      and abs(cell.value - expected) < 1e-12),
           f"{where}: {cell.value} != {expected} ({numerator}/{denominator})")
    if expected is not None:
        expect(cell.number_format == "0.00%", f"{where}: format {cell.number_format}")


def check_check(tthc, directory):
    args = ["check", SAMPLE, "--profile", "hanoi-commune-2026", "--by", "agency"]
    data = json.loads(run(tthc, args + ["--format", "json"], expect_code=1).stdout)
    _, book = workbook(tthc, args, directory, "check", ok_codes=(0, 1))
    if book is None:
        return
    generic(book, "check")
    sheet = sheet_starting(book, "Targets")
    if sheet is None:
        return
    index = header_index(sheet)
    rows = data_rows(sheet)
    expect(len(rows) == len(data["targets"]), f"check Targets: {len(rows)} rows for {len(data['targets'])}")
    for row, target in zip(rows, data["targets"]):
        if "denominator" in target:
            expect(row[index["Numerator"]].value == target["numerator"], f"check {target['target']}: numerator")
            expect(row[index["Denominator"]].value == target["denominator"], f"check {target['target']}: denominator")
            same_rate(row[index["Value"]], target["numerator"], target["denominator"], f"check {target['target']}")
        gap = target.get("gap")
        if isinstance(gap, int):
            expect(row[index["Gap (dossiers)"]].value == gap, f"check {target['target']}: gap {gap}")


def check_today(tthc, directory):
    args = ["today", SAMPLE, "--as-of", "2026-03-31T08:00"]
    data = json.loads(run(tthc, args + ["--format", "json"]).stdout)
    _, book = workbook(tthc, args, directory, "today")
    if book is None:
        return
    generic(book, "today")
    for key, title in [("due_soon", "Due soon"), ("overdue", "Overdue"), ("late_without_apology", "Finished late")]:
        sheet = sheet_starting(book, title)
        if sheet is None:
            continue
        index = header_index(sheet)
        rows = data_rows(sheet)
        items = data[key]["items"]
        expect(len(rows) == len(items), f"today {key}: {len(rows)} rows for {len(items)} items")
        for row, item in zip(rows, items):
            expect(row[index["Dossier"]].value == item["id"], f"today {key}: {row[index['Dossier']].value} != {item['id']}")
            due = row[index["Due"]].value
            expect(isinstance(due, datetime.datetime) and due.isoformat() == item["due"],
                   f"today {key} {item['id']}: due {due!r} != {item['due']}")
            expect(row[index["Procedure name"]].value, f"today {key} {item['id']}: no procedure name")


def check_score(tthc, directory):
    args = ["score", SAMPLE]
    data = json.loads(run(tthc, args + ["--format", "json"]).stdout)
    _, book = workbook(tthc, args, directory, "score")
    if book is None:
        return
    generic(book, "score")
    sheet = sheet_starting(book, "Per unit")
    if sheet is None:
        return
    rows = data_rows(sheet)
    expect(len(rows) == len(data["units"]), f"score: {len(rows)} units for {len(data['units'])}")
    for row, unit in zip(rows, data["units"]):
        expect(row[0].value == unit["key"]["agency"], f"score: unit {row[0].value!r}")
        expect(abs(row[1].value - unit["points"]) < 1e-9, f"score {row[0].value}: {row[1].value} != {unit['points']}")


def check_audit(tthc, directory):
    args = ["audit", SAMPLE, "--catalog", CATALOG]
    data = json.loads(run(tthc, args + ["--format", "json"]).stdout)
    _, book = workbook(tthc, args, directory, "audit")
    if book is None:
        return
    generic(book, "audit")
    sheet = sheet_starting(book, "Mismatches")
    if sheet is None:
        return
    index = header_index(sheet)
    groups = {(g["unit"], g["procedure"]): g for g in data["groups"]}
    rows = data_rows(sheet)
    expect(rows, "audit: no mismatch rows")
    for row in rows:
        g = groups.get((row[0].value, row[1].value))
        expect(g is not None, f"audit: {row[0].value} / {row[1].value} not in the JSON")
        if g:
            expect(row[index["Checked"]].value == g["checked"], f"audit {row[0].value}: checked")
            expect(row[index["Due later than the law"]].value == g["later"], f"audit {row[0].value}: later")


def check_simulate(tthc, directory):
    _, book = workbook(tthc, ["simulate", SCENARIO, "--days", "5", "--replications", "2"], directory, "simulate")
    if book is not None:
        generic(book, "simulate")


def check_libreoffice(path, directory):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or path is None:
        print("xlsx-check: LibreOffice not found; its reading skipped", file=sys.stderr)
        return
    out = os.path.join(directory, "lo")
    os.makedirs(out, exist_ok=True)
    # UTF-8 (76), comma-separated, formatted as shown, every sheet to its own file (-1).
    options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    done = subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + os.path.join(directory, "profile"),
                           "--convert-to", options, "--outdir", out, path], capture_output=True, text=True, timeout=300)
    files = glob.glob(os.path.join(out, "*Rates*.csv"))
    if done.returncode != 0 or not files:
        fail(f"LibreOffice could not convert the workbook: {done.stderr.strip()} {os.listdir(out)}")
        return
    with open(files[0], encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    for label, shown, numerator, denominator in rows:
        n, d = int(numerator.replace(",", "")), int(denominator.replace(",", ""))
        expected = "" if d == 0 else "%d.%02d%%" % divmod(n * 10000 // d, 100)
        expect(shown == expected, f"LibreOffice shows {label} as {shown!r}, the rule gives {expected!r}")
    print(f"xlsx-check: LibreOffice read {len(rows)} rates as the JSON's", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tthc", default=os.path.join(ROOT, ".build/debug/tthc"))
    options = parser.parse_args()
    if not os.path.exists(options.tthc):
        subprocess.run(["swift", "build", "--product", "tthc"], cwd=ROOT, check=True)
    directory = tempfile.mkdtemp(prefix="tthc-xlsx-check.")
    try:
        report = check_report(options.tthc, directory)
        check_formula_text(options.tthc, directory)
        for check in (check_check, check_today, check_score, check_audit, check_simulate):
            check(options.tthc, directory)
        check_libreoffice(report, directory)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    if failures:
        print(f"xlsx-check: {len(failures)} problems", file=sys.stderr)
        sys.exit(1)
    print("xlsx-check: workbooks read back as the JSON says", file=sys.stderr)


if __name__ == "__main__":
    main()
