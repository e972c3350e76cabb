#!/bin/sh
# tests/e2e/screens.sh - screen behaviour a person meets in a real terminal
# (tmux), checked on the screen and in the database: `o` opens the video
# detached and reaped; the review list, the setup form and quitting.
. tests/lib.sh
DB="$T/e2e.db"
. tests/tmux.sh

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
keys q
expect_screen "q quits" "EXITED 0"
