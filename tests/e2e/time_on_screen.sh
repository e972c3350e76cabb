#!/bin/sh
# tests/e2e/time_on_screen.sh - only time on screen counts (issue 11,
# item 3), in a real terminal (tmux) with the clock frozen by PBL_NOW: a
# group session typed into at 10:00 and killed with SIGKILL, resumed at
# 11:00, quit, resumed at 12:00. The hour pbl was closed is charged to no
# stage - not in the database, the status line, the export or the
# report - and the stage's countdown goes on across visits.
. tests/lib.sh
plan 13
command -v sqlite3 >/dev/null || { echo "ok 1 # SKIP sqlite3 is not installed"; exit 0; }
DB="$T/time.db"
. tests/tmux.sh
MODS=tests/fixtures/good
q() { sqlite3 "$DB" "$1"; }

start 80 24 "PBL_NOW=2026-03-04T10:00:00Z $PBL --modules $MODS facilitate sample-module --group Clock"
expect_screen "the session starts" "A sample module"
keys Right Right e
type_text "typed at ten"
keys Escape
expect_screen "on question 1, a 4-minute box" "04:00 left"
kill_pbl

start 80 24 "PBL_NOW=2026-03-04T11:00:00Z $PBL --modules $MODS resume"
expect_screen "resume returns to question 1" "typed at ten"
expect_screen "an hour later the box is still whole" "session 00:00 · 04:00 left"
l=$(q "select left_at from stage_timings where stage = 'q1' order by id limit 1")
[ "$l" = 2026-03-04T10:00:00Z ] && ok "the crash ended question 1 at its last activity, not at the resume" ||
    fail "question 1 left at $l"
c=$(q "select detail from events where type = 'crash'")
[ "$c" = "stage closed at 2026-03-04T10:00:00Z" ] && ok "the crash is logged with that time" || fail "crash: $c"
keys q y
expect_screen "quit" "Session saved"
n=$(q "select count(*) from stage_timings where left_at is null")
[ "$n" = 0 ] && ok "quitting ended the stage" || fail "$n stages open"

start 80 24 "PBL_NOW=2026-03-04T12:00:00Z $PBL --modules $MODS resume"
expect_screen "the second resume shows the same box" "04:00 left"
keys Right Right Right
expect_screen "the summary" "Summary"
expect_screen "the summary charges nothing of the two hours to question 1" " 0:00 of 4:00"
keys F
PBL_NOW=2026-03-04T12:00:00Z "$PBL" --db "$DB" export --all -f json >"$T/export.json"
expect_grep "the export charges nothing of the two hours to question 1" "$T/export.json" \
    '"number":1,"prompt":"Who is/are the customer(s)?","kind":"customers","time_box_minutes":4,"seconds_spent":0,'
PBL_NOW=2026-03-04T12:00:00Z "$PBL" --db "$DB" report -f csv >"$T/report.csv"
expect_grep "the report's time for question 1 is zero" "$T/report.csv" "stages,q1,1,0,240,0"
