#!/bin/sh
# tests/cli/store_migrate.sh - a schema-3 database, made by the pbl of
# schema 3 with real data (tests/fixtures/db/fixture-v3.sql: the export
# fixture), migrated by this pbl: every row of every table kept, every
# trigger and index kept, every report byte for byte what schema-3 pbl
# wrote (tests/export/golden/), and every export what this pbl writes for
# that data (tests/fixtures/db/fixture-v3.export.*: the export fixture
# has since gained records, and the formats columns, that schema 3 did
# not have; UPDATE_GOLDEN=1 rewrites them). Then the constraints the
# migration added refuse what readers cannot take.
. tests/lib.sh
# a TAP plan where tests/lib.sh has `plan` (the fixed test list's runner)
type plan >/dev/null 2>&1 || plan() { :; }
command -v sqlite3 >/dev/null || { plan 1; echo "ok 1 # SKIP sqlite3 is not installed"; exit 0; }
plan 32
SCHEMA=$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' include/pbl/store.h)
G=tests/export/golden
F=tests/fixtures/db/fixture-v3.export
# migrated DESC FORMAT: the export in FORMAT is $F.FORMAT
migrated() {
    run "$PBL" --db "$DB" export --all -f "$2"
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$T/out" "$F.$2"; fi # exactly 1
    expect_same "$1" "$F.$2" "$T/out"
}
export PBL_NOW=2026-03-07T12:00:00Z
export TZ=UTC # the report shows local days; the goldens are UTC's
DB=$T/v3.db
sqlite3 "$DB" <tests/fixtures/db/fixture-v3.sql
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 3 ] && ok "the fixture is schema 3" ||
    fail "the fixture is schema 3"

# every schema-3 table's rows in its schema-3 columns (later schemas may
# add columns and tables), in a fixed order, and the names of the triggers
# and indexes pbl made (not SQLite's automatic ones)
rows() {
    for t in $(sqlite3 "$DB3" "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"); do
        cols=$(sqlite3 "$DB3" "SELECT group_concat('\"' || name || '\"', ', ') FROM pragma_table_info('$t')")
        echo "== $t"
        sqlite3 -header "$1" "SELECT $cols FROM \"$t\" ORDER BY 1, 2"
    done
}
objects() {
    sqlite3 "$1" "SELECT type, name, tbl_name FROM sqlite_schema WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_autoindex%' ORDER BY 1, 2"
}
DB3=$T/v3-copy.db
cp "$DB" "$DB3"
rows "$DB" >"$T/rows.before"
objects "$DB" >"$T/objects.before"

run "$PBL" --db "$DB" export --all
expect_rc "export of a schema-3 database exits 0" 0
migrated "the export after the migration keeps every record" md
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = "$SCHEMA" ] &&
    ok "the database is now schema $SCHEMA" || fail "the database is now schema $SCHEMA"
rows "$DB" >"$T/rows.after"
objects "$DB" >"$T/objects.after"
expect_same "every row of every table is kept" "$T/rows.before" "$T/rows.after"
comm -23 "$T/objects.before" "$T/objects.after" >"$T/objects.lost"
expect_same "every trigger and index is kept" /dev/null "$T/objects.lost"
for f in csv json html; do
    migrated "export -f $f after the migration keeps every record" $f
done
run "$PBL" --db "$DB" report
expect_same "the report after the migration is what schema 3 wrote" "$G/report.txt" "$T/out"
for f in csv json md; do
    run "$PBL" --db "$DB" report -f $f
    expect_same "report -f $f after the migration is what schema 3 wrote" "$G/report.$f" "$T/out"
done
run "$PBL" --db "$DB" db check
expect_rc "db check of the migrated database says ok" 0
run sqlite3 "$DB" "PRAGMA foreign_key_check"
[ ! -s "$T/out" ] && ok "no reference is broken" || fail "no reference is broken"

# the new constraints
# refused DESC SQL: the statement fails on the migrated database
refused() {
    if sqlite3 "$DB" "$2" 2>"$T/err"; then fail "$1 is refused"; else
        ok "$1 is refused"; fi
}
refused "a NULL module title" "UPDATE session_modules SET title = NULL"
refused "a NULL scenario" "UPDATE session_modules SET scenario = NULL"
refused "a NULL question" "UPDATE snapshot_questions SET prompt = NULL"
refused "a NULL model answer" "UPDATE snapshot_questions SET answer = NULL"
refused "a resume position of 2^31-1" "UPDATE sessions SET cur_modpos = 2147483647"
refused "a negative resume position" "UPDATE sessions SET cur_modpos = -1"
refused "a key point index of 2^63-1" "UPDATE snapshot_points SET idx = 9223372036854775807 WHERE id = 1"
refused "a module position of 2^31-1" "UPDATE session_modules SET position = 2147483647 WHERE id = 1"
refused "text as a position" "UPDATE session_modules SET position = 'x' WHERE id = 1"
refused "skills beyond the five" "UPDATE session_modules SET skills = 64"
# the trigger made again still guards the answers
refused "an answer to a question the session lacks" \
    "INSERT INTO responses(session_id, modpos, qidx, created_at, updated_at) VALUES (1, 0, 99, 'x', 'x')"
# and deleting a session still deletes its modules (the references hold)
sqlite3 "$DB" "PRAGMA foreign_keys = ON; DELETE FROM sessions WHERE uuid = '00000000-0000-4000-8000-000000000002'"
n=$(sqlite3 "$DB" "SELECT count(*) FROM session_modules m WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = m.session_id)")
[ "$n" = 0 ] && ok "deleting a session deletes its modules" || fail "deleting a session deletes its modules ($n left)"

# a damaged schema-3 database migrates too: NULL text becomes the
# placeholder, an out-of-range record is kept for db check to report
DB=$T/damaged-v3.db
sqlite3 "$DB" <tests/fixtures/db/fixture-v3.sql
sqlite3 "$DB" "UPDATE session_modules SET title = NULL WHERE id = 1; UPDATE sessions SET cur_modpos = 2147483647 WHERE id = 3"
run "$PBL" --db "$DB" resume --list
expect_rc "a damaged schema-3 database opens (and migrates)" 0
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = "$SCHEMA" ] &&
    ok "the damaged database is now schema $SCHEMA" || fail "the damaged database is now schema $SCHEMA"
[ "$(sqlite3 "$DB" 'SELECT title FROM session_modules WHERE id = 1')" = "(missing)" ] &&
    ok "a NULL title became (missing)" || fail "a NULL title became (missing)"
run "$PBL" --db "$DB" db check
expect_rc "db check reports the record kept out of range" 1
expect_grep "db check names it" "$T/out" "cur_modpos) is out of range"
