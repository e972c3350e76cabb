#!/bin/sh
# tests/cli/messages.sh - messages that say what happened: a damaged
# database gives a reason, never SQLite's "not an error" (which it reports
# when the failure it knew of was cleared before it was read).
. tests/lib.sh
plan 38
case ${BUILD:-build} in
/*) FIXTURE=$BUILD/tools/export_fixture ;;
*) FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
DB=$T/fixture.db
check "the fixture database builds" "$FIXTURE" "$DB"
sqlite3 "$DB" "PRAGMA journal_mode = DELETE" >/dev/null

# a negative schema version: pbl never writes one
cp "$DB" "$T/neg.db"
sqlite3 "$T/neg.db" "PRAGMA user_version = -5"
for cmd in "resume --list" "export --all" "report" "db check"; do
    run "$PBL" --db "$T/neg.db" $cmd
    expect_rc "$cmd on schema version -5 exits 1" 1
    expect_no_grep "$cmd on schema version -5 gives a reason" "$T/err" "not an error"
    expect_grep "$cmd on schema version -5 says what is wrong" "$T/err" \
        "$T/neg.db has schema version -5, which no pbl writes: it is damaged or not a pbl database"
done

# a page of the snapshot tables overwritten: every export names a reason
for table in snapshot_questions snapshot_points; do
    cp "$DB" "$T/$table.db"
    page=$(sqlite3 "$T/$table.db" "SELECT rootpage FROM sqlite_master WHERE name = '$table'")
    size=$(sqlite3 "$T/$table.db" "PRAGMA page_size")
    printf '\377%.0s' $(seq 64) |
        dd of="$T/$table.db" bs=1 seek=$(((page - 1) * size + 8)) conv=notrunc 2>/dev/null
    for f in md csv json html; do
        run "$PBL" --db "$T/$table.db" export --all -f "$f"
        expect_rc "export -f $f with a damaged $table page exits 1" 1
        expect_no_grep "export -f $f with a damaged $table page gives a reason" \
            "$T/err" "not an error"
        expect_grep "export -f $f with a damaged $table page says it cannot read" \
            "$T/err" "pbl: cannot read the sessions: "
    done
done
run "$PBL" --db "$T/snapshot_questions.db" export --all -f json
expect_grep "a damaged page is called malformed" "$T/err" \
    "cannot read the sessions: database disk image is malformed"
