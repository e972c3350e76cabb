#!/bin/sh
# tests/cli/session_saving.sh - quitting never says "Session saved" when
# something was not (issue 11, item 23): the real console (PBL_SCRIPT
# from a FIFO, no display) quits after its session was deleted meanwhile,
# and after the disk refused the answer being typed; each time it says
# what was not saved on standard error and exits 1. A normal quit is a
# stage boundary: the stage closes and a "quit" event is logged.
. tests/lib.sh
plan 12
command -v sqlite3 >/dev/null || { echo "ok 1 # SKIP sqlite3 is not installed"; exit 0; }
export PBL_NO_DISPLAY=1 LINES=24 COLUMNS=80 LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color

# console NAME: starts the console on a FIFO script, database $T/NAME.db
console() {
    name=$1
    DB=$T/$name.db
    rm -f "$T/keys"
    mkfifo "$T/keys"
    mkdir -p "$T/$name"
    (
        trap '' XFSZ
        PBL_SCRIPT="$T/keys" PBL_DUMP_DIR="$T/$name" exec "$PBL" --db "$DB" \
            --modules tests/fixtures/good facilitate sample-module --group Saving \
            >"$T/$name.out" 2>"$T/$name.err"
    ) &
    pid=$!
    exec 3>"$T/keys"
}
keys() { for k in "$@"; do echo "$k" >&3; done; }
sync_on() {
    keys ":dump $1"
    i=0
    while [ ! -s "$T/$name/$1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    [ -s "$T/$name/$1" ]
}
quit() {
    keys Esc q
    exec 3>&-
    wait $pid
    rc=$?
}

# --- a normal quit: saved, and a stage boundary -----------------------------
console normal
keys Right Right e ":type An answer" Esc e ":type , and more"
sync_on typed || fail "the console runs from a FIFO script"
quit
expect_rc "a normal quit exits 0" 0
expect_grep "a normal quit says the session is saved" "$T/normal.out" "Session saved"
n=$(sqlite3 "$DB" "select count(*) from stage_timings where left_at is null")
[ "$n" = 0 ] && ok "quitting closes the open stage" || fail "quitting closes the open stage ($n open)"
n=$(sqlite3 "$DB" "select count(*) from events where type = 'quit'")
[ "$n" = 1 ] && ok "the quit is logged" || fail "the quit is logged ($n)"
d=$(sqlite3 "$DB" "select coalesce(draft, text) from responses")
[ "$d" = "An answer, and more" ] && ok "the answer is saved" || fail "draft: $d"

# --- the session deleted meanwhile (as review in another window does) -------
console deleted
keys Right Right e ":type Typed after the deletion"
sync_on typed || fail "the console runs from a FIFO script"
sqlite3 "$DB" "pragma foreign_keys = on; delete from sessions"
quit
expect_rc "quitting a session deleted meanwhile exits 1" 1
expect_no_grep "it does not say the session is saved" "$T/deleted.out" "Session saved"
expect_grep "it says what was not saved" "$T/deleted.err" "was deleted meanwhile: nothing of it is kept"
n=$(sqlite3 "$DB" "select count(*) from sessions")
[ "$n" = 0 ] && ok "the deleted session stays deleted" || fail "sessions: $n"

# --- the disk refuses the answer being typed -----------------------------------
if command -v prlimit >/dev/null; then
    console full
    keys Right Right
    sync_on ready || fail "the console runs from a FIFO script"
    wal=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
    if [ "$wal" -lt 8192 ]; then
        echo "ok # SKIP the write-ahead log is too small ($wal bytes) to set a limit below it"
        quit
    else
        prlimit --pid $pid --fsize="$wal:unlimited" || fail "prlimit works on the console"
        keys e ":type Typed while the disk refuses"
        sync_on refused
        quit
        expect_rc "quitting when the draft cannot be saved exits 1" 1
        expect_no_grep "it does not say the session is saved" "$T/full.out" "Session saved"
        expect_grep "it names the answer not saved" "$T/full.err" \
            "not saved: the answer typed on question 1 of module 1"
    fi
else
    echo "ok # SKIP prlimit (util-linux) is not installed"
fi
