#!/bin/sh
# tests/e2e/robust_kill.sh - the real console in a real terminal (tmux),
# killed with SIGKILL at random moments of a session: at start-up, while
# moving between stages, while typing, just after Esc. After each kill:
#   - every acknowledged answer (Esc pressed, and the screen showed the
#     editor closed) is in the database, and `pbl resume` shows it;
#   - of what was typed, at most the last two seconds are missing (drafts
#     are saved at least every 2 s of typing, and on the clock tick once
#     2 s have passed);
#   - PRAGMA integrity_check says ok.
# Each round resumes the same session (or starts it, when an earlier kill
# came before it existed), goes to one of the four questions and types
# words that are unique in the whole run ("r07w12"), with the time each
# was sent, so that what is missing can be measured.
#
# sqlite3 reads with -readonly: before the first round has created the
# database, a plain sqlite3 would leave an empty file, which pbl refuses.
#
# PBL_KILL_ROUNDS sets the number of rounds (default 50; 12 under the
# sanitizers, which make each round slower and find nothing more here).
. tests/lib.sh
plan 6
command -v tmux >/dev/null || { echo "not ok - tmux is not installed"; exit 1; }
command -v sqlite3 >/dev/null || { echo "not ok - sqlite3 is not installed"; exit 1; }
ROUNDS=${PBL_KILL_ROUNDS:-50}
case ${BUILD:-build} in *asan*) ROUNDS=${PBL_KILL_ROUNDS:-12} ;; esac
SOCK="pbl-kill-$$"
tm() { tmux -L "$SOCK" "$@"; }
at_exit='tm kill-server 2>/dev/null' # run by lib.sh's trap
export LANG=C.UTF-8 LC_ALL=C.UTF-8
DB=$T/kill.db
TOL=2.5 # seconds: the 2 s draft interval, the key after it, tmux's delivery
case ${BUILD:-build} in *asan*) TOL=3.5 ;; esac

now() { date +%s.%N; }
# rand N: sets R to a number in [0, N), from awk's seeded generator (the
# seed is printed, and PBL_KILL_SEED replays a run)
SEED=${PBL_KILL_SEED:-$$}
echo "# seed $SEED"
rand() { SEED=$((SEED + 7919)); R=$(awk -v s="$SEED" -v n="$1" 'BEGIN { srand(s); print int(rand() * n) }'); }
screen() { tm capture-pane -p -t "$1" 2>/dev/null; }
# wait_screen SESSION TEXT DEADLINE: polls until TEXT shows, or the
# deadline (a time from now()) passes; 0 when it showed
wait_screen() {
    while awk -v a="$(now)" -v b="$3" 'BEGIN { exit !(a < b) }'; do
        screen "$1" | grep -qF -- "$2" && return 0
        sleep 0.05
    done
    return 1
}
past() { awk -v a="$(now)" -v b="$1" 'BEGIN { exit !(a >= b) }'; }

