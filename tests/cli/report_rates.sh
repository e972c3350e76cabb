#!/bin/sh
# tests/cli/report_rates.sh - the report's rates and new parts on the
# fixture database of tests/tools/export_fixture: named-when-target and
# named-when-not rates, key points reached, self-study's ratings and
# give-ups, residents (self-study, and the free-text participants of group
# sessions, folded by case), --by month and block with the academic
# year's start (pbl db set year-start), and local days (TZ, --utc) for
# the dates shown and --from/--to.
. tests/lib.sh
plan 31
case ${BUILD:-build} in
/*) FIXTURE=$BUILD/tools/export_fixture ;;
*) FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
export PBL_NOW=2026-03-07T12:00:00Z
export TZ=UTC
export PBL_DB=$T/fixture.db
check "the fixture database builds" "$FIXTURE" "$PBL_DB"

run "$PBL" report -f csv
expect_rc "report -f csv exits 0" 0
# reliability: a target in 4 discussions, named in 2 of them; named in
# none of the other 1 (5 discussions)
expect_grep "a skill's rates, named when a target and when not" "$T/out" \
    "skills,reliability,4,2,2,50,0"
expect_grep "no target: the first rate is empty" "$T/out" \
    "skills,empathy,0,1,0,,20"
expect_grep "rates by group" "$T/out" \
    "by_group,group,Tuesday group,2,empathy,0,1,0,,50"
expect_grep "a key point's reached rate" "$T/out" \
    "key_points,sample-module,Q1,trauma team,3,1,33"
expect_grep "self-study: attempts, finished, reached, ratings, give-ups" \
    "$T/out" "self_study,sample-module,1,1,2,0,1,0,1"
expect_grep "a participant of a group session is a resident" "$T/out" \
    "residents,Ana,2,0,2,5,4,80,0,0,0,0"
expect_grep "a self-study's resident, with ratings and give-ups" "$T/out" \
    "residents,Noor,0,2,2,2,1,50,1,1,0,1"
expect_no_grep "no trend without --by" "$T/out" "trend"

run "$PBL" report
expect_grep "text: rates as percentages" "$T/out" \
    "  reliability          4      2       2             50%             0%"
expect_grep "text: a rate with nothing to divide by is '-'" "$T/out" \
    "  empathy              0      1       0               -            20%"

# the participants as typed: case and spaces fold, ';' separates
cp "$PBL_DB" "$T/names.db"
sqlite3 "$T/names.db" "UPDATE sessions SET participants = ' ANA ; Dee'
    WHERE uuid = '00000000-0000-4000-8000-000000000003'"
run "$PBL" --db "$T/names.db" report -f csv
expect_grep "names fold: Ana's group discussions add up" "$T/out" \
    "residents,Ana,3,0,2,7,4,57,0,0,0,0"
expect_grep "';' separates participants" "$T/out" \
    "residents,Dee,1,0,1,2,0,0,0,0,0,0"

# milestones as the module texts name them (the fixture's name none)
cp "$PBL_DB" "$T/ms.db"
sqlite3 "$T/ms.db" "UPDATE session_modules SET source = replace(source,
    char(10) || 'schema: 1' || char(10),
    char(10) || 'schema: 1' || char(10) || 'milestones: [ICS1, PROF2]' || char(10))
    WHERE module_id = 'promised-read';
    UPDATE session_modules SET source = 'milestones: [ICS1]' || char(10) || source
    WHERE module_id = 'sample-module'"
run "$PBL" --db "$T/ms.db" report -f csv
expect_grep "a milestone sums the evidence of every module naming it" \
    "$T/out" "milestones,Ana,ICS1,2,5,4,80"
expect_grep "and only those" "$T/out" "milestones,Ana,PROF2,1,3,3,100"
expect_grep "a resident's self-study is evidence too" "$T/out" \
    "milestones,Noor,ICS1,1,2,1,50"

run "$PBL" report -f csv --by month
expect_grep "--by month: skills per month" "$T/out" \
    "trend,2026-03,reliability,5,4,2,2,50,0"
run "$PBL" report -f csv --by block
expect_grep "--by block: 4-week blocks from 1 July" "$T/out" \
    "trend,2025-26 B09,reliability,5,4,2,2,50,0"
run "$PBL" report -f json --by block
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["trend"][0]["period"] == "2025-26 B09"' "$T/out"; then
    ok "--by block in JSON"
else fail "--by block in JSON"; fi

cp "$PBL_DB" "$T/year.db"
run "$PBL" --db "$T/year.db" db set year-start 02-30
expect_rc "a year start that is no day is a usage error" 2
expect_grep "and says what it wants" "$T/err" "year-start is MM-DD"
run "$PBL" --db "$T/year.db" db set year-start 03-04
expect_rc "db set year-start exits 0" 0
run "$PBL" --db "$T/year.db" report -f csv --by block
expect_grep "the year's last block runs to its end" "$T/out" \
    "trend,2025-26 B13,reliability,2,2,1,1,50,"
expect_grep "a new year starts at the year start" "$T/out" \
    "trend,2026-27 B01,reliability,3,2,1,1,50,0"

run "$PBL" report --by class
expect_rc "--by class (no roster yet) is a usage error" 2
run "$PBL" export --by month
expect_rc "--by is the report's" 2

# local days: 2026-03-05T08:00Z is 4 March in Hawaii (UTC-10)
TZ=HST10 run "$PBL" report --from 2026-03-04 --to 2026-03-04
expect_grep "--from/--to are local days" "$T/out" \
    "Skill report: 1 session, 2 module discussions, 2026-03-04"
TZ=HST10 run "$PBL" report --from 2026-03-04 --to 2026-03-04 --utc
expect_rc "--utc: UTC's days (none on 4 March)" 1
TZ=HST10 run "$PBL" report --from 2026-03-05 --to 2026-03-05 --utc
expect_grep "--utc: the dates shown are UTC's" "$T/out" \
    "Skill report: 1 session, 2 module discussions, 2026-03-05"
# UTC+13: the parking item raised 14:12 UTC is raised on the 4th
TZ=NZT-13 run "$PBL" report -f csv
expect_grep "dates shown are local days" "$T/out" \
    "open_parking,2026-03-04,group,Tuesday group"
