#!/bin/sh
# tests/e2e/curriculum.sh - a resident names a customer by a synonym the
# module lists as an alias ("ED attending" for "ER attending"), in a real
# terminal: self-study marks that customer as named, and the database keeps
# the answer as typed.
. tests/lib.sh
plan 7
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
expect_screen "an alias names the ER attending" "✔ ER attending"
expect_screen "an alias names the ER resident" "✔ ER resident"
if screen | grep -qF "(not named)"; then
    fail "no customer is marked not named"; screen | sed 's/^/#   /'
else ok "no customer is marked not named"; fi
a=$(sqlite3 "$DB" "SELECT text FROM responses WHERE qidx = 0")
[ "$a" = "The ED attending and the emergency medicine resident" ] &&
    ok "the answer is stored as typed" || fail "stored answer: '$a'"
