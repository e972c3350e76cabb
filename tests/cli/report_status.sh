#!/bin/sh
# tests/cli/report_status.sh - what the report counts (issue 11, item 2):
# a module is discussed only once a question of it has an answer, a tag,
# a tick or a reveal; --status chooses sessions by status for export and
# report (repeatable: any of them); the report says how many sessions it
# left out and why. On tests/tools/export_fixture's database with
# --unreached: a group session stopped at module 2's video, an empty
# self-study attempt (a blank draft only) and an abandoned attempt.
. tests/lib.sh
plan 18
case ${BUILD:-build} in
/*) FIXTURE=$BUILD/tools/export_fixture ;;
*) FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
export PBL_NOW=2026-03-07T12:00:00Z
export TZ=UTC # the report shows local days; the goldens are UTC's
export PBL_DB=$T/unreached.db
check "the fixture database builds" "$FIXTURE" "$PBL_DB" --unreached
# make bench's reference for the report (tests/bench/report.sql) computes
# what pbl does on this database too, with its unreached, empty and
# abandoned sessions: the benchmark cannot drift from pbl unnoticed
run "$PBL" report --format csv
cp "$T/out" "$T/pbl.csv"
sqlite3 -readonly -csv -header "$PBL_DB" '.read tests/bench/report.sql' >"$T/ref.csv"
if python3 tests/bench/same_csv.py "$T/pbl.csv" "$T/ref.csv" >"$T/same" 2>&1; then
    ok "tests/bench/report.sql computes what pbl report does"
else
    fail "tests/bench/report.sql computes what pbl report does"
    sed 's/^/#   /' "$T/same" | head -n 5
fi

run "$PBL" report
expect_rc "report exits 0" 0
expect_grep "the sessions counted are those with a module discussed" "$T/out" \
    "Skill report: 4 sessions, 6 module discussions, 2026-03-01 to 2026-03-06"
expect_grep "it says what it left out and why" "$T/out" \
    "Left out: 1 session where no question was reached (no answer, tag, tick or reveal); 1 session by status (1 abandoned; --status includes them)"
# promised-read: discussed in session 1 only; session 4 stopped at its video
grep -q "^  promised-read            1  " "$T/out" &&
    ok "a module stopped at its video is not a discussion" ||
    { fail "a module stopped at its video is not a discussion"; sed 's/^/#   /' "$T/out" | sed -n 12,20p; }

run "$PBL" report --format json
expect_grep "json: left out, by reason" "$T/out" \
    '"left_out_nothing_reached":1,"left_out_by_status":1,"left_out_statuses":"1 abandoned"'

run "$PBL" report --status abandoned
expect_rc "report --status abandoned exits 0" 0
expect_grep "--status abandoned reports the abandoned attempt" "$T/out" \
    "Skill report: 1 session, 1 module discussion, 2026-03-02"
expect_grep "and says the others were left out by status" "$T/out" \
    "5 sessions by status (3 active, 2 finished; --status includes them)"

run "$PBL" report --status finished --status abandoned --format csv
expect_grep "--status repeated means any of them" "$T/out" \
    "summary,3,5,2026-03-02,2026-03-05,0,3,3 active"

run "$PBL" export --status abandoned --format csv
expect_rc "export --status abandoned exits 0" 0
n=$(grep -c "^00000000-0000-4000-8000-00000000000" "$T/out")
u=$(grep -o "^00000000-0000-4000-8000-00000000000[0-9]" "$T/out" | sort -u)
[ "$n" = 1 ] && [ "$u" = 00000000-0000-4000-8000-000000000006 ] &&
    ok "export --status abandoned exports the abandoned session only" ||
    fail "export --status abandoned ($n rows: $u)"

run "$PBL" export --status active --format json
n=$(grep -o '"uuid":"[0-9a-f-]*"' "$T/out" | sort -u | tr '\n' ' ')
[ "$n" = '"uuid":"00000000-0000-4000-8000-000000000003" "uuid":"00000000-0000-4000-8000-000000000004" "uuid":"00000000-0000-4000-8000-000000000005" ' ] &&
    ok "export --status active exports the three active sessions" ||
    fail "export --status active: $n"

run "$PBL" report --status bogus
expect_rc "an unknown status is a usage error" 2
expect_grep "and says which statuses there are" "$T/err" \
    "unknown status 'bogus'; say active, finished or abandoned"

# every session abandoned: the report says how to include them
sqlite3 "$PBL_DB" "update sessions set status = 'abandoned'" 2>/dev/null &&
{
    run "$PBL" report
    expect_rc "only abandoned sessions: report exits 1" 1
    expect_grep "and says --status abandoned reports them" "$T/err" \
        "--status abandoned reports the abandoned ones"
}

