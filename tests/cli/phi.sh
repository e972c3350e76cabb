#!/bin/sh
# tests/cli/phi.sh - patient identifiers leave the building masked: every
# export format writes "[identifier removed]" for what looks like a phone
# number, a record number or an email in answers, parking-lot items and
# review comments, and says how many it masked; --unmasked keeps them;
# `pbl db set phi-patterns FILE` adds a program's own patterns (checked
# first) and every export then masks those too. The console warns when
# such text is entered and hides it on the projected question screen
# until v and y show it. (Markdown writes the
# brackets escaped, "\[identifier removed\]".)
. tests/lib.sh
plan 31
export PBL_NO_DISPLAY=1 PBL_NOW=2026-01-05T09:00:00Z LINES=24 COLUMNS=80
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
DB=$T/phi.db
PBL_SCRIPT=tests/cli/names.script "$PBL" --db "$DB" --modules tests/fixtures/good \
    facilitate sample-module --group Tuesday >/dev/null 2>&1
sid=$(sqlite3 "$DB" "select id from sessions")
sqlite3 "$DB" "update responses set text = 'call 415-555-0134 about MRN 00482913; eGFR 30 at 14:15';
  insert into parking(session_id, text, raised_at) values ($sid, 'ask jane.doe@example.org, PGY2', '2026-01-05T09:00:00Z');
  insert into review_comments(session_id, text, created_at) values ($sid, 'ward H123456 next time', '2026-01-05T09:00:00Z')"

for f in md csv json html; do
    run "$PBL" --db "$DB" export -f $f
    expect_no_grep "export -f $f: no phone number" "$T/out" "415-555-0134"
    expect_grep "export -f $f: masked in its place" "$T/out" "identifier removed"
done
run "$PBL" --db "$DB" export -f md
expect_grep "the export says how many it masked" "$T/err" "pbl: 3 patient identifiers masked as [identifier removed] (--unmasked keeps them)"
expect_grep "an answer keeps what is not an identifier" "$T/out" "eGFR 30 at 14:15"
expect_grep "a parking-lot item is masked" "$T/out" "ask \\[identifier removed\\], PGY2"
run "$PBL" --db "$DB" export -f md --unmasked
expect_grep "--unmasked keeps them" "$T/out" "call 415-555-0134 about MRN 00482913"
expect_no_grep "and says nothing of masking" "$T/err" "masked"
n=$(sqlite3 "$DB" "select count(*) from responses where text like '%415-555-0134%'")
[ "$n" = 1 ] && ok "the database keeps the text as typed" || fail "the database keeps the text as typed ($n)"
run "$PBL" --db "$DB" report --unmasked
expect_rc "report --unmasked is a usage error" 2

printf 'ward (H[0-9]{6}\n' >"$T/bad.txt"
run "$PBL" --db "$DB" db set phi-patterns "$T/bad.txt"
expect_rc "a pattern that does not compile is refused" 1
expect_grep "naming the line" "$T/err" "bad.txt: line 1: pattern"
printf '# our ward numbers\nward H[0-9]{6}\n' >"$T/good.txt"
run "$PBL" --db "$DB" db set phi-patterns "$T/good.txt"
expect_rc "db set phi-patterns" 0
run "$PBL" --db "$DB" export -f md
expect_grep "a comment is masked by the program's own pattern" "$T/out" "ward \\[identifier removed\\] next time"
run "$PBL" --db "$DB" db set nonsense x
expect_rc "an unknown setting is a usage error" 2

# the console: warned as entered, hidden until v y
mkdir -p "$T/dumps"
PBL_SCRIPT=tests/cli/phi_console.script PBL_DUMP_DIR="$T/dumps" \
    "$PBL" --db "$T/console.db" --modules tests/fixtures/good facilitate \
    sample-module --group Tuesday >"$T/out" 2>"$T/err"
rc=$?
expect_rc "the console script runs to its end" 0
expect_grep "an answer with a phone number is warned about" "$T/dumps/phi-entered" \
    "this answer seems to hold a patient identifier (phone)"
expect_grep "and hidden on the projected screen" "$T/dumps/phi-hidden" \
    "call [identifier hidden: v shows] re the plan"
expect_grep "v asks first" "$T/dumps/phi-asked" "Show the patient identifier on the"
expect_grep "y shows it" "$T/dumps/phi-shown" "call 415-555-0134 re the plan"
expect_grep "a parking-lot item is warned about" "$T/dumps/phi-park" \
    "this parking-lot item seems to hold a patient identifier (record number)"
expect_grep "the summary hides it in the parking lot" "$T/dumps/phi-summary" \
    "[identifier hidden: v shows] follow-up"
expect_grep "and v y shows it there" "$T/dumps/phi-summary-shown" "MRN 00482913 follow-up"
n=$(sqlite3 "$T/console.db" "select count(*) from responses where text = 'call 415-555-0134 re the plan'")
[ "$n" = 1 ] && ok "the answer is saved as typed" || fail "the answer is saved as typed ($n)"
PBL_SCRIPT=tests/cli/phi_study.script PBL_DUMP_DIR="$T/dumps" \
    "$PBL" --db "$T/console.db" --modules tests/fixtures/good study \
    --resident 'Ana Rivera' sample-module >"$T/out" 2>"$T/err"
expect_grep "self-study warns too" "$T/dumps/phi-study" \
    "this answer seems to hold a patient identifier (date of birth): it is masked"
expect_grep "and shows the answer whole (nothing is projected)" "$T/dumps/phi-study" "born on 3/14/1962"
