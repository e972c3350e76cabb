#!/usr/bin/env python3
"""tests/screens/layout.py - checks what a screen shows, whatever the test
that captured it expected: a frozen defect in a golden fails here.

    layout.py [--size COLSxROWS] [--labels FILE]... [--words PATH]... SCREEN...

SCREEN is a text capture (a :dump of the screen tests, tmux capture-pane).
For each it checks, in display columns (wcwidth):
  - size: no more rows than ROWS, no line wider than COLS (default 80x24);
  - cut word: text that runs into the right margin (the last three
    columns) ends in an ellipsis, a number, or a whole word: one that
    stands elsewhere in the screens, the modules, the fixtures or the
    program's strings (--words: files, or folders read recursively) and
    is longer than one letter. "1 got, 1 gave u" fails; a word cut where
    its first part is a word too ("responsive|ness") passes, a limit of
    looking at text alone. The last row, the status line, is left out;
  - overlap: no two runs of text drawn over each other, seen as a word
    glued to the front of a screen label ("responsivenmissed:" where
    "missed:" is a label). Labels are the words ending in ':' that stand
    alone in the program's strings (--labels: files or folders; of a C
    file, its string literals), never in the screens checked.
Prints one line per problem, "FILE:ROW: what"; exits 1 if there is any.
"""
import re
import sys
import unicodedata


def cp_width(c):
    if unicodedata.combining(c) or c in "\u200b\u200c\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def width(s):
    return sum(cp_width(c) for c in s)


LABEL = re.compile(r"(?:^|(?<=\s))([A-Za-z][a-z]{2,}:)(?=\s|$)")
GLUED = re.compile(r"[A-Za-z]+[a-z]+:(?=\s|$)")


def labels_in(lines):
    found = set()
    for line in lines:
        found.update(LABEL.findall(line))
    return found


WORD = re.compile(r"[^\W_]+")
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def texts_in(path):
    """Lines of a file, or of the files under a folder; of a C file, only
    its string literals (a line each, "%s" and escapes as blanks)."""
    import os
    lines = []
    paths = [path]
    if os.path.isdir(path):
        paths = [os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs]
    for p in paths:
        try:
            with open(p, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except OSError:
            continue
        if p.endswith((".c", ".h")):
            text = "\n".join(re.sub(r"%[-0-9.]*[a-z]+|\\.", " ", t)
                             for t in STRING.findall(text))
        lines += text.split("\n")
    return lines


def words_in(path):
    """Words of texts_in(path)."""
    found = set()
    for line in texts_in(path):
        found.update(WORD.findall(line))
    return found


def problems(name, lines, cols, rows, labels, words):
    out = []
    if len(lines) > rows:
        out.append(f"{name}: {len(lines)} rows, more than {rows}")
    for i, line in enumerate(lines):
        w = width(line)
        if w > cols:
            out.append(f"{name}:{i + 1}: {w} columns, wider than {cols}")
        last = i == len(lines) - 1 or (i == rows - 1)
        text = line.rstrip()
        end = WORD.findall(text[-40:])
        end = end[-1] if end and text[-1].isalnum() else ""
        cut = end and not end.isdigit() and (len(end) < 2 or end not in words)
        if not last and w >= cols - 3 and cut:
            out.append(f"{name}:{i + 1}: a word is cut at the right margin "
                       f"without an ellipsis: ...{text[-24:]!r}")
        for m in GLUED.finditer(line):
            tok = m.group(0)
            if tok in labels:
                continue
            for lab in labels:
                if len(lab) >= 5 and len(tok) > len(lab) and tok.endswith(lab):
                    out.append(f"{name}:{i + 1}: two runs of text overlap: "
                               f"{tok!r} ends with the label {lab!r}")
                    break
    return out


def main(argv):
    cols, rows, label_files, files, words = 80, 24, [], [], set()
    it = iter(argv)
    for a in it:
        if a == "--size":
            c, r = next(it).split("x")
            cols, rows = int(c), int(r)
        elif a == "--words":
            words |= words_in(next(it))
        elif a == "--labels":
            label_files.append(next(it))
        else:
            files.append(a)
    screens = {}
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        while lines and lines[-1].strip() == "":  # tmux pads with blank rows
            lines.pop()
        screens[f] = lines
    labels = set()
    for lines in screens.values():  # words that are not at the margin
        for line in lines:
            words.update(WORD.findall(line.rstrip()[:-1]))
    for f in label_files:
        labels |= labels_in(texts_in(f))
    found = []
    for f, lines in screens.items():
        found += problems(f, lines, cols, rows, labels, words)
    for p in found:
        print(p)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
