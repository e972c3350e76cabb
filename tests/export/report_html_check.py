#!/usr/bin/env python3
"""tests/export/report_html_check.py - checks of the HTML report:

  report_html_check.py dom DOM CSV    every number of every table of the
      CSV report is in the page's table of the same section, row by row
      and column by column (percentages with '%', seconds as m:ss, '-' for
      none); the page has no script, no external reference
  report_html_check.py ink PNG MIN    the screenshot has at least MIN pixels
      of the charts' bar fill (#404040): the charts are drawn, not blank

Python's standard library only (html.parser, csv, zlib)."""
import csv
import html.parser
import struct
import sys
import zlib


class Tables(html.parser.HTMLParser):
    """Rows of <td> texts per <section id=...>; tags seen."""

    def __init__(self):
        super().__init__()
        self.sections, self.cur, self.row, self.cell = {}, None, None, None
        self.tags, self.refs = set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        for k in ("src", "href"):
            if k in a:
                self.refs.append(a[k])
        if tag == "section" and "id" in a:
            self.cur = self.sections.setdefault(a["id"], [])
        elif tag == "tr" and self.cur is not None:
            self.row = []
        elif tag == "td" and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row:
                self.cur.append(self.row)
            self.row = None
        elif tag == "section":
            self.cur = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def as_number(v):
    """The number a table cell shows, as the CSV writes it ('' for none)."""
    v = v.strip()
    if v == "-":
        return ""
    if v.endswith("%"):
        return v[:-1]
    if ":" in v:
        parts = [int(p) for p in v.split(":")]
        secs = 0
        for p in parts:
            secs = secs * 60 + p
        return str(secs)
    return v


def dom(dom_path, csv_path):
    t = Tables()
    t.feed(open(dom_path, encoding="utf-8").read())
    bad = []
    if "script" in t.tags:
        bad.append("a <script> element")
    if t.refs:
        bad.append("external references: %r" % t.refs[:3])
    rows = [r for r in csv.reader(open(csv_path, newline="", encoding="utf-8"))
            if r]
    header, n = None, {}
    checked = 0
    for r in rows:
        if r[0] == "section":
            header = r
            continue
        sec = r[0]
        if sec == "summary":
            continue
        i = n.get(sec, 0)
        n[sec] = i + 1
        page = t.sections.get(sec, [])
        if i >= len(page):
            bad.append("%s: row %d is not in the page" % (sec, i + 1))
            continue
        for c, v in enumerate(r[1:]):
            if v == "" or v.lstrip("-").isdigit():
                got = as_number(page[i][c])
                checked += 1
                if got != v:
                    bad.append("%s row %d %s: page %r, csv %r"
                               % (sec, i + 1, header[c + 1], page[i][c], v))
    for b in bad[:10]:
        print(b)
    print("%d numbers checked" % checked)
    return 1 if bad or checked == 0 else 0


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        ln, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + ln]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and not interlace
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + ln
    raw = zlib.decompress(idat)
    stride, rows, prev = w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pr) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def ink(path, least):
    w, h, bpp, rows = png_pixels(path)
    n = 0
    for line in rows:
        for x in range(0, w * bpp, bpp):
            if line[x] == 0x40 and line[x + 1] == 0x40 and line[x + 2] == 0x40:
                n += 1
    print("%d chart pixels" % n)
    return 0 if n >= int(least) else 1


if __name__ == "__main__":
    sys.exit(dom(sys.argv[2], sys.argv[3]) if sys.argv[1] == "dom"
             else ink(sys.argv[2], sys.argv[3]))
