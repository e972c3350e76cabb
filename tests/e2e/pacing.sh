#!/bin/sh
# tests/e2e/pacing.sh - the session plan in a real terminal (issue 14): the
# picker's planned minutes and total, the target length typed on the form
# (and stored), and the status line once the session is behind its plan;
# a module's local video file, opened with PBL_OPENER as one argument;
# the opening and closing stages chosen on the form (in the report, not in
# a module's stage times in the exports); A, all the answers;
# the parking lot carried into the group's next session, on its first stage.
. tests/lib.sh
DB="$T/e2e.db"
. tests/tmux.sh
plan 39
export PBL_NOW=2026-01-05T09:00:00Z

start 80 24 "$PBL facilitate"
expect_screen "the picker shows the plan against the default target" "Plan 0 of 60 min"
keys /
type_text "promised"
keys Enter
expect_screen "the search finds the module" "promised-read"
row=$(screen | grep -F "promised-read" | grep -oE '[0-9]+ min *$' | grep -oE '^[0-9]+')
[ -n "$row" ] && ok "the module's row ends with its planned minutes ($row)" ||
    fail "the module's row ends with its planned minutes"
keys Space
expect_screen "the total adds the module picked" "Plan $row of 60 min"
keys Enter
expect_screen "the form asks for the target length" "Target length in minutes (60 when empty)"
type_text "Pace"
keys Tab Tab Tab
type_text "15"
keys Enter
expect_screen "the session starts" "1/1 · Scenario · Pace"
if screen | grep -qF "behind plan"; then fail "not behind the plan at the start"
else ok "not behind the plan at the start"; fi
keys q y
wait_for "EXITED"
t=$(sqlite3 "$DB" "select target_minutes, frame from sessions")
[ "$t" = "15|0" ] && ok "the target length is stored" || fail "the target length is stored ($t)"

# ten minutes were spent on the scenario (planned: 5) in an earlier sitting
sqlite3 "$DB" "update stage_timings set entered_at = '2026-01-05T08:50:00Z'
    where stage = 'scenario'"
start 80 24 "$PBL resume"
expect_screen "resumed, the status line says the session is behind" "5 min behind plan"
check_layout "the status line at 80x24: nothing cut or overlapping"

