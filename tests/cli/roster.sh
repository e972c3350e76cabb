#!/bin/sh
# tests/cli/roster.sh - `pbl roster`: add, list, rename (the old name still
# finds the resident and their records), retire, show; names matched
# however spaced or cased; exit codes 0 / 1 / 2 and their messages; a name
# written into the database by another program shown safely; the roster
# screen of the console (p on the home screen).
. tests/lib.sh
plan 37
export PBL_NOW=2026-01-05T09:00:00Z LANG=C.UTF-8 LC_ALL=C.UTF-8
DB=$T/roster.db
r() { run "$PBL" --db "$DB" roster "$@"; }

r list
expect_rc "list before any database: an error" 1
r add '  Ana   Rivera ' --class pgy2 --email ana@example.org
expect_rc "add" 0
expect_grep "add says whom, as stored" "$T/out" "added to the roster: Ana Rivera"
r add 'ANA rivera' --class PGY1
expect_rc "the same name however cased is refused" 1
expect_grep "and says why" "$T/err" "pbl: ANA rivera is already on the roster"
r add 'Ben Okafor' --class PGY6
expect_rc "a bad class is a usage error" 2
expect_grep "naming what a class is" "$T/err" "--class is PGY1 to PGY5 or a graduation year"
r add 'Ben Okafor'
expect_rc "add without --class" 2
r add "$(printf 'Evil\033[2J')" --class PGY1
expect_rc "a name with an escape sequence is refused" 2
expect_grep "naming the control character" "$T/err" "control character U+001B"
r add 'Élodie Durand' --class 2027
r add 'Ben Okafor' --class PGY3
r list
expect_rc "list" 0
printf '%s\n' \
    'NAME           CLASS  EMAIL            STATUS' \
    'Ana Rivera     PGY2   ana@example.org  active' \
    'Ben Okafor     PGY3   -                active' \
    'Élodie Durand  2027   -                active' >"$T/want"
expect_same "list: aligned in columns, sorted by name" "$T/want" "$T/out"

r rename 'ana rivera' 'Ana Rivera-Lopez'
expect_rc "rename" 0
r rename 'Ana Rivera-Lopez' 'ben  okafor'
expect_rc "rename onto another resident's name is refused" 1
r rename nobody somebody
expect_rc "rename of nobody" 1
expect_grep "says there is nobody" "$T/err" "no resident nobody on the roster"
r show 'Ana Rivera'
expect_rc "the old name still finds the resident" 0
expect_grep "show: the current name" "$T/out" "Ana Rivera-Lopez (PGY2, active)"
expect_grep "show: the former name" "$T/out" "formerly Ana Rivera"

r retire 'ÉLODIE durand'
expect_rc "retire (Unicode case folded)" 0
r list
expect_no_grep "list leaves out graduates" "$T/out" "Élodie"
r list --all
expect_grep "list --all shows them as graduated" "$T/out" "Élodie Durand     2027   -                graduated"
r retire --all 'Ben Okafor'
expect_rc "--all on retire is a usage error" 2
r frobnicate
expect_rc "an unknown action" 2
expect_grep "is named" "$T/err" "unknown action 'frobnicate'"
r rename onlyone
expect_rc "rename with one name" 2

# a name written by another program, escape sequence and bidi override
# included, is shown made safe
sqlite3 "$DB" "INSERT INTO residents(name, name_key, class, added_at) VALUES
  (char(69,118,105,108,27,91,50,74) || char(8238) || 'x', 'evil', 'PGY1', 'x')"
r list
expect_rc "list with a hostile name" 0
if grep -q "$(printf '\033')" "$T/out"; then fail "no escape reaches the terminal"
else ok "no escape reaches the terminal"; fi
expect_grep "the escape is shown as U+FFFD" "$T/out" "Evil�[2Jx"
n=$(sqlite3 "$DB" "select count(*) from residents")
[ "$n" = 4 ] && ok "four residents stored" || fail "four residents stored ($n)"

# the roster screen in the console
mkdir -p "$T/dumps"
PBL_SCRIPT=tests/cli/roster_screen.script PBL_DUMP_DIR="$T/dumps" PBL_NO_DISPLAY=1 \
    LINES=24 COLUMNS=80 TERM=xterm-256color \
    "$PBL" --db "$T/screen.db" --modules tests/fixtures/good >"$T/out" 2>"$T/err"
rc=$?
expect_rc "the roster screen script runs to its end" 0
expect_grep "an empty roster says how to add" "$T/dumps/roster-empty" "(nobody yet: a adds a resident"
expect_grep "a resident added on the screen" "$T/dumps/roster-two" "Ana Rivera"
expect_grep "with the class as typed after a comma" "$T/dumps/roster-two" "2027   active"
got=$(sqlite3 -separator " " "$T/screen.db" "select name, class, active from residents order by id" | tr '\n' ' ')
[ "$got" = "Ana Rivera-Lopez PGY2 1 Ben Okafor 2027 0 " ] &&
    ok "the screen adds, renames and graduates" ||
    fail "the screen adds, renames and graduates ($got)"
expect_grep "a graduate is shown as such" "$T/dumps/roster-after" "graduated"
expect_layout "the roster screen passes the layout checks" "$T/dumps/roster-after"
