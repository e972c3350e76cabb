#!/usr/bin/env python3
"""tests/export/check.py - reads an export back with Python's own parsers
and compares it with the database it came from.

    check.py csv  DB FILE   csv module: every response row is there, the
                            answer and draft cells give the text exactly
                            (less the guard quote), no cell starts like a
                            formula, and the file is RFC 4180 with CRLF
    check.py json DB FILE   json module: every answer, draft, parking-lot
                            item and review comment exactly as stored
    check.py html DB FILE   html.parser: no raw <script, balanced elements,
                            and the answers as stored, in order

Exits 0 when all is well; otherwise prints each problem and exits 1.
"""
import csv
import html.parser
import io
import json
import sqlite3
import sys

GUARD = ("=", "+", "-", "@", "\t", "\r")
problems = []


def problem(msg):
    problems.append(msg)


def responses(db):
    """(uuid, module number, question number) -> (text, draft), in export
    order."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT s.uuid, r.modpos + 1, r.qidx + 1, r.text, r.draft"
        " FROM responses r JOIN sessions s ON s.id = r.session_id"
        " ORDER BY s.started_at, s.id, r.modpos, r.qidx").fetchall()
    con.close()
    return {(u, m, q): (t, d) for u, m, q, t, d in rows}


def guarded(text):
    """The cell expected for a stored text."""
    if text is None:
        return ""
    return "'" + text if text.startswith(GUARD) else text


def unguard(cell):
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(GUARD) \
        else cell


def check_csv(db, path):
    want = responses(db)
    raw = open(path, "rb").read()
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return problem("no rows")
    head = rows[0]
    col = {name: i for i, name in enumerate(head)}
    seen = set()
    for n, row in enumerate(rows[1:], 2):
        if len(row) != len(head):
            problem(f"row {n}: {len(row)} cells, header has {len(head)}")
            continue
        for cell in row:
            if cell.startswith(GUARD):
                problem(f"row {n}: unguarded formula-like cell {cell!r}")
        key = (row[col["session"]], int(row[col["module_number"]]),
               int(row[col["question_number"]]))
        seen.add(key)
        if key not in want:
            problem(f"row {n}: {key} is not a response in the database")
            continue
        stored_text, stored_draft = want[key]
        for name, stored in (("answer", stored_text), ("draft", stored_draft)):
            cell = row[col[name]]
            if cell != guarded(stored):
                problem(f"row {n}: {name} {cell!r}, stored {stored!r}")
            if stored is not None and unguard(cell) != stored:
                problem(f"row {n}: {name} does not round-trip: {cell!r}")
    for key in want.keys() - seen:
        problem(f"response {key} is missing")
    # the file is exactly what an RFC 4180 writer with CRLF would write
    again = io.StringIO(newline="")
    csv.writer(again, lineterminator="\r\n").writerows(rows)
    if again.getvalue() != text:
        problem("the file is not minimal RFC 4180 with CRLF row ends")


def check_json(db, path):
    want = responses(db)
    doc = json.load(open(path, encoding="utf-8"))
    if doc.get("format") != "pbl-export":
        problem("no pbl-export format member")
    seen = set()
    con = sqlite3.connect(db)
    for s in doc["sessions"]:
        for m in s["modules"]:
            for q in m["questions"]:
                key = (s["uuid"], m["number"], q["number"])
                if q["recorded"] != (key in want):
                    problem(f"{key}: recorded is {q['recorded']}")
                if key in want:
                    seen.add(key)
                    if (q["answer"], q["draft"]) != want[key]:
                        problem(f"{key}: {q['answer']!r} / {q['draft']!r},"
                                f" stored {want[key]!r}")
        parked = [p["text"] for p in s["parking_lot"]]
        stored = [t for (t,) in con.execute(
            "SELECT p.text FROM parking p JOIN sessions s"
            " ON s.id IN (p.session_id, p.resolved_session_id)"
            " WHERE s.uuid = ? ORDER BY p.raised_at, p.id", (s["uuid"],))]
        if parked != stored:
            problem(f"{s['uuid']}: parking lot {parked!r}, stored {stored!r}")
        comments = [c["text"] for c in s["review_comments"]]
        stored = [t for (t,) in con.execute(
            "SELECT c.text FROM review_comments c JOIN sessions s"
            " ON s.id = c.session_id WHERE s.uuid = ?"
            " ORDER BY c.created_at, c.id", (s["uuid"],))]
        if comments != stored:
            problem(f"{s['uuid']}: comments {comments!r}, stored {stored!r}")
    con.close()
    for key in want.keys() - seen:
        problem(f"response {key} is missing")


VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.answers, self.capture = [], [], None

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "div" and ("class", "answer") in attrs:
            self.capture = len(self.stack)
            self.answers.append("")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            problem(f"</{tag}> closes {self.stack[-1:]}")
            return
        if self.capture == len(self.stack):
            self.capture = None
        self.stack.pop()

    def handle_data(self, data):
        if self.capture:
            self.answers[-1] += data


def check_html(db, path):
    text = open(path, encoding="utf-8").read()
    if "<script" in text.lower():
        problem("raw <script in the page")
    page = Page()
    page.feed(text)
    page.close()
    if page.stack:
        problem(f"elements left open: {page.stack}")
    stored = [t for (t, _d) in responses(db).values() if t]
    if page.answers != stored:
        problem(f"answers {page.answers!r}, stored {stored!r}")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("csv", "json", "html"):
        print(__doc__)
        return 2
    {"csv": check_csv, "json": check_json, "html": check_html}[
        sys.argv[1]](sys.argv[2], sys.argv[3])
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
