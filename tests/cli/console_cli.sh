#!/bin/sh
# tests/cli/console_cli.sh - the console's commands from a script's point of
# view: exit codes and messages that need no terminal.
. tests/lib.sh
plan 31
export LANG=C.UTF-8

run "$PBL" resume --list
expect_rc "resume --list exits 0 on an empty database" 0
expect_grep "it says there is nothing to resume" "$T/out" "No unfinished sessions."

printf 'Right\n' >"$T/script"
PBL_NO_DISPLAY=1 PBL_SCRIPT="$T/script" LINES=24 COLUMNS=80 TERM=xterm-256color \
    "$PBL" facilitate promised-read --group "Night team" >"$T/out" 2>"$T/err"
rc=$?
expect_rc "a scripted session runs" 0
expect_grep "quitting says how to resume" "$T/out" "pbl resume"
run "$PBL" resume --list
expect_grep "resume --list shows the unfinished session" "$T/out" "Night team"
expect_grep "and where it stopped" "$T/out" "module 1, video"
# the frame's stages belong to no module: named as the console names them
# (opening / closing), not as "module 1, opening"; chosen on the form
frame_run() { # GROUP KEYS...: a framed session quit where KEYS leave it
    g=$1; shift
    printf '%s\n' Space Enter Tab Tab Tab Tab Space Enter "$@" q y >"$T/frame.script"
    PBL_NO_DISPLAY=1 PBL_SCRIPT="$T/frame.script" LINES=24 COLUMNS=80 \
        TERM=xterm-256color "$PBL" --db "$T/frame.db" \
        --modules tests/screens/video-modules facilitate --group "$g" \
        >/dev/null 2>&1
}
frame_run Openers
frame_run Closers Right Right Right Right
run "$PBL" --db "$T/frame.db" resume --list
expect_grep "resume --list: a session quit at its opening" "$T/out" "Openers               opening"
expect_grep "resume --list: a session quit at its closing" "$T/out" "Closers               closing"
expect_no_grep "resume --list: the frame is no module's" "$T/out" "module 1, "
# a session another console holds (a live heartbeat) is marked with its
# host, made safe (record text); a heartbeat older than 90 s is no holder
sqlite3 "$T/frame.db" "INSERT INTO session_locks VALUES ((SELECT id FROM sessions
    WHERE group_name = 'Openers'), 'tok', 1, 'lab-pc' || char(27) || '[2J',
    '-', '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z')"
run env PBL_NOW=2026-01-05T09:01:00Z "$PBL" --db "$T/frame.db" resume --list
expect_grep "resume --list: a session open in another console is marked" "$T/out" \
    "Openers               opening  (open on lab-pc�[2J)"
expect_no_grep "and only that one" "$T/out" "closing  (open on"
if grep -q "$(printf '\033')" "$T/out"; then fail "the host's escape does not reach the terminal"
else ok "the host's escape does not reach the terminal"; fi
run env PBL_NOW=2026-01-05T09:01:31Z "$PBL" --db "$T/frame.db" resume --list
expect_no_grep "resume --list: a stale heartbeat is no holder" "$T/out" "(open on"
# without a terminal, `pbl resume` (the only unfinished session) is refused
# before the session is opened: nothing is written to it
before=$(sqlite3 "$PBL_DB" "SELECT count(*) FROM events")
run "$PBL" resume </dev/null
expect_rc "resume without a terminal exits 1" 1
after=$(sqlite3 "$PBL_DB" "SELECT count(*) FROM events")
[ -n "$before" ] && [ "$before" = "$after" ] &&
    ok "and writes nothing to the session ($before events)" ||
    fail "and writes nothing to the session ($before events before, $after after)"
# the sessions are in the database: listing them needs no module library
run "$PBL" --modules "$T/no-such-folder" resume --list
expect_rc "resume --list without a module library exits 0" 0
expect_grep "and still lists the session" "$T/out" "Night team"
expect_no_grep "and says nothing of modules" "$T/err" "no-such-folder"

# names are padded in display columns: "module" lines up under accents and CJK
for g in 'Équipe Núñez' '患者の家族の会' 'Plain'; do
    PBL_NO_DISPLAY=1 PBL_SCRIPT="$T/script" LINES=24 COLUMNS=80 TERM=xterm-256color \
        "$PBL" --db "$T/widths.db" facilitate promised-read --group "$g" >/dev/null 2>&1
done
run "$PBL" --db "$T/widths.db" resume --list
cols=$(python3 -c '
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(" ".join(str(w(l[:l.index(" module ")])) for l in open(sys.argv[1], encoding="utf-8")))' "$T/out")
set -- $cols
[ $# = 3 ] && [ "$1" = "$2" ] && [ "$2" = "$3" ] &&
    ok "resume --list: the columns line up with accented and CJK names ($cols)" ||
    { fail "resume --list: the columns line up with accented and CJK names ($cols)"; sed 's/^/#   /' "$T/out"; }

run "$PBL" resume 00000000 </dev/null
expect_rc "resume of an unknown id exits 1" 1
expect_grep "resume names the problem" "$T/err" "no session with that id"

run "$PBL" facilitate no-such-module --group X </dev/null
expect_rc "facilitate with an unknown module exits 1" 1
expect_grep "facilitate names the module" "$T/err" "no module with id 'no-such-module'"

run "$PBL" facilitate --bogus
expect_rc "facilitate with an unknown option exits 2" 2

run "$PBL" study one two
expect_rc "study of two modules exits 2" 2

run "$PBL" review extra
expect_rc "review takes no argument" 2

run "$PBL" --theme neon facilitate
expect_rc "an unknown theme exits 2" 2
expect_grep "the themes are listed" "$T/err" "default, projector, light, mono"

run "$PBL" facilitate promised-read --group X </dev/null
expect_rc "the console without a terminal exits 1" 1
expect_grep "and says it needs one" "$T/err" "needs a terminal"

run "$PBL" help study
expect_grep "help study describes --resident" "$T/out" "--resident NAME"
