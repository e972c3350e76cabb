#!/bin/sh
# tests/cli/robust_damaged_db.sh - damaged databases (issue 12, items 7-10):
# a hand-edited, older or half-written database, one field at a time, is
# read by resume --list, review, export and report without a crash or a
# sanitizer report (exit 0, or a clean error with a message), and what a
# record lacks shows as "(missing)".
. tests/lib.sh
# a TAP plan where tests/lib.sh has `plan` (the fixed test list's runner)
type plan >/dev/null 2>&1 || plan() { :; }
command -v sqlite3 >/dev/null || { plan 1; echo "ok 1 # SKIP sqlite3 is not installed"; exit 0; }
plan 156
case ${BUILD:-build} in
/*) TOOLS=$BUILD/tools ;;
*) TOOLS=$ROOT/${BUILD:-build}/tools ;;
esac
FIX=$T/fixture.db
"$TOOLS/export_fixture" "$FIX" >/dev/null 2>&1 || { fail "the fixture is built"; exit 1; }
S3=00000000-0000-4000-8000-000000000003

# damage TABLE COLUMN VALUE [ROW]: a damaged copy of the fixture in $DB
damage() {
    DB=$T/damaged-$1-$2-$3.db
    "$TOOLS/robust_damaged_db" damage "$FIX" "$DB" "$@"
}

# every column of every table, every hostile value, every reader (under
# the sanitizers two values a column, rotating: the whole sweep took 106
# of CI's 900 s there, and the plain run covers every pair)
mkdir -p "$T/sweep"
case ${BUILD:-build} in *asan*) PBL_SWEEP_KINDS=${PBL_SWEEP_KINDS:-2} ;; esac
if PBL_SWEEP_KINDS=${PBL_SWEEP_KINDS:-5} "$TOOLS/robust_damaged_db" sweep "$FIX" "$T/sweep" >"$T/out" 2>"$T/err"; then
    ok "sweep: $(cat "$T/out")"
else
    fail "sweep: a reader crashed or broke a property"
    tail -n 12 "$T/err" | sed 's/^/#   /'
fi

# resume --list on a position no int holds, or a negative one
for v in int32max int64max -1; do
    damage sessions cur_modpos $v
    run "$PBL" --db "$DB" resume --list
    expect_rc "resume --list on cur_modpos=$v exits 0" 0
    expect_grep "resume --list shows a damaged position as '?' ($v)" "$T/out" "module ?"
    expect_no_grep "resume --list: no sanitizer report ($v)" "$T/err" "runtime error"
done

# every command-line reader on NULL text and out-of-range numbers
for case in "session_modules title null" "session_modules scenario null" \
    "snapshot_questions prompt null" "snapshot_questions answer null" \
    "snapshot_points idx int32max" "snapshot_points idx int64max" \
    "snapshot_points idx -1" "snapshot_questions idx int32max" \
    "session_modules position int32max" "snapshot_points text null" \
    "session_modules customers text:{not-json" "sessions cur_modpos int32max"; do
    # shellcheck disable=SC2086
    damage $case
    for f in md csv json html; do
        run "$PBL" --db "$DB" export -f $f
        if [ "$rc" = 0 ] || { [ "$rc" = 1 ] && grep -q "^pbl: " "$T/err"; }; then
            ok "export -f $f on $case: exit $rc"
        else
            fail "export -f $f on $case: exit $rc"
            sed 's/^/#   /' "$T/err" | head -n 5
        fi
        expect_no_grep "export -f $f on $case: no sanitizer report" "$T/err" "runtime error"
    done
    run "$PBL" --db "$DB" report
    if [ "$rc" = 0 ] || { [ "$rc" = 1 ] && grep -q "^pbl: " "$T/err"; }; then
        ok "report on $case: exit $rc"
    else
        fail "report on $case: exit $rc"; sed 's/^/#   /' "$T/err" | head -n 5
    fi
done

# what is missing is shown as missing, in every text format
damage session_modules title null
run "$PBL" --db "$DB" export -f md
expect_grep "export md shows a missing module title" "$T/out" "(missing)"
run "$PBL" --db "$DB" export -f html
expect_grep "export html shows a missing module title" "$T/out" "(missing)"
damage snapshot_questions prompt null
run "$PBL" --db "$DB" export -f csv
expect_grep "export csv shows a missing question" "$T/out" "(missing)"

# customers or tags that are not a JSON list read as an empty list
damage session_modules customers "text:{not-json"
run "$PBL" --db "$DB" export --all -f json
expect_rc "export -f json with customers that are not JSON exits 0" 0
expect_grep "the customers read as an empty list" "$T/out" '"customers":[]'

# ---- pbl db check --------------------------------------------------------
run "$PBL" --db "$FIX" db check
expect_rc "db check: the fixture is ok" 0
expect_grep "db check says ok" "$T/out" "ok"

# no pbl schema: an empty file, the empty file an interrupted backup
# leaves, another program's database
: >"$T/empty.db"
run "$PBL" --db "$T/empty.db" db check
expect_rc "db check on a 0-byte file fails" 1
expect_grep "db check: a 0-byte file is not a pbl database" "$T/err" "not a pbl"
expect_no_grep "db check: a 0-byte file is not ok" "$T/out" "ok"
sqlite3 "$T/other.db" "CREATE TABLE t(a); INSERT INTO t VALUES (1);"
run "$PBL" --db "$T/other.db" db check
expect_rc "db check on another program's database fails" 1
expect_grep "db check: another database is not a pbl one" "$T/err" "not a pbl"
head -c 8192 "$FIX" >"$T/half.db"
run "$PBL" --db "$T/half.db" db check
expect_rc "db check on a half-written copy fails" 1
expect_no_grep "db check: a half-written copy is not ok" "$T/out" "ok"

# pbl's own rules, every finding printed
# check_finds DESC TEXT: db check on $DB exits 1 and prints TEXT
check_finds() {
    run "$PBL" --db "$DB" db check
    expect_rc "db check finds $1 (exit 1)" 1
    expect_grep "db check names $1" "$T/out" "$2"
}
damage session_modules title null
check_finds "a NULL module title" "the module title is missing"
expect_grep "db check counts what it found" "$T/err" "problems found"
damage snapshot_questions prompt null
check_finds "a NULL question" "the question is missing"
damage snapshot_questions answer null
check_finds "a NULL model answer" "the model answer is missing"
damage sessions cur_modpos int32max
check_finds "a resume position no int holds" "cur_modpos) is out of range"
damage snapshot_points idx int64max
check_finds "a key point index of 2^63-1" "the key point index is out of range"
damage snapshot_points idx -1
check_finds "a negative key point index" "the key point index is out of range"
damage session_modules source text:changed
check_finds "a snapshot that no longer matches its hash" "does not match its hash"
cp "$FIX" "$T/orphan.db"
sqlite3 "$T/orphan.db" "UPDATE responses SET qidx = 7 WHERE (session_id, modpos, qidx) = (SELECT session_id, modpos, qidx FROM responses LIMIT 1)"
DB=$T/orphan.db
check_finds "an answer to a question that does not exist" "answers a question its session does not have"
damage sessions started_at null
check_finds "a session without its start" "the start time is missing"
cp "$FIX" "$T/notable.db"
sqlite3 "$T/notable.db" "DROP TABLE snapshot_points"
DB=$T/notable.db
check_finds "a missing table" "the table snapshot_points is missing"

# a corrupt page: SQLite's findings before it stopped are all shown
cp "$FIX" "$T/corrupt.db"
root=$(sqlite3 "$FIX" "SELECT rootpage FROM sqlite_schema WHERE name = 'sessions'")
psize=$(sqlite3 "$FIX" "PRAGMA page_size")
python3 -c "
import sys
f = open(sys.argv[1], 'r+b'); f.seek(($root - 1) * $psize + 8)
f.write(b'\x00\x00\x7f\xff' * 40); f.close()" "$T/corrupt.db"
DB=$T/corrupt.db
check_finds "a corrupt page" "On tree page $root"
expect_grep "db check goes on after a corrupt page" "$T/out" "foreign key: "
