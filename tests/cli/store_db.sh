#!/bin/sh
# tests/cli/store_db.sh - `pbl db path|check|backup`, as a user runs them:
# which database is used, exit codes, messages and the backup's mode.
. tests/lib.sh
case ${BUILD:-build} in
/*) W=$BUILD/tools/store_crash_writer ;;
*) W=$ROOT/${BUILD:-build}/tools/store_crash_writer ;;
esac

plan 30

# the probe is a check: a pbl without the command fails every one below
check "pbl has a db command (pbl help db)" "$PBL" help db

# which database: --db, else PBL_DB, else the XDG default
run "$PBL" db path
expect_rc "db path exits 0" 0
expect_grep "db path follows PBL_DB" "$T/out" "$T/test.db"
run "$PBL" --db "$T/flag.db" db path
expect_grep "--db wins over PBL_DB" "$T/out" "$T/flag.db"
run env -u PBL_DB XDG_DATA_HOME="$T/xdg" "$PBL" db path
expect_grep "the default is under XDG_DATA_HOME" "$T/out" "$T/xdg/pbl/pbl.db"
run env -u PBL_DB -u XDG_DATA_HOME HOME="$T/home" "$PBL" db path
expect_grep "else under ~/.local/share" "$T/out" \
    "$T/home/.local/share/pbl/pbl.db"

# usage errors exit 2
run "$PBL" db
expect_rc "db without an action exits 2" 2
expect_grep "db without an action says what to do" "$T/err" "pbl: "
run "$PBL" db frobnicate
expect_rc "an unknown action exits 2" 2
expect_grep "an unknown action is named" "$T/err" "frobnicate"
run "$PBL" db backup
expect_rc "backup without FILE exits 2" 2
run "$PBL" db check extra
expect_rc "check with an extra argument exits 2" 2
run "$PBL" db --help
expect_rc "db --help exits 0" 0

# check: a missing file, then a good database
run "$PBL" db check
expect_rc "check of a missing database exits 1" 1
expect_grep "check names the missing file" "$T/err" "no database at $T/test.db"
[ -e "$T/test.db" ] && fail "check created the database" ||
    ok "check does not create the database"
"$W" "$T/test.db" 20 >/dev/null 2>"$T/w.err"
check "a database with sessions in it" test ! -s "$T/w.err"
run "$PBL" db check
expect_rc "check of a good database exits 0" 0
expect_grep "check prints ok" "$T/out" "ok"

# backup: a private, checkable copy; never over an existing file
run "$PBL" db backup "$T/copy.db"
expect_rc "backup exits 0" 0
expect_grep "backup says where" "$T/out" "$T/copy.db"
mode=$(stat -c %a "$T/copy.db" 2>/dev/null)
[ "$mode" = 600 ] && ok "the backup is mode 600" ||
    fail "the backup is mode $mode"
run "$PBL" --db "$T/copy.db" db check
expect_rc "the backup passes the check" 0
run "$PBL" db backup "$T/copy.db"
expect_rc "backup onto an existing file exits 1" 1
expect_grep "backup refuses to overwrite" "$T/err" "already exists"
run "$PBL" db backup "$T/no/such/dir/copy.db"
expect_rc "backup into a missing folder exits 1" 1
expect_grep "backup names the problem" "$T/err" "cannot create"

# a file that is not a database: one clear line, exit 1
printf 'these are notes, not a database\n%.0s' 1 2 3 4 5 6 7 8 >"$T/notes.db"
run "$PBL" --db "$T/notes.db" db check
expect_rc "check of a non-database exits 1" 1
expect_grep "check says it is not a database" "$T/err" "not a database"
lines=$(wc -l <"$T/err")
[ "$lines" = 1 ] && ok "the error is one line" ||
    fail "the error is $lines lines"
