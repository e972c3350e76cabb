#!/bin/sh
# tests/cli/report_rates.sh - the report's rates and new parts on the
# fixture database of tests/tools/export_fixture: named-when-target and
# named-when-not rates, key points reached, self-study's ratings and
# give-ups, residents (the roster's attendance of group sessions, and
# self-study under a resident's current or former name, or linked to
# them), --by month and block with the academic year's start (pbl db set
# year-start), --by class (the roster's classes), local days (TZ, --utc)
# for the dates shown and --from/--to, and patient identifiers masked in
# the parking-lot items the report shows.
. tests/lib.sh
plan 46
case ${BUILD:-build} in
/*) FIXTURE=$BUILD/tools/export_fixture ;;
*) FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
export PBL_NOW=2026-03-07T12:00:00Z
export TZ=UTC
export PBL_DB=$T/fixture.db
check "the fixture database (with its roster) builds" "$FIXTURE" "$PBL_DB" --roster

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
expect_grep "a resident who attended a group session" "$T/out" \
    "residents,Ana,2,0,2,5,4,80,0,0,0,0"
expect_grep "a self-study under a former name counts under the current one" \
    "$T/out" "residents,Noor Haddad,0,2,2,2,1,50,1,1,0,1"
expect_no_grep "no trend without --by" "$T/out" "trend"

run "$PBL" report
expect_grep "text: rates as percentages" "$T/out" \
    "  reliability          4      2       2             50%             0%"
expect_grep "text: a rate with nothing to divide by is '-'" "$T/out" \
    "  empathy              0      1       0               -            20%"

# a group session with no attendance (recorded before the roster) counts
# for the roster residents its free-text participants name, by a current
# or former name (split on , ; & and "and", case and spaces folded)
cp "$PBL_DB" "$T/old.db"
sqlite3 "$T/old.db" "UPDATE sessions SET participants = 'ana; Dee and noor & BEN'
    WHERE uuid = '00000000-0000-4000-8000-000000000003'"
run "$PBL" --db "$T/old.db" report -f csv
expect_grep "an older session counts for the residents it names" "$T/out" \
    "residents,Ana,3,0,2,7,4,57,0,0,0,0"
expect_grep "names folded, split on '&' too" "$T/out" \
    "residents,Ben,3,0,2,7,4,57,0,0,0,0"
expect_grep "a former name counts under the current one" "$T/out" \
    "residents,Noor Haddad,1,2,2,4,1,25,1,1,0,1"
expect_grep "who is not named keeps their count" "$T/out" \
    "residents,Chen,2,0,2,5,4,80,0,0,0,0"
expect_no_grep "a name on no roster is nobody's" "$T/out" "residents,Dee"

# attendance, not the participants as typed: Ana attends session 3 too;
# the free text names Dee, who is on no roster and attended nothing
cp "$PBL_DB" "$T/names.db"
sqlite3 "$T/names.db" "UPDATE sessions SET participants = ' ANA ; Dee'
    WHERE uuid = '00000000-0000-4000-8000-000000000003';
    INSERT INTO attendance(session_id, resident_id, joined_at)
    SELECT s.id, r.id, s.started_at FROM sessions s, residents r
    WHERE s.uuid = '00000000-0000-4000-8000-000000000003' AND r.name = 'Ana'"
run "$PBL" --db "$T/names.db" report -f csv
expect_grep "the sessions a resident attended add up" "$T/out" \
    "residents,Ana,3,0,2,7,4,57,0,0,0,0"
expect_no_grep "a name in the participants' text is no attendance" "$T/out" \
    "residents,Dee"
expect_grep "who did not attend session 3 keeps their count" "$T/out" \
    "residents,Ben,2,0,2,5,4,80,0,0,0,0"
# a self-study linked to its resident counts under them, whatever name
# it was typed under
sqlite3 "$T/names.db" "UPDATE sessions SET resident = 'N. H.', resident_id =
    (SELECT id FROM residents WHERE name = 'Noor Haddad')
    WHERE uuid = '00000000-0000-4000-8000-000000000002'"
run "$PBL" --db "$T/names.db" report -f csv
expect_grep "a linked self-study is its resident's" "$T/out" \
    "residents,Noor Haddad,0,2,2,2,1,50,1,1,0,1"
expect_no_grep "not the name typed" "$T/out" "residents,N. H."

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
    "milestones,Noor Haddad,ICS1,1,2,1,50"

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

# by class: Ana (PGY1) and Ben and Chen (PGY2) attended session 1 (two
# module discussions), Noor (PGY1) did two in self-study; session 3 had
# no attendance. A discussion counts once a class, however many of the
# class took part.
run "$PBL" report -f csv --by class
expect_grep "--by class: the discussions of a class's residents" "$T/out" \
    "trend,PGY1,reliability,4,3,2,1,67,0"
expect_grep "a group session's discussion counts once in a class" "$T/out" \
    "trend,PGY2,reliability,2,2,1,1,50,"
expect_no_grep "nobody attended session 3: it has no class" "$T/out" \
    "trend,2026-03"
run "$PBL" report --by class
expect_grep "text: the part is named for classes" "$T/out" "Skills by class"
run "$PBL" report --by term
expect_rc "an unknown --by is a usage error" 2
expect_grep "and names the three" "$T/err" "say month, block or class"
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

# patient identifiers: an open parking-lot item the report shows is masked
# (and counted on standard error); the database keeps the text
cp "$PBL_DB" "$T/phi.db"
sqlite3 "$T/phi.db" "UPDATE parking SET text = 'Call back about MRN 00482913'
    WHERE resolved_at IS NULL"
run "$PBL" --db "$T/phi.db" report -f csv
expect_grep "the item's identifier is masked" "$T/out" \
    "Call back about [identifier removed]"
expect_grep "and counted on standard error" "$T/err" \
    "pbl: 1 patient identifier masked as [identifier removed]"
