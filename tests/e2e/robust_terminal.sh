#!/bin/sh
# tests/e2e/robust_terminal.sh - terminal abuse in a real terminal (tmux):
# the window resized from 1x1 to 300x100 while typing, CJK and emoji typed
# on the keyboard, TERM=dumb, TERM=vt100, a locale that is not UTF-8.
# (The scripted half, and the commands without a terminal, are in
# tests/cli/robust_terminal.sh.)
. tests/lib.sh
DB=$T/term.db
. tests/tmux.sh

# start_pbl W H ENV ARGS: a fresh tmux server running "ENV pbl ARGS"; the
# exit status shows as "EXITED N"
start_pbl() { start "$1" "$2" "$3 $PBL $4"; }
alive() { ! screen | grep -q "EXITED"; }

# --- resizing from 1x1 to 300x100 while typing -----------------------------------
rm -f "$DB"*
start_pbl 80 24 "" "facilitate promised-read --group Resize"
expect_screen "the console is up" "The promised read"
keys Right Right e
expect_screen "typing" "Esc when done"
want=""
for sz in 1x1 2x1 1x2 3x3 10x5 40x12 79x23 80x24 81x25 120x40 200x60 300x100 1x1 300x100 80x24; do
    tm resize-window -t e2e -x "${sz%x*}" -y "${sz#*x}" 2>/dev/null
    sleep 0.1
    type_text "w$sz "
    want="${want}w$sz "
done
alive && ok "the console survives every size from 1x1 to 300x100" || fail "the console died while resizing"
keys Escape
expect_screen "back at 80x24 the whole text shows" "w1x1 w2x1 w1x2 w3x3"
keys q y
expect_screen "it quits normally" "EXITED 0"
t=$(sqlite3 "$DB" "select text from responses")
[ "$t" = "$want" ] && ok "no keystroke was lost to a resize" || fail "typed '$want', stored '$t'"

# --- CJK and emoji from the keyboard -------------------------------------------------
rm -f "$DB"*
start_pbl 80 24 "" "facilitate promised-read --group Wide"
expect_screen "the console is up" "The promised read"
keys Right Right e
TEXT='患者さんと家族 😀 é 한국어 — “quoted”'
type_text "$TEXT"
keys Escape
expect_screen "CJK shows as typed" "患者さんと家族"
expect_screen "emoji show as typed" "😀"
keys q y
expect_screen "it quits normally" "EXITED 0"
t=$(sqlite3 "$DB" "select text from responses")
[ "$t" = "$TEXT" ] && ok "CJK and emoji typed are stored byte for byte" || fail "stored '$t'"

# --- TERM=vt100 ------------------------------------------------------------------------
rm -f "$DB"*
start_pbl 80 24 "TERM=vt100" "facilitate promised-read --group Vt100"
expect_screen "TERM=vt100: the console is up" "The promised read"
keys Right Right e
type_text "typed on a vt100"
keys Escape q y
expect_screen "TERM=vt100: it quits normally" "EXITED 0"
t=$(sqlite3 "$DB" "select text from responses")
[ "$t" = "typed on a vt100" ] && ok "TERM=vt100: typing is stored" || fail "TERM=vt100: stored '$t'"

# --- TERM=dumb: no cursor addressing, so no full-screen console ----------------
rm -f "$DB"*
start_pbl 80 24 "TERM=dumb" "facilitate promised-read --group Dumb"
expect_screen "TERM=dumb: a clear message, not a blank screen" "cannot move the cursor"
expect_screen "TERM=dumb: exit 1" "EXITED 1"
n=$(sqlite3 "$DB" "select count(*) from sessions" 2>/dev/null || echo 0)
[ "$n" = 0 ] && ok "TERM=dumb: no session is created" ||
    fail "TERM=dumb: no session is created ($n sessions)"
screen | grep -F "pbl:" | sed 's/^/# /'

# --- a locale that is not UTF-8 --------------------------------------------------------
rm -f "$DB"*
start_pbl 80 24 "LANG=C LC_ALL=C" "facilitate promised-read --group Clocale"
expect_screen "C locale: the console is up" "The promised read"
screen >"$T/c-screen"
expect_screen "C locale: plain text shows" "Daniel Osei is a second-year radiology resident"
# curly quotes and dashes: replaced (e.g. by ?), not drawn as byte escapes
# (~@, M-) that also push the text past the edge
wide=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$T/c-screen")
if grep -q '~@\|M-' "$T/c-screen" || [ "$wide" -gt 80 ]; then
    fail "C locale: text is shown with replacements, not garbage"
    grep -m 2 '~@\|M-' "$T/c-screen" | sed 's/^/#   /'
else
    ok "C locale: text is shown with replacements, not garbage"
fi
keys Right Right e
type_text "ascii typing"
keys Escape q y
expect_screen "C locale: it quits normally" "EXITED 0"
t=$(sqlite3 "$DB" "select text from responses")
[ "$t" = "ascii typing" ] && ok "C locale: typing is stored" || fail "C locale: stored '$t'"
