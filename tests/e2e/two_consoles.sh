#!/bin/sh
# tests/e2e/two_consoles.sh - two consoles on one workstation (tmux, two
# sessions of one server):
#  - a session open in one console is locked: a second `pbl resume` says
#    where (pid, terminal) and since when, and asks; following it shows
#    the first console's typing, refuses edits; T takes it over, and the
#    first console then saves nothing more;
#  - --read-only and --take-over answer the question for scripts;
#  - `pbl resume --list` and the home screen mark a session open in another
#    console now ("(open on HOST)"), and not once that console is gone;
#  - `pbl study --resident Ben` in one window does not make Ben the
#    default of `pbl study` in the other; each picker says whose study.
. tests/lib.sh
plan 37
DB="$T/two.db"
. tests/tmux.sh
MODS=tests/fixtures/good
# a second window of the same tmux server
start_b() { tm new-session -d -s b -x 80 -y 24 \
    "cd '$ROOT' && export PBL_DB='$DB' && $1; echo EXITED \$?; sleep 60"; }
screen_b() { tm capture-pane -p -t b; }
keys_b() { tm send-keys -t b "$@"; sleep 0.15; }
wait_b() {
    i=0
    while [ $i -lt 50 ]; do
        screen_b | grep -qF -- "$1" && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
expect_b() {
    if wait_b "$2"; then ok "$1"; else
        fail "$1 (no '$2' on screen b)"; screen_b | sed 's/^/#   /'; fi
}
q() { sqlite3 "$DB" "$1"; }

# --- console A runs a group session --------------------------------------
start 80 24 "$PBL --modules $MODS facilitate sample-module --group Tuesday"
expect_screen "A starts on the scenario" "First paragraph"
keys Right Right
expect_screen "A is on the first question" "Who is/are the customer(s)?"
keys e
type_text "typed in A"
keys Escape
pid_a=$(q "select pid from session_locks")
tty_a=$(q "select tty from session_locks")
[ -n "$pid_a" ] && [ "$tty_a" != "-" ] && ok "A holds the session's lock (pid, terminal)" ||
    fail "A holds the session's lock ($pid_a, $tty_a)"

# --- who has it open: resume --list and B's home screen -------------------
host=$(hostname)
run "$PBL" --db "$DB" resume --list
expect_grep "resume --list marks the session open in A" "$T/out" "q1  (open on $host)"
start_b "$PBL --modules $MODS"
expect_b "B's home screen marks it on its Resume row" "Resume  Tuesday (open on $host) ·"
tm kill-session -t b

# --- console B: pbl resume asks --------------------------------------------
start_b "$PBL --modules $MODS resume"
expect_b "B is told the session is open elsewhere" "open in another console"
expect_b "B is told which process" "pid $pid_a"
expect_b "B is told which terminal" "$tty_a"
expect_b "B is told since when" "since 20"
keys_b F
expect_b "following shows A's answer" "typed in A"
expect_b "B says it is read-only" "following read-only"
keys e
type_text " and more"
keys Escape
sleep 1.5
expect_b "B follows what A types next" "typed in A and more"
keys_b 1
expect_b "B refuses to tag a skill" "read-only: another console has this session"
s=$(q "select skills from responses")
[ "$s" = 0 ] && ok "nothing was written by the follower" || fail "nothing was written by the follower ($s)"

# --- B takes over; A stops saving ------------------------------------------
keys_b T
expect_b "B takes the session over" "the session is yours now"
pid_b=$(q "select pid from session_locks")
[ -n "$pid_b" ] && [ "$pid_b" != "$pid_a" ] && ok "the lock is B's now" ||
    fail "the lock is B's now ($pid_a -> $pid_b)"
keys 3
expect_screen "A is told its session was taken over" "another console took this session over"
s=$(q "select skills from responses")
[ "$s" = 0 ] && ok "A's tag after the take-over is not saved" || fail "A's tag after the take-over is not saved ($s)"
keys_b 2
sleep 0.3
s=$(q "select skills from responses")
[ "$s" = 2 ] && ok "B's tag is saved" || fail "B's tag is saved ($s)"
keys_b q y
expect_b "B quits; the session stays resumable" "pbl resume"
n=$(q "select count(*) from session_locks")
[ "$n" = 0 ] && ok "quitting lets the lock go" || fail "quitting lets the lock go ($n)"
tm kill-session -t b

# --- flags for scripts ------------------------------------------------------
start 80 24 "$PBL --modules $MODS resume"
expect_screen "A resumes the session" "typed in A and more"
start_b "$PBL --modules $MODS resume --read-only"
expect_b "--read-only follows without asking" "following read-only"
tm kill-session -t b
start_b "$PBL --modules $MODS resume --take-over"
expect_b "--take-over takes it without asking" "typed in A and more"
sleep 0.3
pid_b=$(q "select pid from session_locks")
pid_a=$(tm list-panes -t e2e -F '#{pane_pid}')
[ -n "$pid_b" ] && ok "--take-over holds the lock" || fail "--take-over holds the lock"
keys_b q
tm kill-session -t b

# --- a crashed console's lock is stale -------------------------------------
start 80 24 "$PBL --modules $MODS resume"
expect_screen "A resumes again" "typed in A and more"
pid=$(q "select pid from session_locks")
kill -9 "$pid"
sleep 0.3
run "$PBL" --db "$DB" resume --list
expect_no_grep "resume --list: a dead console's lock does not count" "$T/out" "(open on"
start_b "$PBL --modules $MODS"
expect_b "nor on the home screen" "Resume  Tuesday · sample-module"
tm kill-session -t b
start_b "$PBL --modules $MODS resume"
expect_b "a dead console's lock is taken without asking" "typed in A and more"
keys_b q
tm kill-session -t b

# --- one workstation, two residents -----------------------------------------
start 80 24 "$PBL --modules $MODS study"
expect_screen "study asks the name once" "Your name"
type_text "Ana Rivera"
keys Enter
expect_screen "the picker says whose study it is" "Self-study of Ana Rivera"
keys q
start 80 24 "$PBL --modules $MODS study --resident Ben"
expect_screen "--resident Ben: Ben's study" "Self-study of Ben"
start_b "$PBL --modules $MODS study"
expect_b "another window still studies as Ana" "Self-study of Ana Rivera"
keys_b w
expect_b "w asks whose study it is" "Your name"
tm send-keys -t b -l "Chen"
keys_b Enter
expect_b "w switches the picker" "Self-study of Chen"
expect_b "and says the name is remembered" "Chen is remembered on this workstation"
[ "$(q "select value from settings where key='resident'")" = Chen ] &&
    ok "the switched name is the remembered one" || fail "the switched name is the remembered one"
