#!/bin/sh
# tests/e2e/console.sh - the real binary in a real terminal (tmux): a full
# session through two modules, the screen at 80x24 and 200x50, a resize
# mid-typing, NO_COLOR, kill -9 and resume, SIGTERM and the terminal modes.
# Every check reads the screen (capture-pane) or the database (sqlite3).
. tests/lib.sh
DB="$T/e2e.db"
. tests/tmux.sh
plan 59

# --- a full session through two modules, at 80x24 --------------------------
start 80 24 "$PBL facilitate promised-read emergent-lp --group 'Team Rad'"
expect_screen "the session opens on the scenario" "The promised read"
expect_screen "the status line says where we are" "1/2 · Scenario · Team Rad"
screen >"$T/scenario-80.txt"
wide=$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$T/scenario-80.txt")
[ "$wide" -le 80 ] && ok "nothing is drawn past 80 columns" || fail "width $wide"
check_layout "the scenario at 80x24: nothing cut or overlapping"
keys Right
expect_screen "the video stage shows the link" "https://youtu.be/r0wWDJvIgVM"
expect_screen "the video stage shows a QR code" "▀"
keys Right
expect_screen "question 1 is shown" "Who is/are the customer(s)?"
if screen | grep -qF "Model answer"; then fail "nothing of the model answer before reveal"
else ok "nothing of the model answer before reveal"; fi
keys e
type_text "The medicine resident and the trauma team"
keys Escape 1 2
expect_screen "the typed answer is on screen" "The medicine resident and the trauma team"
expect_screen "tagged skills are marked" "✔1 reliability"
check_layout "a question at 80x24: nothing cut or overlapping"
keys r
expect_screen "reveal shows the model answer" "Model answer"
keys f
expect_screen "f shows the facilitator notes" "Facilitator notes"
keys Right
if screen | grep -qF "Facilitator notes"; then fail "notes vanish on the next stage"
else ok "notes vanish on the next stage"; fi
keys e
type_text "Reliability"
keys Escape 1 Right Right Right
expect_screen "on to the second module" "2/2 · Scenario"
keys Right Right e
type_text "The patient and the family"
keys Escape 4 r Right Right Right
keys Right
expect_screen "the summary lists the modules" "1. The promised read"
expect_screen "the summary shows skills missed" "skills missed"
check_layout "the summary at 80x24: nothing cut or overlapping"
keys x
expect_screen "x asks where to export" "Export as md"
keys Tab Tab Tab C-u
type_text "$T/notes.html"
keys Enter
expect_screen "the export is confirmed" "exported to $T/notes.html"
grep -q "The medicine resident and the trauma team" "$T/notes.html" &&
    ok "the exported page holds the answers" || fail "the exported page holds the answers"
keys x
keys Tab Tab Tab Tab
expect_screen "Tab reaches xlsx, the name's extension with it" "Export as xlsx (Tab: format) to: pbl-session-"
expect_screen "the proposed file ends in .xlsx" ".xlsx"
keys C-u
type_text "$T/notes.xlsx"
keys Enter
expect_screen "the workbook export is confirmed" "exported to $T/notes.xlsx"
[ "$(head -c 2 "$T/notes.xlsx")" = PK ] &&
    ok "the workbook is a zip file" || fail "the workbook is a zip file"
expect_screen "the summary is still drawn (the workbook went to the file)" "1. The promised read"
keys q y
expect_screen "quitting says how to resume" "pbl resume"
n=$(sqlite3 "$DB" "select count(*) from responses where text is not null")
[ "$n" = 3 ] && ok "three answers are in the database" || fail "answers in the database: $n"
s=$(sqlite3 "$DB" "select skills from responses where modpos=0 and qidx=0")
[ "$s" = 3 ] && ok "the skill tags are in the database" || fail "skills: $s"
r=$(sqlite3 "$DB" "select count(*) from responses where revealed_at is not null")
[ "$r" = 2 ] && ok "the reveals are in the database" || fail "reveals: $r"
t=$(sqlite3 "$DB" "select text from responses where modpos=1 and qidx=0")
[ "$t" = "The patient and the family" ] && ok "the second module's answer is stored" || fail "got: $t"
st=$(sqlite3 "$DB" "select count(*) from stage_timings")
[ "$st" -ge 10 ] && ok "time per stage is recorded" || fail "stage timings: $st"

