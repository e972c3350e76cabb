#!/bin/sh
# tests/e2e/study_attempts.sh - a resident's unfinished attempt is never
# stranded (issue 11, item 1), in a real terminal (tmux) at 80x24:
#   - `pbl study sample-module`, typing, kill -9; `pbl study sample-module`
#     again continues the same attempt with the draft in the editor (no
#     second session), and so does picking the module in the picker;
#   - S in the picker starts over only when pressed twice, and keeps the
#     old attempt as abandoned;
#   - the home screen at 80x24 says how many unfinished sessions it does
#     not show, and how to list them.
# Every step checks the screen and the database.
. tests/lib.sh
plan 20
command -v sqlite3 >/dev/null || { echo "ok 1 # SKIP sqlite3 is not installed"; exit 0; }
DB="$T/study.db"
. tests/tmux.sh
MODS=tests/fixtures/good
q() { sqlite3 "$DB" "$1"; }

# --- an attempt, typed into, killed -----------------------------------------
start 80 24 "$PBL --modules $MODS study --resident 'Ana Rivera' --remember sample-module"
expect_screen "pbl study ID starts the module" "A sample module"
keys Right Right e
type_text "draft before the crash"
sleep 3 # the draft is saved within two seconds of typing, on the clock tick
d=$(q "select draft from responses")
[ "$d" = "draft before the crash" ] && ok "the draft is saved while typing" || fail "draft: $d"
kill_pbl
n=$(q "select count(*) from sessions where status = 'active'")
[ "$n" = 1 ] && ok "one unfinished attempt after kill -9" || fail "active: $n"

# --- pbl study ID again: the same attempt continues ---------------------------
start 80 24 "$PBL --modules $MODS study sample-module"
expect_screen "the same module again shows the draft" "draft before the crash"
expect_screen "and says it continues the attempt" "continuing your attempt"
n=$(q "select count(*) from sessions")
[ "$n" = 1 ] && ok "no second session is created" || fail "sessions: $n"
q1=$(q "select left_at from stage_timings where stage = 'q1' order by id limit 1")
c=$(q "select count(*) from events where type = 'crash'")
[ -n "$q1" ] && [ "$c" = 1 ] && ok "the crash closed the stage and is logged" ||
    fail "crash: left_at '$q1', $c crash events"
keys e
type_text " and after"
keys Escape q
expect_screen "quitting says the session is saved" "Session saved"
t=$(q "select text from responses")
[ "$t" = "draft before the crash and after" ] && ok "typing goes on in the same answer" ||
    fail "answer: $t"

# --- the picker: Enter continues, S asks, S S starts over ---------------------
start 80 24 "$PBL --modules $MODS study"
expect_screen "the picker shows the attempt in progress" "in progress since"
expect_screen "the picker offers to start over" "S start over"
keys / 
type_text "sample-module"
keys Enter Enter
expect_screen "Enter on the module continues the attempt" "continuing your attempt"
n=$(q "select count(*) from sessions")
[ "$n" = 1 ] && ok "picking the module creates no session" || fail "sessions: $n"
keys q
start 80 24 "$PBL --modules $MODS study"
keys /
type_text "sample-module"
keys Enter S
expect_screen "S asks first" "S again: start sample-module over"
n=$(q "select count(*) from sessions")
[ "$n" = 1 ] && ok "one S changes nothing" || fail "sessions: $n"
keys S
expect_screen "S again starts a new attempt" "First paragraph of the scenario"
s=$(q "select status from sessions order by id" | tr '\n' ' ')
[ "$s" = "abandoned active " ] && ok "starting over keeps the old attempt as abandoned" ||
    fail "statuses: $s"
keys q

# --- the home screen never hides unfinished sessions silently ---------------
case ${BUILD:-build} in
/*) FIXTURE=$BUILD/tools/export_fixture ;;
*) FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
DB="$T/many.db"
"$FIXTURE" "$DB" --many 7 || fail "the fixture with 7 unfinished sessions builds"
start 80 24 "$PBL --modules $MODS"
expect_screen "the home screen says how many more there are" \
    "2 more unfinished (7 in all): pbl resume --list shows them all"
expect_screen "and still shows its own entries at 80x24" "Quit"
keys q
"$PBL" --db "$DB" resume --list >"$T/list" 2>&1
n=$(grep -c "^[0-9a-f]\{8\}-" "$T/list")
[ "$n" = 7 ] && ok "pbl resume --list lists all seven" || fail "resume --list: $n lines"
