#!/bin/sh
# tests/cli/room_screens.sh - the room view (pbl room) on every stage, at
# 80x24, 120x35 and 200x50: tests/tools/room_step records the session's
# next stage in the database (as a console would), then `pbl room` runs a
# script that dumps its screen at the three sizes; every dump must equal
# tests/screens/expected/room-STAGE-SIZE (PBL_UPDATE_SCREENS=1 rewrites
# them). The room never shows a facilitator note, and a key point only
# after reveal. The console, with a room following, is the presenter's
# view (tests/screens/expected/presenter-*).
. tests/lib.sh
# 11 runs of the room (each: runs to its end, three dumps), the console
# as the presenter's view (5), its keys (3), 6 checks, a scenario
# scrolled (5), the workshop's frame, a local video and a patient
# identifier (5 runs, 6 checks), the items carried over (1 run, 1 check)
plan 94
S=tests/screens
STEP="$ROOT/$BUILD/tools/room_step"
DB="$T/room.db"
export PBL_NO_DISPLAY=1 PBL_NOW=2026-01-05T09:00:00Z LINES=24 COLUMNS=80
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
unset PBL_THEME
room_dump() { # STAGE [SESSION]: the room's screen now, at three sizes
    mkdir -p "$T/room"
    printf ':dump room-%s-80\n:resize 35x120\n:dump room-%s-120\n:resize 50x200\n:dump room-%s-200\n' \
        "$1" "$1" "$1" >"$T/room.script"
    PBL_SCRIPT="$T/room.script" PBL_DUMP_DIR="$T/room" \
        "$PBL" --db "$DB" ${ROOM_MODULES:+--modules "$ROOM_MODULES"} room \
        ${2:-} >"$T/out" 2>"$T/err"
    rc=$?
    expect_rc "room on $1 runs to its end" 0
    for size in 80 120 200; do
        want=room-$1-$size
        if [ "${PBL_UPDATE_SCREENS:-}" = 1 ]; then
            cp "$T/room/$want" "$S/expected/$want"
        fi
        expect_same "screen $want" "$S/expected/$want" "$T/room/$want"
    done
}
# the session's lock is held in this shell's name: a live console
export ROOM_STEP_PID=$$
step() { "$STEP" "$DB" "$@" || fail "room_step $*"; }
writes() { sqlite3 "$DB" "select (select count(*) from events) || '/' ||
    (select count(*) from responses) || '/' || (select max(updated_at) from responses)"; }

room_dump waiting
# its keys: ? lists them (only the room's), q closes that, q quits
printf '?\n:dump room-help-80\nq\nq\n:dump room-not-quit\n' >"$T/help.script"
PBL_SCRIPT="$T/help.script" PBL_DUMP_DIR="$T/room" "$PBL" --db "$DB" room \
    >"$T/out" 2>"$T/err"
rc=$?
expect_rc "room: ? then q q runs" 0
[ "${PBL_UPDATE_SCREENS:-}" = 1 ] && cp "$T/room/room-help-80" "$S/expected/room-help-80"
expect_same "screen room-help-80" "$S/expected/room-help-80" "$T/room/room-help-80"
[ ! -e "$T/room/room-not-quit" ] && ok "q quits the room view" ||
    fail "q quits the room view"
uuid=$(step start tests/fixtures/good sample-module Tuesday)
room_dump scenario
step next
room_dump video
step next
room_dump question
step type "The medicine resident, and the trauma team waiting for the CT"
before=$(writes)
room_dump typing
after=$(writes)
# the console with a room following: the presenter's view
step viewer
printf ':dump presenter-typing-80\n:resize 35x120\n:dump presenter-typing-120\n' \
    >"$T/console.script"
PBL_SCRIPT="$T/console.script" PBL_DUMP_DIR="$T/room" TZ=UTC "$PBL" --db "$DB" \
    --modules tests/fixtures/good resume --take-over "$uuid" >"$T/out" 2>"$T/err"
rc=$?
expect_rc "the console with a room following runs to its end" 0
for want in presenter-typing-80 presenter-typing-120; do
    [ "${PBL_UPDATE_SCREENS:-}" = 1 ] && cp "$T/room/$want" "$S/expected/$want"
    expect_same "screen $want" "$S/expected/$want" "$T/room/$want"
done
expect_grep "the presenter sees the notes without f" "$T/room/presenter-typing-80" \
    "Ask who else is waiting"
expect_grep "and the key points to listen for" "$T/room/presenter-typing-80" \
    "Key points: ✗ medicine resident · ✗ trauma team"
step viewer # held by this shell again
step skill 1 reveal
room_dump revealed
step blank on
room_dump blank
step blank off countdown on
room_dump countdown
step countdown off next next next
room_dump summary
step stop
room_dump stopped "$uuid"
sqlite3 "$DB" "update sessions set status='finished'"
room_dump finished "$uuid"

# what the room must never show, on any dump
notes=$(cat "$T"/room/room-* | grep -c "Ask who else is waiting")
[ "$notes" = 0 ] && ok "no facilitator note on any room screen" ||
    fail "no facilitator note on any room screen ($notes)"
points=$(cat "$T"/room/room-question-* "$T"/room/room-typing-* | grep -c "• medicine resident")
[ "$points" = 0 ] && ok "no key point before reveal" ||
    fail "no key point before reveal ($points)"
expect_grep "the key points after reveal" "$T/room/room-revealed-80" "• medicine resident"
expect_grep "the skills named after reveal" "$T/room/room-revealed-80" "Skills named: reliability"
expect_grep "the answer as typed" "$T/room/room-typing-80" "The medicine resident"
# the room wrote nothing of the session (no event, no answer)
[ "$before" = "$after" ] && ok "the room recorded nothing of the session" ||
    fail "the room recorded nothing of the session ($before, then $after)"

# a scenario taller than the room: j in the console scrolls the room too
DB="$T/long.db"
uuid=$(step start tests/screens/room-modules long-scenario Wednesday)
step viewer
for i in $(seq 40); do echo j; done >"$T/console.script"
PBL_SCRIPT="$T/console.script" PBL_DUMP_DIR="$T/room" "$PBL" --db "$DB" \
    --modules tests/screens/room-modules resume --take-over "$uuid" \
    >"$T/out" 2>"$T/err"
scroll=$(sqlite3 "$DB" "select value from settings where key like 'room.scroll:%'")
[ "$scroll" = "0:1000" ] && ok "j in the console scrolls the room's scenario" ||
    fail "j in the console scrolls the room's scenario ($scroll)"
step viewer
room_dump scrolled "$uuid"

# the workshop's frame (opening and closing slides, the skills from the
# room's skills.yaml), a local copy of the video, a patient identifier
# hidden on the room until the console shows it (v y)
DB="$T/frame.db"
export ROOM_MODULES=tests/screens/video-modules
uuid=$(step start tests/screens/video-modules local-video Thursday frame)
room_dump opening "$uuid"
step next next
room_dump video-local "$uuid"
step next type "Call 415-555-0134 back"
room_dump phi-hidden "$uuid"
step phi
room_dump phi-shown "$uuid"
step park "Page 415-555-0134 after the read" next
room_dump closing "$uuid"
unset ROOM_MODULES
expect_grep "the opening shows the five skills" "$T/room/room-opening-200" \
    "• Empathy"
expect_grep "the video stage names the local copy" \
    "$T/room/room-video-local-80" "also here as videos/offline-room.mp4"
expect_grep "an identifier in the answer is hidden" \
    "$T/room/room-phi-hidden-80" "Call [identifier hidden] back"
expect_grep "v y in the console shows it on the room" \
    "$T/room/room-phi-shown-80" "Call 415-555-0134 back"
expect_grep "the closing slide hides it in the parking lot" \
    "$T/room/room-closing-200" "Page [identifier hidden] after the read"
shown=$(cat "$T"/room/room-opening-* "$T"/room/room-video-local-* \
    "$T"/room/room-phi-hidden-* "$T"/room/room-closing-* | grep -c "415-555")
[ "$shown" = 0 ] && ok "the number is on no other room screen" ||
    fail "the number is on no other room screen ($shown)"

# the group's next session: the items carried over on its first stage,
# identifiers hidden there too
sqlite3 "$DB" "update sessions set status='finished'"
export ROOM_MODULES=tests/screens/video-modules
uuid=$(step start tests/screens/video-modules local-video Thursday)
room_dump carried "$uuid"
unset ROOM_MODULES
expect_grep "the items carried over on the first stage" \
    "$T/room/room-carried-80" "• Page [identifier hidden] after the read"
