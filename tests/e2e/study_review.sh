#!/bin/sh
# tests/e2e/study_review.sh - a resident studies in a real terminal (tmux):
# completes one module, quits half-way through a second, resumes it; then
# review shows both attempts, with the module text as it was studied even
# after the YAML file changed.
. tests/lib.sh
DB="$T/study.db"
. tests/tmux.sh
plan 34
mkdir "$T/mods"
cp tests/fixtures/good/sample-module.yaml tests/fixtures/good/minimal.yaml \
    modules/skills.yaml "$T/mods/"

# --- the first module, start to finish --------------------------------------
start 100 30 "$PBL --modules '$T/mods' study"
expect_screen "self-study asks the resident's name once" "Your name"
type_text "Ana Rivera"
keys Enter
expect_screen "the picker shows the library" "sample-module"
expect_screen "the picker shows progress" "not started"
keys j Enter
expect_screen "the module starts on its scenario" "First paragraph of the scenario"
keys Right Right
expect_screen "the first question" "Who is/are the customer(s)?"
keys r
expect_screen "the model answer stays hidden until an answer is typed" "type your answer first"
if screen | grep -qF "Model answer"; then fail "nothing of the model answer before answering"
else ok "nothing of the model answer before answering"; fi
keys e
type_text "The internal medicine residents and the trauma team"
keys Escape r
expect_screen "after answering, the model answer shows" "Model answer"
expect_screen "the customers the answer names are suggested" "· internal medicine resident (the answer seems to name it)"
if screen | grep -qF "(not named)"; then fail "no red cross for a customer before it is marked"
else ok "no red cross for a customer before it is marked"; fi
keys c 1 Escape
expect_screen "c marks a customer as named" "✔ internal medicine resident"
c=$(sqlite3 "$DB" "select customers from responses where qidx = 0")
[ "$c" = 1 ] && ok "the customer marked is in the database" || fail "the customer marked is in the database ($c)"
keys +
expect_screen "a self-rating is taken" "now: got"
keys Right G
expect_screen "giving up shows the model answer" "He answered the phone."
keys - Right F
expect_screen "finishing returns to the picker with progress" "done "

# --- the second module, quit half-way, resume -------------------------------
keys k Enter Right
expect_screen "the second module's question" "Who is the customer?"
keys e
type_text "the patient, half-way"
keys Escape q
expect_screen "quitting keeps the attempt resumable" "pbl resume"
start 100 30 "$PBL --modules '$T/mods' resume"
expect_screen "resume returns to the question" "the patient, half-way"
keys r =
keys Right F
expect_screen "the second attempt finishes" "done "
keys P
expect_screen "the progress screen counts modules done" "Modules done: 2 of 2"
expect_screen "the progress screen lists skills" "reliability"
keys q

# --- the YAML changes; review shows what was studied ------------------------
sed -i 's/First paragraph of the scenario/A REWRITTEN scenario/' "$T/mods/sample-module.yaml"
start 100 30 "$PBL --modules '$T/mods' review"
expect_screen "review lists the attempts" "self-study"
expect_screen "review names the resident" "Ana Rivera"
keys f f Enter
expect_screen "review opens the newest attempt" "Self-study session"
keys Escape j Enter
expect_screen "review shows the first attempt as it was studied" "First paragraph of the scenario"
if screen | grep -qF "REWRITTEN"; then fail "review does not show the edited YAML"
else ok "review does not show the edited YAML"; fi
expect_screen "review shows the recorded answer" "The internal medicine residents and the trauma team"
keys c
type_text "Good customer list"
keys Enter
sleep 0.3
c=$(sqlite3 "$DB" "select text from review_comments")
[ "$c" = "Good customer list" ] && ok "a review comment is saved" || fail "comment: $c"
keys D
type_text "wrong name"
keys Enter
expect_screen "a deletion needs the right name" "not deleted"
"$PBL" --db "$DB" db set hub "postgresql:///pbl?host=$T/nohub" >/dev/null
keys D
type_text "Ana Rivera"
keys Enter
expect_screen "the session is deleted" "session deleted"
expect_screen "... and, with a hub set, the deletion is said to travel" \
    "the next sync deletes it on the hub too"
n=$(sqlite3 "$DB" "select count(*) from sessions")
[ "$n" = 1 ] && ok "one attempt is left" || fail "sessions: $n"
o=$(sqlite3 "$DB" "select (select count(*) from session_modules) + (select count(*) from responses where session_id not in (select id from sessions)) + (select count(*) from review_comments)")
[ "$o" = 1 ] && ok "the deletion leaves no orphan rows" || fail "rows left: $o"
t=$(sqlite3 "$DB" "select kind || '/' || resident from deleted_sessions")
[ "$t" = "self-study/Ana Rivera" ] &&
    ok "the deletion leaves a tombstone, for merge and sync" ||
    fail "tombstones: $t"
keys Escape q
