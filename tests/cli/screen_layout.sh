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
widths-study-200 200x50
presenter-typing-120 120x35
room-scrolled-120 120x35
room-scrolled-200 200x50
room-waiting-120 120x35
room-waiting-200 200x50
room-scenario-120 120x35
room-scenario-200 200x50
room-video-120 120x35
room-video-200 200x50
room-question-120 120x35
room-question-200 200x50
room-typing-120 120x35
room-typing-200 200x50
room-revealed-120 120x35
room-revealed-200 200x50
room-blank-120 120x35
room-blank-200 200x50
room-countdown-120 120x35
room-countdown-200 200x50
room-summary-120 120x35
room-summary-200 200x50
room-stopped-120 120x35
room-stopped-200 200x50
room-finished-120 120x35
room-finished-200 200x50
room-opening-120 120x35
room-opening-200 200x50
room-video-local-120 120x35
room-video-local-200 200x50
room-phi-hidden-120 120x35
room-phi-hidden-200 200x50
room-phi-shown-120 120x35
room-phi-shown-200 200x50
room-closing-120 120x35
room-closing-200 200x50
room-carried-120 120x35
room-carried-200 200x50"
for f in "$E"/*; do
    name=$(basename "$f")
    todo=$(printf '%s\n' "$KNOWN" | sed -n "s/^$name //p")
    size=$(printf '%s\n' "$SIZES" | sed -n "s/^$name //p")
    expect_layout "the layout of $name" "$f" "${size:-80x24}" "$todo"
done
