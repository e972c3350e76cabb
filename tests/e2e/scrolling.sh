#!/bin/sh
# tests/e2e/scrolling.sh - scrolled regions at 80x24 in a real terminal
# (tmux): the glossary scrolls (j/k, End) and closes on q only; a long
# answer keeps its first lines reachable, with ↑/↓ markers on rows of
# their own; the cursor's row is on screen while typing; scrolling before
# the reveal does not hide the "Model answer" heading.
. tests/lib.sh
plan 31
DB="$T/scroll.db"
. tests/tmux.sh
command -v sqlite3 >/dev/null || { echo "not ok - sqlite3 is not installed"; exit 1; }

# a marker is alone on its row: "  ↓ 12 more (j / Down)" and nothing else
markers_alone() {
    bad=$(screen | grep -E '[↑↓] [0-9]+ more' | grep -vE '^ *[↑↓] [0-9]+ more( \((j / Down|k / Up)\))? *$')
    [ -z "$bad" ] && ok "$1: markers have rows of their own" || fail "$1: a marker shares a row: $bad"
}
cursor_row() { tm display -p -t e2e '#{cursor_y}'; }
row_at() { screen | sed -n "$(($1 + 1))p"; }

start 80 24 "$PBL facilitate promised-read --group Scroll"
expect_screen "the session opens" "The promised read"

# --- the glossary ------------------------------------------------------------
keys g
expect_screen "the glossary opens" "1  Reliability"
expect_screen "it says more is below" "↓ "
if screen | grep -qF "5  Tangibles"; then fail "the glossary does not fit 80x24 (test premise)"
else ok "the last skill is below the fold at 80x24"; fi
markers_alone "glossary"
keys x
expect_screen "a key that is not q/Esc leaves the glossary open" "1  Reliability"
keys j j j
expect_screen "j scrolls: the ↑ marker shows" "↑ 3 more"
keys End
expect_screen "End shows the last skill" "5  Tangibles"
if screen | grep -qF "↓ "; then fail "no ↓ marker at the end"; else ok "no ↓ marker at the end"; fi
keys k
expect_screen "k scrolls back up" "↓ 2 more"
keys q
expect_screen "q closes the glossary" "1/1 · Scenario · Scroll"
keys g
expect_screen "the glossary opens again" "1  Reliability"
keys Escape
expect_screen "Esc closes it" "1/1 · Scenario · Scroll"

# --- a long answer ----------------------------------------------------------
keys Right Right
expect_screen "question 1 is shown" "Question 1 of 4"
keys e
i=1
while [ $i -le 30 ]; do tm send-keys -t e2e -l "line $i of the answer"; tm send-keys -t e2e Enter; i=$((i + 1)); done
tm send-keys -t e2e -l "line 31 end"
sleep 0.3
expect_screen "typing at the end shows the last line" "line 31 end"
expect_screen "the lines above are marked" "↑ 16 more"
markers_alone "typing"
case "$(row_at "$(cursor_row)")" in *"line 31 end"*) ok "the cursor's row is on screen" ;;
*) fail "cursor row $(cursor_row) shows '$(row_at "$(cursor_row)")'" ;; esac
keys PPage PPage PPage
expect_screen "page up while typing shows the first line" "line 1 of the answer"
case "$(row_at "$(cursor_row)")" in *"line 1 of the answer"*) ok "the cursor's row moved up with it" ;;
*) fail "cursor row $(cursor_row) shows '$(row_at "$(cursor_row)")'" ;; esac
expect_screen "the lines below are marked" "↓ "
keys Escape
expect_screen "typing ends" "The group's answer:"
n=$(sqlite3 "$DB" "select coalesce(draft, text) from responses where modpos = 0 and qidx = 0" | wc -l)
[ "$n" = 31 ] && ok "all 31 lines are stored" || fail "$n lines stored"
i=0
while [ $i -lt 20 ]; do tm send-keys -t e2e j; i=$((i + 1)); done
sleep 0.3
expect_screen "j scrolls the answer to its end" "line 31 end"
expect_screen "with the ↑ marker" "↑ "
markers_alone "answer"
i=0
while [ $i -lt 40 ]; do tm send-keys -t e2e k; i=$((i + 1)); done
sleep 0.3
expect_screen "k scrolls back to the first line" "line 1 of the answer"
if screen | grep -qF "↑ "; then fail "no ↑ marker at the top"; else ok "no ↑ marker at the top"; fi
keys j j r
expect_screen "scrolling before the reveal leaves the heading in view" "Model answer"
markers_alone "revealed"
keys q y
expect_screen "the console quits" "EXITED 0"
