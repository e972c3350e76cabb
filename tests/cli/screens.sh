#!/bin/sh
# tests/cli/screens.sh - deterministic screen tests in the manner of tig's:
# each tests/screens/NAME.script feeds keys to the console (PBL_SCRIPT),
# which draws to /dev/null (PBL_NO_DISPLAY) at 80x24 with a fixed clock;
# every ":dump X" must equal tests/screens/expected/X (diff -u).
# PBL_UPDATE_SCREENS=1 rewrites the expected dumps after a deliberate change.
. tests/lib.sh
# one "runs to its end" per script, one per :dump, and the 22 checks of
# the database at the end
plan $(($(ls tests/screens/*.script | wc -l) + $(cat tests/screens/*.script | grep -c '^:dump ') + 22))
S=tests/screens
export PBL_NO_DISPLAY=1 PBL_NOW=2026-01-05T09:00:00Z LINES=24 COLUMNS=80
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
screen_run() { # NAME ARGS...: runs a script, dumps into $T/NAME
    name=$1; shift
    mkdir -p "$T/$name"
    PBL_SCRIPT="$S/$name.script" PBL_DUMP_DIR="$T/$name" \
        "$PBL" --db "$T/$name.db" --modules "${MODS:-tests/fixtures/good}" "$@" \
        >"$T/$name.out" 2>"$T/$name.err"
    rc=$?
    expect_rc "$name script runs to its end" 0
    for want in $(grep '^:dump ' "$S/$name.script" | cut -c7-); do
        # the scratch folder's name and the UUIDs differ each run
        sed -i -e "s|$T|\$T|g" -e 's/[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}/UUID/g' \
            "$T/$name/$want" 2>/dev/null
        if [ "${PBL_UPDATE_SCREENS:-}" = 1 ]; then # exactly 1
            cp "$T/$name/$want" "$S/expected/$want"
        fi
        expect_same "screen $want" "$S/expected/$want" "$T/$name/$want"
    done
}
screen_run session facilitate sample-module --group Tuesday
screen_run home
screen_run summary facilitate sample-module --group Columns
screen_run resize facilitate sample-module --group Resizers
screen_run study study
screen_run library
# long names and long skill lists, in a library of their own
MODS=tests/screens/long-modules screen_run long facilitate an-identifier-longer-than-its-column \
    --group "The night-float residents of the second and third year, together"
MODS=tests/screens/long-modules screen_run long-study study
screen_run scroll facilitate sample-module --group Scrollers
# a day later the module given up in study.script is due (spaced revisit)
cp "$T/study.db" "$T/study-due.db"
PBL_NOW=2026-01-06T09:00:00Z
screen_run study-due study
PBL_NOW=2026-01-05T09:00:00Z
# --resident is for this run only: the remembered name stays; w switches
cp "$T/study.db" "$T/study-flag.db"
screen_run study-flag study --resident Ben
who=$(sqlite3 "$T/study-flag.db" "select value from settings where key='resident'")
[ "$who" = "Ana Rivera" ] && ok "--resident leaves the remembered name alone" ||
    fail "--resident leaves the remembered name alone ($who)"
cp "$T/study-flag.db" "$T/study-switch.db"
screen_run study-switch study
who=$(sqlite3 "$T/study-switch.db" "select value from settings where key='resident'")
[ "$who" = "Chen Li" ] && ok "w on the picker remembers the new name" ||
    fail "w on the picker remembers the new name ($who)"
cp "$T/study-flag.db" "$T/study-remember.db"
screen_run study-remember study --resident ' Ben ' --remember
who=$(sqlite3 "$T/study-remember.db" "select value from settings where key='resident'")
[ "$who" = "Ben" ] && ok "--remember makes --resident the default" ||
    fail "--remember makes --resident the default ($who)"
run "$PBL" --db "$T/study-remember.db" study --remember
expect_rc "--remember without --resident is a usage error" 2
# the session plan: minutes per module, the target, behind the plan
screen_run plan facilitate --group Planners
# a module with a local video file, in a library of its own
MODS=tests/screens/video-modules screen_run video facilitate local-video --group Offline
# the workshop's frame: an opening and a closing stage, chosen on the form;
# the group's next session opens with what it parked
MODS=tests/screens/video-modules screen_run frame facilitate --group Framers
cp "$T/frame.db" "$T/frame-carried.db"
MODS=tests/screens/video-modules screen_run frame-carried facilitate --group Framers
# Tuesday's next session opens with what it parked in session.script
cp "$T/session.db" "$T/carried.db"
screen_run carried facilitate minimal --group Tuesday
# the all-answers overview of a module (A on its last question)
screen_run answers facilitate sample-module --group Answers
# review the group session recorded by the first script (its database)
cp "$T/session.db" "$T/review.db"
screen_run review review
# the picker shows a module's answers only to a group that has done it
cp "$T/session.db" "$T/pickgroup.db"
screen_run pickgroup facilitate --group Tuesday
# widths are display columns: accented and CJK titles and names
screen_run widths --modules tests/screens/modules facilitate
screen_run widths-study --modules tests/screens/modules study --resident 'Zoë 患者'
for g in 'Équipe de nuit Núñez' '患者の家族の会' 'Plain group'; do
    printf 'Right\n' >"$T/w.script"
    PBL_SCRIPT="$T/w.script" "$PBL" --db "$T/widths-review.db" --modules tests/fixtures/good \
        facilitate sample-module --group "$g" >/dev/null 2>&1
done
screen_run widths-review review
cp "$T/session.db" "$T/review-find.db"
screen_run review-find review
# the carried session resolved the item session.script parked (as a sync
# from a machine that did so brings it): its review's P overlay lists it
cp "$T/carried.db" "$T/review-carried.db"
sqlite3 "$T/review-carried.db" "UPDATE parking SET resolved_at = '2026-01-05T09:30:00Z',
    resolved_session_id = (SELECT max(id) FROM sessions)"
screen_run review-carried review
p=$(sqlite3 "$T/review-carried.db" "select resolved_at is not null,
    resolved_session_id = (select max(id) from sessions) from parking")
[ "$p" = "1|1" ] && ok "Space twice in the overlay leaves the item resolved in that session" ||
    fail "Space twice in the overlay leaves the item resolved in that session ($p)"
# the home screen's hub line: the last sync in local time, like the rest
"$PBL" --db "$T/home-hub.db" db set hub "postgresql:///pbl?host=/nowhere" >/dev/null
sqlite3 "$T/home-hub.db" "INSERT INTO settings(key, value)
    VALUES ('hub.last_sync', '2026-01-05T08:01:00Z')"
tz_was=${TZ-unset}
export TZ=HST10
screen_run home-hub
if [ "$tz_was" = unset ]; then unset TZ; else TZ=$tz_was; fi
# what the screens showed is what was stored
a=$(sqlite3 "$T/session.db" "select text from responses where qidx=0")
[ "$a" = "The medicine resident, and the trauma team — 患者 too.
Second line." ] && ok "the typed answer is stored" || fail "the typed answer is stored ($a)"
s=$(sqlite3 "$T/session.db" "select skills, points, revealed_at is not null from responses where qidx=0")
[ "$s" = "5|2|1" ] && ok "tags, points and reveal are stored" || fail "tags, points and reveal are stored ($s)"
c=$(sqlite3 "$T/session.db" "select customers from responses where qidx=0")
[ "$c" = 1 ] && ok "the customer marked as named is stored" || fail "the customer marked as named is stored ($c)"
# the mark shows in every export
for f in md json csv html; do
    "$PBL" --db "$T/session.db" export --all -f $f >"$T/export.$f" 2>&1
done
expect_grep "Markdown export: customers named" "$T/export.md" "**Customers named:** internal medicine resident"
expect_grep "JSON export: customers named" "$T/export.json" '"customers_named":["internal medicine resident"]'
expect_grep "CSV export: customers named" "$T/export.csv" ",internal medicine resident"
expect_grep "HTML export: customers named" "$T/export.html" "<b>Customers named:</b> internal medicine resident"
expect_grep "review: the customer marked" "tests/screens/expected/review-view-2" "[x] internal medicine resident"
p=$(sqlite3 "$T/session.db" "select text from parking")
[ "$p" = "Who pages the medicine team overnight?" ] && ok "the parking lot is stored" || fail "parking lot ($p)"
g=$(sqlite3 "$T/study.db" "select qidx, gave_up, coalesce(rating, '-') from responses order by qidx")
[ "$g" = "0|0|got
1|1|-" ] && ok "G asks on an answered question; give-up and rating exclude each other" ||
    fail "give-up and rating ($g)"
st=$(sqlite3 "$T/session.db" "select status from sessions")
[ "$st" = finished ] && ok "F finishes the session" || fail "F finishes the session ($st)"
l=$(sqlite3 "$T/scroll.db" "select text from responses where qidx=0")
[ "$l" = "$(sed 's/\t/    /; s/\x1b//g' tests/screens/long-answer.txt)" ] &&
    ok "the pasted answer is stored, the tab as spaces, without Esc" ||
    fail "the pasted answer is stored ($l)"
r=$(sqlite3 "$T/resize.db" "select coalesce(text, draft) from responses")
[ "$r" = "Typed before the shrink. Typed while small." ] && ok "nothing typed is lost while resizing" ||
    fail "nothing typed is lost while resizing ($r)"
p=$(sqlite3 "$T/plan.db" "select target_minutes, frame from sessions")
[ "$p" = "45|3" ] && ok "the form's target length and frame are stored" ||
    fail "the form's target length and frame are stored ($p)"
p=$(sqlite3 "$T/session.db" "select target_minutes from sessions")
[ "$p" = 60 ] && ok "a session started from the command line plans 60 minutes" ||
    fail "a session started from the command line plans 60 minutes ($p)"
p=$(sqlite3 "$T/frame.db" "select group_concat(stage, ' ') from (select stage from stage_timings order by id)")
[ "$p" = "opening scenario video q1 closing summary" ] &&
    ok "the opening and closing stages are recorded like the others" ||
    fail "the opening and closing stages are recorded like the others ($p)"
"$PBL" --db "$T/frame.db" export --all -f json >"$T/frame.json" 2>&1
if grep -q '"stage":"opening"\|"stage":"closing"' "$T/frame.json"; then
    fail "the export does not count the frame as a module's stage"
else ok "the export does not count the frame as a module's stage"; fi
