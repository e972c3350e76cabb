#!/bin/sh
# tests/cli/screen_layout.sh - every expected screen of the screen tests
# (tests/screens/expected/*) checked by tests/screens/layout.py, whatever
# the test that made it expected: at most 80x24, no word cut at the right
# margin without an ellipsis, no two runs of text drawn over each other.
# A golden that froze a defect fails here. (The tmux tests check their
# captures the same way: check_layout in tests/tmux.sh.)
. tests/lib.sh
E=tests/screens/expected
plan "$(ls "$E" | wc -l)"
# known defects, fixed elsewhere: "NAME REASON" (TAP # TODO until fixed)
KNOWN=""
# screens drawn at another size by their script (:resize): "NAME COLSxROWS"
SIZES="summary-100 100x24
summary-120 120x24
summary-200 200x50
widths-picker-200 200x50
widths-review-200 200x50
widths-study-200 200x50"
for f in "$E"/*; do
    name=$(basename "$f")
    todo=$(printf '%s\n' "$KNOWN" | sed -n "s/^$name //p")
    size=$(printf '%s\n' "$SIZES" | sed -n "s/^$name //p")
    expect_layout "the layout of $name" "$f" "${size:-80x24}" "$todo"
done
