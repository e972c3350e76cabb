#!/bin/sh
# tests/cli/store_seam.sh - only the store knows the tables (issue 13.2):
# no SQL outside src/store*, and no raw connection in any header or any
# source file but the store's. src/report* is left out while the "report"
# branch moves its queries into the store.
. tests/lib.sh
plan 4
cd "$ROOT" || exit 1

# a string literal that writes, creates or joins tables
sql=$(grep -rnE '"[^"]*\b(INSERT|UPDATE|DELETE|CREATE TABLE|JOIN)\b[^"]*' \
    src include | grep -vE '^src/(store|report)[^/]*:' || true)
[ -z "$sql" ] && ok "no SQL that writes or joins tables outside the store" ||
    { fail "no SQL that writes or joins tables outside the store"; echo "$sql" | sed 's/^/#   /'; }

from=$(grep -rnE '"[^"]*\bFROM [a-z_]+' src include |
    grep -vE '^src/(store|report)[^/]*:' || true)
[ -z "$from" ] && ok "no FROM a table outside the store's files" ||
    { fail "no FROM a table outside the store's files"; echo "$from" | sed 's/^/#   /'; }

hdr=$(grep -rn 'store_db *(' include || true)
[ -z "$hdr" ] && ok "no public header offers the raw connection" ||
    { fail "no public header offers the raw connection"; echo "$hdr" | sed 's/^/#   /'; }

use=$(grep -rn 'store_db *(' src | grep -vE '^src/(store|report)[^/]*:' || true)
[ -z "$use" ] && ok "only the store's files (and report's, for now) use the raw connection" ||
    { fail "only the store's files (and report's, for now) use the raw connection"; echo "$use" | sed 's/^/#   /'; }
