#!/bin/sh
# tests/e2e/review_colours.sh - the review screen styles a part of the
# session by what it is, not by how its words begin (issue 13.6): an
# answer that reads like a question's title or a heading is drawn as an
# answer, while the real headings and titles keep their colours. Reads
# the screen with its attributes (tmux capture-pane -e).
. tests/lib.sh
DB="$T/colours.db"
. tests/tmux.sh
plan 6
case ${BUILD:-build} in
/*) FIXTURE=$BUILD/tools/export_fixture ;;
*) FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
"$FIXTURE" "$DB" >/dev/null 2>&1 && ok "the fixture database is built" ||
    fail "the fixture database is built"
sqlite3 "$DB" "UPDATE responses SET text = 'first line' || char(10) ||
  'Question 1 of 9: typed' || char(10) || '== x ==' WHERE qidx = 0 AND
  session_id = (SELECT id FROM sessions WHERE uuid LIKE '%3')"
n=$(sqlite3 "$DB" "SELECT count(*) FROM responses WHERE text LIKE '%== x ==%'")
[ "$n" = 1 ] && ok "one answer reads like a title and a heading" ||
    fail "one answer reads like a title and a heading ($n)"

unset NO_COLOR
start 100 40 "$PBL review"
expect_screen "the review list" "Review"
keys Enter # the newest session: number 3, with that answer
expect_screen "the session shows the answer" "== x =="
tm capture-pane -e -p -t e2e >"$T/attrs"
# a line's attributes are the escape sequences before its text
esc=$(printf '\033')
if grep -q "${esc}\[1m${esc}\[33m== 1\. " "$T/attrs" &&
    grep -q "${esc}\[1m${esc}\[36mQuestion 1 of 2:" "$T/attrs"; then
    ok "the module's heading and the question's title keep their colours"
else
    fail "the module's heading and the question's title keep their colours"
    sed 's/^/#   /' "$T/attrs" | cat -v
fi
if grep -q "^  Question 1 of 9: typed" "$T/attrs" &&
    grep -q "^  == x ==" "$T/attrs"; then
    ok "the answer's lines are drawn as the answer, not as a title or heading"
else
    fail "the answer's lines are drawn as the answer, not as a title or heading"
    grep -n "typed\|== x" "$T/attrs" | cat -v | sed 's/^/#   /'
fi
