#!/bin/sh
# tests/e2e/robust_damaged.sh - the console on a damaged database (issue
# 12, item 7): a module snapshot without its title, scenario, question or
# model answer (NULL, as a hand edit or a bad disk leaves it) neither
# crashes `pbl resume` nor `pbl review`; the screen shows "(missing)" in
# its place, and the rest of the session as it was.
. tests/lib.sh
# a TAP plan where tests/lib.sh has `plan` (the fixed test list's runner)
type plan >/dev/null 2>&1 || plan() { :; }
command -v sqlite3 >/dev/null || { plan 1; echo "ok 1 # SKIP sqlite3 is not installed"; exit 0; }
plan 7
case ${BUILD:-build} in
/*) TOOLS=$BUILD/tools ;;
*) TOOLS=$ROOT/${BUILD:-build}/tools ;;
esac
DB=$T/damaged.db
. tests/tmux.sh
"$TOOLS/export_fixture" "$T/fixture.db" >/dev/null 2>&1 || { fail "the fixture is built"; exit 1; }
# damage FROM TABLE COLUMN: NULL in every row of the column, into $DB
damage() {
    "$TOOLS/robust_damaged_db" damage "$1" "$T/next.db" "$2" "$3" null &&
        mv "$T/next.db" "$DB"
}
damage "$T/fixture.db" session_modules title
damage "$DB" snapshot_questions prompt
damage "$DB" session_modules scenario
damage "$DB" snapshot_questions answer

# resume: session 3 stopped on its first question
start 80 24 "$PBL resume 00000000-0000-4000-8000-000000000003"
expect_screen "resume opens a session whose snapshot lacks its text" "(missing)"
if screen | grep -q "EXITED"; then fail "resume keeps running"; screen | sed 's/^/#   /'
else ok "resume keeps running"; fi
keys Left
expect_screen "the scenario stage shows its missing text" "(missing)"
keys q
sleep 0.5
keys y
expect_screen "resume quits normally (exit 0)" "EXITED 0"

# review: the finished session 1
start 80 24 "$PBL review"
expect_screen "review lists the sessions" "Tuesday group"
keys Enter
expect_screen "review opens a session whose snapshot lacks its text" "(missing)"
if screen | grep -q "EXITED"; then fail "review keeps running"; screen | sed 's/^/#   /'
else ok "review keeps running"; fi
