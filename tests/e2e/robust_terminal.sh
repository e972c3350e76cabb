#!/bin/sh
# tests/e2e/robust_terminal.sh - terminal abuse in a real terminal (tmux):
# the window resized from 1x1 to 300x100 while typing, CJK and emoji typed
# on the keyboard, TERM=dumb, TERM=vt100, a locale that is not UTF-8.
# (The scripted half, and the commands without a terminal, are in
# tests/cli/robust_terminal.sh.)
. tests/lib.sh
DB=$T/term.db
. tests/tmux.sh
plan 40

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
expect_screen "C locale: plain text shows" "Will Osei is a second-year radiology resident"
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

# --- hostile text: in the database, and typed ------------------------------------------
# A database written by an older pbl or by hand: OSC 52 (clipboard), ESC c
# (reset), OSC 0 (window title), a C1 CSI, a raw 0x9B, a bad byte and U+202E
# in the names, answers, comments and parking lot. The screen shows them
# as U+FFFD and drops the override; the terminal's title and clipboard are
# untouched.
case ${BUILD:-build} in
/*) FIXTURE=$BUILD/tools/export_fixture ;;
*) FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
rm -f "$DB"*
"$FIXTURE" "$DB" >/dev/null || fail "the hostile database builds"
HEX=$(printf 'A\033]52;c;cHduZWQ=\007B\033cC\033]0;pwned\007D\302\2332JE\2332JF\377G\342\200\256H' |
    od -An -v -tx1 | tr -d ' \n')
sqlite3 "$DB" "
UPDATE sessions SET group_name = CAST(X'$HEX' AS TEXT)
    WHERE group_name IS NOT NULL;
UPDATE sessions SET resident = CAST(X'$HEX' AS TEXT) WHERE resident IS NOT NULL;
UPDATE responses SET text = CAST(X'$HEX' AS TEXT);
UPDATE review_comments SET text = CAST(X'$HEX' AS TEXT);
UPDATE parking SET text = CAST(X'$HEX' AS TEXT);"
SHOWN='A�]52;c;cHduZWQ=�B�cC�]0;pwned�D�2JE�2JF�GH'
start_pbl 80 24 "" "review"
expect_screen "hostile names show harmless in the review list" "A�]52;c;cHduZWQ=�B�"
keys Enter
expect_screen "a hostile group name shows harmless" "Group: $SHOWN"
expect_screen "a hostile answer shows harmless" "Answer: $SHOWN"
title=$(tm display -p -t e2e '#{pane_title}')
[ "$title" != "pwned" ] && ok "OSC 0 in a name does not set the window title" ||
    fail "OSC 0 in a name set the window title"
[ -z "$(tm list-buffers 2>/dev/null)" ] && ok "OSC 52 in a name does not write the clipboard" ||
    fail "OSC 52 in a name wrote the clipboard: $(tm list-buffers)"
# a comment typed with a C1 control and U+202E: they are not taken
keys c
type_text "ok$(printf '\302\233')2J$(printf '\342\200\256')done"
expect_screen "the comment shows without the controls" "ok2Jdone"
keys Enter q
c=$(sqlite3 "$DB" "select text from review_comments order by id desc limit 1")
[ "$c" = "ok2Jdone" ] && ok "a review comment does not take control characters" ||
    fail "a review comment stored '$(printf '%s' "$c" | od -An -c | tr -s ' ')'"

# the session form: group, facilitator and participants do not take them
rm -f "$DB"*
start_pbl 80 24 "" "facilitate promised-read"
expect_screen "the session form is up" "Group name (required)"
type_text "Ward$(printf '\302\233')2J$(printf '\342\200\256')7"
keys Tab
type_text "Dr$(printf '\302\205')X"
keys Tab
type_text "P$(printf '\342\201\246')Q$(printf '\302\237')R"
keys Enter
expect_screen "the session starts with the name as typed, less the controls" "Scenario · Ward2J7"
keys q
t=$(sqlite3 -separator '|' "$DB" "select group_name, facilitator, participants from sessions")
[ "$t" = "Ward2J7|DrX|PQR" ] && ok "the form's fields do not take control characters" ||
    fail "the form stored '$(printf '%s' "$t" | od -An -c | tr -s ' ')'"

# --- messages in the console wrap, never cut, and say their context once ----------------
# a newer database (opened read-only): starting a session says why, once
rm -f "$DB"*
"$PBL" --db "$DB" resume --list >/dev/null
v=$(sqlite3 "$DB" "PRAGMA user_version")
sqlite3 "$DB" "PRAGMA user_version = $((v + 1))"
start_pbl 80 24 "" "facilitate promised-read"
expect_screen "newer database: the form is up" "Group name (required)"
type_text "Ward 7"
keys Tab Tab Enter
expect_screen "newer database: the reason shows" "the database is open read-only (it was written by a"
expect_screen "newer database: the message wraps to its end" "newer pbl)"
screen >"$T/newer-screen"
expect_no_grep "newer database: the context is not doubled" "$T/newer-screen" \
    "cannot start the session: cannot start the session"
keys Escape Escape q

# a long path: the reason after it still shows
"$FIXTURE" "$T/long.db" >/dev/null
LONGPATH=$T/$(printf 'a_rather_long_folder_name_%.0s' 1 2 3 4)/missing/notes.md
start_pbl 80 24 "" "--db $T/long.db review"
expect_screen "review is up" "Review recorded sessions"
keys Enter x
expect_screen "the export prompt is up" "Export as md"
keys C-u
type_text "$LONGPATH"
keys Enter
expect_screen "a long path: the message starts" "not exported: cannot write"
expect_screen "a long path does not cut the reason" "does not exist"
keys Escape q