# --- a local video file: shown beside the link, `o` opens the file ----------
mkdir -p "$T/bin"
cat >"$T/bin/opener" <<'SH'
#!/bin/sh
printf '%s\n' "$#" "$@" >>"${0%/*}/opened"
SH
chmod +x "$T/bin/opener"
rm -f "$DB"*
start 80 24 "PBL_OPENER='$T/bin/opener' $PBL --modules tests/screens/video-modules facilitate local-video --group Offline"
expect_screen "the scenario shows its own time box" "03:00 left"
keys Right
expect_screen "the video stage shows the file beside the link" "File: videos/offline-room.mp4"
keys o
expect_screen "o says it opens the file" "opening the video file"
sleep 0.5
printf '1\ntests/screens/video-modules/videos/offline-room.mp4\n' >"$T/want-opened"
expect_same "the opener got the file's path as its one argument" "$T/want-opened" "$T/bin/opened"
keys q y
wait_for "EXITED"
p=$(sqlite3 "$DB" "select stage, planned_minutes from stage_timings order by id")
[ "$p" = "scenario|3
video|2" ] && ok "the scenario's and the video's boxes are recorded with their visits" ||
    fail "the boxes recorded with the visits ($p)"

# --- the frame: chosen on the form, an opening and a closing stage ----------
rm -f "$DB"*
start 80 24 "$PBL --modules tests/screens/video-modules facilitate local-video"
expect_screen "the form is up" "Group name (required)"
type_text "Framed"
keys Tab Tab Tab Tab Space
expect_screen "the frame is ticked on the form" "[x] Open with the five skills"
keys Enter
expect_screen "the session opens with the opening slide" "What customer service is"
keys Right Right Right e
type_text "Everyone in the offline room"
keys Escape A
expect_screen "A on the last question: the overview" "All answers: The offline room"
expect_screen "the overview shows the group's answer" "Everyone in the offline room"
expect_screen "the overview shows the model answer" "The group in the room."
keys q Right
expect_screen "the closing slide follows the last question" "Final discussion"
keys q y
wait_for "EXITED"
a=$(sqlite3 "$DB" "select text from responses where qidx = 0")
[ "$a" = "Everyone in the offline room" ] && ok "the answer shown in the overview is the one stored" ||
    fail "the answer shown in the overview is the one stored ($a)"
p=$(sqlite3 "$DB" "select frame, (select group_concat(stage, ' ') from (select stage from stage_timings order by id)) from sessions")
[ "$p" = "3|opening scenario video q1 closing" ] && ok "the frame and its stages are in the database" ||
    fail "the frame and its stages are in the database ($p)"
# the frame's stages are the session's, not a module's: the exports leave
# them out of the module's stage times; the report ranks them first and last
j=$(PBL_DB="$DB" "$PBL" export --format json | python3 -c 'import json, sys
d = json.load(sys.stdin)
print(" ".join(t["stage"] for t in d["sessions"][0]["modules"][0]["stages"]))')
[ "$j" = "scenario video q1" ] && ok "the JSON export's module stages leave the frame out" ||
    fail "the JSON export's module stages leave the frame out ($j)"
m=$(PBL_DB="$DB" "$PBL" export | grep -E '^\| (opening|scenario|video|q1|closing) ' | cut -d' ' -f2 | tr '\n' ' ')
[ "$m" = "scenario video q1 " ] && ok "the Markdown export's module stages leave the frame out" ||
    fail "the Markdown export's module stages leave the frame out ($m)"
r=$(PBL_DB="$DB" "$PBL" report 2>/dev/null | sed -n '/^Time per stage/,/^$/p' | awk 'NR > 2 && NF { print $1 }' | tr '\n' ' ')
[ "$r" = "opening scenario video q1 closing " ] && ok "the report times the frame's stages, opening first and closing last" ||
    fail "the report times the frame's stages, opening first and closing last ($r)"

# --- the parking lot carried over: on the next session's first stage -------
rm -f "$DB"*
start 80 24 "$PBL facilitate promised-read --group Carriers"
expect_screen "the first session starts" "1/1 · Scenario · Carriers"
keys p
type_text "Who answers the reading-room phone at night?"
keys Enter q y
wait_for "EXITED"
start 80 24 "$PBL facilitate emergent-lp --group Carriers"
expect_screen "the next session shows what the group parked, at its start" \
    "• Who answers the reading-room phone at night?"
n=$(sqlite3 "$DB" "select count(*) from parking p join sessions s on s.id = p.session_id
    where s.group_name = 'Carriers' and p.resolved_at is null")
[ "$n" = 1 ] && ok "the item is still open in the database, raised in the first session" ||
    fail "the item is still open in the database ($n)"

# --- patient identifiers on pacing's projected screens (people's guard) ----
# The group's answers together (A), the closing slide's parking lot, the
# items carried over on the next session's opening slide or first stage:
# hidden as the question's answer is, until v y (phi_guard.c).
phi_run() { # SCRIPT: runs tests/cli/SCRIPT.script, dumps into $T/phi
    mkdir -p "$T/phi"
    PBL_NO_DISPLAY=1 PBL_SCRIPT="tests/cli/$1.script" PBL_DUMP_DIR="$T/phi" \
        "$PBL" --db "$T/phi.db" --modules tests/screens/video-modules \
        facilitate --group Wards >"$T/phi.out" 2>&1 ||
        fail "$1 runs to its end ($(cat "$T/phi.out"))"
}
HIDDEN='[identifier hidden: v shows]'
phi_run phi_frame
phi_run phi_carried
phi_run phi_carried_first
for d in phi-answers:"call $HIDDEN re the plan" \
    phi-answers-shown:"call 415-555-0134 re the plan" \
    phi-closing:"• $HIDDEN follow-up" \
    phi-closing-shown:"• MRN 00482913 follow-up" \
    phi-carried-opening:"• $HIDDEN follow-up" \
    phi-carried-opening-shown:"• MRN 00482913 follow-up" \
    phi-carried-first:"• $HIDDEN follow-up" \
    phi-carried-first-shown:"• MRN 00482913 follow-up"; do
    name=${d%%:*} want=${d#*:}
    grep -qF -- "$want" "$T/phi/$name" && ok "$name shows '$want'" ||
        fail "$name shows '$want'"
done
bare=$(cd "$T/phi" && grep -lE '415-555-0134|00482913' phi-answers phi-closing \
    phi-carried-opening phi-carried-first)
[ -z "$bare" ] && ok "no identifier on a projected screen before v y" ||
    fail "no identifier on a projected screen before v y ($bare)"