# --- 200x50, help, resume ---------------------------------------------------
start 200 50 "$PBL resume"
expect_screen "pbl resume continues where the session stopped" "Session summary"
keys Left Left Left Left
expect_screen "at 200 columns the model answer sits beside the answer" "Model answer"
line=$(screen | grep -F "The group's answer" | head -n 1)
case "$line" in *"Model answer"*) ok "the reveal is side by side when wide" ;;
*) fail "the reveal is side by side when wide ($line)" ;; esac
keys '?'
expect_screen "? lists the keys of the screen" "reveal or hide the model answer"
keys Escape q y

# --- shrink to 20x10 and back while typing ----------------------------------
rm -f "$DB"*
start 80 24 "$PBL facilitate promised-read --group Shrink"
expect_screen "the console is up" "The promised read"
keys Right Right e
type_text "before "
tm resize-window -t e2e -x 20 -y 10
expect_screen "a small window says how big to make it" "make the window"
type_text "during "
tm resize-window -t e2e -x 80 -y 24
expect_screen "the text typed while small is there after" "before during"
type_text "after"
keys Escape
expect_screen "typing goes on after the resize" "before during after"
keys q y
sleep 0.3
t=$(sqlite3 "$DB" "select text from responses")
[ "$t" = "before during after" ] && ok "nothing typed was lost in the resize" || fail "got: $t"

# --- NO_COLOR ---------------------------------------------------------------
start 80 24 "NO_COLOR=1 $PBL facilitate promised-read --group Mono"
expect_screen "NO_COLOR starts" "The promised read"
if tm capture-pane -e -p -t e2e | grep -q "$(printf '\033')\[\([0-9;]*;\)\?\(3[0-8]\|4[0-8]\|9[0-7]\|10[0-7]\)[;m]"; then
    fail "NO_COLOR shows no colour sequences"
    tm capture-pane -e -p -t e2e | grep "$(printf '\033')\[" | head -3 | cat -v | sed 's/^/#   /'
else ok "NO_COLOR shows no colour sequences"; fi
keys q y
start 80 24 "$PBL facilitate promised-read --group Colour"
expect_screen "the default theme starts" "The promised read"
if tm capture-pane -e -p -t e2e | grep -q "$(printf '\033')\[\([0-9;]*;\)\?3[0-7][;m]"; then
    ok "the default theme uses colour"; else fail "the default theme uses colour"; fi
keys q y

# --- kill -9 mid-typing, then resume -----------------------------------------
rm -f "$DB"*
start 80 24 "$PBL facilitate promised-read --group Crash"
expect_screen "the console is up" "The promised read"
keys Right Right e
type_text "typed before the crash"
sleep 3.5 # the draft is saved at least every two seconds
check "pkill -9 found the console to kill" pkill -9 -f "^$PBL facilitate promised-read --group Crash"
expect_screen "kill -9 ended the console" "EXITED 137"
d=$(sqlite3 "$DB" "select draft from responses")
[ "$d" = "typed before the crash" ] && ok "the draft survived kill -9" || fail "draft: $d"
start 80 24 "$PBL resume"
expect_screen "pbl resume shows the draft after kill -9" "typed before the crash"
keys q y

# --- SIGTERM restores the terminal ------------------------------------------
start 80 24 "stty -a > '$T/stty-before'; $PBL facilitate promised-read --group Term; stty -a > '$T/stty-after'"
expect_screen "the console is up" "The promised read"
check "pkill -TERM found the console" pkill -TERM -f "^$PBL facilitate promised-read --group Term"
expect_screen "SIGTERM ends the console" "EXITED"
expect_same "SIGTERM leaves the terminal modes as they were" "$T/stty-before" "$T/stty-after"
st=$(sqlite3 "$DB" "select status from sessions where group_name='Term'")
[ "$st" = active ] && ok "a session ended by SIGTERM stays resumable" || fail "status: $st"

# --- a crash restores the terminal too ---------------------------------------
start 80 24 "stty -a > '$T/stty-before2'; $PBL facilitate promised-read --group Segv; stty -a > '$T/stty-after2'"
expect_screen "the console is up again" "The promised read"
check "pkill -SEGV found the console" pkill -SEGV -f "^$PBL facilitate promised-read --group Segv"
expect_screen "a crash ends the console" "Segmentation fault"
expect_same "a crash leaves the terminal modes as they were" "$T/stty-before2" "$T/stty-after2"
