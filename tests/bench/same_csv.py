#!/usr/bin/env python3
"""tests/bench/same_csv.py A B - whether two CSV files hold the same rows
(blank rows left out; quoting and line endings may differ): the check
that a benchmark's reference computed what pbl did. Prints the first
difference and exits 1 when they differ."""
import csv
import sys


def rows(path):
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        got = [r for r in csv.reader(f) if r and any(c != "" for c in r)]
    # a section with no rows: pbl writes its header, sqlite3 writes nothing
    return [r for i, r in enumerate(got)
            if not (r[0] == "section"
                    and (i + 1 == len(got) or got[i + 1][0] == "section"))]


a, b = rows(sys.argv[1]), rows(sys.argv[2])
for i, (x, y) in enumerate(zip(a, b)):
    if x != y:
        print(f"row {i + 1} differs:\n  {sys.argv[1]}: {x}\n  {sys.argv[2]}: {y}")
        sys.exit(1)
if len(a) != len(b):
    print(f"{sys.argv[1]} has {len(a)} rows, {sys.argv[2]} has {len(b)}")
    sys.exit(1)
