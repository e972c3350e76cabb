#!/bin/sh
# tests/cli/attendance.sh - attendance from the roster in the console
# (scripted keys, screens compared with tests/cli/expected/attend-*): two
# residents picked on the form, a late arrival and an early leaver during
# the session, who spoke to a question; then the database, and
# `pbl roster show` gathering the session for each resident (its start in
# local time). Self-study:
# a name not on the roster is asked about once and added with ", CLASS";
# a roster name however typed is studied under the roster's spelling and
# linked to the resident.
# UPDATE_GOLDEN=1 rewrites the expected screens after a deliberate change.
. tests/lib.sh
plan 21
export PBL_NO_DISPLAY=1 PBL_NOW=2026-01-05T09:00:00Z LINES=24 COLUMNS=80
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
DB=$T/attend.db
for who in 'Ana Rivera:PGY2' 'Ben Okafor:PGY2' 'Cy Lee:PGY1'; do
    "$PBL" --db "$DB" roster add "${who%%:*}" --class "${who##*:}" >/dev/null
done
mkdir -p "$T/dumps"
PBL_SCRIPT=tests/cli/attendance.script PBL_DUMP_DIR="$T/dumps" \
    "$PBL" --db "$DB" --modules tests/fixtures/good facilitate sample-module \
    >"$T/out" 2>"$T/err"
rc=$?
expect_rc "the script runs to its end" 0
for d in attend-form attend-form-after attend-session attend-speakers; do
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$T/dumps/$d" "tests/cli/expected/$d"; fi
    expect_same "screen $d" "tests/cli/expected/$d" "$T/dumps/$d"
done
expect_layout "the checklist passes the layout checks" "$T/dumps/attend-session"

# expect_sql DESC WANT SQL: the query's rows, each ended by '|', are WANT
expect_sql() {
    got=$(sqlite3 "$DB" "$3" | tr '\n' '|')
    if [ "$got" = "$2" ]; then ok "$1"; else fail "$1 ($got)"; fi
}
expect_sql "attendance: Ana and Ben from the form, Ben left, Cy arrived" "Ana Rivera|0|Ben Okafor|1|Cy Lee|0|" \
    "select r.name, a.left_at is not null from attendance a join residents r on r.id = a.resident_id order by r.name"
expect_sql "Ana spoke to question 1" "Ana Rivera|0|0|" \
    "select r.name, s.modpos, s.qidx from speakers s join residents r on r.id = s.resident_id"
expect_sql "each arrival and leaving is in the event log" "attend|Ana Rivera|attend|Ben Okafor|attend|Cy Lee|leave|Ben Okafor|" \
    "select type, detail from events where type in ('attend', 'leave') order by id"
expect_sql "the free-text participants stay empty" "1|" \
    "select participants is null from sessions"

run "$PBL" --db "$DB" roster show 'ana rivera'
expect_rc "roster show" 0
expect_grep "the session attended, with the questions spoken to" "$T/out" "Tuesday  (spoke to 1 question)"
run "$PBL" --db "$DB" roster show 'Cy Lee'
expect_grep "a late arrival attended too" "$T/out" "Tuesday  (spoke to 0 questions)"
# the start in local time (TZ), as the reports show it: 09:00 UTC is the
# evening before in Hawaii, the evening of the same day in New Zealand
run env TZ=HST10 "$PBL" --db "$DB" roster show 'ana rivera'
expect_grep "roster show: the start in local time, a day earlier west" \
    "$T/out" "2026-01-04 23:00 HST  "
run env TZ=NZT-13 "$PBL" --db "$DB" roster show 'ana rivera'
expect_grep "roster show: the start in local time, east" \
    "$T/out" "2026-01-05 22:00 NZT  "

# self-study names come from the roster
study() { # SCRIPT: a self-study run with that script
    PBL_SCRIPT=tests/cli/$1.script PBL_DUMP_DIR="$T/dumps" \
        "$PBL" --db "$DB" --modules tests/fixtures/good study >"$T/out" 2>"$T/err"
    rc=$?
}
study roster_study
expect_grep "a name not on the roster is asked about" "$T/dumps/study-not-on-roster" \
    "Dee New is not on the roster"
expect_sql "', pgy1' adds the name to the roster" "Dee New|PGY1|" \
    "select name, class from residents where name = 'Dee New'"
expect_sql "the attempt is linked to the new resident" "Dee New|" \
    "select s.resident from sessions s join residents r on r.id = s.resident_id where r.name = 'Dee New'"
study roster_study2
expect_sql "a roster name typed in any case is the roster's" "Ana Rivera|" \
    "select s.resident from sessions s join residents r on r.id = s.resident_id where r.name = 'Ana Rivera'"
expect_grep "the progress screen counts the group sessions attended" \
    "$T/dumps/study-progress" "Group sessions attended: 1"
run "$PBL" --db "$DB" roster show 'Ana Rivera'
expect_grep "roster show gathers the self-study too" "$T/out" "self-study  active     Ana Rivera"
