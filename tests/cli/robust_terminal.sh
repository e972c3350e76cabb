#!/bin/sh
# tests/cli/robust_terminal.sh - terminal abuse, the scripted half (the real
# terminal half is tests/e2e/robust_terminal.sh): the console driven by
# PBL_SCRIPT (PBL_NO_DISPLAY) through every window size from 1x1 to
# 300x100 while typing, CJK, emoji and combining text, a non-UTF-8 locale;
# and every console command without a terminal.
. tests/lib.sh
export PBL_NO_DISPLAY=1 LINES=24 COLUMNS=80 TERM=xterm-256color
export LANG=C.UTF-8 LC_ALL=C.UTF-8
plan 30
PY=/usr/bin/python3
[ -x $PY ] || PY=python3

# columns FILE: the widest line of a screen dump, in terminal columns
columns() {
    $PY -c '
import sys, unicodedata
def w(c):
    if unicodedata.combining(c) or c in "\u200b\u200c\u200d\ufe0f": return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1
print(max([sum(w(c) for c in l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8", errors="replace")] or [0]))' "$1"
}
# console NAME ARGS...: runs $T/NAME.script, dumps into $T/NAME/
console() {
    name=$1
    shift
    mkdir -p "$T/$name"
    PBL_SCRIPT="$T/$name.script" PBL_DUMP_DIR="$T/$name" \
        "$PBL" --db "$T/$name.db" --modules modules "$@" >"$T/out" 2>"$T/err"
    rc=$?
}

# --- every size from 1x1 to 300x100, typing between the resizes ---------------
SIZES="1x1 1x300 100x1 2x2 3x7 5x10 12x40 23x79 24x80 24x81 25x80 40x120 60x200 100x300 1x1 24x80"
{
    echo Right; echo Right; echo e
    for sz in $SIZES; do
        echo ":resize $sz"
        echo ":type w$sz "
        echo ":dump $sz"
    done
    echo Esc
} >"$T/sizes.script"
console sizes facilitate promised-read --group Sizes
expect_rc "resizing from 1x1 to 300x100 while typing: the console runs to the end" 0
bad=""
for sz in $SIZES; do
    rows=${sz%x*} cols=${sz#*x}
    [ -f "$T/sizes/$sz" ] || { bad="no dump at $sz"; break; }
    n=$(wc -l <"$T/sizes/$sz")
    w=$(columns "$T/sizes/$sz")
    if [ "$n" -gt "$rows" ] || [ "$w" -gt "$cols" ]; then
        bad="at $sz the screen is $n rows of up to $w columns"
        break
    fi
done
[ -z "$bad" ] && ok "at every size the screen fits the window" || fail "$bad"
expect_grep "below 80x24 it says how big to make the window" "$T/sizes/12x40" "make the window at least"
expect_grep "at 300x100 the typed text shows" "$T/sizes/100x300" "w1x1 w1x300 w100x1"
want=""
for sz in $SIZES; do want="${want}w$sz "; done
t=$(sqlite3 "$T/sizes.db" "select text from responses")
[ "$t" = "$want" ] && ok "nothing typed during the resizes is lost" ||
    fail "nothing typed during the resizes is lost (got '$t')"

# --- CJK, emoji, combining marks, right-to-left ------------------------------
TEXT='患者さんと家族 😀👩‍⚕️ é (e + U+0301) 한국어 שלום'
cat >"$T/wide.script" <<EOF
Right
Right
e
:type $TEXT
Enter
:type 第二行 — end
:dump typing
Esc
:dump typed
:resize 24x30
:dump narrow
:resize 24x80
EOF
console wide facilitate promised-read --group Wide
expect_rc "CJK and emoji: the console runs to the end" 0
t=$(sqlite3 "$T/wide.db" "select text from responses")
[ "$t" = "$TEXT
第二行 — end" ] && ok "CJK, emoji and combining text is stored byte for byte" ||
    fail "CJK, emoji and combining text is stored byte for byte (got '$t')"
expect_grep "CJK shows on screen" "$T/wide/typed" "患者さんと家族"
expect_grep "emoji show on screen" "$T/wide/typed" "😀"
w=$(columns "$T/wide/typed")
[ "$w" -le 80 ] && ok "wide text stays within 80 columns ($w)" || fail "wide text is $w columns wide"

# --- a locale that is not UTF-8 -----------------------------------------------
cat >"$T/c.script" <<EOF
:dump scenario
Right
Right
e
:type typed in the C locale
Esc
:dump typed
EOF
LANG=C LC_ALL=C console c facilitate promised-read --group Clocale
expect_rc "in the C locale the console runs to the end" 0
t=$(sqlite3 "$T/c.db" "select text from responses")
[ "$t" = "typed in the C locale" ] && ok "in the C locale, typing is stored" ||
    fail "in the C locale, typing is stored (got '$t')"
expect_grep "in the C locale the scenario shows" "$T/c/scenario" "Will Osei is a second-year"

# --- no terminal at all ---------------------------------------------------------
unset PBL_NO_DISPLAY
for cmd in "" "facilitate promised-read --group X" "facilitate" "resume" study review; do
    # shellcheck disable=SC2086
    "$PBL" --db "$T/noterm.db" --modules modules $cmd </dev/null >"$T/out" 2>"$T/err"
    rc=$?
    label="pbl ${cmd:-(home)}"
    if [ "$cmd" = resume ] && grep -q "No unfinished sessions" "$T/out"; then
        ok "$label without a terminal: nothing to resume, said plainly"
    elif [ $rc = 1 ] && grep -q "needs a terminal" "$T/err"; then
        ok "$label without a terminal: exit 1, 'needs a terminal'"
    else
        fail "$label without a terminal: exit $rc"
        sed 's/^/#   /' "$T/out" "$T/err" | head -n 5
    fi
    if grep -q "$(printf '\033')" "$T/out" "$T/err"; then
        fail "$label without a terminal writes no escape sequence"
    else
        ok "$label without a terminal writes no escape sequence"
    fi
done
# the terminal is checked before a session is created: no phantom session
n=$(sqlite3 "$T/noterm.db" "select count(*) from sessions" 2>/dev/null || echo 0)
[ "$n" = 0 ] && ok "without a terminal no session is created" ||
    fail "without a terminal no session is created ($n sessions)"
echo | "$PBL" --db "$T/noterm.db" --modules modules facilitate promised-read --group X >"$T/out" 2>"$T/err"
rc=$?
expect_rc "echo | pbl facilitate: exit 1" 1
expect_grep "echo | pbl facilitate: 'needs a terminal'" "$T/err" "needs a terminal"
n=$(sqlite3 "$T/noterm.db" "select count(*) from sessions" 2>/dev/null || echo 0)
[ "$n" = 0 ] && ok "echo | pbl facilitate creates no session" ||
    fail "echo | pbl facilitate creates no session ($n sessions)"
# only standard output redirected (a file), the keyboard still there: a
# terminal on standard input from script(1), whatever runs the tests
script -qec "'$PBL' --db '$T/noterm.db' --modules modules facilitate promised-read --group X >'$T/out' 2>'$T/err'; echo \$? >'$T/rc'" /dev/null >/dev/null 2>&1 </dev/null
rc=$(cat "$T/rc" 2>/dev/null)
[ "$rc" = 1 ] && grep -q "needs a terminal" "$T/err" && ok "output to a file: exit 1, 'needs a terminal'" ||
    fail "output to a file: exit $rc"
