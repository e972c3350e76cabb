#!/bin/sh
# tests/cli/names.sh - names of groups and residents are one person or
# group however they are spaced or cased: stored trimmed with inner spaces
# collapsed, selected and grouped by Unicode case folding ("Équipe" is
# "équipe"), shown as first spelled; an empty name is refused.
. tests/lib.sh
plan 13
export PBL_NO_DISPLAY=1 PBL_NOW=2026-01-05T09:00:00Z LINES=24 COLUMNS=80
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
DB=$T/names.db
answer() { # ARGS...: a session that answers Q1 of sample-module
    PBL_SCRIPT=tests/cli/names.script \
        "$PBL" --db "$DB" --modules tests/fixtures/good "$@" >"$T/out" 2>"$T/err"
    rc=$?
}
answer facilitate sample-module --group ' Tuesday   PGY2 '
expect_rc "a group session with a spaced name" 0
answer facilitate sample-module --group 'tuesday pgy2'
answer facilitate sample-module --group 'Équipe B'
answer facilitate sample-module --group 'ÉQUIPE b'
answer study sample-module --resident ' Ana   Rivera '
expect_rc "a self-study with a spaced name" 0
answer study sample-module --resident 'ana rivera'

names=$(sqlite3 "$DB" "select coalesce(group_name, resident) from sessions order by id" | tr '\n' '|')
[ "$names" = "Tuesday PGY2|tuesday pgy2|Équipe B|ÉQUIPE b|Ana Rivera|ana rivera|" ] &&
    ok "names are stored trimmed, inner spaces collapsed" ||
    fail "names are stored trimmed, inner spaces collapsed ($names)"

run "$PBL" --db "$DB" report -f csv
expect_rc "report runs" 0
grep '^by_group,' "$T/out" | cut -d, -f3,4 | sort -u >"$T/groups"
printf '%s\n' 'Ana Rivera,2' 'Tuesday PGY2,2' 'Équipe B,2' >"$T/want"
expect_same "report: one line per group or resident, first spelling" "$T/want" "$T/groups"

run "$PBL" --db "$DB" export --group 'équipe   B' -f csv
n=$(grep -c '^[0-9a-f]\{8\}-' "$T/out")
[ "$n" = 2 ] && ok "--group matches with Unicode case folding and spaces" ||
    fail "--group matches with Unicode case folding and spaces ($n rows)"
run "$PBL" --db "$DB" export --resident 'ANA RIVERA' --resident nobody -f csv
n=$(grep -c '^[0-9a-f]\{8\}-' "$T/out")
[ "$n" = 2 ] && ok "--resident matches however cased" ||
    fail "--resident matches however cased ($n rows)"

for opt in --group --facilitator; do
    run "$PBL" --db "$DB" --modules tests/fixtures/good facilitate sample-module $opt '   '
    expect_rc "facilitate $opt of spaces is refused" 2
    expect_grep "facilitate $opt: says why" "$T/err" "$opt needs a name"
done
run "$PBL" --db "$DB" --modules tests/fixtures/good study --resident ' '
expect_rc "study --resident of spaces is refused" 2
n=$(sqlite3 "$DB" "select count(*) from sessions")
[ "$n" = 6 ] && ok "a refused name starts no session" || fail "a refused name starts no session ($n)"
