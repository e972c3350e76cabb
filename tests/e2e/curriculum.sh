#!/bin/sh
# tests/e2e/curriculum.sh - a resident names a customer by a synonym the
# module lists as an alias ("ED attending" for "ER attending"), in a real
# terminal: self-study suggests that customer as named (the person's mark
# decides), and the database keeps the answer as typed and the marks.
. tests/lib.sh
plan 12
DB="$T/curriculum.db"
. tests/tmux.sh
mkdir "$T/mods"
cp modules/night-float-mri.yaml modules/skills.yaml modules/milestones.yaml \
    "$T/mods/"

start 100 30 "$PBL --modules '$T/mods' study night-float-mri --resident 'Ana Rivera'"
expect_screen "the module starts on its scenario" "The refused MRI"
keys Right Right
expect_screen "the first question" "Who is/are the customer(s)?"
keys e
type_text "The ED attending and the emergency medicine resident"
keys Escape r
expect_screen "after answering, the model answer shows" "Model answer"
expect_screen "an alias suggests the ER attending" "ER attending (the answer seems to name it)"
expect_screen "an alias suggests the ER resident" "ER resident (the answer seems to name it)"
keys c 1 2 Escape
expect_screen "marked, the ER attending is named" "✔ ER attending"
expect_screen "marked, the ER resident is named" "✔ ER resident"
a=$(sqlite3 "$DB" "SELECT text FROM responses WHERE qidx = 0")
[ "$a" = "The ED attending and the emergency medicine resident" ] &&
    ok "the answer is stored as typed" || fail "stored answer: '$a'"
c=$(sqlite3 "$DB" "SELECT customers FROM responses WHERE qidx = 0")
[ "$c" = 3 ] && ok "both marks are stored" || fail "stored marks: '$c'"

# the facilitator's picker shows what to send ahead (prework) and that the
# module role-plays, before the module starts
mkdir "$T/mods2"
cp modules/error-disclosure.yaml modules/skills.yaml modules/milestones.yaml "$T/mods2/"
start 120 40 "$PBL --modules '$T/mods2' facilitate"
expect_screen "the picker lists the module" "error-disclosure"
expect_screen "the picker says it role-plays" "role-play"
expect_screen "the picker shows the prework" "Read your hospital's policy"
