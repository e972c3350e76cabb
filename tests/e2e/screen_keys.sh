#!/bin/sh
# tests/e2e/screen_keys.sh - screen behaviour a person meets in a real terminal
# (tmux), checked on the screen and in the database: `o` opens the video
# detached and reaped; the review list, the setup form and quitting.
. tests/lib.sh
plan 35
DB="$T/e2e.db"
. tests/tmux.sh

# pick_promised: in the picker, searches for promised-read, picks it, goes on
pick_promised() {
    keys /
    type_text "promised"
    keys Enter Space Enter
}
# pbl_pid: the console's process id (the child of the pane's shell)
pbl_pid() { ps -o pid= --ppid "$(tm list-panes -t e2e -F '#{pane_pid}')" | head -n 1 | tr -d ' '; }

# --- `o`: the opener is detached, reaped, and its failure said -----------------
mkdir -p "$T/bin"
cat >"$T/bin/xdg-open" <<'SH'
#!/bin/sh
echo "SCRIBBLE on the tty" >/dev/tty
echo "SCRIBBLE on stdout"
echo "$1" >>"${0%/*}/opened"
exit 3
SH
chmod +x "$T/bin/xdg-open"
start 80 24 "PATH='$T/bin':\$PATH $PBL facilitate promised-read --group Video"
expect_screen "the session opens" "The promised read"
keys Right
expect_screen "the video stage" "https://youtu.be/"
keys o
sleep 0.5
keys o
sleep 0.5
keys o
sleep 1.5
expect_screen "a failed opener is reported on the status line" "xdg-open failed (exit status 3)"
n=$(wc -l <"$T/bin/opened" 2>/dev/null || echo 0)
[ "$n" = 3 ] && ok "o ran the opener three times with the link" || fail "the opener ran $n times"
expect_grep "the opener got the video's link" "$T/bin/opened" "https://youtu.be/"
if screen | grep -q CRIBBLE; then
    fail "the opener cannot write over the screen"; screen | sed 's/^/#   /'
else ok "the opener cannot write over the screen"; fi
pid=$(pbl_pid)
z=$(ps -o stat= --ppid "$pid" | grep -c '^Z')
[ -n "$pid" ] && [ "$z" = 0 ] && ok "no zombie is left by o (pbl $pid)" ||
    { fail "no zombie is left by o ($z zombies of pbl '$pid')"; ps -o pid,stat,comm --ppid "$pid" | sed 's/^/#   /'; }
# an opener that is not there at all
rm -f "$T/bin/xdg-open"
cat >"$T/bin/xdg-open" <<'SH'
#!/nonexistent/interpreter
SH
chmod +x "$T/bin/xdg-open"
keys o
sleep 1.5
expect_screen "an opener that cannot run is reported" "could not open the video"
keys q y
expect_screen "q quits" "EXITED 0"

# --- q in front of the room asks first ------------------------------------------
rm -f "$DB"*
start 80 24 "$PBL facilitate promised-read --group Room"
expect_screen "a group session is up" "The promised read"
keys q
expect_screen "q on a group session asks before quitting" "Quit? The session stays resumable"
keys j
sleep 0.3
if screen | grep -q "EXITED"; then fail "another key carries on"; else ok "another key carries on"; fi
if screen | grep -qF "Quit?"; then fail "the question goes once answered"; else ok "the question goes once answered"; fi
keys q y
expect_screen "q then y quits" "EXITED 0"
st=$(sqlite3 "$DB" "select status from sessions where group_name = 'Room'")
[ "$st" = active ] && ok "the quit session stays resumable" || fail "the quit session stays resumable ($st)"

# --- the setup form: a cursor that moves; an abandoned form is not kept ---------
rm -f "$DB"*
start 80 24 "$PBL"
expect_screen "the home screen" "New group session"
keys n
expect_screen "the picker" "Pick the modules for this session"
pick_promised
expect_screen "the form" "Who is in this session?"
type_text "noon PGY2"
keys Home
type_text "Tuesday "
keys End Left Left Left Left BSpace
type_text " - "
expect_screen "Home, End, Left and Backspace edit where the cursor is" "Tuesday noon - PGY2"
keys Escape Escape
expect_screen "abandoned: back home" "New group session"
keys n
expect_screen "the picker again" "Pick the modules for this session"
if screen | grep -q "Search: *promised"; then fail "a new picker starts with an empty search"
else ok "a new picker starts with an empty search"; fi
pick_promised
expect_screen "a new form" "Who is in this session?"
if screen | grep -qF "Tuesday"; then fail "the abandoned form's values are gone"
else ok "the abandoned form's values are gone"; fi
type_text "Tuesday noon PGY2"
keys Enter Enter Enter
expect_screen "the session starts" "The promised read"
g=$(sqlite3 "$DB" "select group_name from sessions")
[ "$g" = "Tuesday noon PGY2" ] && ok "the group is stored as typed, once" ||
    fail "the group is stored as typed, once ('$g')"
keys q y
expect_screen "quit" "EXITED 0"

# --- review: its own search, and sessions recorded meanwhile --------------------
start 80 24 "$PBL"
expect_screen "home" "New group session"
keys n /
type_text "promised"
keys Enter Escape
expect_screen "home again" "New group session"
keys v
expect_screen "review" "Review recorded sessions"
if screen | grep -q "Search: *promised"; then fail "review does not inherit the picker's search"
else ok "review does not inherit the picker's search"; fi
expect_screen "the recorded session is listed" "Tuesday noon PGY2"
record() { # GROUP: a session recorded in another window
    printf 'Right\n' >"$T/rec.script"
    PBL_NO_DISPLAY=1 PBL_SCRIPT="$T/rec.script" LINES=24 COLUMNS=80 \
        "$PBL" --db "$DB" facilitate promised-read --group "$1" >/dev/null 2>&1
}
record "Meanwhile A"
sleep 6.5
expect_screen "the list reads sessions recorded meanwhile every few seconds" "Meanwhile A"
record "Meanwhile B"
keys R
sleep 0.3
if screen | grep -qF "Meanwhile B"; then ok "R reads the list again at once"
else fail "R reads the list again at once"; screen | sed 's/^/#   /'; fi
keys Escape q
expect_screen "quit from home" "EXITED 0"
