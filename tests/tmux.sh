# tests/tmux.sh - driving the real console in tmux, for the end-to-end
# tests. Source it after tests/lib.sh; set DB first.
#
#   start W H CMD      a fresh tmux server and session of W x H running CMD
#                      in the repository, with PBL_DB=$DB
#   screen             what the screen shows now
#   wait_for TEXT      polls the screen for up to 5 s
#   expect_screen DESC TEXT
#   keys KEY...        tmux send-keys (key names), then a short pause
#   type_text TEXT     tmux send-keys -l (literal text)
#   kill_pbl           SIGKILL to the program running in the pane (the
#                      shell's child), then waits for it to be gone
command -v tmux >/dev/null || { echo "not ok - tmux is not installed"; exit 1; }
n_start=0
SOCK="pbl-e2e-$$-0"
tm() { tmux -L "$SOCK" "$@"; }
at_exit='tm kill-server 2>/dev/null' # run by lib.sh's trap
export LANG=C.UTF-8 LC_ALL=C.UTF-8

start() {
    tm kill-server 2>/dev/null
    n_start=$((n_start + 1))
    SOCK="pbl-e2e-$$-$n_start" # a new server each time: no race with the old
    tm -f /dev/null new-session -d -s e2e -x "$1" -y "$2" \
        "cd '$ROOT' && export PBL_DB='$DB' && $3; echo EXITED \$?; sleep 60"
    tm set-option -t e2e status off >/dev/null
}
screen() { tm capture-pane -p -t e2e; }
wait_for() {
    i=0
    while [ $i -lt 50 ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
expect_screen() {
    if wait_for "$2"; then ok "$1"; else
        fail "$1 (no '$2' on screen)"; screen | sed 's/^/#   /'; fi
}
# check_layout DESC [TODO]: the screen now passes tests/screens/layout.py
# at the window's size (see expect_layout in tests/lib.sh)
check_layout() {
    screen >"$T/layout.screen"
    expect_layout "$1" "$T/layout.screen" \
        "$(tm display -p -t e2e '#{window_width}x#{window_height}')" "${2:-}"
}
keys() { tm send-keys -t e2e "$@"; sleep 0.15; }
type_text() { tm send-keys -t e2e -l "$1"; sleep 0.2; }
kill_pbl() {
    _shell=$(tm display -p -t e2e '#{pane_pid}')
    _pid=$(pgrep -P "$_shell" | head -n 1)
    [ -n "$_pid" ] && kill -9 "$_pid"
    wait_for "EXITED"
}
