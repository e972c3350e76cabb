#!/bin/sh
# tests/e2e/room.sh - the room view beside the console (tmux, two windows
# of one server, as on a projector's extended display):
#  - `pbl room` waits for a session, then follows the one facilitated;
#  - the answer typed in the console is on the room view within a second;
#  - the room never shows a facilitator note, nor a key point before
#    reveal (the console shows both: it is the presenter's view now);
#  - b in the console blanks the room too, any key brings it back;
#  - T shows the countdown on the room view;
#  - killing the room (SIGKILL) leaves the console working and saving;
#  - killing the console (SIGKILL) makes the room say the session
#    stopped, and the room keeps running; resumed, the room follows it
#    again.
. tests/lib.sh
plan 27
DB="$T/room.db"
. tests/tmux.sh
MODS=tests/fixtures/good
NOTE="Ask who else is waiting"
# the room: a second window of the same tmux server
start_room() {
    tm new-window -d -t e2e -n room \
        "cd '$ROOT' && export PBL_DB='$DB' && $PBL room; echo EXITED \$?; sleep 60"
}
room_screen() { tm capture-pane -p -t e2e:room; }
# wait_room TEXT [TENTHS]: polls the room's window (5 s by default)
wait_room() {
    i=0
    while [ $i -lt "${2:-50}" ]; do
        room_screen | grep -qF -- "$1" && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
expect_room() {
    if wait_room "$2" "${3:-50}"; then ok "$1"; else
        fail "$1 (no '$2' on the room view)"; room_screen | sed 's/^/#   /'; fi
}
room_never() { # DESC TEXT: not on the room view now
    if room_screen | grep -qF -- "$2"; then
        fail "$1"; room_screen | sed 's/^/#   /'; else ok "$1"; fi
}
q() { sqlite3 "$DB" "$1"; }

# --- the room waits, then follows the session started -------------------
start 120 35 "sleep 600"
start_room
expect_room "with no session the room waits and says so" "No group session"
tm respawn-pane -k -t e2e:0 "cd '$ROOT' && export PBL_DB='$DB' && $PBL --modules $MODS facilitate sample-module --group Tuesday; echo EXITED \$?; sleep 60"
expect_screen "the console starts on the scenario" "First paragraph"
expect_room "the room follows it: the scenario" "First paragraph"
keys Right Right
expect_room "the room is on the first question" "The group's answer"
expect_screen "the console is the presenter's view" "room view on · next: question 2"
expect_screen "the presenter sees the notes without f" "$NOTE"

# --- typing reaches the room within a second ----------------------------
keys e
type_text "The trauma team and the medicine resident"
expect_room "the answer typed is on the room within a second" \
    "The trauma team and the medicine resident" 10
room_never "the room never shows the facilitator note" "$NOTE"
room_never "no key point before reveal" "• trauma team"
keys Escape t
room_never "the key-point list the console ticks is not on the room" "[ ]"
keys Escape r
expect_room "after reveal: the model answer" "Model answer"
room_never "still no facilitator note after reveal" "$NOTE"
keys r
sleep 0.5
room_never "r again in the console hides it on the room too" "Model answer"
keys r

# --- blank and countdown --------------------------------------------------
keys b
sleep 0.5
[ -z "$(room_screen | tr -d ' \n')" ] && ok "b in the console blanks the room" ||
    { fail "b in the console blanks the room"; room_screen | sed 's/^/#   /'; }
keys Space
expect_room "any key in the console brings the room back" "Model answer"
keys T
expect_room "T shows the countdown on the room view" "left 0"

# --- killing the room: the console does not notice ----------------------
room_pid=$(pgrep -P "$(tm display -p -t e2e:room '#{pane_pid}')" | head -n 1)
kill -9 "$room_pid"
keys Right e
type_text "Still typing"
keys Escape
expect_screen "the console carries on without its room" "Still typing"
[ "$(q "select count(*) from responses where text = 'Still typing'")" = 1 ] &&
    ok "and saves what is typed" || fail "and saves what is typed"

# --- killing the console: the room says the session stopped ------------
tm kill-window -t e2e:room
start_room
expect_room "a new room follows the session" "Still typing"
kill_pbl
expect_room "the console killed: the room says the session stopped" \
    "The facilitator's console has closed this session"
room_never "and the room did not exit" "EXITED"
tm respawn-pane -k -t e2e:0 "cd '$ROOT' && export PBL_DB='$DB' && $PBL --modules $MODS resume; echo EXITED \$?; sleep 60"
expect_room "the session resumed: the room follows it again" "Still typing"

# --- patient identifiers: hidden on the room until v y in the console ----
keys e
type_text " call 415-555-0134"
expect_room "an identifier is hidden on the room even while it is typed" \
    "[identifier hidden]"
room_never "the number itself is not on the room" "415-555-0134"
keys Escape v y
expect_room "v y in the console shows it on the room too" \
    "Still typing call 415-555-0134"
[ "$(q "select count(*) from settings where key like 'room.phi:%'")" = 1 ] &&
    ok "the console recorded it for the room" ||
    fail "the console recorded it for the room"
[ "$(q "select count(*) from responses where text like '%call 415-555-0134'")" = 1 ] &&
    ok "the answer is saved whole" || fail "the answer is saved whole"
