#!/bin/sh
# tests/e2e/attendance.sh - attendance and speakers in a real terminal
# (tmux, 80x24): C-r on the form picks from the roster, a during the
# session marks a late arrival, s on a question marks who spoke, and a
# session resumed after kill -9 keeps all of it; unmarking a speaker
# turns the mark off. Every step checks the screen and the database.
. tests/lib.sh
plan 13
command -v sqlite3 >/dev/null || { echo "ok 1 # SKIP sqlite3 is not installed"; exit 0; }
DB="$T/attend.db"
. tests/tmux.sh
MODS=tests/fixtures/good
q() { sqlite3 "$DB" "$1" | tr '\n' '|'; }
PBL_DB=$DB "$PBL" roster add 'Ana Rivera' --class PGY2 >/dev/null
PBL_DB=$DB "$PBL" roster add 'Ben Okafor' --class 2027 >/dev/null

start 80 24 "$PBL --modules $MODS facilitate sample-module"
expect_screen "the form" "Who is in this session?"
keys C-r
expect_screen "C-r lists the roster" "[ ] Ana Rivera"
keys Space Escape
expect_screen "the form counts who was picked" "and 1 from the roster"
type_text "Wednesday"
keys Tab Tab Enter
expect_screen "the session starts" "Scenario · Wednesday"
got=$(q "select r.name from attendance a join residents r on r.id = a.resident_id")
[ "$got" = "Ana Rivera|" ] && ok "the pick is saved when the session starts" ||
    fail "the pick is saved when the session starts ($got)"
keys a
expect_screen "a shows who is here" "[x] Ana Rivera"
keys Down Space Escape
got=$(q "select count(*) from attendance where left_at is null")
[ "$got" = "2|" ] && ok "a late arrival is saved at once" ||
    fail "a late arrival is saved at once ($got)"
keys Right Right s
expect_screen "s on a question lists the attendees" "Who spoke to this question"
keys Down Space Escape
got=$(q "select r.name from speakers s join residents r on r.id = s.resident_id")
[ "$got" = "Ben Okafor|" ] && ok "who spoke is saved" || fail "who spoke is saved ($got)"
kill_pbl
start 80 24 "$PBL --modules $MODS resume"
expect_screen "the session resumes on the question" "Question 1 of 2"
keys s
expect_screen "and who spoke is still marked" "[x] Ben Okafor"
# unmarking keeps the row, turned off with its time (local schema 12), so
# that a merge with a copy that still has the mark cannot bring it back
keys Down Space Escape
got=$(q "select spoke, changed_at is not null from speakers")
[ "$got" = "0|1|" ] && ok "unmarking turns the mark off, with its time" ||
    fail "unmarking turns the mark off, with its time ($got)"
keys s
expect_screen "and the list shows Ben unmarked" "[ ] Ben Okafor"
keys Escape q y
