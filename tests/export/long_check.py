#!/usr/bin/env python3
"""tests/export/long_check.py LONG WIDE - `pbl report -f csv --long` holds
every number of the wide CSV report (but the summary's), one per row, with
the part's keys in their columns: each row of the long table is a part, its
keys, a measure and a value, all rows as wide as the header."""
import csv
import sys

TEXT = {"module", "kind", "name", "resident", "skill", "question",
        "key_point", "stage", "milestone", "period"}
long_rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
head, rows = long_rows[0], long_rows[1:]
bad = [r for r in rows if len(r) != len(head)]
got = [tuple(r) for r in rows]
want = []
for r in csv.reader(open(sys.argv[2], newline="", encoding="utf-8")):
    if not r:
        continue
    if r[0] == "section":
        cols = r
        continue
    if r[0] in ("summary", "open_parking"):
        continue
    keys = dict((c, v) for c, v in zip(cols, r) if c in TEXT)
    for c, v in zip(cols[1:], r[1:]):
        if c in TEXT or c == "raised" or v == "":
            continue
        want.append(tuple([r[0]] + [keys.get(k, "") for k in head[1:-2]]
                          + [c, v]))
if bad:
    print("rows of another width:", bad[:3])
for w, g in zip(want, got):
    if w != g:
        print("long %r\nwide %r" % (g, w))
        sys.exit(1)
if len(want) != len(got):
    print("long has %d rows, wide %d numbers" % (len(got), len(want)))
    sys.exit(1)
print("%d numbers" % len(got))
sys.exit(1 if bad or not got else 0)
