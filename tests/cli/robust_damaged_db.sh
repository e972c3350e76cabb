#!/bin/sh
# tests/cli/robust_damaged_db.sh - damaged databases (issue 12, items 7-10):
# a hand-edited, older or half-written database, one field at a time, is
# read by resume --list, review, export and report without a crash or a
# sanitizer report (exit 0, or a clean error with a message), and what a
# record lacks shows as "(missing)".
. tests/lib.sh
command -v sqlite3 >/dev/null || { echo "ok 1 # SKIP sqlite3 is not installed"; exit 0; }
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

# every column of every table, every hostile value, every reader
mkdir -p "$T/sweep"
if "$TOOLS/robust_damaged_db" sweep "$FIX" "$T/sweep" >"$T/out" 2>"$T/err"; then
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