: >"$T/sent"  # "WORD Q TIME" for every word sent
: >"$T/acked" # "Q TEXT" for every acknowledged answer
failures=0
missed=""
worst=0
rounds_typing=0
typed_total=0
i=0
while [ $i -lt "$ROUNDS" ]; do
    i=$((i + 1))
    q=$(( (i - 1) % 4 + 1 ))
    s="k$i"
    active=$(sqlite3 -readonly "$DB" "select count(*) from sessions where status = 'active'" 2>/dev/null || echo 0)
    if [ "${active:-0}" -gt 0 ]; then cmd="resume"; else cmd="facilitate promised-read --group Kill"; fi
    # a third of the kills fall in the first second (start-up, moving),
    # the rest while typing
    rand 3
    if [ "$R" = 0 ]; then rand 1000; life=$R; else rand 3500; life=$((1000 + R)); fi
    start=$(now)
    deadline=$(awk -v a="$start" -v l="$life" 'BEGIN { printf "%.3f", a + l / 1000 }')
    tm -f /dev/null new-session -d -s "$s" -x 100 -y 30 \
        "cd '$ROOT' && PBL_DB='$DB' exec $PBL $cmd"
    tm set-option -t "$s" status off >/dev/null 2>&1
    pid=$(tm display -p -t "$s" '#{pane_pid}')
    # to the scenario (Left goes no further), then to question q
    if wait_screen "$s" "The promised read" "$deadline"; then
        tm send-keys -t "$s" Left Left Left Left Left Left Left
        k=0
        while [ $k -le "$q" ]; do tm send-keys -t "$s" Right; k=$((k + 1)); done
    fi
    # the editor will hold the answer as last saved, and this round's
    # words; a kill may have cut a word in two, so only whole words count
    base=$(sqlite3 -readonly "$DB" "select coalesce(draft, text, '') from responses where modpos = 0 and qidx = $((q - 1))" 2>/dev/null |
        tr ' \n' '\n\n' | grep -E '^r[0-9]{2}w[0-9]{2}$' | tr '\n' ' ')
    if wait_screen "$s" "Question $q of 4" "$deadline"; then
        tm send-keys -t "$s" e
        # what the editor holds now: the answer as last saved
        w=0
        typing=0
        while ! past "$deadline"; do
            if [ $typing = 0 ]; then
                wait_screen "$s" "Esc when done" "$deadline" || break
                typing=1
                # a blank first, in case the text ends in half a word
                tm send-keys -t "$s" -l " "
            fi
            w=$((w + 1))
            word=$(printf 'r%02dw%02d' "$i" "$w")
            tm send-keys -t "$s" -l "$word "
            echo "$word $q $(now)" >>"$T/sent"
            typed_total=$((typed_total + 1))
            rand 9
            if [ "$R" = 0 ]; then
                # Esc: acknowledged once the screen shows the editor closed
                tm send-keys -t "$s" Escape
                typing=0
                if wait_screen "$s" "The group's answer:" "$deadline"; then
                    t=$(awk -v r="$(printf 'r%02dw' "$i")" \
                        'index($1, r) == 1 { print $1 }' "$T/sent" | tr '\n' ' ')
                    echo "$q" $base $t >>"$T/acked"
                    tm send-keys -t "$s" e
                fi
            fi
            sleep 0.1
        done
        rounds_typing=$((rounds_typing + 1))
    fi
    while ! past "$deadline"; do sleep 0.02; done
    killtime=$(now)
    kill -9 "$pid" 2>/dev/null || missed="$missed $i"
    sleep 0.1
    tm kill-session -t "$s" 2>/dev/null

    # --- the checks --------------------------------------------------------
    [ -f "$DB" ] || continue
    bad=""
    ic=$(sqlite3 -readonly "$DB" "pragma integrity_check" 2>&1)
    [ "$ic" = ok ] || bad="integrity_check: $ic"
    for qq in 1 2 3 4; do
        stored=$(sqlite3 -readonly "$DB" "select coalesce(draft, text, '') from responses where modpos = 0 and qidx = $((qq - 1))")
        entered=$(sqlite3 -readonly "$DB" "select coalesce(text, '') from responses where modpos = 0 and qidx = $((qq - 1))")
        ack=$(awk -v q="$qq" '$1 == q { sub(/^[0-9]+ /, ""); t = $0 } END { print t }' "$T/acked")
        for wd in $ack; do
            case " $entered " in *" $wd "*) ;; *) bad="q$qq: '$wd' of the acknowledged answer is not in the database ('$entered')"; break ;; esac
        done
        # every word of this round sent more than TOL seconds before the
        # kill is stored
        r=$(printf 'r%02dw' "$i")
        for wd in $(awk -v q="$qq" -v r="$r" -v k="$killtime" -v tol=$TOL \
            '$2 == q && index($1, r) == 1 && $3 < k - tol { print $1 }' "$T/sent"); do
            case " $stored " in *" $wd "*) ;; *)
                bad="q$qq: '$wd', typed over $TOL s before the kill, is lost (sent at $(grep "^$wd " "$T/sent" | cut -d' ' -f3), killed at $killtime; stored: '$stored')"
                break ;;
            esac
        done
        # the oldest word of this round missing: how much typing was lost
        lost=$(awk -v q="$qq" -v r="$r" -v k="$killtime" -v st=" $stored " \
            '$2 == q && index($1, r) == 1 && index(st, " " $1 " ") == 0 { if (!m || $3 < m) m = $3 }
             END { if (m) printf "%.2f", k - m; else print 0 }' "$T/sent")
        worst=$(awk -v a="$worst" -v b="$lost" 'BEGIN { print (b > a) ? b : a }')
    done
    # pbl resume shows every acknowledged answer (scripted, at 60x200)
    if sqlite3 -readonly "$DB" "select count(*) from sessions" | grep -qv '^0$'; then
        {
            echo ":resize 60x200"
            echo "Left"; echo "Left"; echo "Left"; echo "Left"; echo "Left"; echo "Left"; echo "Left"
            echo "Right"; echo "Right"; echo ":dump q1"
            echo "Right"; echo ":dump q2"; echo "Right"; echo ":dump q3"; echo "Right"; echo ":dump q4"
        } >"$T/resume.script"
        rm -rf "$T/dumps" && mkdir "$T/dumps"
        if PBL_NO_DISPLAY=1 PBL_SCRIPT="$T/resume.script" PBL_DUMP_DIR="$T/dumps" LINES=24 COLUMNS=80 \
            TERM=xterm-256color PBL_DB="$DB" "$PBL" resume >"$T/resume.out" 2>&1; then
            for qq in 1 2 3 4; do
                ack=$(awk -v q="$qq" '$1 == q { sub(/^[0-9]+ /, ""); t = $0 } END { print t }' "$T/acked")
                for wd in $ack; do
                    grep -qw -- "$wd" "$T/dumps/q$qq" 2>/dev/null ||
                        { bad="pbl resume does not show '$wd' of the acknowledged answer to q$qq"; break; }
                done
            done
        else
            grep -q "No unfinished sessions" "$T/resume.out" ||
                bad="pbl resume failed: $(head -n 2 "$T/resume.out")"
        fi
    fi
    if [ -n "$bad" ]; then
        failures=$((failures + 1))
        echo "# kill $i (after $life ms, $cmd): $bad"
    fi
done
# --- a paste, then kill -9: nothing pasted is lost -------------------------
# 200 KB pasted (bracketed) while typing; once it is on screen and the
# draft interval has passed, kill -9 must find all of it in the database.
PDB=$T/paste.db
tm -f /dev/null new-session -d -s paste -x 100 -y 30 \
    "cd '$ROOT' && PBL_DB='$PDB' exec $PBL facilitate promised-read --group Paste"
tm set-option -t paste status off >/dev/null 2>&1
pid=$(tm display -p -t paste '#{pane_pid}')
python3 -c '
import sys
words = " ".join("p%d" % i for i in range(40000))
text = "\n".join(words[i:i + 700] for i in range(0, len(words), 700))
open(sys.argv[1], "w").write(text[:200000] + " PASTE-END")' "$T/paste.txt"
limit=$(awk -v a="$(now)" 'BEGIN { printf "%.3f", a + 30 }')
if wait_screen paste "The promised read" "$limit"; then
    tm send-keys -t paste Right Right
    wait_screen paste "Question 1 of 4" "$limit" && tm send-keys -t paste e
    wait_screen paste "Esc when done" "$limit" && tm send-keys -t paste -l "typed first "
    tm load-buffer "$T/paste.txt" && tm paste-buffer -p -t paste
fi
if wait_screen paste "PASTE-END" "$limit"; then
    sleep $TOL
    kill -9 "$pid" 2>/dev/null
    sleep 0.2
    case $(ps -o stat= -p "$pid" 2>/dev/null) in
    "" | Z*) ok "kill -9 after a paste killed pbl" ;;
    *) fail "kill -9 did not kill pbl ($pid)" ;;
    esac
    printf 'typed first ' >"$T/paste.want"
    cat "$T/paste.txt" >>"$T/paste.want"
    echo >>"$T/paste.want"
    sqlite3 "$PDB" "select coalesce(draft, text) from responses where modpos = 0 and qidx = 0" >"$T/paste.got"
    cmp -s "$T/paste.want" "$T/paste.got" && ok "kill -9 after a 200 KB paste: all of it is in the database" ||
        fail "kill -9 after a paste: stored $(wc -c <"$T/paste.got") bytes of $(wc -c <"$T/paste.want")"
else
    fail "the 200 KB paste never showed on screen"
fi
tm kill-session -t paste 2>/dev/null

[ $failures = 0 ] && ok "$ROUNDS kills at random moments: every acknowledged answer is stored and shown by pbl resume, integrity ok" ||
    fail "$failures of $ROUNDS kills lost an acknowledged answer or broke the database (# kill lines above)"
[ -z "$missed" ] && ok "every kill -9 found the console running" ||
    fail "kill -9 found no console to kill in rounds$missed"
n=$(wc -l <"$T/acked")
[ "$n" -ge $((ROUNDS / 10)) ] && ok "$n answers were acknowledged along the way" ||
    fail "only $n answers were acknowledged: the test hardly typed"
awk -v w="$worst" -v t=$TOL 'BEGIN { exit !(w <= t) }' &&
    ok "at most the last $worst s of typing was lost (bound: 2 s between drafts + $(awk -v t=$TOL 'BEGIN { print t - 2 }') s for the key after it and delivery)" ||
    fail "$worst s of typing was lost"
echo "# $rounds_typing rounds typed $typed_total words; the worst loss was $worst s"
