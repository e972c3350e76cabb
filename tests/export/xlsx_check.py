#!/usr/bin/env python3
"""tests/export/xlsx_check.py XLSX CSV - an Excel workbook read back with
Python's zipfile and the sheets' XML, cell by cell, against the report's
CSV (pbl report -f csv, the same selection):

  - one sheet per CSV section, named after it, in the same order;
  - the header row (bold, frozen: the pane is split below row 1) holds the
    column names;
  - every cell equals the CSV's: numbers as numbers (a percentage as its
    fraction), days as dates (Excel's serial day), text as shared strings
    (the CSV's formula guard, a leading "'", not in the workbook);
  - no cell holds a formula.
With --export first, XLSX is `pbl export -f xlsx` and CSV `pbl export -f
csv` of the same sessions: the "answers" sheet is the CSV, cell by cell
(times as dates with their time), and every sheet's header is frozen.
Prints each difference (the first 10) and exits 1 when there is one."""
import csv
import datetime
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
GUARD = "=+-@\t\r"
# the columns of text; every other one holds numbers or days
TEXT = {"skill", "module", "kind", "name", "question", "key_point", "stage",
        "session", "item", "resident", "milestone", "period",
        "left_out_statuses"}


def col_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def sheets(path):
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter(
                "{%s}t" % NS["m"])))
    out = []
    for s in wb.find("m:sheets", NS):
        x = ET.fromstring(z.read("xl/" + target[s.get(REL)]))
        pane = x.find(".//m:pane", NS)
        frozen = pane is not None and pane.get("state") == "frozen" \
            and pane.get("ySplit") == "1"
        rows, formulas = {}, 0
        for row in x.iter("{%s}row" % NS["m"]):
            r = int(row.get("r")) - 1
            for c in row.findall("m:c", NS):
                if c.find("m:f", NS) is not None:
                    formulas += 1
                v = c.find("m:v", NS)
                kind = c.get("t")
                if kind == "s":
                    val = ("s", strings[int(v.text)])
                elif kind == "inlineStr":
                    val = ("s", "".join(t.text or "" for t in c.iter(
                        "{%s}t" % NS["m"])))
                elif v is not None:
                    val = ("n", float(v.text))
                else:
                    continue
                rows.setdefault(r, {})[col_index(c.get("r"))] = val
        out.append((s.get("name"), rows, frozen, formulas))
    return out


def serial(day):
    d = datetime.date.fromisoformat(day)
    return float((d - datetime.date(1899, 12, 30)).days)


def main(xlsx, csv_path):
    sections, order = {}, []
    for r in csv.reader(open(csv_path, newline="", encoding="utf-8")):
        if not r:
            continue
        if r[0] == "section":
            head = r[1:]
            continue
        if r[0] not in sections:
            sections[r[0]] = (head, [])
            order.append(r[0])
        sections[r[0]][1].append(r[1:])
    bad, checked = [], 0
    book = sheets(xlsx)
    names = [b[0] for b in book]
    # sections with no rows have no CSV rows here: compare those with rows
    for name in order:
        if name not in names:
            bad.append("no sheet %s" % name)
    for name, rows, frozen, formulas in book:
        if not frozen:
            bad.append("%s: the header row is not frozen" % name)
        if formulas:
            bad.append("%s: %d formulas" % (name, formulas))
        if name not in sections:
            if len(rows) > 1:
                bad.append("%s: rows the CSV has not" % name)
            continue
        head, data = sections[name]
        got_head = [rows.get(0, {}).get(i, ("", ""))[1] for i in range(len(head))]
        if got_head != head:
            bad.append("%s: header %r, csv %r" % (name, got_head, head))
        if len(rows) - 1 != len(data):
            bad.append("%s: %d rows, csv %d" % (name, len(rows) - 1, len(data)))
        for i, want in enumerate(data):
            got = rows.get(i + 1, {})
            for c, v in enumerate(want):
                g = got.get(c)
                checked += 1
                col = head[c]
                if v == "":
                    ok = g is None or g == ("s", "")
                elif col in TEXT:
                    t = v[1:] if v[:1] == "'" and v[1:2] and v[1] in GUARD else v
                    ok = g == ("s", t)
                elif re.fullmatch(r"-?\d+", v):
                    n = float(v) / 100 if col.endswith("_pct") else float(v)
                    ok = g is not None and g[0] == "n" and abs(g[1] - n) < 1e-9
                elif re.fullmatch(r"\d{4}-\d\d-\d\d", v) and col in (
                        "first_session", "last_session", "raised"):
                    ok = g == ("n", serial(v))
                else:
                    ok = False
                if not ok:
                    bad.append("%s row %d %s: xlsx %r, csv %r"
                               % (name, i + 2, col, g, v))
    for b in bad[:10]:
        print(b)
    print("%d cells checked" % checked)
    return 1 if bad or not checked else 0


EXPORT_NUM = {"module_number", "module_version", "question_number",
              "time_box_minutes", "seconds_spent"}
EXPORT_WHEN = {"started_at", "revealed_at", "updated_at"}


def when_serial(iso):
    t = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    return (t - datetime.datetime(1899, 12, 30)).total_seconds() / 86400


def export(xlsx, csv_path):
    rows = list(csv.reader(open(csv_path, newline="", encoding="utf-8")))
    head, data = rows[0], rows[1:]
    book = dict((b[0], b) for b in sheets(xlsx))
    bad, checked = [], 0
    for name, (_, _, frozen, formulas) in book.items():
        if not frozen:
            bad.append("%s: the header row is not frozen" % name)
        if formulas:
            bad.append("%s: %d formulas" % (name, formulas))
    _, got, _, _ = book.get("answers", (None, {}, None, None))
    got_head = [got.get(0, {}).get(i, ("", ""))[1] for i in range(len(head))]
    if got_head != head:
        bad.append("answers: header %r" % got_head)
    if len(got) - 1 != len(data):
        bad.append("answers: %d rows, csv %d" % (len(got) - 1, len(data)))
    for i, want in enumerate(data):
        g_row = got.get(i + 1, {})
        for c, v in enumerate(want):
            g, col = g_row.get(c), head[c]
            checked += 1
            if v == "":
                ok = g is None or g == ("s", "")
            elif col in EXPORT_NUM:
                ok = g == ("n", float(v))
            elif col in EXPORT_WHEN:
                ok = g is not None and g[0] == "n" and \
                    abs(g[1] - when_serial(v)) < 1e-6
            else:
                t = v[1:] if v[:1] == "'" and v[1:2] and v[1] in GUARD else v
                ok = g == ("s", t)
            if not ok:
                bad.append("answers row %d %s: xlsx %r, csv %r"
                           % (i + 2, col, g, v[:60]))
    for b in bad[:10]:
        print(b)
    print("%d cells checked" % checked)
    return 1 if bad or not checked else 0


if __name__ == "__main__":
    if sys.argv[1] == "--export":
        sys.exit(export(sys.argv[2], sys.argv[3]))
    sys.exit(main(sys.argv[1], sys.argv[2]))
