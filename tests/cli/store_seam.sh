#!/bin/sh
# tests/cli/store_seam.sh - only the store knows the tables (issue 13.2):
# no SQL outside src/store*, and no raw connection in any header or any
# source file but the store's. The report's queries are the store's too
# (src/store_report*.c); src/report*.c only formats.
#
# src/hub*.c is left out of the two SQL checks too: its SQL is the
# PostgreSQL hub's (the pbl.* schema, row-level security, COPY), which the
# SQLite store cannot speak for. The SQLite side of a sync stays in the
# store (src/store_sync*.c, through pbl/sync.h); check 5 keeps it there:
# the hub's files reach neither SQLite nor the store's internals.
. tests/lib.sh
plan 5
cd "$ROOT" || exit 1

# a string literal that writes, creates or joins tables
sql=$(grep -rnE '"[^"]*\b(INSERT|UPDATE|DELETE|CREATE TABLE|JOIN)\b[^"]*' \
    src include | grep -vE '^src/(store|hub)[^/]*:' || true)
[ -z "$sql" ] && ok "no SQL that writes or joins tables outside the store" ||
    { fail "no SQL that writes or joins tables outside the store"; echo "$sql" | sed 's/^/#   /'; }

from=$(grep -rnE '"[^"]*\bFROM [a-z_]+' src include |
    grep -vE '^src/(store|hub)[^/]*:' || true)
[ -z "$from" ] && ok "no FROM a table outside the store's files" ||
    { fail "no FROM a table outside the store's files"; echo "$from" | sed 's/^/#   /'; }

hdr=$(grep -rn 'store_db *(' include || true)
[ -z "$hdr" ] && ok "no public header offers the raw connection" ||
    { fail "no public header offers the raw connection"; echo "$hdr" | sed 's/^/#   /'; }

use=$(grep -rn 'store_db *(' src | grep -vE '^src/store[^/]*:' || true)
[ -z "$use" ] && ok "only the store's files use the raw connection" ||
    { fail "only the store's files use the raw connection"; echo "$use" | sed 's/^/#   /'; }

hub=$(grep -nE 'sqlite3|store_impl\.h|store_db *\(' src/hub* || true)
[ -z "$hub" ] && ok "the hub's files (PostgreSQL's SQL) reach neither SQLite nor the store's internals" ||
    { fail "the hub's files (PostgreSQL's SQL) reach neither SQLite nor the store's internals"; echo "$hub" | sed 's/^/#   /'; }
