#!/bin/sh
# tests/cli/store_two_writers.sh - two processes record 2,000 responses
# each into one database at the same time (creating it together): both
# succeed without a single error, and all 4,000 are there.
. tests/lib.sh
case ${BUILD:-build} in
/*) W=$BUILD/tools/store_two_writers ;;
*) W=$ROOT/${BUILD:-build}/tools/store_two_writers ;;
esac
DB=$T/two.db
N=2000
plan 4

if [ ! -x "$W" ]; then
    fail "store_two_writers is built ($W)"
    exit 1
fi

"$W" "$DB" A "$N" >"$T/a.out" 2>"$T/a.err" &
a=$!
"$W" "$DB" B "$N" >"$T/b.out" 2>"$T/b.err" &
b=$!
wait "$a"
rca=$?
wait "$b"
rcb=$?

if [ "$rca" = 0 ] && [ "$rcb" = 0 ]; then
    ok "both writers exit 0"
else
    fail "writers exited $rca and $rcb"
fi
if [ -s "$T/a.err" ] || [ -s "$T/b.err" ]; then
    fail "a writer saw an error"
    cat "$T/a.err" "$T/b.err" | sed 's/^/#   /' | head -n 10
else
    ok "neither writer saw an error"
fi

if ! command -v sqlite3 >/dev/null 2>&1; then
    fail "the sqlite3 command-line tool is installed (make deps)"
    exit 1
fi
got=$(sqlite3 "$DB" "SELECT count(*) || ' ' || count(DISTINCT text) || ' '
    || sum(text LIKE 'A-%') || ' ' || sum(text LIKE 'B-%')
    || ' ' || sum(draft IS NOT NULL) FROM responses")
if [ "$got" = "4000 4000 2000 2000 0" ]; then
    ok "all 4000 responses are there, 2000 from each"
else
    fail "responses: count distinct A B drafts = $got"
fi
got=$(sqlite3 "$DB" "PRAGMA integrity_check")
if [ "$got" = ok ]; then ok "integrity_check says ok"; else
    fail "integrity_check: $got"; fi
